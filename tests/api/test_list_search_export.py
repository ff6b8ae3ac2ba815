"""GET /needs, /offers … : search with q=, and the same list as CSV or XLSX by Accept, with
releasability applied in SQL and text cells neutralised against formulas."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from clearinghouse.services.records.users import Role

Headers = dict[str, str]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _refs(client: TestClient, who: Headers, path: str) -> set[str]:
    answer = client.get(path, headers=who)
    assert answer.status_code == 200, answer.text
    return {item["ref"] for item in answer.json()["items"]}


def test_a_search_finds_offers_by_the_donors_name_within_what_the_nation_sees(
        client: TestClient, headers: Callable[[str, Role], Headers]) -> None:
    pol = headers("POL", Role.DONOR_LIAISON)
    # O-USA is released to UKR and USA only: a Polish search never finds it.
    assert _refs(client, pol, "/offers?q=united states") == {"O-USA-ALL"}
    usa = headers("USA", Role.DONOR_LIAISON)
    assert _refs(client, usa, "/offers?q=United%20States") == {"O-USA", "O-USA-ALL"}


def test_a_search_finds_needs_by_ref_class_capability_and_destination(
        client: TestClient, headers: Callable[[str, Role], Headers]) -> None:
    pol = headers("POL", Role.DONOR_LIAISON)
    assert _refs(client, pol, "/needs?q=n-pol") == {"N-POL"}
    assert _refs(client, pol, "/needs?q=artillery") == {"N-ALL", "N-POL"}
    assert _refs(client, pol, "/needs?q=ukraine") == {"N-ALL", "N-POL"}
    assert _refs(client, pol, "/needs?q=no-such-thing") == set()


def test_a_search_text_with_wildcards_matches_only_itself(
        client: TestClient, headers: Callable[[str, Role], Headers]) -> None:
    assert _refs(client, headers("POL", Role.DONOR_LIAISON), "/needs?q=%25") == set()


def test_a_search_over_200_characters_is_refused_naming_q(
        client: TestClient, headers: Callable[[str, Role], Headers]) -> None:
    answer = client.get("/needs?q=" + "x" * 201, headers=headers("POL", Role.DONOR_LIAISON))
    assert answer.status_code == 422
    assert answer.json()["field"] == "q"
    assert "200" in answer.json()["rule"]


def test_the_needs_list_as_csv_holds_every_visible_match_and_no_other(
        client: TestClient, headers: Callable[[str, Role], Headers]) -> None:
    who = {**headers("POL", Role.DONOR_LIAISON), "Accept": "text/csv"}
    answer = client.get("/needs?sort=-ref&limit=1", headers=who)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [r["ref"] for r in rows] == ["N-POL", "N-ALL"]  # every page, sorted, N-USA hidden
    assert rows[0]["releasability"] == "POL;UKR"


def test_the_offers_list_as_xlsx_keeps_the_filters_and_types_numbers(
        client: TestClient, headers: Callable[[str, Role], Headers]) -> None:
    who = {**headers("USA", Role.DONOR_LIAISON), "Accept": XLSX}
    answer = client.get("/offers?donor=USA", headers=who)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == XLSX
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    refs = {r[header.index("ref")] for r in rows[1:]}
    assert refs == {"O-USA", "O-USA-ALL"}
    assert all(r[header.index("quantity")] == 50 for r in rows[1:])


def test_an_exported_name_that_looks_like_a_formula_is_neutralised(
        client: TestClient, headers: Callable[[str, Role], Headers]) -> None:
    coordinator = headers("POL", Role.COORDINATOR)
    made = client.post("/hubs", headers=coordinator, json={
        "code": "PL-X", "name": "@SUM(A1)", "country": "POL",
        "capacity_t_per_month": 10.0, "opens": "2025-01-01"})
    assert made.status_code == 201, made.text
    answer = client.get("/hubs?q=sum", headers={**coordinator, "Accept": "text/csv"})
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [(r["code"], r["name"]) for r in rows] == [("PL-X", "'@SUM(A1)")]


def test_posts_procurement_and_training_needs_share_the_search_and_the_export(
        client: TestClient, headers: Callable[[str, Role], Headers]) -> None:
    coordinator = headers("USA", Role.COORDINATOR)
    for path, body in (
            ("/posts", {"ref": "P-1", "nation": "USA", "title": "Chief J4",
                        "branch": "logistics", "starts": "2025-01-06",
                        "releasability": ["UKR", "USA"]}),
            ("/procurement", {"ref": "PR-1", "buyer": "USA", "class_code": "IFAK",
                              "quantity": 10, "max_unit_price_eur": 40.0, "due": "2027-06-01",
                              "releasability": ["UKR", "USA"]}),
            ("/training-needs", {"ref": "T-1", "category": "medical", "trainees": 20,
                                 "priority": 1, "due": "2027-06-01"})):
        assert client.post(path, json=body, headers=coordinator).status_code == 201, path
    usa, pol = headers("USA", Role.DONOR_LIAISON), headers("POL", Role.DONOR_LIAISON)
    assert _refs(client, usa, "/posts?q=united states") == {"P-1"}
    assert _refs(client, usa, "/procurement?q=first aid") == {"PR-1"}
    assert _refs(client, pol, "/training-needs?q=medical") == {"T-1"}
    for path in ("/posts", "/procurement"):
        spreadsheet = client.get(path, headers={**pol, "Accept": "text/csv"})
        assert spreadsheet.status_code == 200
        assert list(csv.DictReader(io.StringIO(spreadsheet.text))) == []  # not released to POL
