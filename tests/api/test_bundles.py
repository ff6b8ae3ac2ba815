"""Bundles over HTTP: imports all or nothing with a row-level report; exports hold only what
the user's nation may see."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from clearinghouse.services.records.users import Role

Headers = Callable[[str, Role], dict[str, str]]
HIDDEN = {"POL": {"N-USA", "O-USA"}, "USA": {"N-POL", "O-POL"}}


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize("nation", ["POL", "USA"])
@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.DONOR_LIAISON, Role.AUDITOR])
def test_a_csv_zip_export_holds_no_record_hidden_from_the_users_nation(
        client: TestClient, headers: Headers, nation: str, role: Role) -> None:
    answer = client.get("/bundles/export", headers=headers(nation, role))
    assert answer.status_code == 200
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        text = {n: archive.read(n).decode() for n in archive.namelist()}
    refs = {line.split(",")[0] for name in ("needs.csv", "offers.csv")
            for line in text[name].splitlines()[1:]}
    assert "N-ALL" in refs
    assert "O-USA-ALL" in refs
    assert not refs & HIDDEN[nation]


def test_an_xlsx_export_holds_no_record_hidden_from_the_users_nation(
        client: TestClient, headers: Headers) -> None:
    answer = client.get("/bundles/export", params={"format": "xlsx"},
                        headers=headers("POL", Role.AUDITOR))
    assert answer.status_code == 200
    book = load_workbook(io.BytesIO(answer.content), read_only=True)
    cells = {str(row[0]) for sheet in ("needs", "offers")
             for row in book[sheet].iter_rows(min_row=2, values_only=True)}
    assert {"N-ALL", "N-POL", "O-POL"} <= cells
    assert not cells & HIDDEN["POL"]


def test_a_coordinator_imports_a_csv_zip_and_a_reimport_changes_nothing(
        client: TestClient, headers: Headers) -> None:
    coordinator = headers("POL", Role.COORDINATOR)
    upload = zipped({"nations.csv": "code,name,nato,eu,role\nJPN,Japan,false,false,partner\n"})
    first = client.post("/bundles/import", files={"file": ("b.zip", upload)},
                        headers=coordinator)
    assert first.status_code == 200, first.text
    assert first.json()["created"] == 1
    again = client.post("/bundles/import", files={"file": ("b.zip", upload)},
                        headers=coordinator)
    assert (again.json()["created"], again.json()["updated"]) == (0, 0)


def test_a_bad_row_refuses_the_whole_import_with_file_row_column_value_and_rule(
        client: TestClient, headers: Headers) -> None:
    coordinator = headers("POL", Role.COORDINATOR)
    upload = zipped({
        "nations.csv": "code,name,nato,eu,role\nJPN,Japan,false,false,partner\n",
        "needs.csv": "ref,class,quantity,priority,due,destination\n"
                     "N-9,IFAK,10,9,2027-01-01,UKR\n"})
    answer = client.post("/bundles/import", files={"file": ("b.zip", upload)},
                         headers=coordinator)
    assert answer.status_code == 422
    problem = answer.json()["problems"][0]
    assert (problem["file"], problem["row"], problem["column"], problem["value"]) == \
        ("needs.csv", 2, "priority", "9")
    assert answer.json()["errors"][0].startswith("needs.csv:2:priority: 9 — ")
    assert client.get("/nations/JPN", headers=coordinator).status_code == 404


@pytest.mark.parametrize("role", [Role.DONOR_LIAISON, Role.RECIPIENT_LIAISON, Role.AUDITOR])
def test_only_coordinators_import(client: TestClient, headers: Headers, role: Role) -> None:
    upload = zipped({"nations.csv": "code,name,nato,eu,role\nJPN,Japan,false,false,partner\n"})
    answer = client.post("/bundles/import", files={"file": ("b.zip", upload)},
                         headers=headers("POL", role))
    assert answer.status_code == 403


def test_an_upload_that_is_neither_xlsx_nor_a_csv_zip_is_a_422(
        client: TestClient, headers: Headers) -> None:
    coordinator = headers("POL", Role.COORDINATOR)
    for name, data in (("b.txt", b"hello"), ("b.zip", b"not a zip"),
                       ("b.zip", zipped({"../evil.csv": "x"}))):
        answer = client.post("/bundles/import", files={"file": (name, data)},
                             headers=coordinator)
        assert answer.status_code == 422, (name, answer.text)
