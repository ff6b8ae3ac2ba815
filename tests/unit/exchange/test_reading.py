"""Reading a bundle folder: a valid one gives its records, every bad row is named exactly."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from clearinghouse.adapters.exchange import read_bundle
from clearinghouse.domain.nations import Caveat
from clearinghouse.domain.offers import OfferKind
from clearinghouse.domain.releasability import ALL
from clearinghouse.domain.training import CourseCategory

from .helpers import edit, errors_of, write_sheets


def test_a_valid_bundle_is_read_into_its_records(tmp_path: Path,
                                                 sheets: dict[str, str]) -> None:
    b = read_bundle(write_sheets(tmp_path, sheets))
    assert b.counts() == {"nations": 5, "items": 5, "substitutes": 1, "hubs": 2, "lanes": 2,
                          "needs": 2, "offers": 2, "producers": 1, "funding": 2, "missions": 1,
                          "training_needs": 1, "courses": 2, "posts": 2, "procurement": 2}
    japan = b.nations[1]
    assert (japan.nato, japan.caveats) == (
        False, frozenset({Caveat.NON_LETHAL_ONLY, Caveat.NON_COMBAT_ONLY}))
    assert b.nations[2].nato is True
    assert b.nations[2].eu is False
    assert b.items[2].name == "Individual first aid kit, NATO"
    assert b.items[0].nsn == "1320-01-234-5678"
    assert b.items[1].nsn is None
    assert b.hubs[0].closes is None
    assert b.hubs[1].closes == date(2027, 12, 31)
    assert b.needs[1].releasability == ("POL", "UKR")
    o1, o2 = b.offers
    assert (o1.quantity, o1.value_eur, o1.funding, o1.releasability) == (
        2000, 8_000_000.0, "national budget", (ALL,))
    assert (o2.kind, o2.value_eur, o2.funding) == (OfferKind.STOCK, None, None)
    assert b.funding[1].amount_eur == 1500000.5
    assert b.funding[1].earmark is None
    assert b.courses[1].category is CourseCategory.DEMINING
    pr1, pr2 = b.procurement
    assert (pr1.buyer, pr1.class_code, pr1.quantity, pr1.max_unit_price_eur, pr1.due,
            pr1.releasability) == ("POL", "FPV", 500, 450.0, date(2026, 9, 1), (ALL,))
    assert (pr2.max_unit_price_eur, pr2.releasability) == (420.5, ("POL", "ROU"))


def test_missing_optional_files_and_columns_are_empty(tmp_path: Path,
                                                      sheets: dict[str, str]) -> None:
    kept = {"nations": sheets["nations"], "items": sheets["items"], "offers": """\
