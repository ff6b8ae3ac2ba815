"""A bundle: the whole clearing-house picture, with the rules that span records."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from clearinghouse.domain.catalogue import Item, Substitution
from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.funding import FundingPledge, Producer
from clearinghouse.domain.logistics import Hub, Lane
from clearinghouse.domain.nations import Nation
from clearinghouse.domain.needs import Need
from clearinghouse.domain.offers import Offer
from clearinghouse.domain.posts import Post
from clearinghouse.domain.procurement import ProcurementRequest
from clearinghouse.domain.training import CourseOffer, Mission, TrainingNeed


@dataclass(frozen=True, slots=True)
class Problem:
    """A broken rule of one record: ``sheet`` and ``key`` locate it, ``field`` names the column."""

    sheet: str
    key: str
    field: str
    value: object
    rule: str
    message: str


#: The sheets of a bundle in dependency order, with the attribute that keys each record.
SHEET_KEYS: dict[str, str] = {
    "nations": "code",
    "items": "code",
    "substitutes": "need_class,offer_class",
    "hubs": "code",
    "lanes": "origin,hub",
    "needs": "ref",
    "offers": "ref",
    "producers": "code",
    "funding": "ref",
    "missions": "code",
    "training_needs": "ref",
    "courses": "ref",
    "posts": "ref",
    "procurement": "ref",
}


def record_key(sheet: str, record: Any) -> str:
    """The key of ``record`` in ``sheet`` (``ref`` or ``code``, or a pair joined by ``→``)."""
    return "→".join(str(getattr(record, a)) for a in SHEET_KEYS[sheet].split(","))


@dataclass
class Bundle:
    nations: list[Nation] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    substitutes: list[Substitution] = field(default_factory=list)
    hubs: list[Hub] = field(default_factory=list)
    lanes: list[Lane] = field(default_factory=list)
    needs: list[Need] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    producers: list[Producer] = field(default_factory=list)
    funding: list[FundingPledge] = field(default_factory=list)
    missions: list[Mission] = field(default_factory=list)
    training_needs: list[TrainingNeed] = field(default_factory=list)
    courses: list[CourseOffer] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    procurement: list[ProcurementRequest] = field(default_factory=list)

    def sheet(self, name: str) -> list[Any]:
        records: list[Any] = getattr(self, name)
        return records

    def counts(self) -> dict[str, int]:
        return {name: len(self.sheet(name)) for name in SHEET_KEYS}

    @property
    def classes(self) -> set[str]:
        """Compatibility classes are those of the catalogue's items."""
        return {item.class_code for item in self.items}

    def problems(self) -> list[Problem]:
        """Every rule spanning records that this bundle breaks (empty when consistent)."""
        return list(_check(self))

    def check(self) -> None:
        """Raise the first problem as a :class:`DomainError` (for code paths with no report)."""
        for p in self.problems():
            raise DomainError(p.message, field=p.field, rule=p.rule, value=p.value)


@dataclass(frozen=True, slots=True)
class Reference:
    """A field of a record that names another record (or a value records define)."""

    sheet: str
    attr: str
    column: str
    names: str  # what it names: a key of POOLS


#: Every reference a record makes, in the order the rules are checked. The import checks
#: them over the whole picture (:meth:`Bundle.problems`); single writes check the written
#: record and the records still naming one that changes (services.records.integrity).
REFERENCES: tuple[Reference, ...] = (
    Reference("substitutes", "need_class", "need_class", "class"),
    Reference("substitutes", "offer_class", "offer_class", "class"),
    Reference("hubs", "country", "country", "nation"),
    Reference("lanes", "hub", "hub", "hub"),
    Reference("needs", "class_code", "class", "class"),
    Reference("offers", "donor", "donor", "nation"),
    Reference("offers", "item", "item", "item"),
    Reference("offers", "origin", "origin", "origin (nation or lane origin)"),
    Reference("producers", "class_code", "class", "class"),
    Reference("funding", "donor", "donor", "nation"),
    Reference("funding", "earmark", "earmark", "class or capability"),  # when given
    Reference("procurement", "buyer", "buyer", "nation"),
    Reference("procurement", "class_code", "class", "class"),
    Reference("courses", "host", "host", "nation"),
    Reference("courses", "location", "location", "nation"),
    Reference("courses", "mission", "mission", "mission"),
    Reference("posts", "nation", "nation", "nation"),
)


def pools(b: Bundle) -> dict[str, set[str]]:
    """The values each kind of reference may take in ``b``."""
    classes = b.classes
    nations = {n.code for n in b.nations}
    return {"class": classes, "nation": nations, "hub": {h.code for h in b.hubs},
            "item": {i.code for i in b.items}, "mission": {m.code for m in b.missions},
            "origin (nation or lane origin)": nations | {lane.origin for lane in b.lanes},
            "class or capability": classes | {i.capability for i in b.items}}


def unknown(ref: Reference, record: Any, pool: set[str]) -> Problem | None:
    """The problem of ``record`` naming something not in ``pool`` (None: it is known)."""
    value = getattr(record, ref.attr)
    if value is None or value == "" or value in pool:
        return None
    key = record_key(ref.sheet, record)
    return Problem(ref.sheet, key, ref.column, value, f"must name a known {ref.names}",
                   f"{ref.sheet} {key}: unknown {ref.names} {value!r}")


def _check(b: Bundle) -> Iterator[Problem]:
    yield from _duplicates(b)
    nations = {n.code: n for n in b.nations}
    items = {i.code: i for i in b.items}
    missions = {m.code: m for m in b.missions}
    known = pools(b)
    by_sheet: dict[str, list[Reference]] = {}
    for ref in REFERENCES:
        by_sheet.setdefault(ref.sheet, []).append(ref)

    def guards(sheet: str, rec: Any) -> Iterator[Problem]:
        if sheet == "offers" and rec.donor in nations and rec.item in items:
            yield from _guard("offers", rec, partial(
                rec.check_donor_may_offer, nations[rec.donor], items[rec.item]))
        if sheet == "courses":
            if rec.host in nations and rec.location in nations:
                yield from _guard("courses", rec, partial(
                    rec.check_caveats, nations[rec.host], nations[rec.location]))
            if rec.mission in missions:
                yield from _guard("courses", rec, partial(rec.check_mandate,
                                                          missions[rec.mission]))

    for sheet, refs in by_sheet.items():
        for rec in b.sheet(sheet):
            for ref in refs:
                problem = unknown(ref, rec, known[ref.names])
                if problem is not None:
                    yield problem
            yield from guards(sheet, rec)


def _guard(sheet: str, record: Any, check: Callable[[], None]) -> Iterator[Problem]:
    try:
        check()
    except DomainError as e:
        yield Problem(sheet, record_key(sheet, record), e.field or "", e.value, e.rule, e.message)


def _duplicates(b: Bundle) -> Iterator[Problem]:
    for sheet in SHEET_KEYS:
        seen: set[str] = set()
        records: Sequence[Any] = b.sheet(sheet)
        for rec in records:
            key = record_key(sheet, rec)
            if key in seen:
                column = SHEET_KEYS[sheet].split(",")[0]
                yield Problem(sheet, key, column, key, "must be unique in the file",
                              f"{sheet}: {key} appears more than once")
            seen.add(key)
