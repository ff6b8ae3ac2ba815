"""Command groups with a default action: ``clearinghouse plan DATA --out OUT`` plans while
``clearinghouse plan approve RUN`` approves; ``clearinghouse report --out report.html``
writes the briefing while ``clearinghouse report burden`` writes the burden figures.

The default action is a hidden command of the group; a first word that names another
(visible) command runs that one instead.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup


def default_group(default: str) -> type[TyperGroup]:
    """A group class that runs its command ``default`` unless the first word names another."""

    class DefaultGroup(TyperGroup):
        # ctx is Typer's vendored Click context, a private class: typed loosely here.
        def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
            first = self.commands.get(args[0]) if args else None
            if first is None or first.hidden:
                args = [default, *args]
            return super().parse_args(ctx, args)

    return DefaultGroup


class _GroupPathContext(typer.Context):
    """The default command's context: usage and errors name the group (``clearinghouse
    plan``), not the hidden command."""

    @property
    def command_path(self) -> str:
        return self.parent.command_path if self.parent is not None else super().command_path


class DefaultCommand(TyperCommand):
    """The class of a group's default command."""

    context_class = _GroupPathContext
