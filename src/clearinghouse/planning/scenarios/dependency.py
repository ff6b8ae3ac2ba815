"""Dependency metrics per capability: donors' shares of planned deliveries, the top share,
the Herfindahl–Hirschman index (Σ share², on the 0..1 scale) and single-source classes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from clearinghouse.domain.bundle import Bundle
from clearinghouse.planning.figures import capability_of_class
from clearinghouse.planning.plan import Plan
from clearinghouse.planning.scenarios.sources import class_donors


@dataclass(frozen=True, slots=True)
class CapabilityDependency:
    """Shares of a capability's planned deliveries (units in the needs' terms) by donor."""

    capability: str
    units: float
    shares: dict[str, float]
    top_donor: str | None
    top_share: float
    hhi: float
    single_source: dict[str, str]


def hhi(shares: list[float]) -> float:
    """Herfindahl–Hirschman index on the 0..1 scale (multiply by 10,000 for points)."""
    return float(sum(s * s for s in shares))


def delivered_by_donor(bundle: Bundle, plan: Plan) -> dict[str, dict[str, float]]:
    """Planned units per capability and donor, in the receiving needs' own units."""
    items = {i.code: i for i in bundle.items}
    capability = capability_of_class(bundle)
    factor = {(s.need_class, s.offer_class): s.factor for s in bundle.substitutes}
    offers = {o.ref: (o.donor, items[o.item].class_code) for o in bundle.offers
              if o.item in items}
    pledges = {f.ref: f.donor for f in bundle.funding}
    made = {p.code: p.class_code for p in bundle.producers}
    needs = {n.ref: n.class_code for n in bundle.needs}
    out: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for a in plan.allocations:
        if a.producer is not None:
            donor, cls = pledges[a.offer], made[a.producer]
        else:
            donor, cls = offers[a.offer]
        need_class = needs[a.need]
        f = 1.0 if cls == need_class else factor.get((need_class, cls), 0.0)
        out[capability.get(need_class, "?")][donor] += a.quantity * f
    return {cap: dict(by) for cap, by in out.items()}


def dependency(bundle: Bundle, plan: Plan) -> list[CapabilityDependency]:
    """Per capability with needs: donor shares, top share, HHI and single-source classes
    (needed classes that one donor alone offers, in kind or via funding; class → donor)."""
    delivered = delivered_by_donor(bundle, plan)
    capability = capability_of_class(bundle)
    suppliers = class_donors(bundle)
    needed = {n.class_code for n in bundle.needs}
    caps = sorted({capability.get(c, "?") for c in needed})
    out = []
    for cap in caps:
        units = delivered.get(cap, {})
        total = sum(units.values())
        shares = {d: u / total for d, u in sorted(units.items())} if total > 0 else {}
        top = max(sorted(shares), key=lambda d: shares[d]) if shares else None
        alone = {c: next(iter(suppliers[c])) for c in sorted(needed)
                 if capability.get(c, "?") == cap and len(suppliers.get(c, ())) == 1}
        out.append(CapabilityDependency(cap, total, shares, top,
                                        shares[top] if top else 0.0,
                                        hhi(list(shares.values())), alone))
    return out
