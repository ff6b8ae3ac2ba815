"""The audit log, entity by entity: users, records hidden later, plan runs, shipments and
entities with no rule — and its pages and total, counted in SQL over readable entries only.
Runs on SQLite and PostgreSQL (the API fixtures)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.adapters.db.audit import Change
from clearinghouse.domain.shipments import EventKind, Shipment, ShipmentEvent, ShipmentLine
from clearinghouse.services.records.users import Role
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

Headers = Callable[[str, Role], dict[str, str]]


def audit(client: TestClient, headers: Headers, nation: str,
          **params: Any) -> dict[str, Any]:
    answer = client.get("/audit", params={"limit": 500, **params},
                        headers=headers(nation, Role.AUDITOR))
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def keys(log: dict[str, Any]) -> set[str]:
    return {e["key"] for e in log["items"]}


def test_a_reader_sees_the_creation_of_its_own_nations_users_only(
        client: TestClient, headers: Headers) -> None:
    polish = audit(client, headers, "POL", entity="users")
    assert keys(polish) == {f"pol-{role.value}" for role in Role}
    assert polish["total"] == len(Role)
    assert keys(audit(client, headers, "USA", entity="users")) == {
        f"usa-{role.value}" for role in Role}


def test_a_record_hidden_since_shows_none_of_its_entries_not_even_its_creation(
        client: TestClient, headers: Headers) -> None:
    usa = headers("USA", Role.COORDINATOR)
    changed = client.patch("/needs/N-ALL", json={"releasability": ["USA"]},
                           headers={**usa, "If-Match": "1"})
    assert changed.status_code == 200, changed.text
    assert "N-ALL" not in keys(audit(client, headers, "POL"))
    assert "N-ALL" not in keys(audit(client, headers, "POL", entity="needs", key="N-ALL"))
    assert audit(client, headers, "POL", entity="needs", key="N-ALL")["total"] == 0
    assert [e["action"] for e in audit(client, headers, "USA", key="N-ALL")["items"]] == [
        "update", "create"]


def test_pages_are_cut_in_sql_and_the_total_counts_readable_entries_only(
        client: TestClient, headers: Headers) -> None:
    everything = audit(client, headers, "USA")
    ids = [e["id"] for e in everything["items"]]
    # Newest first, by time: ids are random (issue 15), so they tell no order.
    times = [datetime.fromisoformat(e["at"]) for e in everything["items"]]
    assert times == sorted(times, reverse=True)
    assert len(set(ids)) == len(ids)
    paged: list[str] = []
    for offset in range(0, len(ids) + 3, 3):
        page = audit(client, headers, "USA", limit=3, offset=offset)
        assert page["total"] == everything["total"] == len(ids)
        paged += [e["id"] for e in page["items"]]
    assert paged == ids
    hidden_from_usa = {"N-POL", "O-POL"}
    assert not keys(everything) & hidden_from_usa


def test_plan_run_entries_show_no_figure_that_adds_up_hidden_records(
        app: FastAPI, client: TestClient, headers: Headers) -> None:
    with SqlUnitOfWork(app.state.engine, "planner") as uow:
        run = uow.plan_runs.add("fingerprint-of-every-record", {"horizon": 12})
        uow.plan_runs.record_result(run.id, status="optimal", value=1234.5, lp_bound=1300.0,
                                    summary={"needs": {"N-USA": {"fraction": 1.0}}},
                                    allocations=[])
        uow.commit()
    entries = audit(client, headers, "POL", entity="plan_runs")["items"]
    assert [e["action"] for e in entries] == ["update", "create"]
    for entry in entries:
        for snapshot in (entry["before"], entry["after"]):
            if snapshot is not None:
                assert snapshot["status"] in {"queued", "optimal"}
                assert not {"value", "lp_bound", "inputs_version", "allocations"} & set(snapshot)


def _shipment(ref: str, run_id: int, offer: str, needs: list[str],
              producer: str | None = None) -> Shipment:
    day = date(2027, 3, 1)
    return Shipment(ref, run_id, offer, None if producer else "PL-RZE", producer, 0, "155-HE",
                    "UKR", 1.0, day, None if producer else day, day,
                    [ShipmentLine(need, 5) for need in needs])


def test_a_shipment_and_its_events_show_only_where_its_source_and_every_need_are_released(
        app: FastAPI, client: TestClient, headers: Headers) -> None:
    with SqlUnitOfWork(app.state.engine, "logistician") as uow:
        run = uow.plan_runs.add("x", {})
        mixed = _shipment("S-MIXED", run.id, "O-USA-ALL", ["N-ALL", "N-USA"])
        uow.shipments.add_many([
            _shipment("S-SHOWN", run.id, "O-USA-ALL", ["N-ALL"]), mixed,
            _shipment("S-SECRET", run.id, "O-USA", ["N-ALL"]),
            _shipment("S-MADE", run.id, "F-POL", ["N-ALL"], producer="P-1")])
        uow.shipments.record(mixed, ShipmentEvent("S-MIXED", EventKind.LOADED,
                                                  datetime(2027, 3, 1, tzinfo=UTC), 10, ""),
                             expected_version=1)
        uow.commit()
    polish = audit(client, headers, "POL")
    seen = {k for k in keys(polish) if k.startswith("S-")}
    assert seen == {"S-SHOWN", "S-MADE"}
    american = audit(client, headers, "USA")
    assert {k.split("#")[0] for k in keys(american) if k.startswith("S-")} == {
        "S-SHOWN", "S-MIXED", "S-SECRET", "S-MADE"}
    assert any(e["entity"] == "shipment_events" for e in american["items"])
    assert not any(e["entity"] == "shipment_events" for e in polish["items"])


def test_an_entity_with_no_visibility_rule_is_shown_to_no_one(
        app: FastAPI, client: TestClient, headers: Headers) -> None:
    with SqlUnitOfWork(app.state.engine, "runner") as uow:
        uow.audit.record_many([Change("create", "jobs", "1", None, {"actor": "usa-auditor"}),
                               Change("create", "user_tokens", "9", None, {"user": 1})])
        uow.commit()
    for nation in ("POL", "USA"):
        log = audit(client, headers, nation)
        assert not {e["entity"] for e in log["items"]} & {"jobs", "user_tokens"}
        assert audit(client, headers, nation, entity="jobs")["total"] == 0
