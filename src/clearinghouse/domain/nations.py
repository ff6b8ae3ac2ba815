"""Nations, their roles and standing caveats."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from clearinghouse.domain.errors import DomainError, require

_ISO3 = re.compile(r"^[A-Z]{3}$")


class Caveat(StrEnum):
    """A nation's standing restriction (SPEC §2)."""

    NATO_TERRITORY_ONLY = "nato-territory-only"
    EU_TERRITORY_ONLY = "eu-territory-only"
    NON_COMBAT_ONLY = "non-combat-only"
    NON_LETHAL_ONLY = "non-lethal-only"


class NationRole(StrEnum):
    DONOR = "donor"
    RECIPIENT = "recipient"
    PARTNER = "partner"


def check_code(code: str, *, field: str = "code", what: str = "nation") -> str:
    """A nation code is ISO 3166-1 alpha-3: three capital letters."""
    require(bool(_ISO3.match(code)), f"{what} code {code!r} is not an ISO 3166-1 alpha-3 code",
            field=field, rule="must be three capital letters (ISO 3166-1 alpha-3)", value=code)
    return code


def parse_caveats(text: str) -> frozenset[Caveat]:
    """Parse ``a;b`` into caveats, refusing unknown ones."""
    caveats = set()
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        try:
            caveats.add(Caveat(part))
        except ValueError:
            known = ", ".join(c.value for c in Caveat)
            raise DomainError(f"unknown caveat {part!r}", field="caveats",
                              rule=f"caveat must be one of {known}", value=part) from None
    return frozenset(caveats)


@dataclass(frozen=True, slots=True)
class Nation:
    code: str
    name: str
    nato: bool
    eu: bool
    role: NationRole
    caveats: frozenset[Caveat] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        check_code(self.code)
        require(bool(self.name.strip()), f"nation {self.code}: name is empty",
                field="name", rule="must not be empty", value=self.name)

    def has(self, caveat: Caveat) -> bool:
        return caveat in self.caveats

    def allows_territory(self, country: Nation) -> Caveat | None:
        """The territory caveat that forbids this nation's hand-overs in ``country``, if any."""
        if self.has(Caveat.NATO_TERRITORY_ONLY) and not country.nato:
            return Caveat.NATO_TERRITORY_ONLY
        if self.has(Caveat.EU_TERRITORY_ONLY) and not country.eu:
            return Caveat.EU_TERRITORY_ONLY
        return None
