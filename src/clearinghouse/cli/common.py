"""What every ``clearinghouse`` command shares: consoles, options, errors, progress.

Nothing here imports a service, the configuration or a framework at module level: every
command module imports this one, and ``clearinghouse --help`` should cost no more than
Typer and Rich themselves (the services pull in SQLAlchemy, NumPy, HiGHS, ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from clearinghouse.config import Settings
    from clearinghouse.services.records.users import User

console = Console()
err = Console(stderr=True)

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``message`` as an error on stderr and leave with ``code``."""
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def start_month(text: str | None) -> date:
    """The first day of the month ``text`` (YYYY-MM), or of the current month when None."""
    if text is None:
        today = date.today()
        return date(today.year, today.month, 1)
    m = _MONTH.match(text)
    if not m or not 1 <= int(m.group(2)) <= 12:
        fail(f"--start {text!r}: must be a month written YYYY-MM (e.g. 2027-01)")
    return date(int(m.group(1)), int(m.group(2)), 1)


def settings_for(database_url: str | None) -> Settings:
    """The settings, with ``--database-url`` in place of the configured one when given."""
    from clearinghouse.config import get_settings

    try:
        base = get_settings()
    except ValueError as e:
        fail(f"configuration: {e}")
    return base if database_url is None else base.model_copy(update={"database_url": database_url})


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A transient progress bar on stderr; yields ``update(done, total)``."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


@contextmanager
def user_errors() -> Iterator[None]:
    """Map every error meant for the user (a service's, or a rule of the domain) to a message
    and exit code 2, never a traceback: the CLI's one mapping of errors to exit codes."""
    from clearinghouse.domain.errors import DomainError
    from clearinghouse.services.errors import UserError

    try:
        yield
    except (UserError, DomainError) as e:
        fail(str(e))


@contextmanager
def as_operator(settings: Settings, actor: str) -> Iterator[tuple[Engine, User]]:
    """The command's engine (the database migrated first, as every one-shot command does)
    and the database operator acting as ``actor``, with user errors mapped to exit 2."""
    from clearinghouse.services.records.users import operator
    from clearinghouse.services.runtime.database import migrated_engine

    with user_errors(), migrated_engine(settings) as engine:
        yield engine, operator(actor)


def reader(settings: Settings, nation: str | None) -> User | None:
    """The reader of ``--nation``, or None for the operator; refuse an unknown nation."""
    if nation is None:
        return None
    from clearinghouse.services.errors import UserError
    from clearinghouse.services.records.nation_reader import reader_for

    try:
        return reader_for(settings, nation)
    except UserError as e:
        fail(f"--nation {nation!r}: {e}")


DbOption = Annotated[str | None, typer.Option(
    "--database-url", help="SQLAlchemy URL (default: DATABASE_URL or ./clearinghouse.db)")]
ActorOption = Annotated[str, typer.Option("--as", help="Who is acting, for the audit log")]
StartOption = Annotated[str | None, typer.Option(
    "--start", help="First month of the plan, YYYY-MM (default: the current month)")]
HorizonOption = Annotated[int, typer.Option(
    "--horizon", min=1, max=120, help="Months the plan covers")]
SourceArg = Annotated[Path | None, typer.Argument(
    help="An exchange bundle (folder or .xlsx); the database when left out")]
NationOption = Annotated[str | None, typer.Option(
    "--nation", metavar="CODE",
    help="Count only the records released to this nation (ISO alpha-3, e.g. UKR), as its "
         "users see them; default: every record, as the database operator")]
