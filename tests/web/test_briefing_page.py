"""The briefing read in the browser: the same figures as the service's briefing and as the
download, for the reader's nation only, each section saying which plan and which view."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from datetime import date
from html.parser import HTMLParser

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.services.records.users import Role, User
from clearinghouse.services.reporting.briefing import briefing
from clearinghouse.services.reporting.briefing_sections import SHOWN_ROWS
from tests.shipment_runs import approved_run, through_hub
from tests.web.world import HIDDEN_OFFER, USERS

AsUser = Callable[[str], TestClient]


class _Tables(HTMLParser):
    """Every ``<table>`` of a page: caption → rows of cell texts (header row first), and the
    plan and view each section states."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.basis: list[tuple[str, str]] = []
        self._caption: str | None = None
        self._rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._in: str | None = None
        self._basis: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        cls = dict(attrs).get("class") or ""
        if tag == "table":
            self._rows, self._caption = [], ""
        elif tag == "tr":
            self._rows.append([])
        elif tag in ("td", "th", "caption"):
            self._cell, self._in = [], tag
        elif tag == "dd" and cls in ("basis-plan", "basis-view"):
            self._cell, self._in = [], cls

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._cell is None:
            if tag == "table" and self._caption is not None:
                self.tables[self._caption] = self._rows
            return
        text = "".join(self._cell).strip()
        if tag == "caption":
            self._caption = text
        elif tag in ("td", "th"):
            self._rows[-1].append(text)
        elif tag == "dd":
            self._basis.append(text)
            if len(self._basis) == 2:
                self.basis.append((self._basis[0], self._basis[1]))
                self._basis = []
        else:
            return
        self._cell = None


def tables_of(page: str) -> _Tables:
    parser = _Tables()
    parser.feed(page)
    return parser


def csv_of(archive: zipfile.ZipFile, figure: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(archive.read(f"briefing_{figure}.csv").decode())))


def user(name: str) -> User:
    nation, role = USERS[name]
    return User(name, nation, Role(role))


@pytest.fixture
def approved(app: FastAPI) -> int:
    start = date.today().replace(day=1)
    return approved_run(app.state.settings, app.state.engine, start, [
        through_hub("O-POL", "N-ART", 0, 100),
        through_hub(HIDDEN_OFFER, "N-USA-ONLY", 0, 50),
        through_hub("O-JPN", "N-MED", 0, 200, kg=0.5)])


@pytest.mark.parametrize("name", ["pol-donor", "usa-donor"])
def test_the_briefing_page_shows_the_services_figures_for_the_readers_nation_and_the_same_as_the_download(  # noqa: E501
        app: FastAPI, as_user: AsUser, approved: int, name: str) -> None:
    client = as_user(name)
    nation = USERS[name][0]
    assert 'id="read-briefing"' in client.get("/ui/reports").text
    answer = client.get("/ui/reports/briefing")
    assert answer.status_code == 200
    page = tables_of(answer.text)
    expected = briefing(app.state.settings, today=date.today(), reader=user(name))
    shown = {caption: table for s in expected.sections for caption, table in s.shown.items()
             if table[1]}
    assert set(page.tables) == {
        c if len(t[1]) <= SHOWN_ROWS else f"{c} (first {SHOWN_ROWS} of {len(t[1])}; all in "
        "the download)" for c, t in shown.items()}
    for caption, (header, rows) in shown.items():
        got = next(t for c, t in page.tables.items() if c.startswith(caption))
        assert got == [header] + [["" if v is None else str(v) for v in r]
                                  for r in rows[:SHOWN_ROWS]], caption
    zipped = client.get("/ui/reports/briefing.zip")
    with zipfile.ZipFile(io.BytesIO(zipped.content)) as archive:
        for figure, caption in (("fill_rate", "Delivered ÷ requested by capability and priority"),
                                ("ledger", "Ledger by donor, capability and instrument")):
            assert page.tables[caption] == csv_of(archive, figure)
    # Each section says its plan and its view: the approved run, the reader's records.
    assert len(page.basis) == len(expected.sections)
    assert page.basis[0] == (f"approved plan run {approved}",
                             f"the records released to {nation} only")
    assert all(view.startswith(f"the records released to {nation}") for _, view in page.basis)


def test_a_donor_reads_its_own_view_not_another_nations(as_user: AsUser,
                                                         approved: int) -> None:
    polish = tables_of(as_user("pol-donor").get("/ui/reports/briefing").text)
    american = tables_of(as_user("usa-donor").get("/ui/reports/briefing").text)
    caption = "Ledger by donor, capability and instrument"
    donors = {row[0] for row in polish.tables[caption][1:]}
    assert "USA" not in donors  # the American offer is not released to Poland
    assert "USA" in {row[0] for row in american.tables[caption][1:]}
    page = as_user("pol-donor").get("/ui/reports/briefing").text
    assert HIDDEN_OFFER not in page
    assert "N-USA-ONLY" not in page


def test_the_briefing_page_has_no_inline_style_and_keeps_the_sites_policy(
        as_user: AsUser) -> None:
    answer = as_user("auditor").get("/ui/reports/briefing")
    assert answer.status_code == 200
    assert "style=" not in answer.text
    assert "<style" not in answer.text
    assert "style-src 'self';" in answer.headers["content-security-policy"]
    assert "plan approved yet" in answer.text


def test_the_briefings_delivered_share_is_not_titled_as_the_dashboards_fill_rate(
        as_user: AsUser, approved: int) -> None:
    """The dashboard's fill rate is what the approved plan plans; the briefing's counts
    deliveries: the same title over the two figures read as two answers to one question."""
    client = as_user("coord")
    assert "Fill rate by capability and priority" in client.get("/ui/").text
    page = client.get("/ui/reports/briefing").text
    assert "Delivered ÷ requested by capability and priority" in page
    assert "Fill rate by capability and priority" not in page
