"""Every need view shows requested, planned and delivered side by side: the list, the
detail, the CSV export and the API."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

AsUser = Callable[[str], TestClient]


def fulfil(app: FastAPI, ref: str, planned: int, delivered: int) -> None:
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        stored = uow.needs.get_by_ref(ref)
        assert stored is not None
        stored.record.plan(planned)
        stored.record.record_fulfilment(delivered)
        uow.needs.transition(stored.record)
        uow.commit()


def test_the_needs_list_shows_requested_planned_and_delivered(app: FastAPI,
                                                              as_user: AsUser) -> None:
    fulfil(app, "N-ART", 399, 40)
    page = as_user("ukr-liaison").get("/ui/needs").text
    assert re.search(r'<th scope="col" class="num"><a href="[^"]*sort=quantity">Requested</a>',
                     page)
    row = next(r for r in page.split("<tr>") if 'href="/ui/needs/N-ART"' in r)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    assert cells[3:7] == ["400", "399", "40", "10 %"]
    assert "partially-met" in row


def test_the_need_detail_shows_what_is_planned_delivered_and_still_short(
        app: FastAPI, as_user: AsUser) -> None:
    fulfil(app, "N-MED", 900, 899)
    page = as_user("ukr-liaison").get("/ui/needs/N-MED").text
    assert '<dd id="requested">900</dd>' in page
    assert '<dd id="planned">900 (100 %)</dd>' in page
    assert '<dd id="delivered">899 (99.9 %; 1 short)</dd>' in page


def test_the_needs_export_has_the_three_figures_and_only_visible_needs(
        app: FastAPI, as_user: AsUser) -> None:
    fulfil(app, "N-ART", 300, 40)
    answer = as_user("pol-donor").get("/ui/needs/export.csv?priority=1")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [r["ref"] for r in rows] == ["N-ART"]  # N-USA-ONLY is not released to POL
    assert (rows[0]["requested"], rows[0]["planned"], rows[0]["delivered"],
            rows[0]["short"], rows[0]["status"]) == ("400", "300", "40", "360",
                                                     "partially-met")
