"""The OpenAPI document tells the truth: one error body for every refusal, every status
documented, strict dates and path ids, NUL bytes refused cleanly."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.services.records.users import Role
from tests.security.conftest import ON_BOTH_DATABASES

Headers = Callable[[str, Role], dict[str, str]]
ERROR = {"$ref": "#/components/schemas/ErrorRead"}


def test_a_plan_start_given_as_a_number_is_refused(client: TestClient, headers: Headers) -> None:
    answer = client.post("/plans", json={"start": 0}, headers=headers("POL", Role.COORDINATOR))
    assert answer.status_code == 422
    assert answer.json()["field"] == "start"


def test_a_plan_start_not_on_the_first_of_a_month_is_refused(
        client: TestClient, headers: Headers) -> None:
    answer = client.post("/plans", json={"start": "2027-01-15"},
                         headers=headers("POL", Role.COORDINATOR))
    assert answer.status_code == 422
    assert "first day of a month" in answer.json()["detail"]


def test_a_path_id_with_a_control_character_is_not_that_id(
        client: TestClient, headers: Headers) -> None:
    who = headers("POL", Role.COORDINATOR)
    answer = client.get("/jobs/%0C6", headers=who)
    assert answer.status_code == 422
    assert answer.json()["field"] == "job_id"
    assert client.get("/jobs/+6", headers=who).status_code == 422


def test_a_validation_error_has_the_documented_error_body(
        client: TestClient, headers: Headers) -> None:
    answer = client.post("/needs", json={"ref": "N-1"}, headers=headers("POL", Role.COORDINATOR))
    assert answer.status_code == 422
    body = answer.json()
    assert isinstance(body["detail"], str)
    assert body["field"]
    assert body["errors"]


def test_every_operation_documents_its_error_statuses_with_one_body(app: FastAPI) -> None:
    document = app.openapi()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status in ("400", "401", "403", "404", "409", "422", "429", "503"):
                answer = operation["responses"][status]
                assert answer["content"]["application/json"]["schema"] == ERROR, (
                    method, path, status)
    assert "413" in document["paths"]["/bundles/import"]["post"]["responses"]
    assert "HTTPValidationError" not in document["components"]["schemas"]


@ON_BOTH_DATABASES
def test_a_nul_byte_is_answered_with_a_clean_422(client: TestClient, headers: Headers) -> None:
    who = headers("POL", Role.COORDINATOR)
    answer = client.post("/needs", headers=who, json={
        "ref": "N-\u0000", "class_code": "IFAK", "quantity": 1, "priority": 1,
        "due": "2027-03-01", "destination": "UKR", "releasability": ["ALL"]})
    assert answer.status_code == 422
    assert answer.json()["field"] == "ref"
    lookup = client.get("/needs?class_code=%00", headers=who)
    assert lookup.status_code in (200, 422)
    assert "psycopg" not in lookup.text
    assert "sqlite" not in lookup.text.lower()
