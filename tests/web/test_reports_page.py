"""The reports page: every role downloads the briefing of its own nation's view."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.web.world import HIDDEN_OFFER

AsUser = Callable[[str], TestClient]


def test_a_reader_downloads_the_briefing_of_its_nations_view(as_user: AsUser) -> None:
    client = as_user("pol-donor")
    assert 'id="download-briefing"' in client.get("/ui/reports").text
    answer = client.get("/ui/reports/briefing.zip")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        names = archive.namelist()
        html = archive.read("briefing.html").decode()
        everything = "".join(archive.read(n).decode() for n in names)
    assert any(n.endswith(".csv") for n in names)
    assert "records released to POL" in html
    assert HIDDEN_OFFER not in everything


def test_the_audit_link_is_offered_only_to_those_who_may_read_it(as_user: AsUser) -> None:
    assert 'href="/ui/audit"' not in as_user("pol-donor").get("/ui/reports").text
    assert 'href="/ui/audit"' in as_user("auditor").get("/ui/reports").text
