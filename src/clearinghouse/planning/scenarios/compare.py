"""Before and after: the same figures read off two plans of a picture and of its copy."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.formats import whole_units
from clearinghouse.planning.figures import fill_rates
from clearinghouse.planning.plan import Plan
from clearinghouse.planning.scenarios.sources import Replacement


@dataclass(frozen=True, slots=True)
class FillChange:
    """Requested units of a capability or priority and the fraction delivered before/after."""

    key: str
    requested: int
    before: float
    after: float


@dataclass(frozen=True, slots=True)
class NeedLoss:
    """A need the scenario leaves unmet or less met (units in the need's own terms)."""

    ref: str
    class_code: str
    priority: int
    requested: int
    before: float
    after: float
    reason: str | None


@dataclass(frozen=True, slots=True)
class ScenarioComparison:
    """The plan of the picture against the plan of the scenario's copy of it."""

    kind: str
    params: dict[str, object]
    value_before: float
    value_after: float
    by_capability: list[FillChange]
    by_priority: list[FillChange]
    needs: list[NeedLoss]
    single_source: list[Replacement] = field(default_factory=list)

    @property
    def value_lost(self) -> float:
        return self.value_before - self.value_after


def compare(kind: str, params: dict[str, object], before: tuple[Bundle, Plan],
            after: tuple[Bundle, Plan],
            single_source: list[Replacement] | None = None) -> ScenarioComparison:
    """Fill rates per capability and per priority before and after; needs that lose units."""
    (b0, p0), (b1, p1) = before, after
    caps0, prios0 = _rolled(b0, p0)
    caps1, prios1 = _rolled(b1, p1)
    needs = []
    for need in sorted(b0.needs, key=lambda n: (n.priority, n.due, n.ref)):
        was, now = p0.needs.get(need.ref), p1.needs.get(need.ref)
        got_before = was.delivered if was else 0.0
        got_after = now.delivered if now else 0.0
        if whole_units(got_after) < whole_units(got_before):  # a planned unit less
            needs.append(NeedLoss(need.ref, need.class_code, need.priority, need.quantity,
                                  got_before, got_after, now.reason if now else None))
    return ScenarioComparison(
        kind, params, p0.value, p1.value,
        [_change(k, caps0[k], caps1.get(k)) for k in sorted(caps0)],
        [_change(k, prios0[k], prios1.get(k)) for k in sorted(prios0)],
        needs, single_source or [])


def _rolled(bundle: Bundle, plan: Plan) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """(requested, delivered) per capability and per priority."""
    caps: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    prios: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for row in fill_rates(plan, bundle):
        for acc in (caps[row.capability], prios[str(row.priority)]):
            acc[0] += row.requested
            acc[1] += row.delivered
    return dict(caps), dict(prios)


def _change(key: str, before: list[float], after: list[float] | None) -> FillChange:
    requested = before[0]
    got = after[1] if after else 0.0
    if not requested:
        return FillChange(key, 0, 0.0, 0.0)
    return FillChange(key, int(requested), before[1] / requested, got / requested)
