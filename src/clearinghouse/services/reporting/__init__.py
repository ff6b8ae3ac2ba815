"""Reporting use cases: the dashboard, reports, charts and the briefing."""
