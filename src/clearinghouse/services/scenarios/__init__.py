"""Scenario use cases: drop-outs, hub changes, dependency, Monte Carlo; as jobs."""
