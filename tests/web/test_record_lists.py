"""Posts, procurement requests and training needs share the needs' list (web.lists): search,
sortable headers, page size, a page past the last said so, and exports (CSV, XLSX) of
exactly what the list shows — releasability applied, so a donor never exports a row it may
not see."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.posts import Branch, Post
from clearinghouse.domain.procurement import ProcurementRequest
from clearinghouse.domain.training import CourseCategory, TrainingNeed
from tests.seed import seed
from tests.web.conftest import ON_BOTH_DATABASES

AsUser = Callable[[str], TestClient]
#: List address → (the sheet's word in links, a ref only UKR and USA see, or None).
LISTS = {"/ui/posts": ("posts", "P-SECRET"), "/ui/procurement": ("procurement", "PR-SECRET"),
         "/ui/training-needs": ("training-needs", None)}


@pytest.fixture
def listed(app: FastAPI) -> FastAPI:
    """Three posts, three procurement requests and three training needs; one post and one
    request released to UKR and USA only (never on a Polish page or export)."""
    due = date.today() + timedelta(days=200)
    start = date(2025, 1, 6)
    seed(app.state.settings, Bundle(
        posts=[Post("P-J4-1", "POL", "Chief J4", Branch.LOGISTICS, start),
               Post("P-J2-1", "USA", "Deputy J2", Branch.INTELLIGENCE, start),
               Post("P-SECRET", "USA", "Liaison officer", Branch.LOGISTICS, start,
                    releasability=("UKR", "USA"))],
        procurement=[ProcurementRequest("PR-1", "POL", "IFAK", 400, 45.0, due),
                     ProcurementRequest("PR-2", "ROU", "155mm-NATO", 90, 3200.0, due),
                     ProcurementRequest("PR-SECRET", "USA", "IFAK", 10, 50.0, due,
                                        ("UKR", "USA"))],
        training_needs=[TrainingNeed("T-MED", CourseCategory.MEDICAL, 40, 1, due),
                        TrainingNeed("T-CYB", CourseCategory.CYBER, 10, 2, due),
                        TrainingNeed("T-LOG", CourseCategory.LOGISTICS, 25, 3, due)]), "test")
    return app


def refs(html: str) -> list[str]:
    """The refs of the list's rows, in order (linked or not)."""
    table = html.split('class="records"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr><td>(?:<a [^>]*>)?([A-Z][A-Z0-9-]+)", table)


def exported(client: TestClient, path: str, **params: str) -> list[dict[str, str]]:
    answer = client.get(f"{path}/export.csv", params=params)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(answer.text)))


@ON_BOTH_DATABASES
def test_a_search_finds_posts_requests_and_training_needs_by_their_words(
        listed: FastAPI, as_user: AsUser) -> None:
    client = as_user("coord")
    assert refs(client.get("/ui/posts?q=deputy").text) == ["P-J2-1"]
    # A nation is found by its name, as on the needs and offers.
    assert refs(client.get("/ui/procurement?q=romania").text) == ["PR-2"]
    assert refs(client.get("/ui/training-needs?q=cyber").text) == ["T-CYB"]


@pytest.mark.parametrize("path", list(LISTS))
def test_a_column_header_sorts_each_list_and_a_second_click_reverses(
        listed: FastAPI, as_user: AsUser, path: str) -> None:
    client = as_user("coord")
    assert 'href="?sort=ref">Ref</a>' in client.get(path).text
    up = client.get(f"{path}?sort=ref").text
    assert 'aria-sort="ascending"' in up
    assert 'href="?sort=-ref">Ref ↑</a>' in up
    down = refs(client.get(f"{path}?sort=-ref").text)
    assert down == sorted(down, reverse=True)
    assert len(down) >= 2


@pytest.mark.parametrize("path", list(LISTS))
def test_each_list_has_a_page_size_and_says_when_a_page_is_past_the_last(
        listed: FastAPI, as_user: AsUser, path: str) -> None:
    client = as_user("coord")
    assert len(refs(client.get(f"{path}?size=10").text)) <= 10
    beyond = client.get(f"{path}?page=999&size=10").text
    assert 'id="beyond"' in beyond
    assert "Page 999 is past the last page" in beyond
    assert refs(beyond) == []


@pytest.mark.parametrize("path", list(LISTS))
def test_each_export_is_what_the_list_shows_in_csv_and_xlsx(
        listed: FastAPI, as_user: AsUser, path: str) -> None:
    client = as_user("coord")
    page = client.get(f"{path}?sort=-ref").text
    assert f'href="{path}/export.csv?sort=-ref"' in page
    rows = exported(client, path, sort="-ref")
    assert [r["ref"] for r in rows] == refs(page)
    xlsx = client.get(f"{path}/export.xlsx", params={"sort": "-ref"})
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == refs(page)


@ON_BOTH_DATABASES
def test_a_donors_exports_hold_only_the_rows_released_to_its_nation(
        listed: FastAPI, as_user: AsUser) -> None:
    polish, american = as_user("pol-donor"), as_user("usa-donor")
    for path in ("/ui/posts", "/ui/procurement"):
        hidden = LISTS[path][1]
        assert hidden not in {r["ref"] for r in exported(polish, path)}
        assert hidden not in polish.get(path).text
        assert hidden in {r["ref"] for r in exported(american, path)}
    # A search cannot reach a hidden row either.
    assert exported(polish, "/ui/posts", q="liaison") == []


def test_the_exports_apply_the_lists_filters(listed: FastAPI, as_user: AsUser) -> None:
    client = as_user("coord")
    assert [r["ref"] for r in exported(client, "/ui/posts", branch="intelligence")] == ["P-J2-1"]
    assert [r["ref"] for r in exported(client, "/ui/procurement", buyer="ROU")] == ["PR-2"]
    rows = exported(client, "/ui/training-needs", category="medical")
    assert rows == [{"ref": "T-MED", "category": "medical", "trainees": "40", "priority": "1",
                     "due": rows[0]["due"]}]
    posts = exported(client, "/ui/posts", q="chief")
    assert (posts[0]["branch"], posts[0]["today"]) == ("logistics", "filled")


def test_nations_are_picked_by_name_on_posts_and_procurement(
        listed: FastAPI, as_user: AsUser) -> None:
    client = as_user("coord")
    assert '<option value="ROU" selected>Romania</option>' in client.get(
        "/ui/procurement?buyer=ROU").text
    assert '<option value="USA" selected>United States</option>' in client.get(
        "/ui/posts?nation=USA").text
