"""Uploaded archives (a .zip of CSV files, an .xlsx workbook — a zip too) unpacked within
limits on their compressed size, their inflated size and their number of entries.

A zip bomb (a 1 MB zip holding 1 GiB of zeros) is refused before anything is inflated: the
sizes the archive declares are summed first, and Python's zipfile never yields more than an
entry declares (a lying entry fails its CRC check instead). The copy of each entry is still
counted as it streams to disk, and stops at the limit.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from clearinghouse.config import Settings
from clearinghouse.domain.bundle import SHEET_KEYS
from clearinghouse.services.errors import UserError

_SHEET_FILES = {f"{sheet}.csv" for sheet in SHEET_KEYS}
_CHUNK = 1 << 20


class UploadTooLarge(UserError):
    """The upload, or what it inflates to, exceeds a limit (HTTP 413)."""


def _in_words(size: int) -> str:
    return f"{size / 2**20:g} MiB" if size >= 2**20 else f"{size:,} bytes"


@dataclass(frozen=True, slots=True)
class UploadLimits:
    """How large an upload may be, compressed and inflated, and how many entries it may hold."""

    max_bytes: int = 200 * 2**20
    max_inflated_bytes: int = 512 * 2**20
    max_entries: int = 64

    @classmethod
    def of(cls, settings: Settings) -> UploadLimits:
        return cls(settings.upload_max_bytes, settings.upload_max_inflated_bytes,
                   settings.upload_max_entries)

    def check_size(self, filename: str, size: int) -> None:
        """Refuse an upload larger than ``max_bytes``."""
        if size > self.max_bytes:
            raise UploadTooLarge(f"{filename}: the upload exceeds {_in_words(self.max_bytes)} "
                                 "(the limit on uploads)")

    def _too_large(self, filename: str) -> UploadTooLarge:
        return UploadTooLarge(
            f"{filename}: the archive inflates to more than {_in_words(self.max_inflated_bytes)} "
            "(the limit on an upload's inflated size); nothing was imported")

    def check_archive(self, filename: str, archive: zipfile.ZipFile) -> None:
        """Refuse an archive of too many entries, or declaring too many inflated bytes."""
        entries = archive.infolist()
        if len(entries) > self.max_entries:
            raise UploadTooLarge(f"{filename}: the archive holds {len(entries):,} entries, more "
                                 f"than {self.max_entries} (the limit); nothing was imported")
        if sum(info.file_size for info in entries) > self.max_inflated_bytes:
            raise self._too_large(filename)


def _open(filename: str, data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as e:
        raise UserError(f"{filename}: not a readable zip file ({e})") from e


def check_workbook(filename: str, data: bytes, limits: UploadLimits) -> None:
    """Refuse a workbook whose archive breaks the limits (before openpyxl inflates it)."""
    limits.check_size(filename, len(data))
    try:
        with _open(filename, data) as archive:
            limits.check_archive(filename, archive)
    except UserError as e:
        if isinstance(e, UploadTooLarge):
            raise
        # Not a zip at all: the workbook reader says so row-level, as it always did.


def unpack_zip(filename: str, data: bytes, folder: Path, limits: UploadLimits) -> Path:
    """The CSV files of a zip, written into ``folder/bundle`` within the limits."""
    limits.check_size(filename, len(data))
    bundle = folder / "bundle"
    bundle.mkdir()
    inflated = 0
    try:
        with _open(filename, data) as archive:
            limits.check_archive(filename, archive)
            for info in archive.infolist():
                name = PurePosixPath(info.filename).name  # never a path out of the folder
                if info.is_dir() or not name:
                    continue
                if name not in _SHEET_FILES:
                    raise UserError(f"{filename}: {info.filename} is not a sheet of the "
                                    "exchange format")
                with archive.open(info) as source, (bundle / name).open("wb") as target:
                    while chunk := source.read(_CHUNK):
                        inflated += len(chunk)
                        if inflated > limits.max_inflated_bytes:
                            raise limits._too_large(filename)
                        target.write(chunk)
    except zipfile.BadZipFile as e:
        raise UserError(f"{filename}: not a readable zip file ({e})") from e
    return bundle
