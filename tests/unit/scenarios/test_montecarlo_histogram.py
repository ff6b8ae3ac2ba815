"""The Monte Carlo distribution kept when the futures are not: histograms of the plan value
and of each priority's fill rate, counting every future once."""

from __future__ import annotations

from clearinghouse.planning.scenarios.futures import FutureSpec
from clearinghouse.planning.scenarios.montecarlo import BINS, Histogram, RunOutcome, summarize

SPEC = FutureSpec(0.1, 0.05, 0.1, 0)


def outcome(run: int, value: float, fill1: float) -> RunOutcome:
    return RunOutcome(run, value, (fill1, None, None, None, None), ())


def test_every_future_falls_in_one_bar_of_the_value_and_fill_histograms() -> None:
    futures = [outcome(i, 100.0 + i, i / 19) for i in range(20)]
    result = summarize(SPEC, futures)
    value = result.value_histogram
    assert (value.low, value.high) == (100.0, 119.0)
    assert len(value.counts) == BINS
    assert sum(value.counts) == 20
    assert value.counts[-1] == 2  # the highest value is counted in the last bar
    assert list(result.fill_histograms) == [1]  # priorities with needs only
    fill = result.fill_histograms[1]
    assert (fill.low, fill.high) == (0.0, 1.0)
    assert sum(fill.counts) == 20


def test_futures_that_all_agree_make_one_bar() -> None:
    assert Histogram.of([5.0, 5.0, 5.0]) == Histogram(5.0, 5.0, [3])
