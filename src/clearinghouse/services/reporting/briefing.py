"""The coordinator's briefing: one self-contained HTML file (charts inline as PNG, nothing
fetched from a network) and the same figures as CSV files next to it."""

from __future__ import annotations

import csv
import html
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from clearinghouse.config import Settings
from clearinghouse.domain.formula_cells import neutralise
from clearinghouse.domain.lifecycle import UNCOUNTED_NEEDS
from clearinghouse.services.errors import UserError
from clearinghouse.services.logistics.facts import LogisticsFacts, ledger_rows, throughput
from clearinghouse.services.logistics.ledger import STAGES, stage_shares, totals
from clearinghouse.services.records.nation_reader import facts_for
from clearinghouse.services.records.users import User
from clearinghouse.services.reporting import charts
from clearinghouse.services.reporting.briefing_burden import burden_sections
from clearinghouse.services.reporting.briefing_procurement import procurement_section
from clearinghouse.services.reporting.briefing_scenarios import scenario_sections
from clearinghouse.services.reporting.briefing_sections import (
    Section,
    Table,
    section_html,
    training_section,
)
from clearinghouse.services.reporting.burden import computed_on

MANDATE_WARN_DAYS = 90
TOP_DONORS = 15


@dataclass(frozen=True, slots=True)
class Briefing:
    html: Path
    csv: list[Path]
    warnings: list[str]


@dataclass(frozen=True, slots=True)
class BriefingContent:
    """The briefing's figures for one reader: its sections (each saying which plan and which
    view its figures come from), every figure as a CSV table by name, and the warnings."""

    today: date
    scope: str
    sections: list[Section]
    tables: dict[str, Table]
    warnings: list[str]


def briefing(settings: Settings, *, today: date, reader: User | None = None) -> BriefingContent:
    """The briefing's sections and figures: logistics, training (over the latest approved
    plan's window, else from this month), burden sharing, procurement and the latest stored
    scenario runs.

    Without ``reader`` every record counts (the database operator's view), and the scenario
    sections show the latest runs whatever they planned, each labelled with it. With one,
    every figure, table, chart and warning counts only the records released to the reader's
    nation, and the scenario sections show only runs planned on those records (see
    :func:`scenario_sections`).
    """
    facts = facts_for(settings, reader)
    logistics, tables, warnings = _logistics(facts, today)
    start = facts.plan_start or date(today.year, today.month, 1)
    scope = ("every record, as the database operator" if reader is None
             else f"the records released to {reader.nation} only")
    plan = ("no plan approved yet" if facts.plan_run is None
            else f"approved plan run {facts.plan_run}")
    training = training_section(settings, facts.bundle, start=start, horizon=facts.horizon)
    training.plan = (f"{plan}'s window" if facts.plan_run is not None else "no plan approved "
                     "yet; this month's window") + f", {start:%Y-%m} for {facts.horizon} months"
    sections = [logistics, training,
                *burden_sections(facts, today=today, view=computed_on(reader)),
                procurement_section(settings, reader),
                *scenario_sections(settings, None if reader is None else reader.nation)]
    for section in sections:
        section.plan = section.plan or plan
        section.view = section.view or scope
        tables.update(section.csv)
        warnings += section.warnings
    return BriefingContent(today, scope, sections, tables, warnings)


def write_briefing(settings: Settings, out: Path, *, today: date,
                   reader: User | None = None) -> Briefing:
    """Write the :func:`briefing` for ``reader`` as HTML to ``out`` and its figures as
    ``<stem>_<figure>.csv`` beside."""
    content = briefing(settings, today=today, reader=reader)
    written = []
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        for name, (header, rows) in content.tables.items():
            path = out.with_name(f"{out.stem}_{name}.csv")
            with path.open("w", newline="", encoding="utf-8") as f:
                writer = csv.writer(f)
                writer.writerow(header)
                writer.writerows([[neutralise(v) if isinstance(v, str) else v for v in row]
                                  for row in rows])
            written.append(path)
        out.write_text(_html(content), encoding="utf-8")
    except OSError as e:
        raise UserError(f"cannot write the briefing to {out}: {e}") from e
    return Briefing(out, written, content.warnings)


#: The briefing's fill figure counts deliveries: it is not the dashboard's fill rate, which is
#: what the approved plan plans to deliver (services.reporting.dashboard.planned_fill_rates).
FILL_RATE = "Delivered ÷ requested by capability and priority"


