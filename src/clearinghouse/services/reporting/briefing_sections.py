"""Sections of the briefing beyond the logistics figures: a section's charts, tables and CSV
figures, its HTML, and the training section (trainees placed, training needs left unmet)."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from clearinghouse.config import Settings
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.months import add_months
from clearinghouse.services.errors import UserError
from clearinghouse.services.reporting import charts
from clearinghouse.services.training.plans import TrainingPlan, training_plan

#: A figure as a header row and data rows, written as CSV and shown as an HTML table.
Table = tuple[list[str], list[list[object]]]

SHOWN_ROWS = 100

#: Why a training need is left short, in a reader's words (planning/training/reasons.py).
TRAINING_REASONS = {
    "no-compatible-course": "no course of the need's category is offered",
    "caveat": "every course of the category breaks its host's caveats",
    "mandate": "every course left runs outside its mission's mandate",
    "too-late": "every course left starts too late or after the plan's horizon",
    "seats": "the usable courses are full",
    "solver-stopped": "the solver stopped before the optimum",
}


@dataclass(slots=True)
class Section:
    """A part of the briefing: notes (text; `…` marks a command), charts (alt text → PNG),
    tables shown in the HTML (caption → table) and figures written as CSV (name → table);
    ``plan`` and ``view`` say which plan its figures come from and whose records they count."""

    title: str
    notes: list[str] = field(default_factory=list)
    images: dict[str, bytes] = field(default_factory=dict)
    shown: dict[str, Table] = field(default_factory=dict)
    csv: dict[str, Table] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    plan: str = ""
    view: str = ""


def training_section(settings: Settings, bundle: Bundle, *, start: date,
                     horizon: int) -> Section:
    """Trainees the training planner places by category and host nation from ``start`` over
    ``horizon`` months, and the training needs it leaves unmet with the reason."""
    section = Section("Training")
    section.csv = {
        "training_by_category": (["category", "requested", "placed", "fill_rate"], []),
        "training_by_host": (["host", "courses", "seats_in_window", "placed"], []),
        "training_unmet": (["need", "category", "priority", "due", "requested", "placed",
                            "reason"], []),
    }
    if not bundle.training_needs and not bundle.courses:
        section.notes.append("No training needs or courses are recorded; import them to see "
                             "trainees placed here.")
        return section
    try:
        plan = training_plan(settings, bundle, start=start, horizon=horizon)
    except UserError as e:
        section.warnings.append(f"training could not be planned: {e}")
        section.notes.append(f"Training could not be planned: {e}")
        return section
    _fill_training(section, bundle, plan, start, horizon)
    return section


def _fill_training(section: Section, bundle: Bundle, plan: TrainingPlan, start: date,
                   horizon: int) -> None:
    requested: dict[str, int] = defaultdict(int)
    for n in bundle.training_needs:
        requested[n.category.value] += n.trainees
    end = add_months(start, horizon)
    courses: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for c in bundle.courses:
        courses[c.host][0] += 1
        if start <= c.starts < end:
            courses[c.host][1] += c.seats
    categories, hosts = list(plan.by_category), list(plan.by_host)
    by_category: list[list[object]] = [[c, requested[c], plan.by_category[c],
                    round(plan.by_category[c] / requested[c], 6) if requested[c] else None]
                   for c in categories]
    by_host: list[list[object]] = [[h, *courses[h], plan.by_host[h]] for h in hosts]
    needs = {n.ref: n for n in bundle.training_needs}
    unmet: list[list[object]] = [
        [ref, needs[ref].category.value, needs[ref].priority, needs[ref].due.isoformat(),
         r.requested, r.placed, r.reason or ""]
        for ref, r in plan.needs.items() if r.placed < r.requested]
    section.csv["training_by_category"] = (section.csv["training_by_category"][0], by_category)
    section.csv["training_by_host"] = (section.csv["training_by_host"][0], by_host)
    section.csv["training_unmet"] = (section.csv["training_unmet"][0], unmet)
    section.notes.append(
        f"Training plan ({plan.status}) for {horizon} months from {start:%Y-%m}: "
        f"{plan.trainees_placed:,} of {plan.trainees_requested:,} trainees placed; "
        f"{len(unmet)} of {len(plan.needs)} training needs not fully met.")
    reasons: dict[str, int] = defaultdict(int)
    for row in unmet:
        reasons[str(row[-1])] += 1
    section.notes += [f"{count} not fully met because {TRAINING_REASONS.get(r, r)} ({r})."
                      for r, count in sorted(reasons.items(), key=lambda kv: -kv[1])]
    if categories:
        section.images["Training: trainees placed by category"] = charts.paired_bars_chart(
            categories, {"requested": [requested[c] for c in categories],
                         "placed": [plan.by_category[c] for c in categories]},
            "Trainees requested and placed by course category", "trainees")
    if hosts:
        section.images["Training: trainees placed by host nation"] = charts.paired_bars_chart(
            hosts, {"seats in the window": [courses[h][1] for h in hosts],
                    "placed": [plan.by_host[h] for h in hosts]},
            "Course seats and trainees placed by host nation", "trainees")
    section.shown = {"Trainees by category": section.csv["training_by_category"],
                     "Trainees by host nation": section.csv["training_by_host"],
                     "Training needs not fully met": section.csv["training_unmet"]}


_COMMAND = re.compile(r"`([^`]+)`")


def note_html(note: str) -> str:
    """A note as HTML: escaped, each backticked command marked as code."""
    return _COMMAND.sub(r"<code>\1</code>", html.escape(note, quote=False))


def section_html(section: Section) -> str:
    """The section as HTML: heading, notes, charts inline as PNG data, tables."""
    parts = [f"<section class='part'><h2>{html.escape(section.title)}</h2>"]
    if section.plan or section.view:
        parts.append(f"<p class='basis'>Plan: {html.escape(section.plan)}. "
                     f"View: {html.escape(section.view)}.</p>")
    parts += [f"<p>{note_html(note)}</p>" for note in section.notes]
    for title, image in section.images.items():
        parts.append(f"<h3>{html.escape(title)}</h3><img class='chart' "
                     f"alt='{html.escape(title)}' src='{charts.data_uri(image)}'>")
    for caption, (header, rows) in section.shown.items():
        if rows:
            more = f" (first {SHOWN_ROWS} of {len(rows)})" if len(rows) > SHOWN_ROWS else ""
            parts.append(f"<h3>{html.escape(caption)}{more}</h3>"
                         + table_html(header, rows[:SHOWN_ROWS]))
    parts.append("</section>")
    return "".join(parts)


def table_html(header: list[str], rows: list[list[object]]) -> str:
    """An HTML table of the rows, every cell escaped (None shown as empty)."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(
        f"<td>{'' if v is None else html.escape(str(v))}</td>" for v in r) + "</tr>"
        for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"
