"""Releasability: which nations may see a record."""

from __future__ import annotations

from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.nations import check_code

ALL = "ALL"
Releasability = tuple[str, ...]


def parse_releasability(text: str) -> Releasability:
    """Parse ``ALL`` or ``POL;USA`` (``;``-separated codes) into a sorted tuple; empty is ALL."""
    parts = sorted({p.strip() for p in text.split(";") if p.strip()})
    if not parts or parts == [ALL]:
        return (ALL,)
    if ALL in parts:
        raise DomainError("releasability mixes ALL with nation codes", field="releasability",
                          rule="either ALL or a ;-separated list of nation codes", value=text)
    for code in parts:
        check_code(code, field="releasability")
    return tuple(parts)


def format_releasability(rel: Releasability) -> str:
    return ";".join(rel)


def is_released_to(rel: Releasability, nation: str) -> bool:
    """True when a record with releasability ``rel`` may be seen by users of ``nation``."""
    return ALL in rel or nation in rel
