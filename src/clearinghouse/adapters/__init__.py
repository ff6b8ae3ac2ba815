"""Adapters between the domain and the outside world: the database and exchange files."""
