"""Staff posts: validation, branches by name or J-code, filled and vacant days."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from clearinghouse.adapters.exchange import read_bundle, write_bundle
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.nations import Nation, NationRole
from clearinghouse.domain.posts import Branch, Post, parse_branch

D = date(2026, 1, 1)


def test_a_branch_is_read_by_its_name_or_its_j_code() -> None:
    assert parse_branch("J3") is Branch.OPERATIONS
    assert parse_branch("logistics") is Branch.LOGISTICS
    assert parse_branch("cg") is Branch.COMMAND


def test_an_unknown_branch_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(DomainError) as raised:
        parse_branch("J10")
    assert raised.value.field == "branch"
    assert "operations (J3)" in raised.value.rule


def test_a_post_that_ends_before_it_starts_is_refused_on_ends() -> None:
    with pytest.raises(DomainError) as raised:
        Post("P-1", "POL", "Chief J4", Branch.LOGISTICS, D, date(2025, 12, 31))
    assert raised.value.field == "ends"


def test_a_post_needs_a_title_and_a_nation_code() -> None:
    with pytest.raises(DomainError, match="title"):
        Post("P-1", "POL", " ", Branch.LOGISTICS, D)
    with pytest.raises(DomainError) as raised:
        Post("P-1", "Poland", "Chief J4", Branch.LOGISTICS, D)
    assert raised.value.field == "nation"


def test_a_post_is_filled_from_its_start_until_the_day_before_it_ends() -> None:
    post = Post("P-1", "POL", "Chief J4", Branch.LOGISTICS, D, date(2026, 7, 1))
    assert not post.filled_on(date(2025, 12, 31))
    assert post.filled_on(D)
    assert post.filled_on(date(2026, 6, 30))
    assert not post.filled_on(date(2026, 7, 1))


def test_an_open_ended_post_stays_filled() -> None:
    assert Post("P-1", "POL", "Chief J4", Branch.LOGISTICS, D).filled_on(date(2040, 1, 1))


def test_a_post_of_a_nation_the_bundle_lacks_is_a_problem_on_nation() -> None:
    bundle = Bundle(nations=[Nation("POL", "Poland", True, True, NationRole.DONOR)],
                    posts=[Post("P-1", "USA", "Commander", Branch.COMMAND, D)])
    (problem,) = bundle.problems()
    assert (problem.sheet, problem.field, problem.value) == ("posts", "nation", "USA")


def test_posts_round_trip_through_csv_and_xlsx(tmp_path: Path) -> None:
    bundle = Bundle(nations=[Nation("POL", "Poland", True, True, NationRole.DONOR)],
                    posts=[Post("P-1", "POL", "Commander", Branch.COMMAND, D),
                           Post("P-2", "POL", "=Chief J6", Branch.COMMUNICATIONS, D,
                                date(2027, 1, 1), ("POL", "UKR"))])
    for target in (tmp_path / "folder", tmp_path / "book.xlsx"):
        write_bundle(bundle, target)
        assert read_bundle(target).posts == bundle.posts
    assert (tmp_path / "folder" / "posts.csv").read_text().splitlines()[0] == (
        "ref,nation,title,branch,starts,ends,releasability")
