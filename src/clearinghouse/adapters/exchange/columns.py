"""The sheets of the exchange format (SPEC §3): their columns, how cells are read and written."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Any, TypeVar

from clearinghouse.domain.catalogue import Item, Substitution
from clearinghouse.domain.funding import FundingPledge, Producer
from clearinghouse.domain.logistics import Hub, Lane
from clearinghouse.domain.nations import Caveat, Nation, NationRole, parse_caveats
from clearinghouse.domain.needs import Need
from clearinghouse.domain.offers import Offer, OfferKind
from clearinghouse.domain.posts import Post, parse_branch
from clearinghouse.domain.procurement import ProcurementRequest
from clearinghouse.domain.releasability import format_releasability, parse_releasability
from clearinghouse.domain.training import CourseCategory, CourseOffer, Mission, TrainingNeed

#: A value as a spreadsheet cell holds it (what the writer puts in an .xlsx cell).
Cell = str | int | float | bool | date | None


class CellError(ValueError):
    """A cell's text is not of its column's type; ``rule`` says what it must be."""

    def __init__(self, rule: str) -> None:
        super().__init__(rule)
        self.rule = rule


_WHOLE = re.compile(r"[+-]?[0-9]{1,18}")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_BOOLEANS = {"true": True, "false": False}


def text(cell: str) -> str:
    return cell


def whole(cell: str) -> int:
    """A whole number; ``1.5`` and ``1e3`` are refused, not rounded."""
    if not _WHOLE.fullmatch(cell):
        raise CellError("must be a whole number")
    return int(cell)


def number(cell: str) -> float:
    """A finite decimal number (``12``, ``0.5``, ``1e-3``); no ``nan``, ``inf`` or ``1_000``."""
    if not _NUMBER.fullmatch(cell):
        raise CellError("must be a number (digits, optional . and decimals)")
    value = float(cell)
    if not math.isfinite(value):
        raise CellError("must be a finite number")
    return value


def boolean(cell: str) -> bool:
    try:
        return _BOOLEANS[cell.lower()]
    except KeyError:
        raise CellError("must be true or false") from None


@lru_cache(maxsize=8192)  # a file repeats a few dates many times
def iso_date(cell: str) -> date:
    """A calendar date written ``YYYY-MM-DD``."""
    match = _DATE.fullmatch(cell)
    try:
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        pass
    raise CellError("must be a date written YYYY-MM-DD")


E = TypeVar("E", bound=StrEnum)


def choice(kind: type[E]) -> Callable[[str], E]:
    """A parser accepting the values of ``kind`` (case-insensitively)."""
    members = {m.value: m for m in kind}
    rule = "must be one of " + ", ".join(members)

    def parse(cell: str) -> E:
        try:
            return members[cell.lower()]
        except KeyError:
            raise CellError(rule) from None

    return parse


def _same(value: Any) -> Cell:
    cell: Cell = value
    return cell


def _enum_value(value: StrEnum) -> Cell:
    return value.value


def _caveat_list(caveats: frozenset[Caveat]) -> Cell:
    return ";".join(sorted(c.value for c in caveats))


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its header ``name``, the record attribute it fills, and its cell conversions.

    An ``optional`` column may be left out of the header, and its cells may be empty (the
    record's default applies); a required column's cells must not be empty.
    """

    name: str
    parse: Callable[[str], Any] = text
    export: Callable[[Any], Cell] = _same
    optional: bool = False
    attr: str = ""

    @property
    def field(self) -> str:
        return self.attr or self.name


@dataclass(frozen=True, slots=True)
class Sheet:
    """A sheet (``name.csv``, or the workbook sheet ``name``) and the record each row makes."""

    name: str
    make: Callable[..., Any]
    columns: tuple[Column, ...]

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"


def _c(name: str, parse: Callable[[str], Any] = text, *, optional: bool = False,
       export: Callable[[Any], Cell] = _same, attr: str = "") -> Column:
    return Column(name, parse, export, optional, attr)


_CLASS = _c("class", attr="class_code")
# A file repeats a few releasability lists on every row; the parsed tuple is immutable.
_RELEASABILITY = _c("releasability", lru_cache(maxsize=4096)(parse_releasability),
                    optional=True, export=format_releasability)

SHEETS: dict[str, Sheet] = {s.name: s for s in (
    Sheet("nations", Nation, (
        _c("code"), _c("name"), _c("nato", boolean), _c("eu", boolean),
        _c("role", choice(NationRole), export=_enum_value),
        _c("caveats", parse_caveats, optional=True, export=_caveat_list))),
    Sheet("items", Item, (
        _c("code"), _c("name"), _c("capability"), _CLASS, _c("unit"),
        _c("unit_weight_kg", number), _c("lethal", boolean), _c("nsn", optional=True))),
    Sheet("substitutes", Substitution, (
        _c("need_class"), _c("offer_class"), _c("factor", number))),
    Sheet("hubs", Hub, (
        _c("code"), _c("name"), _c("country"), _c("capacity_t_per_month", number),
        _c("opens", iso_date), _c("closes", iso_date, optional=True))),
    Sheet("lanes", Lane, (
        _c("origin"), _c("hub"), _c("transit_days", whole), _c("cost_per_t", number))),
    Sheet("needs", Need, (
        _c("ref"), _CLASS, _c("quantity", whole), _c("priority", whole), _c("due", iso_date),
        _c("destination"), _RELEASABILITY)),
    Sheet("offers", Offer, (
        _c("ref"), _c("donor"), _c("item"), _c("quantity", whole), _c("available", iso_date),
        _c("origin"), _c("kind", choice(OfferKind), optional=True, export=_enum_value),
        _c("value_eur", number, optional=True), _c("funding", optional=True),
        _RELEASABILITY)),
    Sheet("producers", Producer, (
        _c("code"), _c("name"), _CLASS, _c("unit_price_eur", number),
        _c("capacity_per_month", whole), _c("available", iso_date),
        _c("lead_months", whole))),
    Sheet("funding", FundingPledge, (
        _c("ref"), _c("donor"), _c("amount_eur", number), _c("instrument"),
        _c("available", iso_date), _c("earmark", optional=True))),
    Sheet("missions", Mission, (
        _c("code"), _c("name"), _c("starts", iso_date), _c("ends", iso_date),
        _c("renewal_expected", iso_date, optional=True))),
    Sheet("training_needs", TrainingNeed, (
        _c("ref"), _c("category", choice(CourseCategory), export=_enum_value),
        _c("trainees", whole), _c("priority", whole), _c("due", iso_date))),
    Sheet("courses", CourseOffer, (
        _c("ref"), _c("host"), _c("location"),
        _c("category", choice(CourseCategory), export=_enum_value), _c("mission"),
        _c("seats", whole), _c("starts", iso_date), _c("ends", iso_date))),
    Sheet("posts", Post, (
        _c("ref"), _c("nation"), _c("title"),
        _c("branch", parse_branch, export=_enum_value), _c("starts", iso_date),
        _c("ends", iso_date, optional=True), _RELEASABILITY)),
    Sheet("procurement", ProcurementRequest, (
        _c("ref"), _c("buyer"), _CLASS, _c("quantity", whole),
        _c("max_unit_price_eur", number), _c("due", iso_date), _RELEASABILITY)),
)}

def cell_text(value: Cell) -> str:
    """A cell value as CSV text: ISO dates, ``true/false``, floats without a trailing ``.0``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # repr is the shortest text that reads back as the very same float.
        shown = repr(value)
        return shown[:-2] if shown.endswith(".0") else shown
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
