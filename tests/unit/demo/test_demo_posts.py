"""The demo's staff: ~350 posts from 31 nations, the US about 9 % with the commander's post."""

from __future__ import annotations

import dataclasses
from collections import Counter

from clearinghouse.demo import generate
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.posts import Branch

from .conftest import START


def test_about_350_posts_come_from_31_nations_including_ukraine(picture: Bundle) -> None:
    assert 330 <= len(picture.posts) <= 370
    nations = {p.nation for p in picture.posts}
    assert len(nations) == 31
    assert "UKR" in nations


def test_the_us_fills_about_9_percent_of_the_posts_and_the_commanders(picture: Bundle) -> None:
    share = sum(p.nation == "USA" for p in picture.posts) / len(picture.posts)
    assert 0.08 <= share <= 0.10
    filled = [p for p in picture.posts if p.filled_on(START)]
    assert 0.08 <= sum(p.nation == "USA" for p in filled) / len(filled) <= 0.10
    (commander,) = [p for p in picture.posts if p.title == "Commander"]
    assert (commander.nation, commander.branch) == ("USA", Branch.COMMAND)
    assert commander.filled_on(START)


def test_operations_and_logistics_hold_the_most_posts_and_every_branch_has_some(
        picture: Bundle) -> None:
    counts = Counter(p.branch for p in picture.posts)
    assert set(counts) == set(Branch)
    assert [b for b, _ in counts.most_common(2)] == [Branch.OPERATIONS, Branch.LOGISTICS]


def test_most_posts_are_filled_at_the_start_and_a_few_are_vacant(picture: Bundle) -> None:
    vacant = sum(not p.filled_on(START) for p in picture.posts)
    assert 0 < vacant <= 0.1 * len(picture.posts)


def test_the_posts_are_the_same_for_the_same_start_and_leave_the_other_sheets_alone(
        picture: Bundle) -> None:
    again = generate(START)
    assert again.posts == picture.posts
    assert dataclasses.replace(again, posts=[]) == dataclasses.replace(picture, posts=[])
    assert not picture.problems()
