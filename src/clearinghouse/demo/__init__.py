"""A generated, realistic clearing-house picture for demonstrations, tests and benchmarks."""

from clearinghouse.demo.generate import generate
from clearinghouse.demo.summary import DemoSummary, summarize

__all__ = ["DemoSummary", "generate", "summarize"]
