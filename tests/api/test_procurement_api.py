"""Procurement requests through the API (SPEC §5, §1.1): owned by the buyer, written by its
donor liaisons and coordinators, seen by the buyer and the nations it is released to."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.services.records.users import Role
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.api.test_bundles import zipped

Headers = Callable[[str, Role], dict[str, str]]


def body(ref: str = "PR-1", buyer: str = "POL", **kw: Any) -> dict[str, Any]:
    return {"ref": ref, "buyer": buyer, "class_code": "IFAK", "quantity": 40,
            "max_unit_price_eur": 50.0, "due": "2027-06-01", **kw}


def test_a_request_released_to_its_buyer_only_is_hidden_from_other_nations(
        client: TestClient, headers: Headers) -> None:
    pol = headers("POL", Role.DONOR_LIAISON)
    assert client.post("/procurement", json=body(releasability=["POL"]),
                       headers=pol).status_code == 201
    for role in Role:
        usa = headers("USA", role)
        assert client.get("/procurement/PR-1", headers=usa).status_code == 404
        page = client.get("/procurement", headers=usa).json()
        assert (page["items"], page["total"]) == ([], 0)
    assert client.get("/procurement/PR-1", headers=headers("POL", Role.AUDITOR)
                      ).status_code == 200


def test_the_buyer_sees_its_request_even_when_released_only_to_others(
        client: TestClient, headers: Headers) -> None:
    pol = headers("POL", Role.DONOR_LIAISON)
    created = client.post("/procurement", json=body(releasability=["USA"]), headers=pol)
    assert created.status_code == 201, created.text
    assert client.get("/procurement/PR-1", headers=pol).status_code == 200
    assert client.get("/procurement/PR-1", headers=headers("USA", Role.AUDITOR)
                      ).status_code == 200


def test_a_donor_liaison_files_requests_for_its_own_nation_only(
        client: TestClient, headers: Headers) -> None:
    usa = headers("USA", Role.DONOR_LIAISON)
    refused = client.post("/procurement", json=body(buyer="POL"), headers=usa)
    assert refused.status_code == 403
    assert "only its own nation" in refused.json()["detail"]
    assert client.post("/procurement", json=body(buyer="USA"), headers=usa).status_code == 201


def test_a_coordinator_files_a_request_for_any_buyer_and_a_recipient_liaison_none(
        client: TestClient, headers: Headers) -> None:
    assert client.post("/procurement", json=body(buyer="USA"),
                       headers=headers("POL", Role.COORDINATOR)).status_code == 201
    assert client.post("/procurement", json=body("PR-2"),
                       headers=headers("POL", Role.RECIPIENT_LIAISON)).status_code == 403


def test_a_request_for_an_unknown_class_or_buyer_is_refused_naming_the_field(
        client: TestClient, headers: Headers) -> None:
    coordinator = headers("POL", Role.COORDINATOR)
    answer = client.post("/procurement", json=body(class_code="NOPE"), headers=coordinator)
    assert answer.status_code == 422
    assert "class NOPE is not in the catalogue" in answer.text
    answer = client.post("/procurement", json=body(buyer="FRA"), headers=coordinator)
    assert answer.status_code == 422
    assert "buyer nation FRA is not known" in answer.text


def test_every_change_to_a_request_is_audited(client: TestClient, headers: Headers) -> None:
    pol = headers("POL", Role.DONOR_LIAISON)
    client.post("/procurement", json=body(), headers=pol)
    client.patch("/procurement/PR-1", json={"quantity": 45}, headers={**pol, "If-Match": '"1"'})
    log = client.get("/audit", params={"entity": "procurement"},
                     headers=headers("POL", Role.AUDITOR)).json()
    entries = log["items"]
    assert [(e["action"], e["key"]) for e in entries] == [("update", "PR-1"), ("create", "PR-1")]
    assert (entries[0]["before"]["quantity"], entries[0]["after"]["quantity"]) == (40, 45)


def stored_run(app: FastAPI) -> int:
    """A finished run whose procurement fills PR-POL (released to POL) and PR-ALL."""
    lines = [{"request": "PR-POL", "producer": "UA-1", "month": 0, "quantity": 30,
              "unit_price_eur": 40.0, "delivery": 2},
             {"request": "PR-ALL", "producer": "UA-1", "month": 1, "quantity": 10,
              "unit_price_eur": 40.0, "delivery": 3}]
    summary = {"needs": {}, "procurement": {
        "lines": lines, "requests": {"PR-POL": {"quantity": 40, "filled": 30,
                                                "reason": "no-capacity-left"},
                                     "PR-ALL": {"quantity": 10, "filled": 10, "reason": None}}}}
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        run = uow.plan_runs.add("inputs", {"start": "2027-01-01", "horizon": 3},
                                status="running")
        uow.plan_runs.record_result(run.id, status="optimal", value=0.0, lp_bound=0.0,
                                    summary=summary, allocations=[])
        uow.commit()
        return run.id


def test_a_runs_procurement_shows_only_requests_released_to_the_reader_and_sums_those(
        app: FastAPI, client: TestClient, headers: Headers) -> None:
    pol = headers("POL", Role.DONOR_LIAISON)
    assert client.post("/procurement", json=body("PR-POL", releasability=["POL"]),
                       headers=pol).status_code == 201
    assert client.post("/procurement", json=body("PR-ALL", quantity=10),
                       headers=pol).status_code == 201
    run_id = stored_run(app)
    seen = client.get(f"/plans/{run_id}/procurement", headers=headers("POL", Role.AUDITOR))
    assert seen.status_code == 200, seen.text
    assert [(x["request"], x["made"], x["delivered"]) for x in seen.json()["lines"]] == [
        ("PR-POL", "2027-01", "2027-03"), ("PR-ALL", "2027-02", "2027-04")]
    assert seen.json()["units"] == 40
    usa = client.get(f"/plans/{run_id}/procurement", headers=headers("USA", Role.AUDITOR)).json()
    assert [x["request"] for x in usa["lines"]] == ["PR-ALL"]
    assert [r["ref"] for r in usa["requests"]] == ["PR-ALL"]
    assert (usa["units"], usa["amount_eur"]) == (10, 400.0)
    assert [(e["month"], e["units"], e["eur"]) for e in usa["earnings"]] == [
        ("2027-01", 0, 0.0), ("2027-02", 10, 400.0), ("2027-03", 0, 0.0)]
    assert usa["computed_on"] == "the requests released to USA or bought by it"
    assert client.get("/plans/999/procurement", headers=pol).status_code == 404


def test_the_audit_of_a_hidden_request_is_not_shown_to_another_nation(
        client: TestClient, headers: Headers) -> None:
    client.post("/procurement", json=body("PR-HIDDEN", releasability=["POL"]),
                headers=headers("POL", Role.DONOR_LIAISON))
    seen = client.get("/audit", params={"entity": "procurement"},
                      headers=headers("POL", Role.AUDITOR)).json()
    hidden = client.get("/audit", params={"entity": "procurement"},
                        headers=headers("USA", Role.AUDITOR)).json()
    assert [e["key"] for e in seen["items"]] == ["PR-HIDDEN"]
    assert (hidden["items"], hidden["total"]) == ([], 0)


def test_an_export_holds_the_requests_the_nation_may_see_and_an_import_reads_them_back(
        client: TestClient, headers: Headers) -> None:
    pol = headers("POL", Role.DONOR_LIAISON)
    client.post("/procurement", json=body("PR-POL", releasability=["POL"]), headers=pol)
    client.post("/procurement", json=body("PR-USA", buyer="USA", releasability=["USA"]),
                headers=headers("USA", Role.DONOR_LIAISON))

    def exported(nation: str) -> dict[str, str]:
        answer = client.get("/bundles/export", headers=headers(nation, Role.COORDINATOR))
        with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
            return {n: archive.read(n).decode() for n in archive.namelist()}

    polish = exported("POL")
    lines = polish["procurement.csv"].splitlines()
    assert lines[0] == "ref,buyer,class,quantity,max_unit_price_eur,due,releasability"
    assert [line.split(",")[0] for line in lines[1:]] == ["PR-POL"]
    assert [line.split(",")[0] for line in exported("USA")["procurement.csv"].splitlines()[1:]
            ] == ["PR-USA"]
    polish["procurement.csv"] = polish["procurement.csv"].replace(
        "PR-POL,POL,IFAK,40,", "PR-POL,POL,IFAK,45,")
    answer = client.post("/bundles/import", headers=headers("POL", Role.COORDINATOR),
                         files={"file": ("b.zip", zipped(polish))})
    assert answer.status_code == 200, answer.text
    assert answer.json()["updated"] == 1
    assert client.get("/procurement/PR-POL", headers=pol).json()["quantity"] == 45
