"""Exchange use cases: import and export bundles (files, uploads), the demo picture."""
