"""Staff posts over the API: coordinators keep them, releasability hides them like any
record, the post's nation always sees its own, and every write is audited."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from clearinghouse.services.records.users import Role

Headers = Callable[[str, Role], dict[str, str]]
POST = {"ref": "P-J2-1", "nation": "USA", "title": "Chief J2", "branch": "J2",
        "starts": "2025-01-06", "releasability": ["UKR", "USA"]}


def test_a_post_released_to_others_is_hidden_from_a_nation_it_is_not_released_to(
        client: TestClient, headers: Headers) -> None:
    assert client.post("/posts", json=POST, headers=headers("USA", Role.COORDINATOR)
                       ).status_code == 201
    polish = headers("POL", Role.COORDINATOR)
    assert client.get("/posts/P-J2-1", headers=polish).status_code == 404
    assert client.get("/posts", headers=polish).json()["total"] == 0
    assert client.get("/posts", headers=headers("USA", Role.AUDITOR)).json()["total"] == 1


def test_the_posts_nation_sees_its_post_even_when_not_released_to_it(
        client: TestClient, headers: Headers) -> None:
    body = {**POST, "releasability": ["UKR"]}
    assert client.post("/posts", json=body, headers=headers("USA", Role.COORDINATOR)
                       ).status_code == 201
    answer = client.get("/posts/P-J2-1", headers=headers("USA", Role.DONOR_LIAISON))
    assert answer.status_code == 200
    assert answer.json()["branch"] == "intelligence"


def test_only_coordinators_change_posts(client: TestClient, headers: Headers) -> None:
    answer = client.post("/posts", json=POST, headers=headers("USA", Role.DONOR_LIAISON))
    assert answer.status_code == 403


def test_a_post_of_an_unknown_nation_is_refused_naming_the_field(
        client: TestClient, headers: Headers) -> None:
    answer = client.post("/posts", json={**POST, "nation": "FRA"},
                         headers=headers("USA", Role.COORDINATOR))
    assert answer.status_code == 422
    assert "nation FRA is not known" in answer.text


def test_a_post_ending_before_it_starts_is_refused_on_ends(
        client: TestClient, headers: Headers) -> None:
    answer = client.post("/posts", json={**POST, "ends": "2024-12-31"},
                         headers=headers("USA", Role.COORDINATOR))
    assert answer.status_code == 422
    assert "ends" in answer.text


def test_creating_a_post_is_written_to_the_audit_log(client: TestClient,
                                                     headers: Headers) -> None:
    coordinator = headers("USA", Role.COORDINATOR)
    client.post("/posts", json=POST, headers=coordinator)
    log = client.get("/audit", params={"entity": "posts", "key": "P-J2-1"},
                     headers=coordinator).json()
    entries = log["items"] if isinstance(log, dict) else log
    assert [e["action"] for e in entries] == ["create"]
