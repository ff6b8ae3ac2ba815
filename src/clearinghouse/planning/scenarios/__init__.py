"""What-if scenarios on a copy of the picture: drop-outs, hub changes, dependency, futures."""