def _logistics(facts: LogisticsFacts,
               today: date) -> tuple[Section, dict[str, Table], list[str]]:
    bundle = facts.bundle
    capability = {i.class_code: i.capability for i in bundle.items}
    requested: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for n in bundle.needs:
        if n.status not in UNCOUNTED_NEEDS:
            cell = requested[(capability.get(n.class_code, n.class_code), n.priority)]
            cell[0] += n.quantity
            cell[1] += n.delivered
    fill = {k: done / asked for k, (asked, done) in requested.items()}
    caps = sorted({c for c, _ in requested})
    prios = sorted({p for _, p in requested}) or [1]
    loads, warnings = throughput(facts, today=today)
    rows = ledger_rows(facts)
    by_donor = totals(rows)
    donors = sorted(by_donor, key=lambda d: -by_donor[d]["pledged"].eur)[:TOP_DONORS]
    missions = sorted(bundle.missions, key=lambda m: m.ends)
    days = [(m.ends - today).days for m in missions]
    seats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for c in bundle.courses:
        seats[c.mission][0] += 1
        seats[c.mission][1] += c.seats
    warnings += [f"mandate {m.code} ({m.name}) ends {m.ends}, in {d} days"
                 for m, d in zip(missions, days, strict=True) if 0 <= d <= MANDATE_WARN_DAYS]
    tables: dict[str, Table] = {
        "fill_rate": (["capability", "priority", "requested", "delivered", "fill_rate"],
                      [[c, p, a, d, round(d / a, 6)] for (c, p), (a, d)
                       in sorted(requested.items())]),
        "hub_tonnes": (["hub", "month", "capacity_t", "planned_t", "actual_t"],
                       [[x.hub, f"{x.month:%Y-%m}", x.capacity_t, round(x.planned_t, 3),
                         round(x.actual_t, 3)] for x in loads]),
        "ledger": (["donor", "capability", "instrument", "source"]
                   + [f"{s}_{u}" for s in STAGES for u in ("units", "eur")],
                   [[r.donor, r.capability, r.instrument, r.source]
                    + [v for s in STAGES for v in (r.stages[s].units, round(r.stages[s].eur, 2))]
                    for r in rows]),
        "donor_shares": (["capability", "donor", "share_of_allocated_units"],
                         [[c, d, round(v, 6)] for c, shares in stage_shares(rows).items()
                          for d, v in shares.items()]),
        "mandates": (["mission", "name", "ends", "days_left", "courses", "seats"],
                     [[m.code, m.name, m.ends.isoformat(), d, *seats[m.code]]
                      for m, d in zip(missions, days, strict=True)]),
    }
    section = Section("Logistics", images={
        FILL_RATE: charts.fill_rate_chart(caps, prios, fill),
        "Hub tonnes against capacity per month": charts.throughput_chart(loads),
        "Ledger by donor (EUR)": charts.ledger_chart(
            donors, STAGES, {d: {s: by_donor[d][s].eur for s in STAGES} for d in donors}),
        "Mandates ending soon": charts.mandate_chart(
            [m.code for m in missions], days, MANDATE_WARN_DAYS),
    })
    section.shown = {FILL_RATE: tables["fill_rate"],
                     "Ledger by donor, capability and instrument": tables["ledger"],
                     "Mandates": tables["mandates"]}
    return section, tables, warnings


_STYLE = """body{font-family:sans-serif;margin:2em;max-width:70em;color:#222}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em}img{max-width:100%;border:1px solid #ddd}
.warn{color:#8a4b00}table{border-collapse:collapse;font-size:.85em}
td,th{border:1px solid #ccc;padding:.2em .5em;text-align:right}
h3{font-size:1em;margin-top:1.5em}code{background:#f3f3f3;padding:0 .2em}
.basis{color:#555;font-size:.9em}"""


def _html(content: BriefingContent) -> str:
    today = content.today
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
             f"<title>Clearing House briefing {today}</title><style>{_STYLE}</style></head>"
             f"<body><h1>Clearing House briefing — {today}</h1>"
             f"<p class='scope'>Figures over {html.escape(content.scope)}.</p>"]
    if content.warnings:
        parts.append("<h2>Warnings</h2><ul>" + "".join(
            f"<li class='warn'>{html.escape(w)}</li>" for w in content.warnings) + "</ul>")
    parts += [section_html(s) for s in content.sections]
    parts.append("<p>The same figures are in the CSV files next to this file.</p></body></html>")
    return "".join(parts)
