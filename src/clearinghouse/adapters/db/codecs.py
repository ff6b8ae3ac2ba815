"""Rows ↔ domain records: one codec per bundle sheet.

A row is a dict of column values named like the record's fields. Sets and tuples are stored
as sorted ``;``-joined text, enums as their values, so equal records give equal rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields
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

#: Fields an import leaves alone on an existing record: they move only by transitions.
#: (``owner`` is set when a record is first stored and stays with it.)
LIFECYCLE_FIELDS = frozenset({"status", "delivered", "planned", "owner"})


def _joined(values: Any) -> str:
    return ";".join(sorted(str(v) for v in values))


class Codec(Generic[R]):
    """How the records of one sheet become rows (dicts, or value tuples in field order) and back."""

    def __init__(self, sheet: str, record_type: Callable[..., R], fields: tuple[str, ...],
                 encoders: Mapping[str, Callable[[Any], Any]],
                 decoders: Mapping[str, Callable[[Any], Any]]) -> None:
        self.sheet = sheet
        self.record_type = record_type
        self.fields = fields
        self.key_fields = tuple(SHEET_KEYS[sheet].split(","))
        #: The fields an import may change on an existing record.
        self.exchange_fields = tuple(f for f in fields if f not in LIFECYCLE_FIELDS)
        self._get = attrgetter(*fields)
        self._encoders = [(fields.index(f), e) for f, e in encoders.items()]
        self._decoders = dict(decoders)
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
        values = {}
        for name in self.fields:
            value = row[name]
            decode = self._decoders.get(name)
            values[name] = decode(value) if decode is not None and value is not None else value
        return self.record_type(**values)

    def key_of_values(self, values: Sequence[Any]) -> str:
        """The record key (as :func:`clearinghouse.domain.bundle.record_key` writes it)."""
        return "→".join(str(values[i]) for i in self._key_at)

    def key_of_row(self, row: Mapping[Any, Any]) -> str:
        return "→".join(str(row[f]) for f in self.key_fields)


def _codec(sheet: str, record_type: type[R], encoders: Mapping[str, Callable[[Any], Any]],
           decoders: Mapping[str, Callable[[Any], Any]]) -> Codec[R]:
    names = tuple(f.name for f in fields(record_type))  # type: ignore[arg-type]
    return Codec(sheet, record_type, names, encoders, decoders)


_enum = str
_visibility_enc: dict[str, Callable[[Any], Any]] = {"releasability": _joined, "status": _enum}

CODECS: dict[str, Codec[Any]] = {
    "nations": _codec("nations", Nation, {"role": _enum, "caveats": _joined},
                      {"role": NationRole, "caveats": parse_caveats}),
    "items": _codec("items", Item, {}, {}),
    "substitutes": _codec("substitutes", Substitution, {}, {}),
    "hubs": _codec("hubs", Hub, {}, {}),
    "lanes": _codec("lanes", Lane, {}, {}),
    "needs": _codec("needs", Need, _visibility_enc,
                    {"releasability": parse_releasability, "status": NeedStatus}),
    "offers": _codec("offers", Offer, {**_visibility_enc, "kind": _enum},
                     {"releasability": parse_releasability, "status": OfferStatus,
                      "kind": OfferKind}),
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

