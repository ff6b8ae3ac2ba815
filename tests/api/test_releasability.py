"""Releasability: for every role of two nations, nothing unreleased appears in a list, a
count, a filtered or sorted page, a get (404 exactly like a missing record) or an error."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from clearinghouse.domain.releasability import is_released_to
from clearinghouse.services.records.users import Role
from tests.api.conftest import NATIONS, NEED_RELEASE, OFFER_DONOR, OFFER_RELEASE

Headers = Callable[[str, Role], dict[str, str]]
MATRIX = [(n, r) for n in NATIONS for r in Role]


def visible_needs(nation: str) -> set[str]:
    return {ref for ref, rel in NEED_RELEASE.items() if is_released_to(rel, nation)}


def visible_offers(nation: str) -> set[str]:
    return {ref for ref, rel in OFFER_RELEASE.items()
            if is_released_to(rel, nation) or OFFER_DONOR[ref] == nation}


@pytest.mark.parametrize(("nation", "role"), MATRIX)
def test_lists_and_totals_hold_exactly_the_records_released_to_the_users_nation(
        client: TestClient, headers: Headers, nation: str, role: Role) -> None:
    who = headers(nation, role)
    for path, expected in (("/needs", visible_needs(nation)),
                           ("/offers", visible_offers(nation))):
        page = client.get(path, headers=who).json()
        assert {r["ref"] for r in page["items"]} == expected, path
        assert page["total"] == len(expected), path
        # Paging, sorting and filtering never reach a hidden record either.
        for params in ({"limit": 1, "offset": 1}, {"sort": "-quantity", "limit": 1},
                       {"status": page["items"][0]["status"]}):
            sub = client.get(path, params=params, headers=who).json()
            assert {r["ref"] for r in sub["items"]} <= expected, (path, params)
            assert sub["total"] <= len(expected), (path, params)


@pytest.mark.parametrize(("nation", "role"), MATRIX)
def test_a_hidden_record_answers_exactly_like_a_missing_one(
        client: TestClient, headers: Headers, nation: str, role: Role) -> None:
    who = headers(nation, role)
    missing = client.get("/needs/N-MISSING", headers=who)
    assert missing.status_code == 404
    for path, refs, expected in (("/needs", NEED_RELEASE, visible_needs(nation)),
                                 ("/offers", OFFER_RELEASE, visible_offers(nation))):
        for ref in refs:
            answer = client.get(f"{path}/{ref}", headers=who)
            if ref in expected:
                assert answer.status_code == 200
                continue
            assert answer.status_code == 404
            assert answer.json()["detail"].replace(ref, "X") == \
                missing.json()["detail"].replace("N-MISSING", "X").replace("needs", path[1:])
            # Writes and transitions on a hidden record reveal nothing more.
            for write in (client.patch(f"{path}/{ref}", json={"quantity": 1},
                                       headers={**who, "If-Match": "1"}),
                          client.post(f"{path}/{ref}/transitions", json={"status": "cancelled"},
                                      headers=who),
                          client.delete(f"{path}/{ref}", headers=who)):
                assert write.status_code == 404, (ref, write.text)


def test_a_donor_nation_sees_its_own_offer_even_when_it_is_not_released_to_it(
        client: TestClient, headers: Headers) -> None:
    usa = headers("USA", Role.DONOR_LIAISON)
    created = client.post("/offers", json={
        "ref": "O-USA-UKR", "donor": "USA", "item": "IFAK", "quantity": 5,
        "available": "2027-01-01", "origin": "USA", "releasability": ["UKR"]}, headers=usa)
    assert created.status_code == 201
    assert client.get("/offers/O-USA-UKR", headers=usa).status_code == 200
    assert client.get("/offers/O-USA-UKR",
                      headers=headers("POL", Role.DONOR_LIAISON)).status_code == 404
    assert client.get("/offers/O-USA-UKR",
                      headers=headers("POL", Role.COORDINATOR)).status_code == 404
    assert client.get("/offers/O-USA-UKR",
                      headers=headers("USA", Role.AUDITOR)).status_code == 200
