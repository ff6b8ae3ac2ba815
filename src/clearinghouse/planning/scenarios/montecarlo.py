"""Monte Carlo futures on Dask: each run re-plans one random future of the picture.

The bundle is scattered to the workers once; runs are mapped in chunks and gathered in
order. A run's future depends only on (seed, run), so the result is the same on any number
of workers. Each run builds its model afresh: a delay moves units between arrival blocks,
which changes the model's rows, not only their bounds.
"""

from __future__ import annotations

import logging
import math
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from clearinghouse.domain.bundle import Bundle
from clearinghouse.planning.engine import plan
from clearinghouse.planning.figures import fill_rates
from clearinghouse.planning.result import FULL
from clearinghouse.planning.scenarios.futures import FutureSpec, draw_future
from clearinghouse.planning.settings import PlanSettings

PRIORITIES = (1, 2, 3, 4, 5)
CHUNKS_PER_WORKER = 4  # enough chunks to balance the load and move the progress bar


@dataclass(frozen=True, slots=True)
class RunOutcome:
    """One future: the plan's value, each priority's fill rate (None: no such need), unmet."""

    run: int
    value: float
    fill: tuple[float | None, ...]
    unmet: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Distribution:
    mean: float
    p5: float
    p50: float
    p95: float

    @classmethod
    def of(cls, values: list[float]) -> Distribution:
        a = np.asarray(values, dtype=np.float64)
        p5, p50, p95 = np.percentile(a, [5, 50, 95]).tolist()
        return cls(float(a.mean()), p5, p50, p95)


@dataclass(frozen=True, slots=True)
class MonteCarloResult:
    runs: int
    spec: FutureSpec
    value: Distribution
    fill_by_priority: dict[int, Distribution]  # priorities with needs only
    most_unmet: list[tuple[str, float]]
    outcomes: list[RunOutcome]


def run_future(bundle: Bundle, settings: PlanSettings, spec: FutureSpec,
               run: int) -> RunOutcome:
    """Draw run ``run``'s future and plan it."""
    future = plan(draw_future(bundle, settings, spec, run), settings)
    requested = dict.fromkeys(PRIORITIES, 0.0)
    delivered = dict.fromkeys(PRIORITIES, 0.0)
    for row in fill_rates(future, bundle):
        requested[row.priority] += row.requested
        delivered[row.priority] += row.delivered
    fill = tuple(delivered[p] / requested[p] if requested[p] else None for p in PRIORITIES)
    unmet = tuple(sorted(ref for ref, r in future.needs.items() if r.fraction < FULL))
    return RunOutcome(run, future.value, fill, unmet)


def run_chunk(bundle: Bundle, settings: PlanSettings, spec: FutureSpec,
              runs: list[int]) -> list[RunOutcome]:
    return [run_future(bundle, settings, spec, r) for r in runs]


def summarize(spec: FutureSpec, outcomes: list[RunOutcome], top: int = 20) -> MonteCarloResult:
    """Mean and 5th/50th/95th percentiles of value and fill rates; needs most often unmet."""
    counts = Counter(ref for o in outcomes for ref in o.unmet)
    n = len(outcomes)
    most = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    fill: dict[int, Distribution] = {}
    for i, p in enumerate(PRIORITIES):
        rates = [f for o in outcomes if (f := o.fill[i]) is not None]
        if rates:
            fill[p] = Distribution.of(rates)
    return MonteCarloResult(
        n, spec, Distribution.of([o.value for o in outcomes]), fill,
        [(ref, c / n) for ref, c in most], outcomes)


def montecarlo(bundle: Bundle, settings: PlanSettings, runs: int, delay_prob: float,
               withdraw_prob: float, hub_outage_prob: float, seed: int,
               scheduler: str | None = None, workers: int | None = None,
               progress: Callable[[int, int], None] | None = None) -> MonteCarloResult:
    """``runs`` random futures re-planned on Dask (a local cluster unless ``scheduler``)."""
    from distributed import Client, LocalCluster, as_completed

    spec = FutureSpec(delay_prob, withdraw_prob, hub_outage_prob, seed)
    if runs < 1:
        raise ValueError(f"runs {runs} must be at least 1")
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        n_workers = max(1, len(client.scheduler_info()["workers"]))
        size = max(1, math.ceil(runs / (n_workers * CHUNKS_PER_WORKER)))
        chunks = [list(range(i, min(i + size, runs))) for i in range(0, runs, size)]
        data = client.scatter(bundle, broadcast=True)
        futures = client.map(run_chunk, [data] * len(chunks), [settings] * len(chunks),
                             [spec] * len(chunks), chunks, pure=False)
        sizes = {f.key: len(c) for f, c in zip(futures, chunks, strict=True)}
        done = 0
        for finished in as_completed(futures):
            done += sizes[finished.key]
            if progress:
                progress(done, runs)
        parts: list[list[RunOutcome]] = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return summarize(spec, [o for part in parts for o in part])
