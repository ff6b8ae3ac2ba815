"""Writing a bundle: every sheet, deterministic text, exact round trips, all or nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from clearinghouse.adapters.exchange import ExchangeError, read_bundle, write_bundle
from clearinghouse.domain.bundle import SHEET_KEYS, Bundle

from .helpers import VALID, write_sheets


@pytest.fixture
def bundle(tmp_path: Path) -> Bundle:
    return read_bundle(write_sheets(tmp_path / "given", VALID))


def test_a_bundle_read_written_and_read_again_has_the_same_records(
        tmp_path: Path, bundle: Bundle) -> None:
    write_bundle(bundle, tmp_path / "out")
    assert read_bundle(tmp_path / "out") == bundle


def test_csv_to_xlsx_to_csv_keeps_every_record_and_the_csv_text(
        tmp_path: Path, bundle: Bundle) -> None:
    write_bundle(bundle, tmp_path / "book.xlsx")
    from_book = read_bundle(tmp_path / "book.xlsx")
    assert from_book == bundle
    write_bundle(bundle, tmp_path / "first")
    write_bundle(from_book, tmp_path / "second")
    for name in SHEET_KEYS:
        first = (tmp_path / "first" / f"{name}.csv").read_bytes()
        assert (tmp_path / "second" / f"{name}.csv").read_bytes() == first


def test_every_sheet_is_written_with_its_header_even_when_empty(tmp_path: Path) -> None:
    write_bundle(Bundle(), tmp_path / "empty")
    written = sorted(p.name for p in (tmp_path / "empty").iterdir())
    assert written == sorted(f"{name}.csv" for name in SHEET_KEYS)
    assert (tmp_path / "empty" / "offers.csv").read_bytes() == (
        b"ref,donor,item,quantity,available,origin,kind,value_eur,funding,releasability\r\n")
    assert read_bundle(tmp_path / "empty") == Bundle()


def test_cells_are_written_as_staff_would_type_them(tmp_path: Path, bundle: Bundle) -> None:
    write_bundle(bundle, tmp_path / "out")
    assert (tmp_path / "out" / "offers.csv").read_text().splitlines()[1:] == [
        "O-1,POL,155-HE-M795,2000,2026-01-15,POL,stock,8000000,national budget,ALL",
        "O-2,JPN,IFAK,3000,2026-02-01,JPN,stock,,,ALL"]
    assert (tmp_path / "out" / "nations.csv").read_text().splitlines()[2] == (
        "JPN,Japan,false,false,partner,non-combat-only;non-lethal-only")


def test_the_workbook_holds_typed_cells_in_sheets_named_like_the_files(
        tmp_path: Path, bundle: Bundle) -> None:
    write_bundle(bundle, tmp_path / "book.xlsx")
    wb = load_workbook(tmp_path / "book.xlsx", read_only=True)
    assert wb.sheetnames == list(SHEET_KEYS)
    rows = list(wb["offers"].iter_rows(values_only=True))
    wb.close()
    assert rows[1][:4] == ("O-1", "POL", "155-HE-M795", 2000)
    assert rows[1][4].date().isoformat() == "2026-01-15"


def test_awkward_text_survives_both_formats(tmp_path: Path, bundle: Bundle) -> None:
    names = ['=HYPERLINK("x")', 'Say "hi", then\r\nleave', "a\rb", "Ünïcödé ✓", "0042",
             "_x0041_ and _x005F_x0041_ stay as typed"]
    bundle.nations = [replace(n, name=name) for n, name in zip(bundle.nations, names,
                                                                  strict=False)]
    bundle.items = [replace(i, unit_weight_kg=w)
                    for i, w in zip(bundle.items, [0.1, 1e-07, 123456789.123, 3.0, 1e20],
                                    strict=True)]
    for target in (tmp_path / "out", tmp_path / "book.xlsx"):
        write_bundle(bundle, target)
        assert read_bundle(target) == bundle


def test_writing_over_a_folder_replaces_the_bundle_and_leaves_other_files(
        tmp_path: Path, bundle: Bundle) -> None:
    folder = tmp_path / "out"
    write_bundle(Bundle(), folder)
    (folder / "README.txt").write_text("mine\n")
    write_bundle(bundle, folder)
    assert read_bundle(folder) == bundle
    assert (folder / "README.txt").read_text() == "mine\n"
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith("."))== []


@pytest.mark.parametrize(("target", "bad_name"), [
    pytest.param("out", "Poland \udc80", id="a lone surrogate: no UTF-8 for it"),
    pytest.param("book.xlsx", "Poland \x01", id="a control character: no workbook cell for it"),
])
def test_a_failed_write_leaves_nothing_behind(tmp_path: Path, bundle: Bundle, target: str,
                                              bad_name: str) -> None:
    bundle.nations[0] = replace(bundle.nations[0], name=bad_name)
    with pytest.raises(ExchangeError, match="cannot write the bundle"):
        write_bundle(bundle, tmp_path / target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["given"]


def test_a_failed_write_over_a_folder_keeps_the_old_bundle_whole(
        tmp_path: Path, bundle: Bundle) -> None:
    folder = tmp_path / "out"
    write_bundle(bundle, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    broken = replace(bundle, offers=[])
    broken.nations = [replace(bundle.nations[0], name="\udc80")]
    with pytest.raises(ExchangeError):
        write_bundle(broken, folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
