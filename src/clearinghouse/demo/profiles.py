"""How much of each class the recipient asks for and the donors offer.

The figures shape the planner's trade-offs: heavy ammunition fills the hubs, air-defence
interceptors and tanks are scarce, some classes come only from the recipient's own producers
(long-range strike drones) or from nobody at all (electronic-warfare systems).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ClassProfile:
    """Demand and supply of one compatibility class.

    ``need_weight``: relative number of needs; ``need_lot``: median units per need;
    ``supply``: units offered over the year as a share of the units asked for (of ``basis``
    when set: classes that mostly stand in for another); ``offer_weight``: relative number of
    offers (many small pledges of common stock, few large ones of rare systems).
    """

    need_weight: float
    need_lot: int
    supply: float
    offer_weight: float
    basis: str | None = None


_P = ClassProfile

CLASS_PROFILES: dict[str, ClassProfile] = {
    # air defence: asked for most urgently, offered least
    "PATRIOT-PAC3": _P(6, 12, 0.35, 1.2),
    "PATRIOT-GEM-T": _P(3, 8, 0.4, 0.8),
    "IRIS-T-SLM": _P(4, 30, 0.5, 0.8),
    "IRIS-T-SLM-FU": _P(1, 1, 0.5, 0.2),
    "NASAMS-AMRAAM": _P(4, 24, 0.45, 1.0),
    "NASAMS-AIM9X": _P(0, 0, 0.25, 0.4, basis="NASAMS-AMRAAM"),
    "NASAMS-FU": _P(1, 1, 0.5, 0.2),
    "SAMP/T-ASTER30": _P(2, 12, 0.25, 0.3),
    "MANPADS": _P(4, 100, 0.7, 2.0),
    "35mm-GEPARD": _P(2, 40000, 0.8, 0.6),
    "HAWK": _P(1, 20, 0.5, 0.3),
    "APKWS": _P(2, 400, 0.6, 0.5),
    "AD-RADAR": _P(1, 1, 0.5, 0.2),
    # artillery ammunition: the heavy bulk that fills the hubs
    "155mm-NATO": _P(14, 40000, 0.85, 12.0),
    "155mm-PGM": _P(2, 200, 0.5, 0.6),
    "152mm": _P(6, 25000, 0.6, 4.0),
    "152mm-RECON": _P(0, 0, 0.2, 1.2, basis="152mm"),
    "122mm": _P(4, 20000, 0.7, 3.0),
    "122mm-MLRS": _P(3, 3000, 0.7, 1.5),
    "105mm-NATO": _P(2, 8000, 0.9, 1.5),
    "120mm-MORTAR": _P(3, 10000, 0.9, 3.0),
    "81mm-MORTAR": _P(1, 10000, 1.0, 1.5),
    "GMLRS": _P(3, 30, 0.5, 0.8),
    "SPH-155": _P(2, 6, 0.5, 0.6),
    "TOWED-155": _P(1, 6, 0.6, 0.3),
    # anti-tank
    "AT-MINE": _P(14, 15000, 0.8, 6.0),
    "JAVELIN": _P(2, 300, 0.6, 1.0),
    "NLAW": _P(1, 500, 0.8, 0.6),
    "84mm-CG": _P(1, 3000, 0.9, 1.0),
    "AT4": _P(1, 2000, 0.9, 1.5),
    "RPG-7": _P(1, 5000, 0.9, 1.2),
    # drones and electronic warfare
    "FPV-DRONE": _P(4, 20000, 0.4, 6.0),
    "FPV-DRONE-KIT": _P(0, 0, 0.2, 2.0, basis="FPV-DRONE"),
    "RECON-DRONE": _P(2, 1000, 0.9, 4.0),
    "RECON-DRONE-FW": _P(1, 10, 0.7, 0.8),
    "LOITERING-MUNITION": _P(1, 200, 0.6, 0.6),
    "INTERCEPTOR-DRONE": _P(2, 2000, 0.4, 1.0),
    "LR-STRIKE-DRONE": _P(1, 100, 0.0, 0.0),  # only the recipient's own industry makes them
    "BOMBER-DRONE": _P(1, 300, 0.5, 0.5),
    "EW-JAMMER": _P(1, 500, 1.0, 2.0),
    "DRONE-DETECTION": _P(1, 10, 1.0, 1.0),
    "EW-SYSTEM": _P(1, 5, 0.0, 0.0),  # nobody offers them: needs stay unmet
    # armour
    "IFV": _P(2, 30, 0.5, 0.8),
    "APC": _P(2, 50, 0.6, 1.5),
    "MRAP": _P(1, 40, 0.8, 0.8),
    "MBT": _P(1, 20, 0.3, 0.5),
    "LEOPARD-SPARES": _P(1, 40, 1.0, 1.5),
    "M113-SPARES": _P(0.5, 30, 1.0, 0.8),
    "BRADLEY-SPARES": _P(0.5, 30, 1.0, 0.4),
    # demining
    "DEMINING-MACHINE": _P(1, 5, 0.8, 0.8),
    "MINE-DETECTOR": _P(1, 500, 1.2, 3.0),
    "EOD-SUIT": _P(0.5, 50, 1.2, 1.5),
    "MICLIC": _P(0.5, 10, 0.6, 0.3),
    # medical
    "IFAK": _P(1.5, 20000, 1.3, 6.0),
    "TOURNIQUET": _P(1, 30000, 1.2, 4.0),
    "FIELD-HOSPITAL": _P(0.5, 2, 1.0, 0.8),
    "AMBULANCE": _P(1, 20, 1.0, 2.0),
    "STRETCHER": _P(0.5, 1000, 1.5, 2.0),
    # winter equipment and power: plentiful
    "WINTER-CLOTHING": _P(1.5, 30000, 1.5, 6.0),
    "SLEEPING-BAG": _P(1, 20000, 1.5, 4.0),
    "HEATED-TENT": _P(0.5, 300, 1.5, 2.0),
    "GENERATOR-LARGE": _P(1, 50, 0.8, 3.0),
    "GENERATOR-SMALL": _P(0, 0, 3.0, 3.0, basis="GENERATOR-LARGE"),
    # ISR and communications
    "SAT-IMAGERY": _P(1, 6, 0.8, 1.0),
    "CB-RADAR": _P(1, 4, 0.4, 0.4),
    "THERMAL-SIGHT": _P(0.5, 500, 1.0, 2.0),
    "SATCOM-TERMINAL": _P(0.5, 1000, 1.0, 2.0),
    "TACTICAL-RADIO": _P(0.5, 1000, 1.0, 2.0),
    # small arms
    "5.56mm-NATO": _P(1, 3000, 1.0, 3.0),
    "7.62x39mm": _P(0.5, 3000, 1.0, 1.5),
    "RIFLE-5.56": _P(0.5, 2000, 1.0, 1.5),
    # logistics and engineering
    "TRUCK": _P(1, 60, 1.0, 3.0),
    "FUEL-TANKER": _P(0.5, 20, 1.0, 1.5),
    "EXCAVATOR": _P(0.5, 20, 1.0, 1.5),
    "AVLB": _P(0.3, 4, 0.5, 0.3),
}
