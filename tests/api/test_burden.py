"""GET /reports/burden: computed on the records released to the reader's nation, and says so;
every share of a kind adds up to 1; a nation with nothing is listed with zeros."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from clearinghouse.services.records.users import Role

Headers = Callable[[str, Role], dict[str, str]]


def add_post(client: TestClient, headers: Headers, ref: str, nation: str,
             releasability: list[str]) -> None:
    body = {"ref": ref, "nation": nation, "title": "Staff officer", "branch": "J3",
            "starts": "2025-01-06", "releasability": releasability}
    answer = client.post("/posts", json=body, headers=headers("USA", Role.COORDINATOR))
    assert answer.status_code == 201, answer.text


def test_burden_counts_only_the_posts_released_to_the_readers_nation_and_says_so(
        client: TestClient, headers: Headers) -> None:
    add_post(client, headers, "P-1", "USA", ["ALL"])
    add_post(client, headers, "P-2", "USA", ["UKR", "USA"])
    add_post(client, headers, "P-3", "POL", ["ALL"])
    polish = client.get("/reports/burden", headers=headers("POL", Role.DONOR_LIAISON)).json()
    american = client.get("/reports/burden", headers=headers("USA", Role.DONOR_LIAISON)).json()
    assert polish["computed_on"] == "the records released to POL"
    assert american["computed_on"] == "the records released to USA"
    usa_seen_by_pol = next(n for n in polish["nations"] if n["nation"] == "USA")
    assert usa_seen_by_pol["figures"]["posts"] == 1
    assert usa_seen_by_pol["shares"]["posts"] == pytest.approx(0.5)
    assert american["totals"]["posts"] == 3


def test_every_share_adds_up_to_1_and_a_nation_with_nothing_in_a_kind_has_zeros(
        client: TestClient, headers: Headers) -> None:
    add_post(client, headers, "P-1", "UKR", ["ALL"])
    answer = client.get("/reports/burden", headers=headers("POL", Role.AUDITOR)).json()
    for kind in answer["kinds"]:
        name = kind["name"]
        total = sum(n["shares"][name] for n in answer["nations"])
        assert total == pytest.approx(1.0 if answer["totals"][name] > 0 else 0.0), name
    ukraine = next(n for n in answer["nations"] if n["nation"] == "UKR")
    assert ukraine["shares"]["posts"] == 1.0
    assert {v for k, v in ukraine["figures"].items() if k != "posts"} == {0.0}


def test_in_kind_pledges_hidden_from_the_reader_never_enter_its_totals(
        client: TestClient, headers: Headers) -> None:
    polish = client.get("/reports/burden", headers=headers("POL", Role.AUDITOR)).json()
    american = client.get("/reports/burden", headers=headers("USA", Role.AUDITOR)).json()

    def usa_t(answer: dict[str, Any]) -> float:
        return float(next(n for n in answer["nations"]
                          if n["nation"] == "USA")["figures"]["inkind_pledged_t"])

    # O-USA (50 rounds of 47 kg) is released to UKR and USA only; O-USA-ALL to all.
    assert usa_t(polish) == pytest.approx(50 * 0.047)
    assert usa_t(american) == pytest.approx(100 * 0.047)


def test_the_impact_card_says_its_view_and_lists_the_posts_to_refill(
        client: TestClient, headers: Headers) -> None:
    add_post(client, headers, "P-1", "USA", ["ALL"])
    add_post(client, headers, "P-2", "USA", ["UKR", "USA"])
    polish = client.get("/reports/impact/USA", headers=headers("POL", Role.AUDITOR))
    assert polish.status_code == 200, polish.text
    card = polish.json()
    assert card["computed_on"] == "the records released to POL"
    assert (card["posts"], card["posts_by_branch"]) == (1, {"J3 operations": 1})
    assert card["value_lost"] == pytest.approx(card["value_before"] - card["value_after"])
    american = client.get("/reports/impact/USA", headers=headers("USA", Role.AUDITOR)).json()
    assert american["posts"] == 2


def test_the_impact_card_of_an_unknown_nation_is_404(client: TestClient,
                                                     headers: Headers) -> None:
    answer = client.get("/reports/impact/FRA", headers=headers("POL", Role.AUDITOR))
    assert answer.status_code == 404
    assert "FRA" in answer.json()["detail"]
