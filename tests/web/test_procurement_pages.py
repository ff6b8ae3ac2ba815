"""Procurement request pages: donor liaisons of the buying nation and coordinators file and
edit requests; a request not released to the reader's nation never shows; the plan page shows
what allies can buy over the visible requests only."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.web.test_forms import field_error, post_form

AsUser = Callable[[str], TestClient]


def request(**changes: str) -> dict[str, str]:
    return {"ref": "PR-7", "buyer": "POL", "class_code": "IFAK", "quantity": "400",
            "max_unit_price_eur": "45", "due": "2027-06-01", "releasability": "ALL", **changes}


def test_a_donor_liaison_files_a_request_of_its_own_nation_that_shows_in_the_list(
        as_user: AsUser) -> None:
    client = as_user("usa-donor")
    assert "New procurement request" in client.get("/ui/procurement").text
    answer = post_form(client, "/ui/procurement/new", **request(buyer="POL"))
    assert answer.status_code == 303
    assert answer.headers["location"] == "/ui/procurement/PR-7"
    detail = client.get("/ui/procurement/PR-7").text
    assert "USA" in detail  # the liaison's own nation is the buyer, whatever was posted
    assert "PR-7" in client.get("/ui/procurement", params={"buyer": "USA"}).text


def test_a_negative_price_is_shown_next_to_its_field(as_user: AsUser) -> None:
    answer = post_form(as_user("coord"), "/ui/procurement/new",
                       **request(max_unit_price_eur="-5"))
    assert answer.status_code == 422
    assert "must be a number &gt;= 0" in field_error(answer.text, "max_unit_price_eur")


def test_a_recipient_liaison_reads_requests_but_may_not_file_one(as_user: AsUser) -> None:
    client = as_user("ukr-liaison")
    assert "New procurement request" not in client.get("/ui/procurement").text
    assert post_form(client, "/ui/procurement/new", **request()).status_code == 403


def test_a_request_released_to_its_buyer_only_never_shows_to_another_nation(
        as_user: AsUser) -> None:
    assert post_form(as_user("pol-donor"), "/ui/procurement/new",
                     **request(ref="PR-SECRET", releasability="POL")).status_code == 303
    usa = as_user("usa-donor")
    assert "PR-SECRET" not in usa.get("/ui/procurement").text
    assert usa.get("/ui/procurement/PR-SECRET").status_code == 404


def test_the_plan_page_shows_the_visible_requests_lines_and_earnings(
        app: FastAPI, as_user: AsUser) -> None:
    coord = as_user("coord")
    post_form(coord, "/ui/procurement/new", **request(ref="PR-POL", releasability="POL"))
    post_form(coord, "/ui/procurement/new", **request(ref="PR-ALL", buyer="USA"))
    lines = [{"request": "PR-POL", "producer": "UA-1", "month": 0, "quantity": 300,
              "unit_price_eur": 40.0, "delivery": 2},
             {"request": "PR-ALL", "producer": "UA-1", "month": 1, "quantity": 50,
              "unit_price_eur": 40.0, "delivery": 3}]
    summary = {"needs": {}, "procurement": {"lines": lines, "requests": {
        "PR-POL": {"quantity": 400, "filled": 300, "reason": "no-capacity-left"},
        "PR-ALL": {"quantity": 400, "filled": 50, "reason": "too-late"}}}}
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        run = uow.plan_runs.add("inputs", {"start": "2027-01-01", "horizon": 4},
                                status="running")
        uow.plan_runs.record_result(run.id, status="optimal", value=0.0, lp_bound=0.0,
                                    summary=summary, allocations=[])
        uow.commit()
    polish = as_user("pol-donor").get(f"/ui/plans/{run.id}").text
    assert "procurement from the recipient's industry" in polish
    table = polish.split('id="procurement-lines"')[1].split("</table>")[0]
    assert "PR-POL" in table
    assert "PR-ALL" in table
    assert "2027-01" in table
    assert "2027-03" in table
    american = as_user("usa-donor").get(f"/ui/plans/{run.id}").text
    table = american.split('id="procurement-lines"')[1].split("</table>")[0]
    assert "PR-POL" not in american
    assert "PR-ALL" in table
    earnings = american.split('id="procurement-earnings"')[1].split("</table>")[0]
    assert "2,000" in earnings  # 50 units at 40 EUR, the visible request only
    assert "too-late" in american.split('id="procurement-unfilled"')[1]
