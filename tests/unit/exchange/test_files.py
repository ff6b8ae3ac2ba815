"""Whole files and paths that cannot be read are refused with a clear line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from clearinghouse.adapters.exchange import BundleInvalid, ExchangeError, read_bundle

from .helpers import errors_of, write_sheets


def test_a_path_that_does_not_exist_is_an_exchange_error(tmp_path: Path) -> None:
    with pytest.raises(ExchangeError, match="no such file or folder"):
        read_bundle(tmp_path / "nowhere")


def test_a_single_file_other_than_an_xlsx_workbook_is_an_exchange_error(tmp_path: Path) -> None:
    (tmp_path / "offers.csv").write_text("ref\n")
    with pytest.raises(ExchangeError, match=r"a folder of CSV files or one \.xlsx workbook"):
        read_bundle(tmp_path / "offers.csv")


def test_a_folder_without_any_bundle_file_is_an_exchange_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("the wrong folder\n")
    with pytest.raises(ExchangeError, match="holds none of a bundle's files"):
        read_bundle(tmp_path)


def test_an_unknown_csv_file_in_the_folder_is_named(tmp_path: Path,
                                                    sheets: dict[str, str]) -> None:
    folder = write_sheets(tmp_path, sheets)
    (folder / "offer.csv").write_text("ref\n")
    (folder / "notes.txt").write_text("not a sheet, not read\n")
    (folder / ".~lock.offers.csv#").write_text("an editor's lock file\n")
    assert errors_of(folder) == [
        "offer.csv: offer.csv — unknown file (a bundle holds nations.csv, items.csv, "
        "substitutes.csv, hubs.csv, lanes.csv, needs.csv, offers.csv, producers.csv, "
        "funding.csv, missions.csv, training_needs.csv, courses.csv, posts.csv, "
        "procurement.csv)"]


@pytest.mark.parametrize("content", [b"", b"\n\n", b",,,\n"])
def test_a_file_without_a_header_is_refused(tmp_path: Path, sheets: dict[str, str],
                                            content: bytes) -> None:
    folder = write_sheets(tmp_path, sheets)
    (folder / "lanes.csv").write_bytes(content)
    assert errors_of(folder) == [
        "lanes.csv:1: (empty) — has no header (the first line must name the columns)"]


def test_a_file_that_is_not_utf8_names_the_line_and_the_bytes(
        tmp_path: Path, sheets: dict[str, str]) -> None:
    folder = write_sheets(tmp_path, sheets)
    (folder / "hubs.csv").write_bytes(
        "code,name,country,capacity_t_per_month,opens\n"
        "PL-RZE,Rzeszów,POL,18000,2024-01-01\n".encode("cp1250"))
    assert errors_of(folder) == [
        r"hubs.csv:2: \xf3 — is not UTF-8 text (save the sheet as CSV UTF-8)"]


def test_an_unclosed_quote_is_refused_rather_than_swallowing_the_file(
        tmp_path: Path, sheets: dict[str, str]) -> None:
    folder = write_sheets(tmp_path, sheets)
    (folder / "missions.csv").write_text(
        'code,name,starts,ends\nNSATU,"NATO,2024-12-19\nEUMAM,EUMAM,2022-11-15,2026-11-15\n')
    assert errors_of(folder) == ["missions.csv:2: (empty) — is not well-formed CSV from this "
                                 "line on (unexpected end of data)"]


def test_the_listing_of_many_errors_is_cut_after_fifty_lines(
        tmp_path: Path, sheets: dict[str, str]) -> None:
    sheets["needs"] += "".join(f"N-{i},IFAK,0,1,2026-01-01,UKR,\n" for i in range(10, 70))
    with pytest.raises(BundleInvalid) as raised:
        read_bundle(write_sheets(tmp_path, sheets))
    lines = str(raised.value).splitlines()
    assert len(raised.value.errors) == 60
    assert lines[0] == "needs.csv:4:quantity: 0 — must be a whole number > 0"
    assert (len(lines), lines[-1]) == (51, "… and 10 more")


def test_a_cell_with_line_breaks_stays_on_one_line_of_the_report(
        tmp_path: Path, sheets: dict[str, str]) -> None:
    sheets["missions"] = 'code,name,starts,ends\nNSATU,NSATU,"2024-12-19\nor so",2028-12-31\n'
    assert errors_of(write_sheets(tmp_path, sheets)) == [
        r"missions.csv:2:starts: 2024-12-19\nor so — must be a date written YYYY-MM-DD"]


def test_a_sheet_file_that_cannot_be_opened_is_named(tmp_path: Path,
                                                     sheets: dict[str, str]) -> None:
    folder = write_sheets(tmp_path, sheets)
    (folder / "lanes.csv").unlink()
    (folder / "lanes.csv").mkdir()
    assert errors_of(folder) == ["lanes.csv: (empty) — cannot be read (Is a directory)"]
