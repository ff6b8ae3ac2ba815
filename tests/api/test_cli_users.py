"""``clearinghouse users add``: a user created from the command line can log in."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clearinghouse.adapters.db.engine import make_engine
from clearinghouse.cli.users import users_app
from clearinghouse.services.records.users import authenticate, login


def test_a_user_added_on_the_command_line_logs_in_with_its_nation_and_role(
        tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ch.db'}"
    result = CliRunner().invoke(users_app, [
        "add", "anna", "--nation", "POL", "--role", "donor-liaison",
        "--password", "long enough", "--database-url", url])
    assert result.exit_code == 0, result.output
    engine = make_engine(url)
    try:
        user = authenticate(engine, login(engine, "anna", "long enough", timedelta(minutes=1)))
    finally:
        engine.dispose()
    assert (user.name, user.nation, user.role.value) == ("anna", "POL", "donor-liaison")


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--role", "general", "unknown role"), ("--nation", "Poland", "alpha-3")])
def test_a_bad_role_or_nation_exits_2_with_a_message(
        tmp_path: Path, option: str, value: str, message: str) -> None:
    args = {"--nation": "POL", "--role": "auditor", option: value}
    result = CliRunner().invoke(users_app, [
        "add", "bob", "--password", "long enough", "--database-url",
        f"sqlite:///{tmp_path / 'ch.db'}", *[x for kv in args.items() for x in kv]])
    assert result.exit_code == 2
    assert message in result.output


def test_the_roles_listed_in_the_help_are_the_roles_a_user_may_have() -> None:
    from clearinghouse.cli.users import ROLES
    from clearinghouse.services.records.users import Role

    assert ROLES.split(", ") == [r.value for r in Role]
