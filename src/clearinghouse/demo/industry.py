"""The recipient's own defence industry and the funding pledges that buy from it."""

from __future__ import annotations

import random
from datetime import date

from clearinghouse.demo.catalogue import AMMO, DRONES
from clearinghouse.demo.dates import day_in_months
from clearinghouse.demo.offers import EPF, NATIONAL
from clearinghouse.domain.funding import FundingPledge, Producer
from clearinghouse.domain.months import add_months

# (code, name, class, unit price EUR, units per month, first month from start, lead months)
# Names describe the kind of plant; none stands for a real company.
_PLANTS: tuple[tuple[str, str, str, float, int, int, int], ...] = (
    ("UA-FPV-01", "FPV drone maker, Lviv cluster", "FPV-DRONE", 380, 40000, -12, 1),
    ("UA-FPV-02", "FPV drone maker, Kyiv cluster", "FPV-DRONE", 420, 30000, -6, 1),
    ("UA-FPV-03", "FPV drone maker, Vinnytsia (new line)", "FPV-DRONE", 350, 25000, 3, 1),
    ("UA-INT-01", "Interceptor-drone maker, Kyiv", "INTERCEPTOR-DRONE", 3500, 3000, 1, 1),
    ("UA-RCN-01", "Fixed-wing reconnaissance UAS maker", "RECON-DRONE-FW", 1.2e5, 20, -9, 2),
    ("UA-LRS-01", "Long-range strike drone maker", "LR-STRIKE-DRONE", 1.6e5, 60, -12, 2),
    ("UA-LRS-02", "Long-range strike drone maker (second site)", "LR-STRIKE-DRONE", 1.8e5, 40,
     4, 3),
    ("UA-BMB-01", "Heavy bomber multicopter maker", "BOMBER-DRONE", 1.8e4, 600, -6, 1),
    ("UA-155-01", "155 mm shell plant, central Ukraine", "155mm-NATO", 3200, 8000, 2, 3),
    ("UA-152-01", "152 mm shell plant", "152mm", 2600, 6000, -12, 2),
    ("UA-122-01", "122 mm shell plant", "122mm", 1400, 8000, -12, 2),
    ("UA-MRT-01", "Mortar-bomb plant", "120mm-MORTAR", 700, 15000, -12, 1),
    ("UA-MINE-01", "Anti-tank mine plant", "AT-MINE", 300, 20000, -3, 2),
    ("UA-SPH-01", "Self-propelled howitzer works (Bohdana-class)", "SPH-155", 2.5e6, 12, -12, 2),
)

# (donor, instrument, earmark, amount in EUR millions, first month from start)
# The "Danish model": donors pay the recipient's own plants rather than ship stock.
_PLEDGES: tuple[tuple[str, str, str | None, float, int], ...] = (
    ("DNK", f"{NATIONAL} (Danish model)", "SPH-155", 400, -1),
    ("DNK", f"{NATIONAL} (Danish model)", DRONES, 250, 2),
    ("DNK", f"{EPF} (windfall profits, Danish model)", "155mm-NATO", 600, 0),
    ("NLD", NATIONAL, DRONES, 500, 0),
    ("NOR", "Nansen Support Programme (Danish model)", AMMO, 300, 1),
    ("DEU", NATIONAL, "LR-STRIKE-DRONE", 600, 0),
    ("DEU", NATIONAL, "INTERCEPTOR-DRONE", 150, 3),
    ("SWE", f"{NATIONAL} (Danish model)", None, 200, 2),
    ("CAN", NATIONAL, DRONES, 150, 4),
    ("GBR", "International Fund for Ukraine", "INTERCEPTOR-DRONE", 120, 1),
    ("ISL", f"{NATIONAL} (Danish model)", None, 20, 5),
    ("FIN", f"{NATIONAL} (Danish model)", "AT-MINE", 60, 6),
    ("LTU", NATIONAL, "FPV-DRONE", 40, 1),
    ("BEL", EPF, "120mm-MORTAR", 80, 8),
)


def producers(rng: random.Random, start: date) -> list[Producer]:
    """Drone makers and ammunition plants; prices and capacities vary a little by seed."""
    return [
        Producer(code, name, class_code, round(price * rng.uniform(0.9, 1.1), 2),
                 max(1, round(capacity * rng.uniform(0.8, 1.2))),
                 add_months(start, first), lead)
        for code, name, class_code, price, capacity, first, lead in _PLANTS
    ]


def funding(rng: random.Random, start: date) -> list[FundingPledge]:
    """Funding pledges, some earmarked to a class or a capability, spread over the horizon."""
    pledges = []
    for number, (donor, instrument, earmark, millions, first) in enumerate(_PLEDGES, start=1):
        amount = round(millions * rng.uniform(0.85, 1.15), 1) * 1e6
        available = day_in_months(rng, start, first, first)
        pledges.append(FundingPledge(f"F-{donor}-{number:02d}", donor, amount, instrument,
                                     available, earmark))
    return pledges
