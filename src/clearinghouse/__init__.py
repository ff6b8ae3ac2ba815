"""Clearing House: match a recipient's needs with donor offers through logistics hubs."""

__version__ = "0.1.0"
