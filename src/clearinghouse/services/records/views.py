"""Read models the interfaces render (re-exported so that interfaces depend on services only)."""

from clearinghouse.demo.summary import DemoSummary, summarize
from clearinghouse.planning.figures import FillRate, HubLoad, UnmetNeed

__all__ = ["DemoSummary", "FillRate", "HubLoad", "UnmetNeed", "summarize"]
