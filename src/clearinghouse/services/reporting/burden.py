"""Burden sharing (SPEC §5): what each nation brings to the cell, absolute and as a share,
computed over the records the viewer may see (SPEC §1.1) and saying so.

The kinds of contribution, per nation (the nation that fills a post, offers, pledges, hosts
a course or a hub):

* ``posts`` — staff posts filled on the report's day (``Post.filled_on``); ``posts_vacant``
  counts the nation's posts not filled that day (not yet, or no longer: it is shown, not
  shared);
* ``inkind_pledged_*``, ``inkind_allocated_*``, ``inkind_delivered_*`` (EUR and tonnes) — the
  ledger's in-kind stages (services/logistics/ledger.py: pledged = every offer; allocated =
  units on shipments of approved plans, less returned ones, plus the approved plan's units
  not shipped yet; delivered = units received), so that these figures are the ledger's;
* ``funding_pledged_eur`` — the pledges' amounts; ``funding_spent_eur`` — the ledger's
  allocated stage of funded production: produced units of approved plans × the producer's
  unit price;
* ``seats_hosted`` — seats of the nation's courses that start before the plan window ends
  (earlier ones count, as the training planner takes a course that started before the
  window as starting in its first month); ``seats_used`` — trainees the training planner
  places on them in that window (no training plan is stored, so it is planned here, as the
  briefing's training section does);
* ``hub_capacity_t`` — tonnes per month of the hubs in the nation that are open in at least
  one month of the window.

Each kind's share is the nation's figure over the total of all nations shown; the shares of
a kind add up to 1 when its total is positive, and are all 0 when nobody contributes. The
nations shown are those that bring something the viewer may see (a post, vacant ones
included, or a figure of any kind): a nation appears only through records released to the
viewer, and in every kind it brings nothing to it shows 0, never a gap.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from clearinghouse.config import Settings
from clearinghouse.domain.formula_cells import neutralise
from clearinghouse.domain.months import add_months, month_start
from clearinghouse.planning.training import TrainingPlan, plan_training
from clearinghouse.services.errors import UserError
from clearinghouse.services.logistics.facts import LogisticsFacts, ledger_rows
from clearinghouse.services.logistics.ledger import FUNDED, IN_KIND
from clearinghouse.services.logistics.shipment_views import visible_facts
from clearinghouse.services.planning.plan_runs import plan_settings
from clearinghouse.services.records.nation_reader import facts_for
from clearinghouse.services.records.users import User

#: What figures over every record say they were computed on.
EVERY_RECORD = "every record (the database operator's view)"


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of contribution: its column name, its words and its unit."""

    name: str
    label: str
    unit: str


KINDS: tuple[Kind, ...] = (
    Kind("posts", "staff posts filled", "posts"),
    Kind("inkind_pledged_eur", "in-kind pledged", "EUR"),
    Kind("inkind_pledged_t", "in-kind pledged", "t"),
    Kind("inkind_allocated_eur", "in-kind allocated", "EUR"),
    Kind("inkind_allocated_t", "in-kind allocated", "t"),
    Kind("inkind_delivered_eur", "in-kind delivered", "EUR"),
    Kind("inkind_delivered_t", "in-kind delivered", "t"),
    Kind("funding_pledged_eur", "funding pledged", "EUR"),
    Kind("funding_spent_eur", "funding spent", "EUR"),
    Kind("seats_hosted", "training seats hosted", "seats"),
    Kind("seats_used", "training seats used", "trainees"),
    Kind("hub_capacity_t", "hub capacity hosted", "t/month"),
)
KIND_NAMES = tuple(k.name for k in KINDS)


@dataclass(frozen=True, slots=True)
class NationBurden:
    """One nation's figures (kind → absolute) and shares (kind → 0..1)."""

    nation: str
    name: str
    figures: dict[str, float]
    shares: dict[str, float]
    posts_vacant: int


@dataclass(frozen=True, slots=True)
class BurdenReport:
    """Every nation shown, the totals per kind, and what the figures were computed on."""

    as_of: date
    window_start: date
    horizon: int
    computed_on: str  # "the records released to DEU", or every record
    nations: list[NationBurden]
    totals: dict[str, float]
    posts_vacant: int
    notes: list[str] = field(default_factory=list)

    def nation(self, code: str) -> NationBurden | None:
        return next((n for n in self.nations if n.nation == code), None)


TrainingPlanner = Callable[[LogisticsFacts, date, int], TrainingPlan | None]


def plan_seats(facts: LogisticsFacts, start: date, horizon: int) -> TrainingPlan | None:
    """The training plan of the facts' records over the window (None: nothing to place)."""
    bundle = facts.bundle
    if not bundle.training_needs or not bundle.courses:
        return None
    return plan_training(bundle, plan_settings(start, horizon))


