"""Referential integrity of single writes (API and web forms), by the rules the import checks.

The import checks the whole picture with :meth:`Bundle.problems`. A single write checks the
same rules on the part of the picture it touches, looked up in the database:

- the written record: everything it names must exist (``domain.bundle.REFERENCES``), and
  the rules spanning records (caveats, mandates) must hold — :meth:`Bundle.problems` on the
  record and the records it names;
- a changed or deleted record: nothing may still name what it took away (an item's code or
  class, a nation, a hub, a mission, a lane's origin) — refused while anything does.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from clearinghouse.domain.bundle import REFERENCES, Bundle, Reference, record_key
from clearinghouse.domain.errors import DomainError
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

#: Which sheets' records define the values each kind of reference names, and by which field.
DEFINED_BY: dict[str, tuple[tuple[str, str], ...]] = {
    "class": (("items", "class_code"),),
    "nation": (("nations", "code"),),
    "hub": (("hubs", "code"),),
    "item": (("items", "code"),),
    "mission": (("missions", "code"),),
    "origin (nation or lane origin)": (("nations", "code"), ("lanes", "origin")),
    "class or capability": (("items", "class_code"), ("items", "capability")),
}


def _definers(uow: SqlUnitOfWork, names: str, value: object,
              excluding: tuple[str, int] | None = None) -> list[tuple[str, Any]]:
    """The stored records defining ``value`` for a reference naming ``names`` (but the
    record ``excluding`` names by sheet and id)."""
    found = []
    for sheet, field in DEFINED_BY[names]:
        skip = excluding[1] if excluding is not None and excluding[0] == sheet else None
        stored = uow.sheet(sheet).first_with(field, value, excluding_id=skip)
        if stored is not None:
            found.append((sheet, stored.record))
    return found


MAX_TEXT = 2_000


def check_text(sheet: str, record: Any) -> None:
    """Refuse a text field holding a NUL byte (PostgreSQL cannot store it, SQLite would
    keep it silently) or longer than any field needs."""
    for item in dataclasses.fields(record):
        value = getattr(record, item.name)
        if not isinstance(value, str):
            continue
        if "\x00" in value:
            raise DomainError(f"{sheet} {item.name}: holds a NUL byte (\\x00)", field=item.name,
                              rule="must not hold a NUL byte", value=value.replace("\x00", ""))
        if len(value) > MAX_TEXT:
            raise DomainError(f"{sheet} {item.name}: {len(value):,} characters",
                              field=item.name, rule=f"must be at most {MAX_TEXT:,} characters",
                              value=value[:40])


def check_written(uow: SqlUnitOfWork, sheet: str, record: Any) -> None:
    """Refuse (DomainError, naming the field) a record holding a NUL byte or an overlong
    text, naming what does not exist, or breaking a rule spanning the records it names."""
    check_text(sheet, record)
    key = record_key(sheet, record)
    sheets: dict[str, dict[str, Any]] = {sheet: {key: record}}
    for ref in REFERENCES:
        value = getattr(record, ref.attr) if ref.sheet == sheet else None
        if value is None or value == "":
            continue
        definers = _definers(uow, ref.names, value)
        if not definers:
            raise DomainError(f"{sheet} {key}: unknown {ref.names} {value!r}",
                              field=ref.attr, rule=f"must name a known {ref.names}",
                              value=value)
        for found_sheet, found in definers:
            sheets.setdefault(found_sheet, {}).setdefault(record_key(found_sheet, found), found)
    picture = Bundle(**{name: list(records.values()) for name, records in sheets.items()})
    for problem in picture.problems():
        if problem.sheet == sheet and problem.key == key:
            raise DomainError(problem.message, field=problem.field, rule=problem.rule,
                              value=problem.value)


def _taken_away(sheet: str, before: Any, after: Any | None) -> list[tuple[str, object]]:
    """(kind, value) pairs ``before`` defined that ``after`` (None: deleted) no longer does."""
    taken = []
    for names, definers in DEFINED_BY.items():
        for definer, field in definers:
            if definer != sheet:
                continue
            value = getattr(before, field)
            if after is None or getattr(after, field) != value:
                taken.append((names, value))
    return taken


def _first_referrer(uow: SqlUnitOfWork, ref: Reference, value: object) -> Any | None:
    stored = uow.sheet(ref.sheet).first_with(ref.attr, value)
    return None if stored is None else stored.record


def check_still_named(uow: SqlUnitOfWork, sheet: str, stored_id: int, before: Any,
                      after: Any | None) -> None:
    """Before the stored record ``before`` (database id ``stored_id``) is changed into
    ``after`` (None: deleted), refuse — Conflict — while another record still names what
    the change takes away."""
    for names, value in _taken_away(sheet, before, after):
        if _definers(uow, names, value, excluding=(sheet, stored_id)):
            continue  # another record still defines it (another item of the same class)
        for ref in REFERENCES:
            if ref.names != names:
                continue
            referrer = _first_referrer(uow, ref, value)
            if referrer is not None:
                what = "deleted" if after is None else "changed"
                field = next(f for definer, f in DEFINED_BY[names] if definer == sheet)
                raise DomainError(
                    f"{sheet} {record_key(sheet, before)} cannot be {what}: "
                    f"{ref.sheet} {record_key(ref.sheet, referrer)} still names {names} "
                    f"{value!r} ({ref.column}); change or delete that record first",
                    field=field, rule="must not be named by another record", value=value)


def unstorable_reason(exc: Exception) -> str:
    """Why the database refused a value, in our words: a driver's text never reaches users."""
    text = str(exc).lower()
    if "nul" in text or "0x00" in text:
        return "a text holds a NUL byte (\\x00), which no field accepts"
    if "out of range" in text or "overflow" in text or "too large" in text:
        return "a number is outside the range a field holds"
    if "too long" in text:
        return "a text is longer than its field holds"
    return "a value is not of a kind its field holds"
