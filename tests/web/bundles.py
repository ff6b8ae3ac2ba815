"""Upload files for the import tests: the test world's bundle as a CSV zip, optionally with
one cell broken."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from clearinghouse.adapters.exchange import write_bundle
from clearinghouse.domain.bundle import Bundle


def bundle_zip(bundle: Bundle, *, break_quantity_of: str | None = None) -> bytes:
    """The bundle as a zip of CSV files; the need ``break_quantity_of`` gets quantity -5."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bundle"
        write_bundle(bundle, folder)
        if break_quantity_of is not None:
            needs = folder / "needs.csv"
            lines = needs.read_text(encoding="utf-8").splitlines()
            header = lines[0].split(",")
            column = header.index("quantity")
            for i, line in enumerate(lines):
                cells = line.split(",")
                if cells[0] == break_quantity_of:
                    cells[column] = "-5"
                    lines[i] = ",".join(cells)
            needs.write_text("\n".join(lines) + "\n", encoding="utf-8")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for path in sorted(folder.glob("*.csv")):
                archive.write(path, path.name)
        return buffer.getvalue()
