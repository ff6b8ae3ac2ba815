"""What a bundle holds, as plain figures for a summary table (the CLI renders them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from clearinghouse.domain.bundle import Bundle

PRIORITIES = (1, 2, 3, 4, 5)
UNKNOWN_CAPABILITY = "(unknown class)"


@dataclass(frozen=True, slots=True)
class DonorTotals:
    donor: str
    name: str
    offers: int
    units: int
    value_eur: float


@dataclass(frozen=True, slots=True)
class HubCapacity:
    code: str
    name: str
    country: str
    capacity_t_per_month: float
    opens: date
    closes: date | None


@dataclass(frozen=True, slots=True)
class MandateEnding:
    code: str
    name: str
    ends: date
    days_left: int


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """Counts per sheet; needs per capability and priority; offers per donor; hubs; mandates.

    ``needs_by_capability`` maps a capability to its need counts for priorities 1 … 5;
    capabilities and donors come largest first.
    """

    counts: dict[str, int]
    needs_by_capability: dict[str, tuple[int, ...]]
    offers_by_donor: tuple[DonorTotals, ...]
    hubs: tuple[HubCapacity, ...]
    mandates_ending: tuple[MandateEnding, ...]


def summarize(bundle: Bundle, today: date) -> DemoSummary:
    """Summarise ``bundle`` as seen on ``today`` (which mandates end within 90 days)."""
    return DemoSummary(
        counts=bundle.counts(),
        needs_by_capability=_needs_by_capability(bundle),
        offers_by_donor=_offers_by_donor(bundle),
        hubs=tuple(HubCapacity(h.code, h.name, h.country, h.capacity_t_per_month, h.opens,
                               h.closes) for h in bundle.hubs),
        mandates_ending=tuple(MandateEnding(m.code, m.name, m.ends, (m.ends - today).days)
                              for m in sorted(bundle.missions, key=lambda m: m.ends)
                              if m.ends_soon(today)),
    )


def _needs_by_capability(bundle: Bundle) -> dict[str, tuple[int, ...]]:
    capability = {i.class_code: i.capability for i in bundle.items}
    table: dict[str, list[int]] = {}
    for need in bundle.needs:
        row = table.setdefault(capability.get(need.class_code, UNKNOWN_CAPABILITY),
                               [0] * len(PRIORITIES))
        row[need.priority - 1] += 1
    ordered = sorted(table.items(), key=lambda kv: (-sum(kv[1]), kv[0]))
    return {name: tuple(row) for name, row in ordered}


def _offers_by_donor(bundle: Bundle) -> tuple[DonorTotals, ...]:
    names = {n.code: n.name for n in bundle.nations}
    totals: dict[str, tuple[int, int, float]] = {}
    for offer in bundle.offers:
        count, units, value = totals.get(offer.donor, (0, 0, 0.0))
        totals[offer.donor] = (count + 1, units + offer.quantity,
                               value + (offer.value_eur or 0.0))
    rows = [DonorTotals(d, names.get(d, d), c, u, v) for d, (c, u, v) in totals.items()]
    return tuple(sorted(rows, key=lambda r: (-r.value_eur, r.donor)))
