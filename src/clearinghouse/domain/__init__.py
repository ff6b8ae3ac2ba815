"""The clearing house's records and rules, as plain Python (no frameworks)."""
