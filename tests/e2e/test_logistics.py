"""Logistics end to end on the demo picture: plan, approve, ship, deliver some, lose some,
return some, re-plan — and the ledger, needs and fill-rate figures add up exactly."""

from __future__ import annotations

import copy
import csv
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from clearinghouse.cli import app
from clearinghouse.config import Settings
from clearinghouse.domain.pipeline import outstanding
from clearinghouse.domain.shipments import Shipment, ShipmentStatus
from clearinghouse.services.exchange.bundles import export_bundle
from clearinghouse.services.exchange.demo import load_demo
from clearinghouse.services.logistics.facts import ledger_rows
from clearinghouse.services.logistics.ledger import totals
from clearinghouse.services.records.nation_reader import facts_for
from clearinghouse.services.records.users import operator
from clearinghouse.services.runtime.database import migrated_engine, ready_engine
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.seed import approve, plan_stored

START = date(2027, 1, 1)
runner = CliRunner()


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def events(db: str, ref: str, *steps: str) -> None:
    for step in steps:
        kind, _, qty = step.partition(":")
        cli("shipments", "event", ref, "--kind", kind, *(["--quantity", qty] if qty else []),
            "--database-url", db, "--as", "logistician")


def plain(s: Shipment) -> bool:
    """Through a hub, every line in the need's own class (so units are the need's units)."""
    return s.hub is not None and all(line.factor == 1 for line in s.lines)


def test_ship_deliver_lose_return_and_re_plan_add_up_exactly(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'ch.db'}"
    settings = Settings(database_url=db, environment="test")
    with migrated_engine(settings) as engine:
        load_demo(engine, operator("demo"), start=START)
    first = plan_stored(settings, start=START, horizon=12, out=None, actor="t")
    assert first.run_id is not None
    approve(settings, first.run_id, "coordinator")
    assert "shipments created" in cli("shipments", "create", str(first.run_id),
                                      "--database-url", db)
    made = facts_for(settings, None).shipments
    assert sum(s.quantity for s in made) == sum(a.quantity for a in first.plan.allocations)
    chosen = [s for s in made if plain(s) and s.quantity >= 4][:4]
    full, short, lost, back = chosen
    trip = ("loaded", "at-hub", "dispatched")
    events(db, full.ref, *trip, "delivered")
    events(db, short.ref, *trip, f"delivered:{short.quantity // 2}",
           f"lost:{short.quantity - short.quantity // 2}")
    events(db, lost.ref, "loaded", "lost")
    events(db, back.ref, "loaded", "at-hub", "returned")
    delivered = full.quantity + short.quantity // 2
    written_off = short.quantity - short.quantity // 2 + lost.quantity

    facts = facts_for(settings, None)
    by_ref = {s.ref: s for s in facts.shipments}
    assert [by_ref[s.ref].status for s in chosen] == ["delivered", "delivered", "lost",
                                                      "returned"]
    needs = {n.ref: n for n in facts.bundle.needs}
    assert sum(n.delivered for n in needs.values()) == delivered
    rows = ledger_rows(facts)
    assert sum(r.stages["delivered"].units for r in rows) == delivered
    assert sum(r.stages["allocated"].units for r in rows) == sum(
        s.quantity for s in made) - back.quantity
    assert sum(r.stages["shipped"].units for r in rows) == (
        full.quantity + short.quantity + lost.quantity)
    assert sum(r.stages["shipped"].units - r.stages["delivered"].units
               for r in rows) == written_off

    # Re-plan: units on shipments are not planned again; the returned ones are.
    with SqlUnitOfWork(ready_engine(settings), "t") as uow:
        left = outstanding(export_bundle(uow), [s.shipment for s in uow.shipments.list()])
    back_offer = next(o for o in left.offers if o.ref == back.offer)
    committed = sum(s.quantity - s.returned for s in facts.shipments
                    if s.offer == back.offer and s.producer is None)
    assert back_offer.quantity == next(
        o for o in facts.bundle.offers if o.ref == back.offer).quantity - committed
    # The lost units go back to planning: the needs they were for hold that much less.
    unlost = copy.deepcopy(by_ref[lost.ref])
    unlost.lost, unlost.status = 0, ShipmentStatus.LOADED
    for line in unlost.lines:
        line.written_off = 0
    others = [s for s in facts.shipments if s.ref != lost.ref]
    held_with = {n.ref: n.delivered for n in outstanding(facts.bundle, [*others, unlost]).needs}
    held_lost = {n.ref: n.delivered for n in left.needs}
    assert sum(held_with[line.need] - held_lost[line.need]
               for line in lost.lines) == lost.quantity
    second = plan_stored(settings, start=START, horizon=12, out=None, actor="t")
    assert second.run_id is not None
    offered = {o.ref: o.quantity for o in left.offers}
    again: dict[str, int] = {}
    for a in second.plan.allocations:
        if a.hub is not None:
            again[a.offer] = again.get(a.offer, 0) + a.quantity
    assert all(units <= offered[ref] for ref, units in again.items())
    for ref, result in second.plan.needs.items():
        assert result.delivered <= needs[ref].quantity + 1e-9  # never more than requested
    approve(settings, second.run_id, "coordinator")
    rows = ledger_rows(facts_for(settings, None))
    pending = sum(a.quantity for a in second.plan.allocations)
    assert sum(r.stages["allocated"].units for r in rows) == (
        sum(s.quantity for s in made) - back.quantity + pending)
    assert sum(t["delivered"].units for t in totals(rows, "source").values()) == delivered

    out = tmp_path / "brief" / "report.html"
    assert "Briefing written" in cli("report", "--out", str(out), "--database-url", db)
    with (out.parent / "report_fill_rate.csv").open(encoding="utf-8") as f:
        fill = list(csv.DictReader(f))
    assert sum(int(r["delivered"]) for r in fill) == delivered
    counted = [n for n in needs.values() if n.status not in ("draft", "cancelled")]
    assert sum(int(r["requested"]) for r in fill) == sum(n.quantity for n in counted)
    with (out.parent / "report_ledger.csv").open(encoding="utf-8") as f:
        assert sum(int(r["delivered_units"]) for r in csv.DictReader(f)) == delivered
