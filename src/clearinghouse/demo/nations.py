"""The nations of the demo: all 32 NATO members, the partners around the cell, the recipient."""

from __future__ import annotations

from dataclasses import dataclass

from clearinghouse.domain.nations import Nation, NationRole, parse_caveats

RECIPIENT = "UKR"


@dataclass(frozen=True, slots=True)
class Country:
    """A nation of the demo with where it sits (capital) and how much it gives (``aid`` weight)."""

    code: str
    name: str
    nato: bool
    eu: bool
    role: NationRole
    caveats: str
    lat: float
    lon: float
    aid: float

    def nation(self) -> Nation:
        return Nation(self.code, self.name, self.nato, self.eu, self.role,
                      parse_caveats(self.caveats))


_D, _P, _R = NationRole.DONOR, NationRole.PARTNER, NationRole.RECIPIENT

# aid: relative share of offers, roughly after the published aid trackers (bigger economies and
# the Nordic-Baltic group give more). Hungary gives no weapons: non-lethal-only.
COUNTRIES: tuple[Country, ...] = (
    # NATO members (32); the EU column is true for the 23 that are also EU members.
    Country("ALB", "Albania", True, False, _D, "", 41.3, 19.8, 0.4),
    Country("BEL", "Belgium", True, True, _D, "", 50.8, 4.4, 2.0),
    Country("BGR", "Bulgaria", True, True, _D, "", 42.7, 23.3, 1.2),
    Country("CAN", "Canada", True, False, _D, "", 45.4, -75.7, 4.0),
    Country("HRV", "Croatia", True, True, _D, "", 45.8, 16.0, 0.8),
    Country("CZE", "Czechia", True, True, _D, "", 50.1, 14.4, 2.5),
    Country("DNK", "Denmark", True, True, _D, "", 55.7, 12.6, 5.0),
    Country("EST", "Estonia", True, True, _D, "", 59.4, 24.7, 1.5),
    Country("FIN", "Finland", True, True, _D, "", 60.2, 24.9, 2.5),
    Country("FRA", "France", True, True, _D, "", 48.9, 2.4, 4.5),
    Country("DEU", "Germany", True, True, _D, "", 52.5, 13.4, 11.0),
    Country("GRC", "Greece", True, True, _D, "", 38.0, 23.7, 0.6),
    Country("HUN", "Hungary", True, True, _D, "non-lethal-only", 47.5, 19.0, 0.2),
    Country("ISL", "Iceland", True, False, _D, "", 64.1, -21.9, 0.3),
    Country("ITA", "Italy", True, True, _D, "", 41.9, 12.5, 2.5),
    Country("LVA", "Latvia", True, True, _D, "", 56.9, 24.1, 1.2),
    Country("LTU", "Lithuania", True, True, _D, "", 54.7, 25.3, 1.5),
    Country("LUX", "Luxembourg", True, True, _D, "", 49.6, 6.1, 0.5),
    Country("MNE", "Montenegro", True, False, _D, "nato-territory-only", 42.4, 19.3, 0.3),
    Country("NLD", "Netherlands", True, True, _D, "", 52.4, 4.9, 5.0),
    Country("MKD", "North Macedonia", True, False, _D, "", 42.0, 21.4, 0.4),
    Country("NOR", "Norway", True, False, _D, "", 59.9, 10.8, 4.0),
    Country("POL", "Poland", True, True, _D, "", 52.2, 21.0, 4.0),
    Country("PRT", "Portugal", True, True, _D, "", 38.7, -9.1, 1.0),
    Country("ROU", "Romania", True, True, _D, "", 44.4, 26.1, 1.2),
    Country("SVK", "Slovakia", True, True, _D, "", 48.1, 17.1, 1.0),
    Country("SVN", "Slovenia", True, True, _D, "", 46.1, 14.5, 0.5),
    Country("ESP", "Spain", True, True, _D, "", 40.4, -3.7, 2.0),
    Country("SWE", "Sweden", True, True, _D, "", 59.3, 18.1, 4.0),
    Country("TUR", "Türkiye", True, False, _D, "", 39.9, 32.9, 1.0),
    Country("GBR", "United Kingdom", True, False, _D, "", 51.5, -0.1, 8.0),
    Country("USA", "United States", True, False, _D, "", 38.9, -77.0, 16.0),
    # Partners outside NATO: EU neutrals, the Indo-Pacific four, Switzerland.
    Country("AUT", "Austria", False, True, _P, "eu-territory-only;non-lethal-only",
            48.2, 16.4, 0.5),
    Country("IRL", "Ireland", False, True, _P, "non-lethal-only", 53.3, -6.3, 0.5),
    Country("JPN", "Japan", False, False, _P, "non-lethal-only;non-combat-only",
            35.7, 139.7, 1.5),
    Country("KOR", "South Korea", False, False, _P, "non-lethal-only;non-combat-only",
            37.6, 127.0, 0.8),
    Country("AUS", "Australia", False, False, _P, "", -35.3, 149.1, 1.5),
    Country("NZL", "New Zealand", False, False, _P, "", -41.3, 174.8, 0.4),
    Country("CHE", "Switzerland", False, False, _P, "non-lethal-only;non-combat-only",
            46.9, 7.4, 0.4),
    # The recipient.
    Country(RECIPIENT, "Ukraine", False, False, _R, "", 50.45, 30.5, 0.0),
)

COUNTRY: dict[str, Country] = {c.code: c for c in COUNTRIES}

#: Donors whose goods travel by sea or air (no road or rail link to the hubs).
OVERSEAS: tuple[str, ...] = ("USA", "CAN", "JPN", "KOR", "AUS", "NZL", "ISL")


def contributors() -> tuple[Country, ...]:
    """Every nation that may offer (all but the recipient), in table order."""
    return tuple(c for c in COUNTRIES if c.role is not NationRole.RECIPIENT)


def nations() -> list[Nation]:
    """The demo's nations as domain records."""
    return [c.nation() for c in COUNTRIES]
