"""The needs and offers list pages: search, filters by nation name and item, sortable
headers, page size, a page past the last said so, exports of what the list shows, and
forms offered only to roles that may file."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.web.conftest import ON_BOTH_DATABASES
from tests.web.world import HIDDEN_OFFER

AsUser = Callable[[str], TestClient]


def _refs(html: str, sheet: str) -> list[str]:
    return re.findall(rf'<td><a href="/ui/{sheet}/([^"]+)">', html)


@ON_BOTH_DATABASES
def test_a_search_finds_offers_by_the_donors_name_but_never_a_hidden_one(
        as_user: AsUser) -> None:
    assert _refs(as_user("pol-donor").get("/ui/offers?q=japan").text, "offers") == ["O-JPN"]
    # The United States' only offer is released to UKR and USA: Poland's search finds none.
    assert _refs(as_user("pol-donor").get("/ui/offers?q=united+states").text, "offers") == []
    assert _refs(as_user("usa-donor").get("/ui/offers?q=united+states").text,
                 "offers") == [HIDDEN_OFFER]


def test_the_donor_filter_is_a_picker_of_nation_names(as_user: AsUser) -> None:
    page = as_user("coord").get("/ui/offers?donor=USA").text
    assert '<select name="donor">' in page
    assert '<option value="USA" selected>United States</option>' in page


@ON_BOTH_DATABASES
def test_offers_filter_by_item_and_show_the_items_class(as_user: AsUser) -> None:
    page = as_user("coord").get("/ui/offers?item=IFAK").text
    rows = [r for r in page.split("<tr>") if '<td><a href="/ui/offers/' in r]
    assert rows
    for row in rows:
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
        assert cells[2:5] == ["IFAK", "IFAK", "medical"]


def test_a_column_header_sorts_and_a_second_click_reverses(as_user: AsUser) -> None:
    client = as_user("coord")
    page = client.get("/ui/needs").text
    assert 'href="?sort=priority">Priority</a>' in page
    down = client.get("/ui/needs?sort=priority").text
    assert 'aria-sort="ascending"' in down
    assert 'href="?sort=-priority">Priority ↑</a>' in down


@ON_BOTH_DATABASES
def test_the_page_size_is_chosen_and_a_page_past_the_last_says_so(as_user: AsUser) -> None:
    client = as_user("coord")
    one = client.get("/ui/needs?size=10").text
    assert "<option selected>10</option>" in one
    beyond = client.get("/ui/needs?page=999").text
    assert 'id="beyond"' in beyond
    assert "Page 999 is past the last page" in beyond
    assert _refs(beyond, "needs") == []


@ON_BOTH_DATABASES
def test_the_offers_export_is_what_the_list_shows_in_csv_and_xlsx(as_user: AsUser) -> None:
    client = as_user("pol-donor")
    shown = _refs(client.get("/ui/offers?status=offered&sort=-ref&size=10").text, "offers")
    answer = client.get("/ui/offers/export.csv?status=offered&sort=-ref")
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [r["ref"] for r in rows][:len(shown)] == shown
    assert HIDDEN_OFFER not in {r["ref"] for r in rows}
    book = client.get("/ui/offers/export.xlsx?status=offered&sort=-ref")
    sheet = load_workbook(io.BytesIO(book.content)).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == \
        [r["ref"] for r in rows]


def test_the_list_links_its_exports_with_its_filters(as_user: AsUser) -> None:
    page = as_user("coord").get("/ui/needs?priority=1&page=2").text
    assert 'href="/ui/needs/export.csv?priority=1"' in page
    assert 'href="/ui/needs/export.xlsx?priority=1"' in page


def test_the_new_offer_form_is_neither_linked_nor_opened_for_a_coordinator(
        as_user: AsUser) -> None:
    client = as_user("coord")
    assert 'href="/ui/offers/new"' not in client.get("/ui/offers").text
    refused = client.get("/ui/offers/new")
    assert refused.status_code == 403
    assert "may not file offers" in refused.text
    donor = as_user("pol-donor")
    assert 'href="/ui/offers/new"' in donor.get("/ui/offers").text
    assert donor.get("/ui/offers/new").status_code == 200


def test_every_page_starts_with_a_skip_link_to_the_main_content(as_user: AsUser) -> None:
    page = as_user("coord").get("/ui/needs").text
    assert page.index('class="skip-link" href="#main"') < page.index("<header>")
    assert '<main id="main"' in page
