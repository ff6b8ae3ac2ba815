"""The import page previews and imports only what the coordinator's nation may see: an upload
that touches a record hidden from it is refused before any count is shown."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date

from fastapi.testclient import TestClient

from tests.web.bundles import bundle_zip
from tests.web.conftest import csrf_of
from tests.web.world import HIDDEN_OFFER, world

AsUser = Callable[[str], TestClient]


def preview(client: TestClient, data: bytes) -> tuple[int, str]:
    form = client.get("/ui/import")
    answer = client.post("/ui/import", data={"csrf": csrf_of(form.text)},
                         files={"bundle": ("bundle.zip", data, "application/zip")})
    return answer.status_code, answer.text


def test_a_preview_touching_a_hidden_offer_is_refused_the_same_whatever_the_row_holds(
        as_user: AsUser) -> None:
    client = as_user("coord")
    answers = []
    for quantity in (777, 778):  # as stored, and changed
        bundle = world(date.today())
        bundle.offers = [dataclasses.replace(o, quantity=quantity)
                         if o.ref == HIDDEN_OFFER else o for o in bundle.offers]
        bundle.needs = [n for n in bundle.needs if n.ref != "N-USA-ONLY"]
        code, text = preview(client, bundle_zip(bundle))
        assert code == 422
        assert 'id="preview"' not in text  # no counts
        assert re.search(rf"offers\.csv:ref: {HIDDEN_OFFER}: {HIDDEN_OFFER} — .*taken", text)
        answers.append(re.sub(r'name="csrf" value="[^"]+"', "", text))
    assert answers[0] == answers[1]


def test_an_upload_of_what_the_coordinator_may_see_is_previewed_with_its_counts(
        as_user: AsUser) -> None:
    client = as_user("coord")
    bundle = world(date.today())
    bundle.needs = [n for n in bundle.needs if n.ref != "N-USA-ONLY"]
    bundle.offers = [o for o in bundle.offers if o.ref != HIDDEN_OFFER]
    code, text = preview(client, bundle_zip(bundle))
    assert code == 200, text
    assert re.search(r"<td>offers</td><td>0</td><td>0</td><td>2</td>", text)
