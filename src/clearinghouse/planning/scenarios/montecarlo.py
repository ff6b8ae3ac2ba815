"""Monte Carlo futures on Dask: each run re-plans one random future of the picture.

The picture's model is built and solved once (replan.FutureModel: a future changes only
bounds) and scattered to the workers, where each worker process loads it into one HiGHS
instance on its first chunk and re-solves it for every future of its chunks. Runs are mapped
in chunks and gathered in order. A run's future depends only on (seed, run), and each run
starts from the picture's optimal basis, so the result is the same on any number of workers.
"""

from __future__ import annotations

import logging
import math
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from clearinghouse.domain.bundle import Bundle
from clearinghouse.planning.result import FULL
from clearinghouse.planning.scenarios.futures import FutureSpec, draw
from clearinghouse.planning.scenarios.replan import FutureModel
from clearinghouse.planning.settings import PlanSettings

if TYPE_CHECKING:
    from distributed import Client

PRIORITIES = (1, 2, 3, 4, 5)
CHUNKS_PER_WORKER = 16  # chunks per worker at least (runs allowing): the last ones end together
MAX_CHUNK = 16  # runs; a chunk costs a task round trip only: the model stays loaded
BINS = 10  # bars of a stored histogram


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
class Histogram:
    """How many futures fall in each of ``len(counts)`` equal bins from ``low`` to ``high``
    (the last bin holds ``high``): the distribution kept when the futures are not."""

    low: float
    high: float
    counts: list[int]

    @classmethod
    def of(cls, values: list[float], low: float | None = None,
           high: float | None = None) -> Histogram:
        a = np.asarray(values, dtype=np.float64)
        lo = float(a.min()) if low is None else low
        hi = float(a.max()) if high is None else high
        if hi <= lo:  # every future alike: one bar
            return cls(lo, hi, [len(values)])
        counts, _ = np.histogram(a, bins=BINS, range=(lo, hi))
        return cls(lo, hi, [int(c) for c in counts])


@dataclass(frozen=True, slots=True)
class MonteCarloResult:
    runs: int
    spec: FutureSpec
    value: Distribution
    fill_by_priority: dict[int, Distribution]  # priorities with needs only
    most_unmet: list[tuple[str, float]]
    outcomes: list[RunOutcome]
    value_histogram: Histogram
    fill_histograms: dict[int, Histogram]  # on 0–100 %, priorities with needs only


class Outcomes:
    """What a run's plan is reported by: per priority, the units requested by the picture's
    needs (fill_rates' terms), and the planned needs' priorities and refs."""

    def __init__(self, bundle: Bundle, model: FutureModel) -> None:
        self.requested = np.zeros(len(PRIORITIES))
        for need in bundle.needs:
            self.requested[need.priority - 1] += need.quantity
        self.priority = model.p.need_priority - 1
        self.need_ref = model.p.need_ref
        self.need_qty = model.p.need_qty


def run_future(model: FutureModel, outcomes: Outcomes, spec: FutureSpec,
               run: int) -> RunOutcome:
    """Draw run ``run``'s future and re-plan it on the picture's model."""
    future = model.plan(draw(spec, len(model.offer_index), len(model.p.hubs),
                             model.p.horizon, run))
    delivered = np.bincount(outcomes.priority, weights=future.held, minlength=len(PRIORITIES))
    fill = tuple(float(d / r) if r else None
                 for d, r in zip(delivered.tolist(), outcomes.requested.tolist(), strict=True))
    fraction = np.where(outcomes.need_qty > 0,
                        future.held / np.maximum(outcomes.need_qty, 1), 1.0)
    unmet = tuple(sorted(outcomes.need_ref[i] for i in np.flatnonzero(fraction < FULL)))
    return RunOutcome(run, future.value, fill, unmet)


def run_chunk(model: FutureModel, outcomes: Outcomes, spec: FutureSpec,
              runs: list[int]) -> list[RunOutcome]:
    """Runs ``runs`` one after the other on this worker's copy of the model."""
    return [run_future(model, outcomes, spec, r) for r in runs]


def summarize(spec: FutureSpec, outcomes: list[RunOutcome], top: int = 20) -> MonteCarloResult:
    """Mean and 5th/50th/95th percentiles of value and fill rates and their histograms;
    needs most often unmet."""
    counts = Counter(ref for o in outcomes for ref in o.unmet)
    n = len(outcomes)
    most = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    fill: dict[int, Distribution] = {}
    fill_histograms: dict[int, Histogram] = {}
    for i, p in enumerate(PRIORITIES):
        rates = [f for o in outcomes if (f := o.fill[i]) is not None]
        if rates:
            fill[p] = Distribution.of(rates)
            fill_histograms[p] = Histogram.of(rates, 0.0, 1.0)
    values = [o.value for o in outcomes]
    return MonteCarloResult(
        n, spec, Distribution.of(values), fill, [(ref, c / n) for ref, c in most], outcomes,
        Histogram.of(values), fill_histograms)


def montecarlo(bundle: Bundle, settings: PlanSettings, runs: int, delay_prob: float,
               withdraw_prob: float, hub_outage_prob: float, seed: int,
               scheduler: str | None = None, workers: int | None = None,
               progress: Callable[[int, int], None] | None = None) -> MonteCarloResult:
    """``runs`` random futures re-planned on Dask (a local cluster unless ``scheduler``)."""
    from distributed import Client, LocalCluster

    spec = FutureSpec(delay_prob, withdraw_prob, hub_outage_prob, seed)
    if runs < 1:
        raise ValueError(f"runs {runs} must be at least 1")
    model = FutureModel(bundle, settings)
    outcomes = Outcomes(bundle, model)
    cluster = None
    if scheduler is None:  # processes, one thread each: HiGHS and the rounding hold the GIL
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=":0",
                               silence_logs=logging.ERROR)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        found = run_futures(client, model, outcomes, spec, runs, progress)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return summarize(spec, found)


def run_futures(client: Client, model: FutureModel, outcomes: Outcomes, spec: FutureSpec,
                runs: int, progress: Callable[[int, int], None] | None = None, *,
                first: int = 0) -> list[RunOutcome]:
    """Runs ``first`` … ``first + runs − 1`` on ``client``'s workers, in order: the model is
    scattered once; chunks are small enough to balance the load and move the progress bar."""
    from distributed import as_completed

    n_workers = max(1, len(client.scheduler_info()["workers"]))
    size = max(1, min(MAX_CHUNK, math.ceil(runs / (n_workers * CHUNKS_PER_WORKER))))
    end = first + runs
    chunks = [list(range(i, min(i + size, end))) for i in range(first, end, size)]
    data = client.scatter([model, outcomes], broadcast=True)
    futures = client.map(run_chunk, [data[0]] * len(chunks), [data[1]] * len(chunks),
                         [spec] * len(chunks), chunks, pure=False)
    sizes = {f.key: len(c) for f, c in zip(futures, chunks, strict=True)}
    done = 0
    for finished in as_completed(futures):
        done += sizes[finished.key]
        if progress:
            progress(done, runs)
    parts: list[list[RunOutcome]] = client.gather(futures)
    return [o for part in parts for o in part]
