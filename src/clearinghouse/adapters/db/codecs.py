"""Rows ↔ domain records: one codec per bundle sheet.

A row is a dict of column values named like the record's fields. Sets and tuples are stored
as sorted ``;``-joined text, enums as their values, so equal records give equal rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields
from enum import Enum
from functools import lru_cache
from operator import attrgetter
from typing import Any, Generic, TypeVar

from clearinghouse.domain.bundle import SHEET_KEYS
from clearinghouse.domain.catalogue import Item, Substitution
from clearinghouse.domain.funding import FundingPledge, Producer
from clearinghouse.domain.lifecycle import NeedStatus, OfferStatus
from clearinghouse.domain.logistics import Hub, Lane
from clearinghouse.domain.nations import Nation, NationRole, parse_caveats
from clearinghouse.domain.needs import Need
from clearinghouse.domain.offers import Offer, OfferKind
from clearinghouse.domain.posts import Branch, Post
from clearinghouse.domain.procurement import ProcurementRequest
from clearinghouse.domain.releasability import parse_releasability
from clearinghouse.domain.training import CourseCategory, CourseOffer, Mission, TrainingNeed

R = TypeVar("R")
E = TypeVar("E", bound=Enum)

#: Fields an import leaves alone on an existing record: they move only by transitions.
#: (``owner`` is set when a record is first stored and stays with it.)
LIFECYCLE_FIELDS = frozenset({"status", "delivered", "planned", "owner"})


def _joined(values: Any) -> str:
    return ";".join(sorted(str(v) for v in values))


class Codec(Generic[R]):
    """How the records of one sheet become rows (dicts, or value tuples in field order) and back."""

    def __init__(self, sheet: str, record_type: Callable[..., R], fields: tuple[str, ...],
                 encoders: Mapping[str, Callable[[Any], Any]],
                 decoders: Mapping[str, Callable[[Any], Any]], *,
                 trusted: bool = False) -> None:
        self.sheet = sheet
        #: Rows become records without the record's checks (``__post_init__``): only for
        #: record types whose checks change nothing, since every stored row passed them.
        self.trusted = trusted
        self.record_type = record_type
        self.fields = fields
        self.key_fields = tuple(SHEET_KEYS[sheet].split(","))
        #: The fields an import may change on an existing record.
        self.exchange_fields = tuple(f for f in fields if f not in LIFECYCLE_FIELDS)
        self._get = attrgetter(*fields)
        self._encoders = [(fields.index(f), e) for f, e in encoders.items()]
        self._decode_at = [(fields.index(f), d) for f, d in decoders.items()]
        # A trusted record's fields are set through their slots, skipping __init__'s checks.
        self._setters = ([getattr(record_type, f).__set__ for f in fields] if trusted
                         else [])
        self._key_at = [fields.index(f) for f in self.key_fields]

    def to_values(self, record: R) -> tuple[Any, ...]:
        """The record's column values, in the order of :attr:`fields`."""
        values = list(self._get(record))
        for i, encode in self._encoders:
            values[i] = encode(values[i])
        return tuple(values)

    def to_row(self, record: R) -> dict[str, Any]:
        return dict(zip(self.fields, self.to_values(record), strict=True))

    def from_row(self, row: Mapping[Any, Any]) -> R:
        return self.from_values([row[name] for name in self.fields])

    def from_values(self, stored: Sequence[Any]) -> R:
        """The record of column values in the order of :attr:`fields`."""
        values = list(stored)
        for i, decode in self._decode_at:
            if values[i] is not None:
                values[i] = decode(values[i])
        if not self.trusted:
            return self.record_type(*values)
        record: R = object.__new__(self.record_type)  # type: ignore[arg-type]
        for set_field, value in zip(self._setters, values, strict=True):
            set_field(record, value)
        return record

    def key_of_values(self, values: Sequence[Any]) -> str:
        """The record key (as :func:`clearinghouse.domain.bundle.record_key` writes it)."""
        return "→".join(str(values[i]) for i in self._key_at)

    def key_of_row(self, row: Mapping[Any, Any]) -> str:
        return "→".join(str(row[f]) for f in self.key_fields)


def _codec(sheet: str, record_type: type[R], encoders: Mapping[str, Callable[[Any], Any]],
           decoders: Mapping[str, Callable[[Any], Any]], *, trusted: bool = False) -> Codec[R]:
    names = tuple(f.name for f in fields(record_type))  # type: ignore[arg-type]
    return Codec(sheet, record_type, names, encoders, decoders, trusted=trusted)


def _member(enum: type[E]) -> Callable[[Any], E]:
    """The enum member of a stored value (a dict lookup; unknown values fail like ``enum``)."""
    members: dict[Any, E] = {m.value: m for m in enum}

    def member(value: Any) -> E:
        found = members.get(value)
        return found if found is not None else enum(value)
    return member


#: Stored releasability texts repeat ("ALL", "POL;USA"): each is parsed once.
_releasability = lru_cache(maxsize=4096)(parse_releasability)


_enum = str
_visibility_enc: dict[str, Callable[[Any], Any]] = {"releasability": _joined, "status": _enum}

CODECS: dict[str, Codec[Any]] = {
    "nations": _codec("nations", Nation, {"role": _enum, "caveats": _joined},
                      {"role": NationRole, "caveats": parse_caveats}),
    "items": _codec("items", Item, {}, {}),
    "substitutes": _codec("substitutes", Substitution, {}, {}),
    "hubs": _codec("hubs", Hub, {}, {}),
    "lanes": _codec("lanes", Lane, {}, {}),
    # Needs and offers, the large sheets, load without their checks (which only check).
    "needs": _codec("needs", Need, _visibility_enc,
                    {"releasability": _releasability, "status": _member(NeedStatus)},
                    trusted=True),
    "offers": _codec("offers", Offer, {**_visibility_enc, "kind": _enum},
                     {"releasability": _releasability, "status": _member(OfferStatus),
                      "kind": _member(OfferKind)}, trusted=True),
    "producers": _codec("producers", Producer, {}, {}),
    "funding": _codec("funding", FundingPledge, {}, {}),
    "missions": _codec("missions", Mission, {}, {}),
    "training_needs": _codec("training_needs", TrainingNeed, {"category": _enum},
                             {"category": CourseCategory}),
    "courses": _codec("courses", CourseOffer, {"category": _enum},
                      {"category": CourseCategory}),
    "posts": _codec("posts", Post, {"branch": _enum, "releasability": _joined},
                    {"branch": Branch, "releasability": parse_releasability}),
    "procurement": _codec("procurement", ProcurementRequest, {"releasability": _joined},
                          {"releasability": parse_releasability}),
}

