"""A bundle: the whole clearing-house picture, with the rules that span records."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
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


def _check(b: Bundle) -> Iterator[Problem]:
    yield from _duplicates(b)
    nations = {n.code: n for n in b.nations}
    items = {i.code: i for i in b.items}
    classes = b.classes
    capabilities = {i.capability for i in b.items}
    hubs = {h.code for h in b.hubs}
    missions = {m.code: m for m in b.missions}
    origins = set(nations) | {lane.origin for lane in b.lanes}

    def known(sheet: str, rec: Any, attr: str, value: str, pool: Iterable[str],
              what: str, column: str | None = None) -> Iterator[Problem]:
        if value not in pool:
            col = column or attr
            yield Problem(sheet, record_key(sheet, rec), col, value, f"must name a known {what}",
                          f"{sheet} {record_key(sheet, rec)}: unknown {what} {value!r}")

    for s in b.substitutes:
        yield from known("substitutes", s, "need_class", s.need_class, classes, "class")
        yield from known("substitutes", s, "offer_class", s.offer_class, classes, "class")
    for h in b.hubs:
        yield from known("hubs", h, "country", h.country, nations, "nation")
    for lane in b.lanes:
        yield from known("lanes", lane, "hub", lane.hub, hubs, "hub")
    for n in b.needs:
        yield from known("needs", n, "class_code", n.class_code, classes, "class", "class")
    for o in b.offers:
        yield from known("offers", o, "donor", o.donor, nations, "nation")
        yield from known("offers", o, "item", o.item, items, "item")
        yield from known("offers", o, "origin", o.origin, origins, "origin (nation or lane origin)")
        if o.donor in nations and o.item in items:
            yield from _guard("offers", o, partial(
                o.check_donor_may_offer, nations[o.donor], items[o.item]))
    for p in b.producers:
        yield from known("producers", p, "class_code", p.class_code, classes, "class", "class")
    for f in b.funding:
        yield from known("funding", f, "donor", f.donor, nations, "nation")
        if f.earmark:
            yield from known("funding", f, "earmark", f.earmark, classes | capabilities,
                             "class or capability")
    for r in b.procurement:
        yield from known("procurement", r, "buyer", r.buyer, nations, "nation")
        yield from known("procurement", r, "class_code", r.class_code, classes, "class", "class")
    for c in b.courses:
        yield from known("courses", c, "host", c.host, nations, "nation")
        yield from known("courses", c, "location", c.location, nations, "nation")
        yield from known("courses", c, "mission", c.mission, missions, "mission")
        if c.host in nations and c.location in nations:
            yield from _guard("courses", c, partial(
                c.check_caveats, nations[c.host], nations[c.location]))
        if c.mission in missions:
            yield from _guard("courses", c, partial(c.check_mandate, missions[c.mission]))
    for post in b.posts:
        yield from known("posts", post, "nation", post.nation, nations, "nation")


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
