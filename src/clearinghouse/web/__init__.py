"""Server-rendered web pages (to come: issue 8)."""
