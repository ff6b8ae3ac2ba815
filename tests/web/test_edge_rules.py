"""Inputs checked at the edge with the API's rules (domain.fields): every field's problem at
once, each next to its field; the plan form's months and start month; a due date in the past
accepted with a warning."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.web.test_forms import field_error, need, post_form

AsUser = Callable[[str], TestClient]


def test_a_need_form_shows_every_broken_rule_at_once_next_to_its_field(
        as_user: AsUser) -> None:
    answer = post_form(as_user("ukr-liaison"), "/ui/needs/new",
                       **need(ref="N-" + "X" * 39, quantity="1000000001",
                              destination="K" * 201, releasability="ALL;POL"))
    assert answer.status_code == 422
    html = answer.text
    assert "at most 40 characters" in field_error(html, "ref")
    assert "1 to 1,000,000,000" in field_error(html, "quantity")
    assert "at most 200 characters" in field_error(html, "destination")
    assert "mixes ALL" in field_error(html, "releasability")
    assert 'aria-invalid="true" aria-describedby="error-quantity"' in html
    spaced = post_form(as_user("ukr-liaison"), "/ui/needs/new", **need(ref="N 1"))
    assert "no spaces" in field_error(spaced.text, "ref")


def test_a_need_due_in_the_past_is_saved_with_a_warning(as_user: AsUser) -> None:
    client = as_user("ukr-liaison")
    answer = post_form(client, "/ui/needs/new", **need(due="2020-01-31"))
    assert answer.status_code == 303
    assert answer.headers["location"] == "/ui/needs/N-NEW?warning=due-past"
    page = client.get(answer.headers["location"]).text
    assert "Saved. Due 2020-01-31 is in the past" in page


def plan_form(client: TestClient, **fields: str) -> tuple[int, str]:
    answer = post_form(client, "/ui/plans", **fields)
    return answer.status_code, answer.text


def test_the_plan_form_refuses_months_out_of_1_to_120_and_a_bad_start_month_at_once(
        as_user: AsUser) -> None:
    client = as_user("coord")
    status, html = plan_form(client, horizon="-3", start="2026-13")
    assert status == 422
    assert "from 1 to 120 months" in html.split('id="plan-error-horizon"')[1].split("<")[0]
    assert "YYYY-MM" in html.split('id="plan-error-start"')[1].split("<")[0]
    assert 'aria-invalid="true" aria-describedby="plan-error-horizon"' in html
    assert plan_form(client, horizon="121", start="2027-01")[0] == 422
    assert plan_form(client, horizon="twelve", start="2027-01")[0] == 422
    status, _ = plan_form(client, horizon="120", start="2027-01")
    assert status == 303


def test_the_api_applies_the_same_field_rules(app: object, as_user: AsUser) -> None:
    from clearinghouse.api.jobs import PlanRequest
    from clearinghouse.api.schemas import NeedCreate

    body = {"ref": "N-1", "class_code": "IFAK", "quantity": 5, "priority": 1,
            "due": "2030-01-01", "destination": "UKR"}
    NeedCreate.model_validate(body)
    for broken in ({"ref": "N-" + "X" * 39}, {"ref": "N 1"}, {"quantity": 10**9 + 1},
                   {"destination": "K" * 201}):
        try:
            NeedCreate.model_validate({**body, **broken})
        except ValueError:
            continue
        raise AssertionError(f"the API accepted {broken}")
    assert PlanRequest(horizon=120).horizon == 120
    try:
        PlanRequest(horizon=121)
    except ValueError:
        return
    raise AssertionError("the API accepted 121 months")
