"""Exports make formula-like text inert (OWASP: a leading quote); imports read it back."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from clearinghouse.adapters.exchange import read_bundle, write_bundle
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.formula_cells import neutralise, restore
from tests.unit.exchange.helpers import VALID, write_sheets

HOSTILE = ["=HYPERLINK(\"http://x.test\",\"click\")", "+1+cmd|' /C calc'!A0", "@SUM(A1:A9)",
           "-2+3", "=1", "\tTAB", "- see note"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_text_gets_a_leading_quote(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert restore(neutralise(text)) == text


@pytest.mark.parametrize("text", ["-", "+", "-5", "+1.5e3", "plain", "", "a=b", "'quoted"])
def test_plain_numbers_signs_and_ordinary_text_are_left_alone(text: str) -> None:
    assert neutralise(text) == text
    assert restore(text) == text


def test_a_text_already_quoted_before_a_formula_keeps_its_quote() -> None:
    assert neutralise("'=1") == "''=1"
    assert restore("''=1") == "'=1"


@given(st.text())
def test_restore_undoes_neutralise_for_any_text(text: str) -> None:
    assert restore(neutralise(text)) == text


@pytest.fixture
def hostile(tmp_path: Path) -> Bundle:
    bundle = read_bundle(write_sheets(tmp_path / "given", VALID))
    items = [replace(bundle.items[0], name=HOSTILE[0]),
             replace(bundle.items[1], name=HOSTILE[1]), *bundle.items[2:]]
    offers = [replace(bundle.offers[0], funding="@SUM(A1:A9)"), *bundle.offers[1:]]
    return replace(bundle, items=items, offers=offers)


def test_a_csv_export_neutralises_text_cells_only(tmp_path: Path, hostile: Bundle) -> None:
    write_bundle(hostile, tmp_path / "out")
    with (tmp_path / "out" / "items.csv").open(newline="") as f:
        names = [row["name"] for row in csv.DictReader(f)]
    assert names[:2] == ["'" + HOSTILE[0], "'" + HOSTILE[1]]
    with (tmp_path / "out" / "offers.csv").open(newline="") as f:
        offer = next(csv.DictReader(f))
    assert offer["funding"] == "'@SUM(A1:A9)"
    assert offer["quantity"] == "2000"


@pytest.mark.parametrize("target", ["out", "book.xlsx"])
def test_an_export_imports_back_to_the_same_records(
        tmp_path: Path, hostile: Bundle, target: str) -> None:
    write_bundle(hostile, tmp_path / target)
    assert read_bundle(tmp_path / target) == hostile


def test_a_workbook_holds_the_quoted_text_as_text_never_as_a_formula(
        tmp_path: Path, hostile: Bundle) -> None:
    write_bundle(hostile, tmp_path / "book.xlsx")
    cell = load_workbook(tmp_path / "book.xlsx")["items"]["B2"]
    assert cell.data_type == "s"
    assert cell.value == "'" + HOSTILE[0]


def test_plan_allocations_csv_neutralises_refs() -> None:
    from clearinghouse.planning.files import allocations_csv
    from clearinghouse.planning.plan import Allocation, Plan
    from clearinghouse.planning.settings import PlanSettings
    allocation = Allocation(offer="=O-1", need="N-1", hub=None, producer=None, month=0,
                            quantity=5, tonnes=1.0)
    plan = Plan(status="optimal", value=1.0, lp_bound=1.0, allocations=[allocation], needs={},
                hub_tonnes={}, transport_cost=0.0, settings=PlanSettings(start=date(2027, 1, 1)))
    text = allocations_csv(plan)
    assert text.splitlines()[1].startswith("'=O-1,N-1,")
