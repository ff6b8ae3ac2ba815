"""Training need pages: coordinators and recipient liaisons (the roles the API lets write
training needs) file and edit them through the forms every record sheet shares; a value the
form cannot read is shown next to its field and nothing is written; other roles read the
list and the detail page but are refused the form before they fill it."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.web.test_forms import field_error, post_form

AsUser = Callable[[str], TestClient]
NEW = "/ui/training-needs/new"


def training_need(**changes: str) -> dict[str, str]:
    return {"ref": "T-NEW", "category": "medical", "trainees": "40", "priority": "2",
            "due": "2030-05-01", **changes}


@pytest.mark.parametrize("name", ["coord", "ukr-liaison"])
def test_a_writer_files_a_training_need_that_then_shows_in_the_list_and_on_its_page(
        as_user: AsUser, name: str) -> None:
    client = as_user(name)
    assert "New training need" in client.get("/ui/training-needs").text
    form = client.get(NEW).text
    assert '<option value="">choose…</option>' in form  # no category chosen for the filer
    answer = post_form(client, NEW, **training_need())
    assert answer.status_code == 303
    assert answer.headers["location"] == "/ui/training-needs/T-NEW"
    detail = client.get("/ui/training-needs/T-NEW").text
    assert "<h1>Training need T-NEW" in detail
    assert re.search(r"<dt>Course category</dt><dd>medical</dd>", detail)
    assert re.search(r"<dt>Trainees</dt><dd>40</dd>", detail)
    assert 'href="/ui/training-needs/T-NEW/edit"' in detail
    assert 'href="/ui/training-needs/T-NEW"' in client.get("/ui/training-needs").text


def test_a_coordinator_edits_a_training_need_and_its_history_shows_the_change(
        as_user: AsUser) -> None:
    client = as_user("coord")
    post_form(client, NEW, **training_need())
    form = client.get("/ui/training-needs/T-NEW/edit").text
    assert "<h1>Edit training need T-NEW</h1>" in form
    assert 'name="version" value="1"' in form
    assert 'name="ref"' not in form  # the key is set on create only
    changed = {k: v for k, v in training_need(trainees="60", priority="1").items() if k != "ref"}
    answer = post_form(client, "/ui/training-needs/T-NEW/edit", **changed, version="1")
    assert answer.status_code == 303
    detail = client.get("/ui/training-needs/T-NEW").text
    history = detail.split("<h2>History</h2>")[1]
    assert "trainees: 40 → 60" in history
    assert "priority: 2 → 1" in history
    assert "created" in history
    assert re.search(r"<td>\d{4}-\d\d-\d\d \d\d:\d\d UTC</td>", history)  # said in UTC


@pytest.mark.parametrize(("field", "value", "says"), [
    ("trainees", "forty", "not a valid whole number"),
    ("trainees", "0", "must be a whole number of people from 1 to 1,000,000"),
    ("priority", "9", "is not one of 1, 2, 3, 4, 5"),
    ("due", "2030-02-30", "not a valid date (YYYY-MM-DD)"),
    ("category", "parachuting", "is not one of combat, medical"),
])
def test_bad_input_is_shown_next_to_its_field_and_nothing_is_written(
        as_user: AsUser, field: str, value: str, says: str) -> None:
    client = as_user("coord")
    answer = post_form(client, NEW, **training_need(**{field: value}))
    assert answer.status_code == 422
    assert says in field_error(answer.text, field).replace("&#39;", "'")
    assert f'id="f-{field}" name="{field}"' in answer.text
    assert 'aria-invalid="true" aria-describedby="error-' + field in answer.text
    assert client.get("/ui/training-needs/T-NEW").status_code == 404
    assert "T-NEW" not in client.get("/ui/training-needs").text


def test_bad_input_on_edit_leaves_the_stored_training_need_as_it_was(as_user: AsUser) -> None:
    client = as_user("coord")
    post_form(client, NEW, **training_need())
    changed = {k: v for k, v in training_need(trainees="many").items() if k != "ref"}
    answer = post_form(client, "/ui/training-needs/T-NEW/edit", **changed, version="1")
    assert answer.status_code == 422
    assert "not a valid whole number" in field_error(answer.text, "trainees")
    detail = client.get("/ui/training-needs/T-NEW").text
    assert re.search(r"<dt>Trainees</dt><dd>40</dd>", detail)
    assert re.search(r"<dt>Version</dt><dd>1</dd>", detail)


@pytest.mark.parametrize("name", ["usa-donor", "logistician", "auditor"])
def test_a_role_that_may_not_file_training_needs_is_refused_before_the_form(
        as_user: AsUser, name: str) -> None:
    coord = as_user("coord")
    post_form(coord, NEW, **training_need(ref="T-OLD"))
    client = as_user(name)
    assert "New training need" not in client.get("/ui/training-needs").text
    refused = client.get(NEW)
    assert refused.status_code == 403
    assert 'name="trainees"' not in refused.text
    assert post_form(client, NEW, **training_need()).status_code == 403
    assert coord.get("/ui/training-needs/T-NEW").status_code == 404
    detail = client.get("/ui/training-needs/T-OLD").text
    assert "<h1>Training need T-OLD" in detail
    assert "/edit" not in detail
    changed = {k: v for k, v in training_need(trainees="99").items() if k != "ref"}
    assert post_form(client, "/ui/training-needs/T-OLD/edit", **changed,
                     version="1").status_code == 403
    assert re.search(r"<dt>Trainees</dt><dd>40</dd>",
                     coord.get("/ui/training-needs/T-OLD").text)


def test_the_history_is_shown_to_auditors_and_withheld_from_liaisons(as_user: AsUser) -> None:
    post_form(as_user("coord"), NEW, **training_need())
    assert "created" in as_user("auditor").get(
        "/ui/training-needs/T-NEW").text.split("<h2>History</h2>")[1]
    liaison = as_user("ukr-liaison").get("/ui/training-needs/T-NEW").text
    assert "The audit log is open to coordinators and auditors." in liaison
