"""Records use cases: records, resources and their policies, list pages, the audit log, users."""
