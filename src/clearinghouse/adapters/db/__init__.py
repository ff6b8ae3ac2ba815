"""Storage: tables, migrations, engines, repositories and the audit log."""
