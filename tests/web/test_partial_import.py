"""Partial bundles: references resolve against the stored records as well as the upload
(a needs.csv alone naming stored classes imports), one sheet's .csv is accepted when its
name says which sheet, and nothing to confirm when nothing would change."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of

AsUser = Callable[[str], TestClient]
NEEDS = ("ref,class,quantity,priority,due,destination\n"
         "N-PART-1,IFAK,30,2,2030-01-01,UKR\n"
         "N-PART-2,155mm-NATO,40,1,2030-01-01,UKR\n")


def upload(client: TestClient, name: str, data: bytes) -> tuple[int, str]:
    page = client.get("/ui/import")
    answer = client.post("/ui/import", data={"csrf": csrf_of(page.text)},
                         files={"bundle": (name, data, "application/octet-stream")})
    return answer.status_code, answer.text


def zipped(**files: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(f"{name}.csv", text)
    return buffer.getvalue()


def confirm(client: TestClient, page: str) -> str:
    upload_id = re.search(r'name="upload_id" value="([^"]+)"', page)
    assert upload_id is not None, page
    return client.post("/ui/import/confirm", data={
        "csrf": csrf_of(page), "upload_id": upload_id.group(1)}).text


def test_a_zip_with_only_needs_naming_stored_classes_imports(as_user: AsUser) -> None:
    client = as_user("coord")
    status, page = upload(client, "needs-only.zip", zipped(needs=NEEDS))
    assert status == 200, page
    assert re.search(r"<td>needs</td><td>2</td><td>0</td><td>0</td>", page)
    assert "2 created" in confirm(client, page)
    assert "N-PART-2" in client.get("/ui/needs").text


def test_a_partial_bundle_still_refuses_a_class_nobody_knows(as_user: AsUser) -> None:
    bad = NEEDS.replace("IFAK", "NO-SUCH-CLASS")
    status, page = upload(as_user("coord"), "needs.zip", zipped(needs=bad))
    assert status == 422
    assert re.search(r"needs\.csv:2:class", page)
    assert "NO-SUCH-CLASS" in page


def test_one_sheets_csv_is_accepted_when_its_name_says_the_sheet(as_user: AsUser) -> None:
    client = as_user("coord")
    status, page = upload(client, "needs-2027.csv", NEEDS.encode())
    assert status == 200, page
    assert "2 created" in confirm(client, page)
    status, page = upload(client, "my-list.csv", NEEDS.encode())
    assert status == 422
    assert "a single .csv must be named after its sheet" in page


def test_nothing_to_confirm_when_nothing_would_change(as_user: AsUser) -> None:
    client = as_user("coord")
    status, page = upload(client, "needs.csv", NEEDS.encode())
    confirm(client, page)
    status, again = upload(client, "needs.csv", NEEDS.encode())
    assert status == 200
    assert "Confirm import" not in again
    assert 'id="nothing-changes"' in again
    assert "Nothing would change" in again