ref,donor,item,quantity,available,origin
O-1,POL,155-HE-M795,2000,2026-01-15,POL
"""}
    b = read_bundle(write_sheets(tmp_path, kept))
    assert (len(b.offers), b.needs, b.hubs, b.courses) == (1, [], [], [])
    assert b.offers[0].kind is OfferKind.STOCK
    assert b.offers[0].releasability == (ALL,)


def test_a_byte_order_mark_blank_lines_and_padded_cells_are_tolerated(
        tmp_path: Path, sheets: dict[str, str]) -> None:
    folder = write_sheets(tmp_path, sheets)
    (folder / "needs.csv").write_bytes(
        b"\xef\xbb\xbfref,class,quantity,priority,due,destination\r\n"
        b" N-1 , 155mm-NATO ,10000,1,2026-03-01,UKR\r\n\r\n,,,,,\r\n")
    [need] = read_bundle(folder).needs
    assert (need.ref, need.class_code, need.quantity) == ("N-1", "155mm-NATO", 10000)


@pytest.mark.parametrize(("sheet", "old", "new", "line"), [
    ("offers", "funding,releasability", "funding,releasability,colour",
     "offers.csv:1:colour: colour — unknown column (offers has the columns ref, donor, item, "
     "quantity, available, origin, kind, value_eur, funding, releasability)"),
    ("needs", "ref,class,quantity,", "ref,class,",
     "needs.csv:1:quantity: (empty) — required column is missing"),
    ("needs", "1,2026-03-01,UKR", "1,2026-02-30,UKR",
     "needs.csv:2:due: 2026-02-30 — must be a date written YYYY-MM-DD"),
    ("needs", "1,2026-03-01,UKR", "1,01/03/2026,UKR",
     "needs.csv:2:due: 01/03/2026 — must be a date written YYYY-MM-DD"),
    ("nations", "POL,Poland,true", "POL,Poland,yes",
     "nations.csv:2:nato: yes — must be true or false"),
    ("offers", "M795,2000,", "M795,0,",
     "offers.csv:2:quantity: 0 — must be a whole number > 0"),
    ("offers", "M795,2000,", "M795,1.5,",
     "offers.csv:2:quantity: 1.5 — must be a whole number"),
    ("offers", "M795,2000,", "M795,,",
     "offers.csv:2:quantity: (empty) — must not be empty"),
    ("needs", "N-1,155mm-NATO,", "N-1,203mm,",
     "needs.csv:2:class: 203mm — must name a known class"),
    ("offers", "O-2,JPN,IFAK,3000,2026-02-01,JPN", "O-2,FRA,IFAK,3000,2026-02-01,JPN",
     "offers.csv:3:donor: FRA — must name a known nation"),
    ("offers", "O-2,JPN", "O-1,JPN",
     "offers.csv:3:ref: O-1 — must be unique in the file"),
    ("offers", "O-2,JPN,IFAK", "O-2,JPN,155-HE-M795",
     "offers.csv:3:item: 155-HE-M795 — a non-lethal-only donor may offer only non-lethal items"),
    ("items", "1320-01-234-5678", "1320-01-234-567",
     "items.csv:2:nsn: 1320-01-234-567 — a NATO Stock Number is 13 digits written "
     "NNNN-NN-NNN-NNNN"),
    ("courses", "C-1,MNE,POL", "C-1,MNE,UKR",
     "courses.csv:2:location: UKR — a nato-territory-only host's courses must be located in NATO"),
    ("courses", "C-2,JPN,ROU,demining", "C-2,JPN,ROU,combat",
     "courses.csv:3:category: combat — a non-combat-only host offers only non-combat categories"),
    ("courses", "2026-04-01,2026-05-15", "2026-04-01,2029-05-15",
     "courses.csv:2:ends: 2029-05-15 — must lie within the mandate of mission NSATU"),
    ("nations", "non-lethal-only;non-combat-only", "non-lethal-only;pacifist",
     "nations.csv:3:caveats: non-lethal-only;pacifist — caveat must be one of "
     "nato-territory-only, eu-territory-only, non-combat-only, non-lethal-only"),
    ("needs", "POL;UKR", "POL;Ukraine",
     "needs.csv:3:releasability: POL;Ukraine — must be three capital letters "
     "(ISO 3166-1 alpha-3)"),
    ("offers", "POL,stock,", "POL,loan,",
     "offers.csv:2:kind: loan — must be one of stock, production"),
    ("substitutes", "152mm,0.5", "152mm,1.5",
     "substitutes.csv:2:factor: 1.5 — must satisfy 0 < factor <= 1"),
    ("hubs", "18000,", "18 000,",
     "hubs.csv:2:capacity_t_per_month: 18 000 — must be a number (digits, optional . and "
     "decimals)"),
    ("lanes", "POL,PL-RZE,2,", "POL,PL-RZE,nan,",
     "lanes.csv:2:transit_days: nan — must be a whole number"),
    ("procurement", "PR-1,POL,", "PR-1,FRA,",
     "procurement.csv:2:buyer: FRA — must name a known nation"),
    ("procurement", "PR-1,POL,FPV,", "PR-1,POL,HIMARS,",
     "procurement.csv:2:class: HIMARS — must name a known class"),
    ("procurement", "FPV,500,450", "FPV,0,450",
     "procurement.csv:2:quantity: 0 — must be a whole number > 0"),
    ("procurement", "FPV,500,450", "FPV,2.5,450",
     "procurement.csv:2:quantity: 2.5 — must be a whole number"),
    ("procurement", "FPV,500,450", "FPV,500,-1",
     "procurement.csv:2:max_unit_price_eur: -1 — must be a number >= 0"),
    ("procurement", "450,2026-09-01", "450,2026-09",
     "procurement.csv:2:due: 2026-09 — must be a date written YYYY-MM-DD"),
])
def test_each_broken_rule_is_reported_as_file_row_column_value_and_rule(
        tmp_path: Path, sheets: dict[str, str], sheet: str, old: str, new: str,
        line: str) -> None:
    sheets[sheet] = edit(sheets[sheet], old, new)
    assert errors_of(write_sheets(tmp_path, sheets)) == [line]


def test_every_bad_row_of_every_file_is_reported_in_file_and_row_order(
        tmp_path: Path, sheets: dict[str, str]) -> None:
    sheets["offers"] = edit(sheets["offers"], "O-2,JPN,IFAK,3000", "O-2,FRA,IFAK,0")
    sheets["offers"] += "O-3,POL,IFAK,10,2026-13-01,POL,,,,\n"
    sheets["needs"] = edit(sheets["needs"], "N-2,IFAK,5000,2", "N-2,IFAK,5000,9")
    sheets["nations"] = edit(sheets["nations"], "UKR,Ukraine,false,false,recipient",
                             "UKR,Ukraine,false,false,victim")
    assert errors_of(write_sheets(tmp_path, sheets)) == [
        "nations.csv:6:role: victim — must be one of donor, recipient, partner",
        "needs.csv:3:priority: 9 — must be 1 (most urgent) to 5",
        "offers.csv:3:quantity: 0 — must be a whole number > 0",
        "offers.csv:4:available: 2026-13-01 — must be a date written YYYY-MM-DD",
    ]


def test_one_row_reports_each_of_its_bad_cells(tmp_path: Path, sheets: dict[str, str]) -> None:
    sheets["offers"] = edit(sheets["offers"], "O-2,JPN,IFAK,3000,2026-02-01",
                            "O-2,JPN,IFAK,many,2026-02-31")
    assert errors_of(write_sheets(tmp_path, sheets)) == [
        "offers.csv:3:quantity: many — must be a whole number",
        "offers.csv:3:available: 2026-02-31 — must be a date written YYYY-MM-DD",
    ]


def test_a_row_refused_on_its_own_does_not_make_its_references_unknown(
        tmp_path: Path, sheets: dict[str, str]) -> None:
    # Japan's row is refused; the offer, lane and course naming JPN need no error of their own.
    sheets["nations"] = edit(sheets["nations"], "JPN,Japan,false", "JPN,Japan,no")
    assert errors_of(write_sheets(tmp_path, sheets)) == [
        "nations.csv:3:nato: no — must be true or false"]


def test_a_file_with_a_bad_header_stops_the_cross_file_checks_but_not_the_row_checks(
        tmp_path: Path, sheets: dict[str, str]) -> None:
    sheets["items"] = edit(sheets["items"], "lethal,nsn", "lethal,nsn,notes")
    sheets["nations"] = edit(sheets["nations"], "ROU,Romania,true", "ROU,Romania,ja")
    assert errors_of(write_sheets(tmp_path, sheets)) == [
        "nations.csv:5:nato: ja — must be true or false",
        "items.csv:1:notes: notes — unknown column (items has the columns code, name, "
        "capability, class, unit, unit_weight_kg, lethal, nsn)"]


def test_a_problem_of_a_repeated_key_is_reported_at_the_row_that_holds_it(
        tmp_path: Path, sheets: dict[str, str]) -> None:
    sheets["offers"] += "O-1,FRA,IFAK,5,2026-01-01,POL,,,,\n"
    assert errors_of(write_sheets(tmp_path, sheets)) == [
        "offers.csv:4:ref: O-1 — must be unique in the file",
        "offers.csv:4:donor: FRA — must name a known nation",
    ]


def test_a_row_with_cells_beyond_the_header_is_refused_and_a_short_row_misses_cells(
        tmp_path: Path, sheets: dict[str, str]) -> None:
    sheets["lanes"] = "origin,hub,transit_days,cost_per_t\nPOL,PL-RZE,2,35,extra\nJPN,PL-RZE\n"
    assert errors_of(write_sheets(tmp_path, sheets)) == [
        "lanes.csv:2:column 5: extra — cell outside the named columns (give the column a name)",
        "lanes.csv:3:transit_days: (empty) — must not be empty",
        "lanes.csv:3:cost_per_t: (empty) — must not be empty",
    ]


def test_unnamed_empty_columns_that_spreadsheets_add_are_ignored(
        tmp_path: Path, sheets: dict[str, str]) -> None:
    sheets["lanes"] = "origin,hub,transit_days,cost_per_t,,\nPOL,PL-RZE,2,35,,\n"
    assert len(read_bundle(write_sheets(tmp_path, sheets)).lanes) == 1


def test_posts_are_read_with_their_branch_end_and_releasability(
        tmp_path: Path, sheets: dict[str, str]) -> None:
    deputy, liaison = read_bundle(write_sheets(tmp_path, sheets)).posts
    assert (deputy.branch, deputy.ends, deputy.releasability) == ("command", None, (ALL,))
    assert (liaison.branch, liaison.ends, liaison.releasability) == (
        "logistics", date(2026, 2, 28), ("JPN", "POL"))


def test_a_post_of_an_unknown_branch_names_file_row_column_and_rule(
        tmp_path: Path, sheets: dict[str, str]) -> None:
    sheets["posts"] = edit(sheets["posts"], "Hub liaison officer,J4", "Hub liaison officer,J12")
    (error,) = errors_of(write_sheets(tmp_path, sheets))
    assert error.startswith("posts.csv:3:branch: J12 — must be one of command (CG)")


def test_a_missions_pending_renewal_is_read_from_its_optional_column(
        tmp_path: Path, sheets: dict[str, str]) -> None:
    sheets["missions"] = ("code,name,starts,ends,renewal_expected\n"
                          "NSATU,NSATU,2024-12-19,2028-12-31,2028-10-01\n")
    b = read_bundle(write_sheets(tmp_path, sheets))
    assert b.missions[0].renewal_expected == date(2028, 10, 1)
