"""Record use cases for the API: list, get, create, update, transition, delete — each one
authorised by role and filtered by releasability to the user's nation."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from clearinghouse.adapters.db.listing import is_visible, page, text_matches, visible_to
from clearinghouse.adapters.db.repositories import Stored
from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.nations import Caveat
from clearinghouse.domain.releasability import (
    format_releasability,
    is_released_to,
    parse_releasability,
)
from clearinghouse.services.errors import Conflict, NotFound, UserError
from clearinghouse.services.records.integrity import (
    check_still_named,
    check_written,
    unstorable_reason,
)
from clearinghouse.services.records.resources import RESOURCES, Resource
from clearinghouse.services.records.users import User
from clearinghouse.services.runtime.retry import retrying
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

log = logging.getLogger(__name__)


class Forbidden(UserError):
    """The user's role (or nation) may not do this to a record it can see."""


@dataclass(frozen=True, slots=True)
class Page:
    records: list[Stored[Any]]
    total: int


def resource(sheet: str) -> Resource:
    """The policy of a sheet served by the API."""
    return RESOURCES[sheet]


def _visible(res: Resource, user: User) -> Any:
    return visible_to(res.sheet, user.nation, res.owner_field)


def list_records(engine: Engine, user: User, sheet: str, *, filters: Mapping[str, Any],
                 sort: str | None, limit: int, offset: int, q: str | None = None) -> Page:
    """A page of the records the user's nation may see, and how many there are in all;
    ``q`` keeps those holding that text (``listing.text_matches``: refs, codes, names)."""
    res = resource(sheet)
    where = [text_matches(sheet, q.strip())] if q and q.strip() else []
    with SqlUnitOfWork(engine, user.name) as uow:
        records, total = page(uow.connection, sheet, visible=_visible(res, user),
                              filters=filters, sort=sort, limit=limit, offset=offset,
                              where=where)
    return Page(records, total)


def _get_visible(uow: SqlUnitOfWork, res: Resource, user: User, key: str) -> Stored[Any]:
    stored = uow.sheet(res.sheet).get_by_ref(key)
    # A record the user may not see answers exactly like one that does not exist.
    if stored is None or not is_visible(uow.connection, res.sheet, stored.id,
                                        _visible(res, user)):
        raise NotFound(f"{res.sheet} {key} does not exist")
    return stored


def get_record(engine: Engine, user: User, sheet: str, key: str) -> Stored[Any]:
    """The record with this key, if the user's nation may see it."""
    res = resource(sheet)
    with SqlUnitOfWork(engine, user.name) as uow:
        return _get_visible(uow, res, user, key)


def _may_write(res: Resource, user: User, record: Any) -> None:
    """Writers by role; a role in ``own_nation_only`` only records its nation owns (SPEC
    §1.1: the owner's users, and coordinators of a nation that sees the record)."""
    if user.role not in res.writers:
        raise Forbidden(f"a {user.role} may not change {res.sheet}")
    if user.role in res.own_nation_only and res.owner_field is not None:
        owner = getattr(record, res.owner_field)
        if owner != user.nation:
            raise Forbidden(f"a {user.role} of {user.nation} may change only its own "
                            f"nation's {res.sheet}, not those of {owner}")


def check_may_change(user: User, sheet: str, record: Any) -> None:
    """Refuse (``Forbidden``) a user who may not change this record: the rule every write
    applies, asked before an edit form opens so that it is refused before it is filled."""
    _may_write(resource(sheet), user, record)


def may_change(user: User, sheet: str, record: Any) -> bool:
    """Whether ``check_may_change`` lets the user change this record (pages offer Edit)."""
    try:
        check_may_change(user, sheet, record)
    except Forbidden:
        return False
    return True


def _keeps_sight(res: Resource, user: User, record: Any) -> None:
    """Refuse a write after which the writer's own nation would no longer see the record
    (it would be told the record it just saved "does not exist"). The owner needs no such
    care: it sees its records whatever their releasability says. Needs only: a coordinator
    may file a post (or a catalogue record) for another nation's eyes alone."""
    if not res.owner_is_filer:
        return
    owner = getattr(record, res.owner_field) if res.owner_field else None
    releasability = getattr(record, "releasability", None)
    if releasability is None or owner == user.nation \
            or is_released_to(tuple(releasability), user.nation):
        return
    shown = format_releasability(tuple(releasability))
    raise DomainError(
        f"{res.sheet} {getattr(record, 'ref', '')}: releasable to {shown} would hide it from "
        f"{user.nation}, your nation (the owner, {owner or 'none'}, sees it in any case): "
        f"include {user.nation} or ALL", field="releasability",
        rule="must include the writer's nation, unless it owns the record", value=shown)


def _normalised(values: Mapping[str, Any]) -> dict[str, Any]:
    data = dict(values)
    if "releasability" in data and not isinstance(data["releasability"], str):
        data["releasability"] = format_releasability(tuple(data["releasability"]))
    if isinstance(data.get("releasability"), str):
        data["releasability"] = parse_releasability(data["releasability"])
    if data.get("caveats") is not None:
        data["caveats"] = frozenset(Caveat(c) for c in data["caveats"])
    return data


