"""``clearinghouse users …``: create the users of the service."""

from __future__ import annotations

from typing import Annotated

import typer

from clearinghouse.cli.common import DbOption, console, settings_for, user_errors

users_app = typer.Typer(help="Users of the service: who may log in, of which nation and role.",
                        no_args_is_help=True)

#: The roles, as ``services.records.users.Role`` spells them (a test keeps the two equal):
#: listed here so that ``--help`` needs neither the service nor its password hasher.
ROLES = "coordinator, recipient-liaison, donor-liaison, logistician, auditor"


@users_app.callback()
def users() -> None:
    """Users of the service: who may log in, of which nation and role."""


@users_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The user name to log in with")],
    nation: Annotated[str, typer.Option("--nation", help="ISO 3166-1 alpha-3 code, e.g. POL")],
    role: Annotated[str, typer.Option("--role", help=f"One of: {ROLES}")],
    password: Annotated[str, typer.Option(
        "--password", prompt=True, hide_input=True, confirmation_prompt=True,
        help="Asked for when left out (at least 8 characters)")],
    database_url: DbOption = None,
) -> None:
    """Create a user of one nation with one role (the password is stored argon2-hashed)."""
    from clearinghouse.services.records.users import add_user

    with user_errors():
        user = add_user(settings_for(database_url), name, password, nation, role)
    console.print(f"User [bold]{user.name}[/] added: {user.role} of {user.nation}")
