"""One model for every future: re-solving it with a future's bounds plans what a fresh build
of the future's bundle plans."""

from __future__ import annotations

import dataclasses
import pickle
import random

import numpy as np
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from tests.support.futures import draw_future, fresh_future
from tests.unit.planning.bundles import bundle, hub, item, need, offer, pledge, producer, settings
from tests.unit.planning.test_properties import bundles

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.catalogue import Substitution
from clearinghouse.planning.allotment import TOL, Allotment
from clearinghouse.planning.engine import plan
from clearinghouse.planning.problem import Problem
from clearinghouse.planning.result import plan_value
from clearinghouse.planning.scenarios.futures import FutureDraw, FutureSpec, draw
from clearinghouse.planning.scenarios.montecarlo import Outcomes, run_future
from clearinghouse.planning.scenarios.replan import FutureModel
from clearinghouse.planning.scenarios.sweep import fresh_lp_value
from clearinghouse.planning.settings import PlanSettings

PROBABILITY = st.sampled_from([0.0, 0.2, 0.5, 1.0])


def future_of(b: Bundle, s: PlanSettings, spec: FutureSpec, run: int) -> FutureDraw:
    return draw(spec, len(b.offers), len(b.hubs), s.horizon, run)


def assert_keeps_the_futures_rules(fp: Problem, allotment: Allotment) -> None:
    """No offer ships more than the future leaves it, before it arrives, or through a shut or
    full hub-month."""
    used = np.zeros(len(fp.offer_ref))
    tonnes = np.zeros(fp.hub_open.shape)
    for row in allotment.rows:
        if row.producer >= 0:
            continue
        assert row.month >= fp.offer_month[row.source]
        assert fp.hub_open[row.hub, row.month]
        used[row.source] += row.quantity
        tonnes[row.hub, row.month] += row.quantity * fp.offer_weight[row.source] / 1000
    assert np.all(used <= fp.offer_qty)
    assert np.all(tonnes <= fp.hub_capacity[:, None] + 1e-9)


def lp_picture(seed: int) -> tuple[Bundle, PlanSettings]:
    """A picture above the branch-and-bound size (LP, rounding and top-up): 3 hubs with tight
    capacities, 2 classes that substitute, offers over 6 months, a funded producer."""
    rng = random.Random(seed)
    items = [item("A1", "A", 0.5), item("A2", "A", 1.0), item("B1", "B", 2.0, "medical"),
             item("B2", "B", 0.0, "medical")]
    hubs = [hub("H1", "POL", 40.0), hub("H2", "POL", 25.0, opens=1),
            hub("H3", "USA", 30.0, closes=8)]
    offers = [offer(f"O{i:03d}", rng.choice(["A1", "A2", "B1", "B2"]), rng.randint(1, 30),
                    rng.randint(-1, 6), rng.choice(["POL", "USA", "JPN"]))
              for i in range(90)]
    needs = [need(f"N{i:03d}", rng.choice("AB"), rng.randint(5, 60), rng.randint(1, 5),
                  rng.randint(0, 9)) for i in range(60)]
    return bundle(needs=needs, offers=offers, items=items, hubs=hubs,
                  substitutes=[Substitution("A", "B", 0.5)],
                  producers=[producer("P1", "A", 10.0, 5, lead=1)],
                  funding=[pledge("F1", 400.0)]), settings(horizon=10)


@hypothesis_settings(max_examples=60, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])
@given(bundles(), PROBABILITY, PROBABILITY, PROBABILITY, st.integers(0, 3), st.booleans())
def test_a_re_solved_future_has_the_optimum_of_a_fresh_build_of_its_bundle(
        case: tuple[Bundle, PlanSettings], delay: float, withdraw: float, outage: float,
        run: int, mip: bool) -> None:
    b, s = case
    spec = FutureSpec(delay, withdraw, outage, seed=5)
    fm = FutureModel(b, s, mip=mip)
    future = fm.plan(future_of(b, s, spec, run))
    fresh = plan(draw_future(b, s, spec, run), s, mip=mip)
    assert future.lp_value == pytest.approx(fresh_lp_value(draw_future(b, s, spec, run), s),
                                            rel=1e-6, abs=1e-6)
    if mip and fresh.status == "optimal":  # both whole-unit optima, within the MIP gap
        assert future.value == pytest.approx(fresh.value, rel=s.mip_rel_gap, abs=1e-6)
    assert future.value >= (fresh.greedy_value or 0.0) - 1e-6
    assert future.value <= (future.lp_value or 0.0) + 1e-6
    fp, allotment, _ = fm.whole_units(future_of(b, s, spec, run))
    assert_keeps_the_futures_rules(fp, allotment)


