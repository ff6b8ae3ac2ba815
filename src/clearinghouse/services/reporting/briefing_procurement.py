"""The briefing's two-way procurement section: what allies can buy from the recipient's
industry in the approved plan, when, and what the industry earns per month — over the
requests the reader's nation may see (every request for the database operator)."""

from __future__ import annotations

from collections import defaultdict

from clearinghouse.config import Settings
from clearinghouse.services.planning.procurement import (
    ProcurementView,
    by_buyer,
    view_of,
    visible_requests,
)
from clearinghouse.services.records.users import User
from clearinghouse.services.reporting.briefing_sections import Section
from clearinghouse.services.runtime.database import ready_engine
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork


def procurement_section(settings: Settings, reader: User | None) -> Section:
    """The approved plan's procurement as the reader may see it (see the module text)."""
    section = Section("Two-way procurement: allies buying from the recipient's industry")
    section.csv = {
        "procurement_lines": (["request", "buyer", "producer", "made", "delivered", "quantity",
                               "unit_price_eur", "amount_eur"], []),
        "procurement_earnings": (["month", "units", "eur"], []),
        "procurement_unfilled": (["request", "buyer", "class", "quantity", "filled",
                                  "reason"], []),
    }
    engine = ready_engine(settings)
    try:
        with SqlUnitOfWork(engine, reader.name if reader else "briefing") as uow:
            run = uow.plan_runs.approved()
            nation = None if reader is None or reader.whole_view else reader.nation
            requests = visible_requests(uow, nation)
    finally:
        engine.dispose()
    if run is None:
        section.notes.append("No plan approved yet: nothing to report on procurement.")
        return section
    section.plan = f"approved plan run {run.id}"
    if not requests:
        section.notes.append(f"Approved plan run {run.id} fills no procurement request "
                             "released to you.")
        return section
    _fill(section, view_of(run, requests))
    return section


def _fill(section: Section, view: ProcurementView) -> None:
    units, earned = view.units_per_month(), view.earnings_per_month()
    lines = [[x.request, view.buyers[x.request], x.producer, view.label(x.month),
              view.label(x.delivery), x.quantity, x.unit_price_eur, round(x.amount_eur, 2)]
             for x in view.lines]
    months = [[view.label(m), units[m], round(earned[m], 2)] for m in range(view.horizon)]
    unfilled: list[list[object]] = [[r.ref, r.buyer, r.class_code, r.quantity, r.filled,
                                     r.reason] for r in view.unfilled]
    section.csv["procurement_lines"] = (section.csv["procurement_lines"][0], list(lines))
    section.csv["procurement_earnings"] = (section.csv["procurement_earnings"][0],
                                           list(months))
    section.csv["procurement_unfilled"] = (section.csv["procurement_unfilled"][0], unfilled)
    section.notes.append(
        f"Approved plan run {view.run_id}: {sum(units):,} units for allies, "
        f"{view.amount_eur:,.0f} EUR for the recipient's industry, from capacity the "
        f"recipient's own plan leaves unused; {len(view.requests) - len(view.unfilled)} of "
        f"{len(view.requests)} requests filled in full.")
    section.notes += [f"{buyer} can buy {u:,} units for {e:,.0f} EUR."
                      for buyer, (u, e) in by_buyer(view).items()]
    reasons: dict[str, int] = defaultdict(int)
    for r in view.unfilled:
        reasons[str(r.reason)] += 1
    section.notes += [f"{n} not filled in full: {reason}." for reason, n in sorted(
        reasons.items())]
    section.shown = {
        "What allies can buy, and when": section.csv["procurement_lines"],
        "What the recipient's industry earns per month of making": (
            section.csv["procurement_earnings"][0], [row for row in months if row[1]]),
        "Requests not filled in full": section.csv["procurement_unfilled"],
    }
