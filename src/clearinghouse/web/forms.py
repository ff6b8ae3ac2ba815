"""Need, offer, post, procurement request and training need forms: which fields, how a posted string
becomes a value, and where a domain error is shown (next to the field it names)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from clearinghouse.domain import fields as field_rules
from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.offers import OfferKind
from clearinghouse.domain.posts import Branch
from clearinghouse.domain.releasability import format_releasability, parse_releasability
from clearinghouse.domain.training import CourseCategory


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    label: str
    kind: str = "text"  # text, int, float, date, choice
    required: bool = True
    choices: tuple[str, ...] = ()
    key: bool = False  # set on create only
    #: The edge rule of domain.fields it follows (the API's schemas follow the same):
    #: "ref", "text", "quantity" or "people"; "" for none beyond its kind.
    rule: str = ""


PRIORITIES = ("1", "2", "3", "4", "5")
NEED_FIELDS = (
    Field("ref", "Reference", key=True, rule="ref"), Field("class_code", "Class", "choice"),
    Field("quantity", "Quantity", "int", rule="quantity"),
    Field("priority", "Priority (1 most urgent)", "choice", choices=PRIORITIES),
    Field("due", "Due", "date"), Field("destination", "Destination", rule="text"),
    Field("releasability", "Releasable to (ALL or codes separated by ;)"),
)
OFFER_FIELDS = (
    Field("ref", "Reference", key=True, rule="ref"), Field("donor", "Donor", key=True),
    Field("item", "Item", "choice"), Field("quantity", "Quantity", "int", rule="quantity"),
    Field("available", "Available from", "date"), Field("origin", "Origin", rule="ref"),
    Field("kind", "Kind", "choice", choices=tuple(k.value for k in OfferKind)),
    Field("value_eur", "Value (EUR)", "float", required=False),
    Field("funding", "Funding", required=False, rule="text"),
    Field("releasability", "Releasable to (ALL or codes separated by ;)"),
)
POST_FIELDS = (
    Field("ref", "Reference", key=True, rule="ref"), Field("nation", "Nation", "choice"),
    Field("title", "Title", rule="text"),
    Field("branch", "Branch", "choice", choices=tuple(b.value for b in Branch)),
    Field("starts", "Filled from", "date"),
    Field("ends", "Until (empty: open-ended)", "date", required=False),
    Field("releasability", "Releasable to (ALL or codes separated by ;)"),
)
PROCUREMENT_FIELDS = (
    Field("ref", "Reference", key=True, rule="ref"),
    Field("buyer", "Buyer", "choice", key=True),
    Field("class_code", "Class", "choice"), Field("quantity", "Quantity", "int", rule="quantity"),
    Field("max_unit_price_eur", "Maximum unit price (EUR)", "float"),
    Field("due", "Due", "date"),
    Field("releasability", "Releasable to (ALL or codes separated by ;)"),
)
TRAINING_NEED_FIELDS = (
    Field("ref", "Reference", key=True, rule="ref"),
    Field("category", "Course category", "choice", choices=tuple(c.value for c in CourseCategory)),
    Field("trainees", "Trainees", "int", rule="people"),
    Field("priority", "Priority (1 most urgent)", "choice", choices=PRIORITIES),
    Field("due", "Due", "date"),
)
FIELDS = {"needs": NEED_FIELDS, "offers": OFFER_FIELDS, "posts": POST_FIELDS,
          "procurement": PROCUREMENT_FIELDS, "training_needs": TRAINING_NEED_FIELDS}
#: What one record of a sheet is called on its pages (default: the sheet less its "s").
NOUNS = {"procurement": "procurement request", "training_needs": "training need"}


def noun(sheet: str) -> str:
    """One record of ``sheet`` in words: "need", "procurement request", "training need"."""
    return NOUNS.get(sheet, sheet[:-1])


def sheet_path(sheet: str) -> str:
    """Where a sheet's pages live: hyphenated like the API's routes (training_needs →
    /ui/training-needs)."""
    return "/ui/" + sheet.replace("_", "-")
#: Domain errors name exchange columns; the form names the domain fields.
FIELD_OF_COLUMN = {"class": "class_code"}


class FormInvalid(Exception):
    """Some fields could not be read; ``errors`` maps field → message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def _value(spec: Field, text: str) -> Any:
    if spec.kind == "int" or (spec.kind == "choice" and spec.name == "priority"):
        return int(text)
    if spec.kind == "float":
        return float(text)
    if spec.kind == "date":
        return date.fromisoformat(text)
    return text


def parse(fields: tuple[Field, ...], form: Mapping[str, Any], *,
          creating: bool) -> dict[str, Any]:
    """The typed values of a posted form; :class:`FormInvalid` names each unreadable field."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for spec in fields:
        if spec.key and not creating:
            continue
        text = str(form.get(spec.name, "")).strip()
        if not text:
            if spec.required:
                errors[spec.name] = "required"
            else:
                values[spec.name] = None
            continue
        if spec.choices and text not in spec.choices:
            errors[spec.name] = f"{text!r} is not one of {', '.join(spec.choices)}"
            continue
        try:
            values[spec.name] = _value(spec, text)
        except ValueError:
            kind = KIND_WORDS.get(spec.kind, spec.kind)
            errors[spec.name] = f"{text[:40]!r} is not a valid {kind}"
            continue
        problem = _rule_problem(spec, values[spec.name])
        if problem is not None:
            errors[spec.name] = problem
    if errors:
        raise FormInvalid(errors)  # every field's problem at once, each next to its field
    return values


#: What a field of each kind must hold, in words.
KIND_WORDS = {"int": "whole number", "float": "number", "date": "date (YYYY-MM-DD)"}


def _rule_problem(spec: Field, value: Any) -> str | None:
    if spec.name == "releasability":
        try:
            parse_releasability(value)
        except DomainError as e:
            return e.message
        return None
    if spec.rule == "ref":
        return field_rules.ref_problem(value)
    if spec.rule == "text":
        return field_rules.text_problem(value)
    if spec.rule == "quantity":
        return field_rules.quantity_problem(value)
    if spec.rule == "people":
        return field_rules.people_problem(value)
    return None


def field_errors(error: DomainError, fields: tuple[Field, ...]) -> dict[str, str]:
    """Where to show a domain error: by its field, else at the top of the form (``""``)."""
    name = FIELD_OF_COLUMN.get(error.field or "", error.field or "")
    known = {f.name for f in fields}
    return {name if name in known else "": error.message}


def shown(record: Any, fields: tuple[Field, ...]) -> dict[str, str]:
    """A record's values as the form shows them."""
    values: dict[str, str] = {}
    for spec in fields:
        value = getattr(record, spec.name, None)
        if spec.name == "releasability" and value is not None:
            values[spec.name] = format_releasability(tuple(value))
        else:
            values[spec.name] = "" if value is None else str(value)
    return values
