"""Logistics use cases: shipments and their events, hub throughput, the ledger."""
