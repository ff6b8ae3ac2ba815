"""Need and offer forms: saved records, the domain's refusals next to the field, roles,
stale versions, status changes and history."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of

AsUser = Callable[[str], TestClient]


def post_form(client: TestClient, path: str, **fields: str) -> httpx.Response:
    form = client.get(path)
    return client.post(path, data={"csrf": csrf_of(form.text), **fields},
                       follow_redirects=False)


def need(**changes: str) -> dict[str, str]:
    return {"ref": "N-NEW", "class_code": "IFAK", "quantity": "40", "priority": "2",
            "due": "2030-05-01", "destination": "UKR", "releasability": "ALL", **changes}


def offer(**changes: str) -> dict[str, str]:
    return {"ref": "O-NEW", "item": "IFAK", "quantity": "10", "available": "2030-01-01",
            "origin": "JPN", "kind": "stock", "value_eur": "", "funding": "",
            "releasability": "ALL", **changes}


def field_error(html: str, name: str) -> str:
    found = re.search(rf'id="error-{name}">([^<]*)<', html)
    return found.group(1) if found else ""


def test_a_recipient_liaison_files_a_need_that_then_shows_as_draft(as_user: AsUser) -> None:
    client = as_user("ukr-liaison")
    answer = post_form(client, "/ui/needs/new", **need())
    assert answer.status_code == 303
    assert answer.headers["location"] == "/ui/needs/N-NEW"
    page = client.get("/ui/needs/N-NEW").text
    assert "draft" in page
    assert "N-NEW" in client.get("/ui/needs").text


def test_an_unreadable_quantity_is_shown_next_to_its_field(as_user: AsUser) -> None:
    answer = post_form(as_user("ukr-liaison"), "/ui/needs/new", **need(quantity="lots"))
    assert answer.status_code == 422
    assert "not a valid whole number" in field_error(answer.text, "quantity")


def test_the_domain_rule_on_priority_is_shown_next_to_its_field(as_user: AsUser) -> None:
    answer = post_form(as_user("ukr-liaison"), "/ui/needs/new", **need(quantity="0"))
    assert answer.status_code == 422
    message = field_error(answer.text, "quantity")
    assert "must be a whole number" in message


def test_a_lethal_item_from_a_non_lethal_only_donor_is_refused_naming_the_caveat(
        as_user: AsUser) -> None:
    client = as_user("jpn-donor")
    answer = post_form(client, "/ui/offers/new", **offer(item="155-HE"))
    assert answer.status_code == 422
    message = field_error(answer.text, "item")
    assert "non-lethal-only" in message
    assert "lethal" in message
    assert client.get("/ui/offers/O-NEW").status_code == 404


def test_a_donor_liaison_files_offers_for_its_own_nation_only(as_user: AsUser) -> None:
    client = as_user("jpn-donor")
    answer = post_form(client, "/ui/offers/new", **offer(donor="USA"))
    assert answer.status_code == 303
    assert "Japan" in client.get("/ui/offers/O-NEW").text or "JPN" in client.get(
        "/ui/offers/O-NEW").text
    assert ">USA<" not in client.get("/ui/offers/O-NEW").text


def test_a_donor_liaison_may_not_file_a_need(as_user: AsUser) -> None:
    answer = post_form(as_user("pol-donor"), "/ui/needs/new", **need())
    assert answer.status_code == 403
    assert "may not change needs" in answer.text


def test_a_donor_liaison_may_not_edit_another_nations_offer(as_user: AsUser) -> None:
    client = as_user("pol-donor")
    page = client.get("/ui/offers/O-JPN").text
    assert "/ui/offers/O-JPN/edit" not in page
    refused = client.get("/ui/offers/O-JPN/edit")
    assert refused.status_code == 403
    assert "may change only its own nation&#39;s offers, not those of JPN" in refused.text
    assert 'name="version"' not in refused.text
    # The owner's form, posted by another nation's liaison, is refused too.
    form = as_user("jpn-donor").get("/ui/offers/O-JPN/edit")
    version = re.search(r'name="version" value="(\d+)"', form.text)
    assert version is not None
    answer = client.post("/ui/offers/O-JPN/edit", data={
        "csrf": csrf_of(client.get("/ui/offers/new").text), "version": version.group(1),
        **offer(quantity="1")})
    assert answer.status_code == 403


@pytest.mark.parametrize("name", ["pol-donor", "auditor", "logistician"])
def test_an_edit_form_opens_only_for_who_may_change_the_record(as_user: AsUser,
                                                               name: str) -> None:
    client = as_user(name)
    assert "/ui/needs/N-ART/edit" not in client.get("/ui/needs/N-ART").text
    refused = client.get("/ui/needs/N-ART/edit")
    assert refused.status_code == 403
    assert "may not change needs" in refused.text
    assert 'name="version"' not in refused.text


def test_an_edit_from_a_stale_form_is_refused_not_lost(as_user: AsUser) -> None:
    client = as_user("coord")
    first = client.get("/ui/needs/N-ART/edit").text
    second = client.get("/ui/needs/N-ART/edit").text
    values = need(quantity="401")
    del values["ref"]
    saved = client.post("/ui/needs/N-ART/edit", data={
        "csrf": csrf_of(first), "version": re.findall(r'name="version" value="(\d+)"',
                                                      first)[0], **values},
        follow_redirects=False)
    assert saved.status_code == 303
    values["quantity"] = "402"
    stale = client.post("/ui/needs/N-ART/edit", data={
        "csrf": csrf_of(second), "version": re.findall(r'name="version" value="(\d+)"',
                                                       second)[0], **values})
    assert stale.status_code == 409
    assert "401" in client.get("/ui/needs/N-ART").text


def test_a_coordinator_moves_a_need_along_its_lifecycle_and_sees_its_history(
        as_user: AsUser) -> None:
    liaison = as_user("ukr-liaison")
    post_form(liaison, "/ui/needs/new", **need())
    coordinator = as_user("coord")
    page = coordinator.get("/ui/needs/N-NEW").text
    assert 'value="validated"' in page
    version = re.findall(r'name="version" value="(\d+)"', page)[0]
    moved = coordinator.post("/ui/needs/N-NEW/status", data={
        "csrf": csrf_of(page), "version": version, "status": "validated"},
        follow_redirects=False)
    assert moved.status_code == 303
    after = coordinator.get("/ui/needs/N-NEW").text
    assert "status: draft → validated" in after
    assert "ukr-liaison" in after  # who filed it, from the audit log


def test_a_step_the_lifecycle_forbids_is_refused_with_the_rule(as_user: AsUser) -> None:
    client = as_user("coord")
    page = client.get("/ui/needs/N-ART").text
    answer = client.post("/ui/needs/N-ART/status", data={"csrf": csrf_of(page),
                                                          "status": "closed",
                                                          "confirm": "yes"})
    assert answer.status_code == 422
    assert "cannot go from open to closed" in answer.text


def test_history_is_only_for_audit_readers(as_user: AsUser) -> None:
    assert "open to coordinators and auditors" in as_user("pol-donor").get(
        "/ui/needs/N-ART").text
    assert "open to coordinators and auditors" not in as_user("auditor").get(
        "/ui/needs/N-ART").text
