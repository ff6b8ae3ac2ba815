"""Imports never count, change or describe a record hidden from the importing coordinator's
nation: such a row refuses the upload whatever it holds, and a rule broken only by a hidden
record refuses it without naming the record. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from clearinghouse.adapters.exchange import write_bundle
from clearinghouse.domain.bundle import Bundle
from clearinghouse.services.records.users import Role
from tests.api.conftest import clearing_house
from tests.api.test_bundles import zipped

Headers = Callable[[str, Role], dict[str, str]]
NEEDS = "ref,class,quantity,priority,due,destination,releasability\n"
OFFERS = "ref,donor,item,quantity,available,origin,releasability\n"
#: N-USA as stored (released to UKR and USA, hidden from POL), and the same ref changed.
N_USA_AS_STORED = "N-USA,155mm-NATO,300,3,2027-03-01,UKR,UKR;USA\n"
N_USA_CHANGED = "N-USA,155mm-NATO,999,1,2027-03-01,UKR,ALL\n"


def catalogue() -> dict[str, str]:
    """nations.csv and items.csv as stored: rows of an upload must name what they use."""
    stored = clearing_house()
    with tempfile.TemporaryDirectory() as tmp:
        write_bundle(Bundle(nations=stored.nations, items=stored.items), Path(tmp) / "b")
        return {name: (Path(tmp) / "b" / name).read_text(encoding="utf-8")
                for name in ("nations.csv", "items.csv")}


def imported(client: TestClient, headers: Headers, nation: str,
             files: dict[str, str]) -> tuple[int, dict[str, Any]]:
    upload = zipped({**catalogue(), **files})
    answer = client.post("/bundles/import", files={"file": ("b.zip", upload)},
                         headers=headers(nation, Role.COORDINATOR))
    body: dict[str, Any] = answer.json()
    return answer.status_code, body


def test_counts_cover_only_records_released_to_the_coordinators_nation(
        client: TestClient, headers: Headers) -> None:
    code, report = imported(client, headers, "POL", {"needs.csv": (
        NEEDS + "N-POL,155mm-NATO,200,2,2027-03-01,UKR,POL;UKR\n"
        "N-NEW,155mm-NATO,10,2,2027-03-01,UKR,ALL\n")})
    assert code == 200, report
    assert report["sheets"]["needs"] == {"created": 1, "updated": 0, "unchanged": 1}


def test_a_row_keyed_like_a_hidden_record_refuses_the_upload_whatever_it_holds(
        client: TestClient, headers: Headers) -> None:
    same_code, same = imported(client, headers, "POL", {"needs.csv": NEEDS + N_USA_AS_STORED})
    changed_code, changed = imported(client, headers, "POL",
                                     {"needs.csv": NEEDS + N_USA_CHANGED})
    # Unchanged or updated, the answer is one and the same: it tells nothing of the record.
    assert same_code == changed_code == 422
    assert same == changed
    problem = same["problems"][0]
    assert (problem["file"], problem["column"], problem["value"]) == (
        "needs.csv", "ref", "N-USA: N-USA")
    assert "taken" in same["detail"]
    usa = client.get("/needs/N-USA", headers=headers("USA", Role.AUDITOR)).json()
    assert (usa["quantity"], usa["version"]) == (300, 1)  # nothing was written


def test_a_hidden_offer_refuses_the_upload_but_its_own_donor_imports_it(
        client: TestClient, headers: Headers) -> None:
    row = "O-USA,USA,155-HE,50,2027-01-01,USA,UKR;USA\n"
    code, _ = imported(client, headers, "POL", {"offers.csv": OFFERS + row})
    assert code == 422
    code, report = imported(client, headers, "USA", {"offers.csv": OFFERS + row})
    assert code == 200, report
    assert report["sheets"]["offers"]["unchanged"] == 1


def test_a_rule_broken_by_a_hidden_record_refuses_the_upload_without_naming_it(
        client: TestClient, headers: Headers) -> None:
    # O-POL (lethal, released to POL only) is the only Polish offer: a non-lethal-only
    # caveat on Poland breaks it, and the American coordinator may not learn of it.
    nations = "code,name,nato,eu,role,caveats\nPOL,Poland,true,true,donor,non-lethal-only\n"
    code, refused = imported(client, headers, "USA", {"nations.csv": nations})
    assert code == 422
    assert "O-POL" not in str(refused)
    assert "not released to USA" in refused["detail"]
    assert len(refused["problems"]) == 1
    code, polish = imported(client, headers, "POL", {"nations.csv": nations})
    assert code == 422
    assert "O-POL" in str(polish)  # its own nation is told which offer breaks


def test_the_problems_of_visible_records_are_still_named_beside_a_hidden_one(
        client: TestClient, headers: Headers) -> None:
    # USA's offers: O-USA (hidden from POL) and O-USA-ALL, both lethal.
    nations = "code,name,nato,eu,role,caveats\nUSA,United States,true,false,donor," \
              "non-lethal-only\n"
    code, refused = imported(client, headers, "POL", {"nations.csv": nations})
    assert code == 422
    values = [p["value"] for p in refused["problems"]]
    assert any(v.startswith("O-USA-ALL:") for v in values)
    assert not any(v.startswith("O-USA:") for v in values)
    assert len(values) == 2  # O-USA-ALL, and one problem naming no record
