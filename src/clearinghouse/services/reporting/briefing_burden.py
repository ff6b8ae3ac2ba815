"""The briefing's burden sections: each nation's shares per kind of contribution, and the
impact card of the nation whose in-kind allocations are largest (the donor whose leaving
the cell would feel most), both over the same records as the rest of the briefing."""

from __future__ import annotations

from datetime import date

from clearinghouse.services.errors import UserError
from clearinghouse.services.logistics.facts import LogisticsFacts
from clearinghouse.services.reporting import charts
from clearinghouse.services.reporting.briefing_sections import Section
from clearinghouse.services.reporting.burden import KINDS, BurdenReport, burden, csv_rows
from clearinghouse.services.reporting.impact import ImpactCard, impact

SHOWN_NATIONS = 15
#: The kinds charted in the briefing (EUR for value; tonnes are in the CSV).
CHARTED = ("posts", "inkind_allocated_eur", "funding_spent_eur", "seats_used", "hub_capacity_t")


def burden_sections(facts: LogisticsFacts, *, today: date, view: str,
                    leaving: str | None = None) -> list[Section]:
    """The burden section and the impact card of ``leaving`` (default: the nation with the
    largest in-kind allocated EUR; none when nothing is allocated)."""
    report = burden(facts, as_of=today, computed_on=view)
    sections = [_burden_section(report)]
    if leaving is None:
        ranked = sorted(report.nations, key=lambda n: (-n.figures["inkind_allocated_eur"],
                                                       n.nation))
        leaving = ranked[0].nation if ranked and ranked[0].figures["inkind_allocated_eur"] else None
    if leaving is not None:
        sections.append(_impact_section(facts, leaving, today, view))
    return sections


def _burden_section(report: BurdenReport) -> Section:
    section = Section("Burden sharing")
    section.csv["burden"] = csv_rows(report)
    section.notes += report.notes
    ranked = sorted(report.nations, key=lambda n: (-n.figures["posts"], n.nation))
    top = ranked[:SHOWN_NATIONS]
    labels = {k.name: f"{k.label} ({k.unit})" for k in KINDS}
    if any(report.totals[k] for k in CHARTED):
        section.images["Burden: shares per nation (largest staff first)"] = (
            charts.paired_bars_chart([n.nation for n in top],
                                     {labels[k]: [n.shares[k] for n in top] for k in CHARTED},
                                     "Each nation's share per kind of contribution",
                                     "share of all nations shown", percent=True))
    header = ["nation", "posts", "vacant", *(f"{labels[k]} share" for k in CHARTED)]
    section.shown["Shares per nation (largest staff first)"] = (header, [
        [n.nation, int(n.figures["posts"]), n.posts_vacant,
         *(f"{100 * n.shares[k]:.1f} %" for k in CHARTED)] for n in top])
    return section


def _impact_section(facts: LogisticsFacts, nation: str, today: date, view: str) -> Section:
    section = Section(f"If {nation} leaves")
    try:
        card: ImpactCard = impact(facts, nation, as_of=today, view=view)
    except UserError as e:
        section.notes.append(f"The impact card of {nation} could not be computed: {e}")
        section.warnings.append(f"impact card of {nation}: {e}")
        return section
    section.notes += [
        f"Computed on {view}: the drop-out scenario without {nation}'s offers and pledges, "
        f"over the plan window from {card.window_start:%Y-%m} for {card.horizon} months "
        f"(`clearinghouse report impact {nation}`).",
        f"Posts to refill: {card.posts} ("
        + ", ".join(f"{b} {n}" for b, n in card.posts_by_branch.items()) + ").",
        f"Plan value {card.value_before:,.2f} → {card.value_after:,.2f}: "
        f"{card.value_lost:,.2f} lost; {card.needs_losing} needs get less.",
        "Classes only it supplies: " + (", ".join(r.class_code for r in card.single_source)
                                        or "none") + ".",
        f"Training seats lost: {card.seats_hosted:,.0f} hosted, {card.seats_used:,.0f} used; "
        f"hub capacity lost: {card.hub_capacity_t:,.0f} t a month.",
    ]
    section.csv["impact"] = (
        ["nation", "capability", "requested", "fill_before", "fill_after", "units_lost"],
        [[nation, c.capability, c.requested, round(c.before, 6), round(c.after, 6),
          round(c.units_lost, 3)] for c in card.capabilities])
    section.shown[f"Units lost per capability without {nation}"] = section.csv["impact"]
    return section
