"""Use cases: the only code that commits, through a unit of work."""
