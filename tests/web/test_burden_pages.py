"""The burden sharing page: stacked shares as SVG and a sortable table, computed on the
records released to the reader's nation and saying so."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.web.test_forms import post_form
from tests.web.test_posts_pages import post

AsUser = Callable[[str], TestClient]


def row_of(html: str, nation: str) -> str:
    found = re.search(rf'<td title="[^"]*">{nation}</td>(.*?)</tr>', html, re.S)
    assert found is not None, f"no row for {nation}"
    return found.group(1)


def test_the_page_says_its_view_and_draws_the_shares(as_user: AsUser) -> None:
    coordinator = as_user("coord")
    assert post_form(coordinator, "/ui/posts/new", **post()).status_code == 303
    page = coordinator.get("/ui/reports/burden").text
    assert "Computed on the records released to POL" in page
    assert 'class="mark"' in page
    assert "100 %" in row_of(page, "USA")  # the only post


def test_a_post_hidden_from_the_reader_counts_neither_for_its_nation_nor_the_total(
        as_user: AsUser) -> None:
    coordinator = as_user("coord")
    post_form(coordinator, "/ui/posts/new", **post(ref="P-SECRET", releasability="USA"))
    polish = as_user("pol-donor").get("/ui/reports/burden").text
    american = as_user("usa-donor").get("/ui/reports/burden").text
    # The United States bring Poland nothing it may see: no row at all.
    assert '<td title="United States">USA</td>' not in polish
    assert row_of(american, "USA").split("<br>")[0].endswith(">1")


def test_the_table_sorts_by_the_kind_asked_for(as_user: AsUser) -> None:
    client = as_user("coord")
    page = client.get("/ui/reports/burden", params={"sort": "hub_capacity_t"}).text
    nations = re.findall(r'<td title="[^"]*">([A-Z]{3})</td>', page)
    assert nations[:2] == ["POL", "ROU"]  # 18,000 t, then 6,000 t a month
    ascending = client.get("/ui/reports/burden", params={"sort": "-hub_capacity_t"}).text
    assert re.findall(r'<td title="[^"]*">([A-Z]{3})</td>', ascending)[-1] == "POL"


def test_the_impact_card_page_says_its_view_and_what_is_lost(as_user: AsUser) -> None:
    coordinator = as_user("coord")
    post_form(coordinator, "/ui/posts/new", **post())
    page = coordinator.get("/ui/reports/impact/USA").text
    assert "If United States (USA) leaves" in page
    assert "Computed on the records released to POL" in page
    assert "J4 logistics" in page
    assert 'id="value-lost"' in page


def test_the_impact_card_of_an_unknown_nation_is_a_404_page(as_user: AsUser) -> None:
    answer = as_user("coord").get("/ui/reports/impact/XYZ")
    assert answer.status_code == 404
