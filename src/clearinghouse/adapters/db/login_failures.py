"""Failed logins in the database, shared by every process of the service (the throttle's
counts; see ``services/records/throttle.py`` for the policy)."""

from __future__ import annotations

from sqlalchemy import Engine, delete, func, insert, select

from clearinghouse.adapters.db.tables import login_failures as table

#: A key failures count against: ("user", name) or ("address", client address).
Key = tuple[str, str]


class SqlFailureLog:
    """Failure times per key, each call its own short transaction."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def times(self, key: Key, since: float) -> list[float]:
        """The failures of ``key`` after ``since``, oldest first."""
        query = (select(table.c.at).where(table.c.kind == key[0], table.c.value == key[1],
                                           table.c.at > since).order_by(table.c.at))
        with self._engine.connect() as connection:
            found: list[float] = list(connection.execute(query).scalars())
        return found

    def add(self, key: Key, at: float, forget_before: float) -> int:
        """Record a failure of ``key`` at ``at``; drop its failures up to ``forget_before``;
        the failures of ``key`` after ``forget_before`` (this one included)."""
        same = (table.c.kind == key[0], table.c.value == key[1])
        with self._engine.begin() as connection:
            connection.execute(delete(table).where(*same, table.c.at <= forget_before))
            connection.execute(insert(table).values(kind=key[0], value=key[1], at=at))
            return int(connection.scalar(
                select(func.count()).select_from(table).where(*same)) or 0)

    def clear(self, key: Key) -> None:
        """Forget every failure of ``key``."""
        with self._engine.begin() as connection:
            connection.execute(delete(table).where(table.c.kind == key[0],
                                                   table.c.value == key[1]))