def burden(facts: LogisticsFacts, *, as_of: date, computed_on: str,
           planner: TrainingPlanner = plan_seats) -> BurdenReport:
    """Burden figures of ``facts`` (the records, shipments and pending allocations a viewer
    sees) on ``as_of``, over the approved plan's window (else ``as_of``'s month on)."""
    bundle = facts.bundle
    start = facts.plan_start or month_start(as_of)
    horizon = facts.horizon
    end = add_months(start, horizon)
    figures: dict[str, dict[str, float]] = defaultdict(lambda: dict.fromkeys(KIND_NAMES, 0.0))
    vacant: dict[str, int] = defaultdict(int)
    for post in bundle.posts:
        if post.filled_on(as_of):
            figures[post.nation]["posts"] += 1
        else:
            vacant[post.nation] += 1
    for row in ledger_rows(facts):
        cell = figures[row.donor]
        if row.source == IN_KIND:
            for stage in ("pledged", "allocated", "delivered"):
                cell[f"inkind_{stage}_eur"] += row.stages[stage].eur
                cell[f"inkind_{stage}_t"] += row.stages[stage].tonnes
        elif row.source == FUNDED:
            cell["funding_pledged_eur"] += row.stages["pledged"].eur
            cell["funding_spent_eur"] += row.stages["allocated"].eur
    for course in bundle.courses:
        if course.starts < end:
            figures[course.host]["seats_hosted"] += course.seats
    training = planner(facts, start, horizon)
    if training is not None:
        for host, placed in training.by_host.items():
            figures[host]["seats_used"] += placed
    for hub in bundle.hubs:
        if any(hub.is_open(m, start) for m in range(horizon)):
            figures[hub.country]["hub_capacity_t"] += hub.capacity_t_per_month
    names = {n.code: n.name for n in bundle.nations}
    codes = sorted(c for c in set(figures) | set(vacant)
                   if vacant[c] or any(figures[c].values()))
    totals = {k: sum(figures[c][k] for c in codes) for k in KIND_NAMES}
    nations = [NationBurden(c, names.get(c, c), dict(figures[c]),
                            {k: figures[c][k] / totals[k] if totals[k] > 0 else 0.0
                             for k in KIND_NAMES}, vacant[c])
               for c in codes]
    notes = [f"Computed on {computed_on}, on {as_of.isoformat()}; plan window "
             f"{start:%Y-%m} for {horizon} months."]
    if training is None:
        notes.append("Training seats used: nothing to place (no training needs or courses "
                     "visible).")
    return BurdenReport(as_of, start, horizon, computed_on, nations, totals,
                        sum(vacant.values()), notes)


def csv_rows(report: BurdenReport) -> tuple[list[str], list[list[object]]]:
    """``burden.csv``: nation, posts, posts_share, posts_vacant, then each kind and its
    share, and what the figures were computed on (on every row, so no row is read alone)."""
    header = ["nation", "posts", "posts_share", "posts_vacant"]
    for kind in KINDS[1:]:
        header += [kind.name, f"{kind.name}_share"]
    header.append("computed_on")
    rows: list[list[object]] = []
    for n in report.nations:
        # Shares unrounded, so that a column adds up to 1 in a spreadsheet too.
        row: list[object] = [n.nation, int(n.figures["posts"]), n.shares["posts"],
                             n.posts_vacant]
        for kind in KINDS[1:]:
            row += [round(n.figures[kind.name], 3), n.shares[kind.name]]
        row.append(report.computed_on)
        rows.append(row)
    return header, rows


def computed_on(reader: User | None) -> str:
    """The view a report's figures are computed on, in words."""
    return EVERY_RECORD if reader is None else f"the records released to {reader.nation}"


def burden_report(engine: Engine, user: User, *, as_of: date) -> BurdenReport:
    """Burden figures over the records released to the user's nation (API and web)."""
    return burden(visible_facts(engine, user), as_of=as_of, computed_on=computed_on(user))


def write_burden(settings: Settings, out: Path, *, as_of: date,
                 reader: User | None = None) -> tuple[BurdenReport, Path]:
    """Write ``out/burden.csv`` over every record (``reader`` None) or the records released
    to the reader's nation."""
    report = burden(facts_for(settings, reader), as_of=as_of, computed_on=computed_on(reader))
    header, rows = csv_rows(report)
    path = out / "burden.csv"
    try:
        out.mkdir(parents=True, exist_ok=True)
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows([[neutralise(v) if isinstance(v, str) else v for v in row]
                              for row in rows])
    except OSError as e:
        raise UserError(f"cannot write {path}: {e}") from e
    return report, path
