"""The CLI maps every error meant for the user to a message on stderr and exit code 2."""

from __future__ import annotations

import pytest
import typer

from clearinghouse.cli.common import user_errors
from clearinghouse.domain.errors import DomainError
from clearinghouse.services.errors import Conflict, NotFound, UserError


@pytest.mark.parametrize("error", [UserError("bad input"), NotFound("no such run"),
                                   Conflict("changed meanwhile"),
                                   DomainError("priority 7 is out of range", field="priority",
                                               rule="1 to 5")],
                         ids=lambda e: type(e).__name__)
def test_an_error_meant_for_the_user_exits_with_code_2_and_its_message(
        error: Exception, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit) as left, user_errors():
        raise error
    assert left.value.exit_code == 2
    assert str(error) in " ".join(capsys.readouterr().err.split())
