"""Uploads are bounded by their inflated size and their number of entries, whatever the
compression: a zip bomb is answered 413 with the limit in words, before it is inflated."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from clearinghouse.config import Settings
from clearinghouse.services.exchange.archive import UploadLimits, UploadTooLarge, unpack_zip
from clearinghouse.services.records.users import Role

Headers = Callable[[str, Role], dict[str, str]]
ZEROS = 50 * 2**20  # 50 MB of zeros compress to about 50 KB
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url, environment="test",
                    upload_max_inflated_bytes=10 * 2**20, upload_max_entries=20)


def bomb(name: str, size: int = ZEROS) -> bytes:
    buffer = io.BytesIO()
    with (zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
          archive.open(name, "w") as entry):
        block = bytes(2**20)
        for _ in range(size // len(block)):
            entry.write(block)
    return buffer.getvalue()


def _post(client: TestClient, who: dict[str, str], filename: str, data: bytes,
          media: str = "application/zip") -> tuple[int, str, float]:
    started = time.perf_counter()
    answer = client.post("/bundles/import", headers=who, files={"file": (filename, data, media)})
    return answer.status_code, answer.json()["detail"], time.perf_counter() - started


def test_a_zip_bomb_is_refused_413_with_the_limit_in_words(
        client: TestClient, headers: Headers) -> None:
    data = bomb("needs.csv")
    assert len(data) < 200_000
    status, detail, seconds = _post(client, headers("POL", Role.COORDINATOR), "b.zip", data)
    assert status == 413
    assert "inflates to more than 10 MiB" in detail
    assert seconds < 5


def test_an_xlsx_bomb_is_refused_413_too(client: TestClient, headers: Headers) -> None:
    data = bomb("xl/worksheets/sheet1.xml")
    status, detail, _ = _post(client, headers("POL", Role.COORDINATOR), "b.xlsx", data, XLSX)
    assert status == 413
    assert "10 MiB" in detail


def test_an_archive_of_too_many_entries_is_refused_413(
        client: TestClient, headers: Headers) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(21):
            archive.writestr(f"folder{i}/", "")
    status, detail, _ = _post(client, headers("POL", Role.COORDINATOR), "many.zip",
                              buffer.getvalue())
    assert status == 413
    assert "21 entries, more than 20" in detail


def test_an_upload_over_the_compressed_limit_is_refused_in_words() -> None:
    limits = UploadLimits(max_bytes=1000)
    with pytest.raises(UploadTooLarge, match="exceeds 1,000 bytes"):
        limits.check_size("big.zip", 1001)


def test_the_copy_stops_at_the_limit_even_without_the_declared_sizes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # An entry whose header understated its size would pass the check of declared sizes.
    monkeypatch.setattr(UploadLimits, "check_archive", lambda *_: None)
    limits = UploadLimits(max_inflated_bytes=3 * 2**20)
    with pytest.raises(UploadTooLarge, match="3 MiB"):
        unpack_zip("b.zip", bomb("needs.csv", 40 * 2**20), tmp_path, limits)
    written = tmp_path / "bundle" / "needs.csv"
    assert written.stat().st_size <= 3 * 2**20