@pytest.mark.parametrize("seed", [1, 2])
def test_reused_and_fresh_builds_agree_on_random_futures_of_a_larger_picture(seed: int) -> None:
    b, s = lp_picture(seed)
    spec = FutureSpec(0.3, 0.1, 0.3, seed=seed)
    fm = FutureModel(b, s)
    assert not fm.integer
    for run in range(6):
        future = fm.plan(future_of(b, s, spec, run))
        fresh = plan(draw_future(b, s, spec, run), s)
        assert future.lp_value == pytest.approx(fresh.lp_bound, rel=1e-6)
        # whole units: another vertex of the same optimum rounds a little differently, but
        # both plans lie between the greedy baseline and the same bound
        assert fresh.greedy_value is not None
        assert fresh.greedy_value - 1e-6 <= future.value <= fresh.lp_bound + 1e-6
        fp, allotment, _ = fm.whole_units(future_of(b, s, spec, run))
        assert_keeps_the_futures_rules(fp, allotment)
        assert plan_value(fp, allotment) == pytest.approx(future.value)


def test_a_future_re_solved_after_others_is_the_same_as_on_a_new_model() -> None:
    b, s = lp_picture(3)
    spec = FutureSpec(0.4, 0.2, 0.5, seed=9)
    used = FutureModel(b, s)
    for run in (5, 0, 7):
        used.plan(future_of(b, s, spec, run))
    for run in (0, 2):
        again = used.plan(future_of(b, s, spec, run))
        new = FutureModel(b, s).plan(future_of(b, s, spec, run))
        assert (again.value, again.lp_value) == (new.value, new.lp_value)
        assert np.array_equal(again.held, new.held)


def test_a_model_sent_to_a_worker_plans_what_it_plans_here() -> None:
    b, s = lp_picture(4)
    spec = FutureSpec(0.3, 0.1, 0.3, seed=2)
    fm = FutureModel(b, s)
    copy = pickle.loads(pickle.dumps(fm))
    for run in range(3):
        one, two = fm.plan(future_of(b, s, spec, run)), copy.plan(future_of(b, s, spec, run))
        assert (one.value, one.lp_value) == (two.value, two.lp_value)


def test_with_no_change_the_model_plans_the_picture() -> None:
    b, s = lp_picture(5)
    fm = FutureModel(b, s)
    future = fm.plan(future_of(b, s, FutureSpec(0, 0, 0, seed=1), 0))
    base = plan(b, s)
    assert future.lp_value == pytest.approx(base.lp_bound, rel=1e-9)
    assert fm.base_value == pytest.approx(base.lp_bound, rel=1e-9)


def test_a_run_reports_fill_rates_and_unmet_needs_as_a_fresh_plan_does() -> None:
    from tests.unit.scenarios.test_scenario_rules import picture

    b, s = picture(), settings(horizon=6)
    fm = FutureModel(b, s)
    outcomes = Outcomes(b, fm)
    spec = FutureSpec(0.4, 0.2, 0.3, seed=11)
    for run in range(8):
        reused, fresh = run_future(fm, outcomes, spec, run), fresh_future(b, s, spec, run)
        assert reused.value == pytest.approx(fresh.value, abs=TOL)
        assert reused.fill == pytest.approx(fresh.fill)
        assert reused.unmet == fresh.unmet


def test_a_worker_keeps_solving_after_its_runs_add_up_to_the_time_limit() -> None:
    # HiGHS's clock counts every run of an instance: a Monte Carlo worker re-solving one model
    # a thousand times once hit the 300 s limit on every run after about the 700th
    b, s = lp_picture(4)
    s = dataclasses.replace(s, time_limit_s=0.05)
    spec = FutureSpec(0.3, 0.1, 0.3, seed=4)
    used = FutureModel(b, s)
    run = 0
    while used._solver().h.getRunTime() <= 2 * s.time_limit_s and run < 2_000:
        assert used.plan(future_of(b, s, spec, run)).lp_value is not None, run
        run += 1
    again = used.plan(future_of(b, s, spec, 0))
    new = FutureModel(b, s).plan(future_of(b, s, spec, 0))
    assert again.lp_value is not None
    assert (again.value, again.lp_value) == (new.value, new.lp_value)