def _write(uow: SqlUnitOfWork, res: Resource, record: Any, action: str,
           expected_version: int | None = None, before: Stored[Any] | None = None,
           ) -> Stored[Any]:
    if res.check is not None:
        res.check(uow, record)
    if action != "transition":
        # The rules the import checks, on what this write touches (services.integrity).
        check_written(uow, res.sheet, record)
    if before is not None:
        check_still_named(uow, res.sheet, before.id, before.record, record)
    repository = uow.sheet(res.sheet)
    try:
        if action == "add":
            stored = repository.add(record)
        elif action == "update":
            stored = repository.update(record, expected_version=expected_version)
        else:
            stored = repository.transition(record, expected_version=expected_version)
    except OperationalError:
        raise  # locked: the whole unit of work is retried; unreachable: answered 503
    except (DBAPIError, OverflowError) as e:
        # The database refused a value the domain lets through (a number out of range …);
        # its driver's text goes to the log, not to the user.
        log.info("%s: the database refused a record: %s", res.sheet, e)
        raise UserError(f"{res.sheet}: the database refused the record: "
                        f"{unstorable_reason(e)}") from e
    uow.commit()
    return stored


def create_record(engine: Engine, user: User, sheet: str,
                  values: Mapping[str, Any]) -> Stored[Any]:
    """Create a record (in its lifecycle's first status) if the user's role may."""
    res = resource(sheet)
    data = _normalised(values)
    if res.initial_status is not None:
        data["status"] = res.status_type(res.initial_status) if res.status_type else None
    if res.owner_is_filer and res.owner_field is not None:
        data[res.owner_field] = user.nation  # a need belongs to the nation that files it
    record = res.record_type(**data)
    _may_write(res, user, record)
    _keeps_sight(res, user, record)
    def work() -> Stored[Any]:
        with SqlUnitOfWork(engine, user.name, writes=True) as uow:
            return _write(uow, res, record, "add")

    return retrying(work)


def update_record(engine: Engine, user: User, sheet: str, key: str, changes: Mapping[str, Any],
                  expected_version: int) -> Stored[Any]:
    """Change some fields of a visible record written at ``expected_version``."""
    res = resource(sheet)

    def work() -> Stored[Any]:
        with SqlUnitOfWork(engine, user.name, writes=True) as uow:
            stored = _get_visible(uow, res, user, key)
            _may_write(res, user, stored.record)
            record = dataclasses.replace(stored.record, **_normalised(changes))
            _may_write(res, user, record)
            _keeps_sight(res, user, record)
            return _write(uow, res, record, "update", expected_version, before=stored)

    return retrying(work)


def transition_record(engine: Engine, user: User, sheet: str, key: str, status: str,
                      expected_version: int | None) -> Stored[Any]:
    """Move a visible record to ``status`` along its lifecycle, if the user's role may."""
    res = resource(sheet)
    status_type = res.status_type
    if status_type is None:
        raise NotFound(f"{sheet} have no status")

    def work() -> Stored[Any]:
        with SqlUnitOfWork(engine, user.name, writes=True) as uow:
            stored = _get_visible(uow, res, user, key)
            if user.role not in res.transitions:
                raise Forbidden(f"a {user.role} may not change the status of {sheet}")
            allowed = res.transitions[user.role]
            if allowed is not None and status not in allowed:
                raise Forbidden(f"a {user.role} may move {sheet} only to "
                                f"{', '.join(sorted(allowed))}, not to {status}")
            if user.role in res.own_nation_only and res.owner_field is not None:
                _may_write(res, user, stored.record)
            try:
                target = status_type(status)
            except ValueError:
                raise DomainError(f"{sheet} {key}: unknown status {status!r}",
                                  field="status", rule="must be a status of the lifecycle",
                                  value=status) from None
            record = stored.record
            record.move_to(target)
            return _write(uow, res, record, "transition", expected_version)

    return retrying(work)


def delete_record(engine: Engine, user: User, sheet: str, key: str,
                  expected_version: int | None) -> None:
    """Delete a visible record, if the user's role may and its status still allows it."""
    res = resource(sheet)

    def work() -> None:
        with SqlUnitOfWork(engine, user.name, writes=True) as uow:
            stored = _get_visible(uow, res, user, key)
            _may_write(res, user, stored.record)
            status = getattr(stored.record, "status", None)
            if res.deletable is not None and status not in res.deletable:
                raise DomainError(f"{sheet} {key} is {status}: only records in "
                                  f"{', '.join(sorted(res.deletable))} may be deleted",
                                  field="status", rule="delete only before it is in use",
                                  value=status)
            check_still_named(uow, sheet, stored.id, stored.record, None)
            try:
                uow.sheet(sheet).delete(key, expected_version=expected_version)
            except OperationalError:
                raise  # locked: retried whole; unreachable: answered 503 (api.errors)
            except DBAPIError as e:  # still referenced (shipments, plan allocations …)
                log.info("%s %s: the database refused the delete: %s", sheet, key, e)
                raise Conflict(f"{sheet} {key} is still referenced by other records") from e
            uow.commit()

    retrying(work)
