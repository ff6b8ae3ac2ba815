"""The demo catalogue: items by capability, who can supply them, and substitution rules.

Weights are per unit as shipped (packaging included); prices are rough public figures in EUR.
NSNs are illustrative numbers in the valid ``NNNN-NN-NNN-NNNN`` form, not looked-up ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from clearinghouse.domain.catalogue import Item, Substitution


@dataclass(frozen=True, slots=True)
class ItemSpec:
    """A catalogue item with its rough unit price and the donors that hold or make it.

    ``sources`` empty means any donor may offer it (common stock items).
    """

    code: str
    name: str
    capability: str
    class_code: str
    unit: str
    unit_weight_kg: float
    lethal: bool
    price_eur: float
    sources: tuple[str, ...]
    nsn: str | None = None

    def item(self) -> Item:
        return Item(self.code, self.name, self.capability, self.class_code, self.unit,
                    self.unit_weight_kg, self.lethal, self.nsn)


AIR = "air-defence"
AMMO = "artillery-ammunition"
GUNS = "artillery-systems"
MINES = "anti-tank-mines"
ANTI_TANK = "anti-tank-weapons"
DRONES = "drones"
EW = "electronic-warfare"
ARMOUR = "armour"
DEMINING = "demining"
MEDICAL = "medical"
WINTER = "winter-equipment"
ISR = "isr"
COMMS = "communications"
SMALL_ARMS = "small-arms"
LOGISTICS = "logistics"
ENGINEERING = "engineering"


def _spec(capability: str, code: str, name: str, class_code: str, unit: str, kg: float,
          lethal: bool, price: float, sources: str = "", nsn: str | None = None) -> ItemSpec:
    return ItemSpec(code, name, capability, class_code, unit, kg, lethal, price,
                    tuple(sources.split()), nsn)


_L, _N = True, False  # lethal, non-lethal

ITEM_SPECS: tuple[ItemSpec, ...] = (
    _spec(AIR, "PAC3-MSE", "PATRIOT PAC-3 MSE interceptor", "PATRIOT-PAC3", "missile", 420, _L,
          4.2e6, "USA DEU NLD", nsn="1410-01-623-4471"),
    _spec(AIR, "PAC3-CRI", "PATRIOT PAC-3 CRI interceptor", "PATRIOT-PAC3", "missile", 400, _L,
          3.5e6, "USA DEU NLD ESP"),
    _spec(AIR, "GEM-T", "PATRIOT GEM-T interceptor", "PATRIOT-GEM-T", "missile", 1100, _L,
          3.0e6, "USA DEU NLD ESP", nsn="1410-01-535-7208"),
    _spec(AIR, "IRIS-T-SLM-MSL", "IRIS-T SLM missile", "IRIS-T-SLM", "missile", 150, _L, 4.5e5,
          "DEU"),
    _spec(AIR, "IRIS-T-SLM-FU", "IRIS-T SLM fire unit", "IRIS-T-SLM-FU", "fire unit", 60000, _L,
          1.4e8, "DEU"),
    _spec(AIR, "AIM120-C7", "AIM-120C-7 AMRAAM (NASAMS)", "NASAMS-AMRAAM", "missile", 250, _L,
          1.1e6, "USA NOR CAN ESP NLD DNK", nsn="1410-01-520-6118"),
    _spec(AIR, "AMRAAM-ER", "AMRAAM-ER (NASAMS)", "NASAMS-AMRAAM", "missile", 330, _L, 1.5e6,
          "USA NOR"),
    _spec(AIR, "AIM9X-NASAMS", "AIM-9X Sidewinder (NASAMS)", "NASAMS-AIM9X", "missile", 130, _L,
          4.5e5, "USA NOR DNK"),
    _spec(AIR, "NASAMS-FU", "NASAMS fire unit", "NASAMS-FU", "fire unit", 45000, _L, 1.2e8,
          "USA NOR CAN LTU"),
    _spec(AIR, "ASTER30", "Aster 30 interceptor (SAMP/T)", "SAMP/T-ASTER30", "missile", 600, _L,
          2.0e6, "FRA ITA"),
    _spec(AIR, "STINGER", "FIM-92 Stinger MANPADS round", "MANPADS", "round", 22, _L, 4.0e5,
          "USA DEU NLD DNK LVA LTU EST ITA GRC", nsn="1425-01-524-5264"),
    _spec(AIR, "PIORUN", "Piorun MANPADS round", "MANPADS", "round", 24, _L, 2.0e5, "POL NOR"),
    _spec(AIR, "MISTRAL", "Mistral 3 MANPADS round", "MANPADS", "round", 27, _L, 3.0e5,
          "FRA BEL NOR"),
    _spec(AIR, "STARSTREAK", "Starstreak HVM round", "MANPADS", "round", 25, _L, 2.5e5, "GBR"),
    _spec(AIR, "GEPARD-35", "35 mm Gepard anti-aircraft round", "35mm-GEPARD", "round", 1.6, _L,
          250, "DEU"),
    _spec(AIR, "HAWK-MSL", "MIM-23 HAWK missile", "HAWK", "missile", 640, _L, 8.0e5,
          "USA ESP NLD"),
    _spec(AIR, "APKWS", "APKWS laser-guided rocket (counter-drone)", "APKWS", "rocket", 15, _L,
          3.0e4, "USA"),
    _spec(AIR, "TRML-4D", "TRML-4D air-surveillance radar", "AD-RADAR", "system", 20000, _N,
          2.0e7, "DEU"),
    _spec(AMMO, "M795", "155 mm HE M795 projectile with charge", "155mm-NATO", "round", 47, _L,
          3500, "USA", nsn="1320-01-513-8764"),
    _spec(AMMO, "M107", "155 mm HE M107 projectile with charge", "155mm-NATO", "round", 46, _L,
          2800, nsn="1320-00-165-3404"),
    _spec(AMMO, "DM121", "155 mm HE DM121 round", "155mm-NATO", "round", 47, _L, 4000, "DEU"),
    _spec(AMMO, "L15A1", "155 mm HE L15A1 round", "155mm-NATO", "round", 46, _L, 4200, "GBR"),
    _spec(AMMO, "LU211", "155 mm HE LU211 round", "155mm-NATO", "round", 47, _L, 4000,
          "FRA BEL"),
    _spec(AMMO, "M549A1", "155 mm HE rocket-assisted M549A1", "155mm-NATO", "round", 48, _L,
          5000, "USA"),
    _spec(AMMO, "M982", "155 mm Excalibur M982 precision round", "155mm-PGM", "round", 48, _L,
          1.0e5, "USA CAN"),
    _spec(AMMO, "OF540", "152 mm HE-FRAG OF-540 round", "152mm", "round", 60, _L, 3000,
          "CZE BGR SVK POL ROU"),
    _spec(AMMO, "OF540-RECON", "152 mm HE-FRAG, reconditioned stock", "152mm-RECON", "round",
          60, _L, 1800, "CZE BGR SVK"),
    _spec(AMMO, "OF462", "122 mm HE-FRAG OF-462 round", "122mm", "round", 33, _L, 1500,
          "CZE BGR SVK POL ROU FIN EST"),
    _spec(AMMO, "9M22U", "122 mm 9M22U Grad rocket", "122mm-MLRS", "rocket", 66, _L, 2500,
          "CZE BGR ROU POL SVK"),
    _spec(AMMO, "M1-105", "105 mm HE M1 round", "105mm-NATO", "round", 21, _L, 1200,
          "USA GBR ITA BEL ESP NOR PRT CAN"),
    _spec(AMMO, "MORTAR-120", "120 mm HE mortar bomb", "120mm-MORTAR", "bomb", 17, _L, 900),
    _spec(AMMO, "MORTAR-81", "81 mm HE mortar bomb", "81mm-MORTAR", "bomb", 5, _L, 400),
    _spec(AMMO, "GMLRS-M31", "GMLRS M31 rocket pod (6 rockets)", "GMLRS", "pod", 2300, _L,
          9.0e5, "USA GBR DEU", nsn="1340-01-522-3556"),
    _spec(GUNS, "PZH2000", "PzH 2000 self-propelled howitzer", "SPH-155", "system", 55800, _L,
          1.7e7, "DEU NLD ITA"),
    _spec(GUNS, "CAESAR", "CAESAR 155 mm truck-mounted howitzer", "SPH-155", "system", 17700,
          _L, 5.0e6, "FRA DNK"),
    _spec(GUNS, "M109", "M109 self-propelled howitzer", "SPH-155", "system", 27500, _L, 4.0e6,
          "USA NOR ITA"),
    _spec(GUNS, "M777", "M777 towed howitzer", "TOWED-155", "system", 4200, _L, 3.5e6,
          "USA CAN AUS"),
    _spec(MINES, "TM62M", "TM-62M anti-tank mine", "AT-MINE", "mine", 11, _L, 400,
          "BGR CZE POL SVK FIN EST LTU"),
    _spec(MINES, "DM31", "DM31 anti-tank mine", "AT-MINE", "mine", 11, _L, 1200, "DEU"),
    _spec(MINES, "M15", "M15 anti-tank mine", "AT-MINE", "mine", 16, _L, 600, "USA GRC TUR ITA"),
    _spec(MINES, "L9A1", "L9A1 bar mine", "AT-MINE", "mine", 12, _L, 700, "GBR"),
    _spec(MINES, "FFV028", "FFV 028 anti-tank mine", "AT-MINE", "mine", 9, _L, 900,
          "SWE NOR DNK"),
    _spec(ANTI_TANK, "JAVELIN", "FGM-148 Javelin missile", "JAVELIN", "missile", 25, _L, 2.0e5,
          "USA GBR EST NOR", nsn="1410-01-486-8966"),
    _spec(ANTI_TANK, "NLAW", "NLAW light anti-tank weapon", "NLAW", "launcher", 13, _L, 4.0e4,
          "GBR SWE LUX"),
    _spec(ANTI_TANK, "CG-84-HEAT", "Carl-Gustaf 84 mm HEAT round", "84mm-CG", "round", 4, _L,
          2000, "SWE EST LTU LVA NOR CAN"),
    _spec(ANTI_TANK, "AT4", "AT4 disposable anti-tank weapon", "AT4", "launcher", 7.5, _L, 2500,
          "SWE NOR USA DNK FIN ESP NLD BEL LUX"),
    _spec(ANTI_TANK, "PG-7VM", "PG-7VM rocket (RPG-7)", "RPG-7", "rocket", 3.5, _L, 600,
          "BGR CZE POL ROU SVK HRV MKD ALB"),
    _spec(DRONES, "FPV-7", "FPV strike drone, 7-inch", "FPV-DRONE", "drone", 2, _L, 400,
          "LVA LTU EST POL GBR DEU NLD DNK SWE NOR CZE FIN"),
    _spec(DRONES, "FPV-10", "FPV strike drone, 10-inch", "FPV-DRONE", "drone", 3.5, _L, 600,
          "LVA LTU EST POL GBR DEU NLD DNK SWE NOR CZE FIN"),
    _spec(DRONES, "FPV-KIT", "FPV drone kit (unassembled, no warhead)", "FPV-DRONE-KIT", "kit",
          1.5, _N, 250, "LVA LTU EST POL GBR DEU NLD DNK SWE NOR CZE FIN"),
    _spec(DRONES, "RECON-QUAD", "Reconnaissance quadcopter (thermal)", "RECON-DRONE", "drone",
          1.2, _N, 6000),
    _spec(DRONES, "RECON-FW", "Fixed-wing reconnaissance UAS", "RECON-DRONE-FW", "system", 35,
          _N, 2.5e5, "USA GBR DEU NLD DNK LVA AUS TUR POL PRT"),
    _spec(DRONES, "LOITER-S", "Loitering munition, small (Switchblade 300-class)",
          "LOITERING-MUNITION", "round", 5.5, _L, 6.0e4, "USA POL GBR AUS"),
    _spec(DRONES, "LOITER-M", "Loitering munition, medium (Switchblade 600-class)",
          "LOITERING-MUNITION", "round", 55, _L, 1.5e5, "USA"),
    _spec(DRONES, "INTERCEPTOR", "Interceptor drone (counter-Shahed)", "INTERCEPTOR-DRONE",
          "drone", 3, _L, 4000, "GBR DEU NLD POL LVA EST DNK NOR"),
    _spec(DRONES, "LR-STRIKE", "Long-range strike drone", "LR-STRIKE-DRONE", "drone", 250, _L,
          1.8e5, "DEU"),
    _spec(DRONES, "BOMBER-HEXA", "Heavy bomber multicopter (night)", "BOMBER-DRONE", "drone", 45,
          _L, 2.5e4, "LVA LTU EST GBR"),
    _spec(EW, "JAMMER", "Portable counter-drone jammer", "EW-JAMMER", "unit", 8, _N, 1.5e4),
    _spec(EW, "DRONE-DETECT", "Drone detection system", "DRONE-DETECTION", "system", 150, _N,
          2.5e5),
    _spec(EW, "EW-VEHICLE", "Vehicle-mounted electronic-warfare system", "EW-SYSTEM", "system",
          3500, _N, 3.0e6, "USA"),
    _spec(ARMOUR, "BRADLEY", "M2A2 ODS Bradley IFV", "IFV", "vehicle", 27600, _L, 3.5e6, "USA"),
    _spec(ARMOUR, "MARDER", "Marder 1A3 IFV", "IFV", "vehicle", 33500, _L, 1.5e6, "DEU"),
    _spec(ARMOUR, "CV9040", "CV9040C IFV", "IFV", "vehicle", 28000, _L, 6.0e6, "SWE DNK NLD"),
    _spec(ARMOUR, "M113", "M113 armoured personnel carrier", "APC", "vehicle", 12300, _L, 4.0e5,
          "USA DNK LTU PRT ESP BEL NOR AUS"),
    _spec(ARMOUR, "XA-180", "Patria XA-180 armoured personnel carrier", "APC", "vehicle", 15500,
          _L, 5.0e5, "FIN EST NLD"),
    _spec(ARMOUR, "BUSHMASTER", "Bushmaster protected mobility vehicle (unarmed)", "MRAP",
          "vehicle", 15400, _N, 6.0e5, "AUS"),
    _spec(ARMOUR, "MAXXPRO", "MaxxPro MRAP (unarmed)", "MRAP", "vehicle", 17000, _N, 6.0e5, "USA"),
    _spec(ARMOUR, "SENATOR", "Roshel Senator armoured vehicle (unarmed)", "MRAP", "vehicle",
          9000, _N, 4.0e5, "CAN"),
    _spec(ARMOUR, "LEO1A5", "Leopard 1A5 main battle tank", "MBT", "vehicle", 42400, _L, 1.5e6,
          "DEU DNK"),
    _spec(ARMOUR, "LEO2A4", "Leopard 2A4 main battle tank", "MBT", "vehicle", 55000, _L, 4.0e6,
          "POL ESP NOR PRT CAN"),
    _spec(ARMOUR, "LEO-SPARES", "Leopard 1/2 spare-parts pallet", "LEOPARD-SPARES", "pallet",
          900, _N, 8.0e4, "DEU DNK NLD NOR ESP POL PRT CAN FIN SWE"),
    _spec(ARMOUR, "M113-SPARES", "M113 spare-parts pallet", "M113-SPARES", "pallet", 800, _N,
          4.0e4, "USA DNK LTU PRT ESP BEL AUS"),
    _spec(ARMOUR, "BRADLEY-SPARES", "Bradley spare-parts pallet", "BRADLEY-SPARES", "pallet",
          850, _N, 6.0e4, "USA"),
    _spec(DEMINING, "GCS-200", "Remote-controlled demining machine (GCS-200-class)",
          "DEMINING-MACHINE", "machine", 19000, _N, 1.5e6, "HRV CHE SVK DEU JPN LTU"),
    _spec(DEMINING, "MINE-DETECTOR", "Handheld mine detector", "MINE-DETECTOR", "detector", 4, _N,
          5000, nsn="6665-01-528-3410"),
    _spec(DEMINING, "EOD-SUIT", "EOD protective suit", "EOD-SUIT", "suit", 35, _N, 3.0e4),
    _spec(DEMINING, "MICLIC", "Mine-clearing line charge", "MICLIC", "charge", 1100, _L, 1.8e5,
          "USA GBR NOR SWE"),
    _spec(MEDICAL, "IFAK", "Individual first-aid kit", "IFAK", "kit", 0.6, _N, 80,
          nsn="6545-01-530-0929"),
    _spec(MEDICAL, "CAT-TQ", "Combat application tourniquet", "TOURNIQUET", "each", 0.1, _N, 30,
          nsn="6515-01-521-7976"),
    _spec(MEDICAL, "FIELD-HOSPITAL", "Role 2 field hospital (modular)", "FIELD-HOSPITAL", "set",
          40000, _N, 6.0e6),
    _spec(MEDICAL, "AMBULANCE", "Armoured ambulance", "AMBULANCE", "vehicle", 12000, _N, 5.0e5),
    _spec(MEDICAL, "STRETCHER", "Folding stretcher", "STRETCHER", "each", 7, _N, 150),
    _spec(WINTER, "WINTER-SET", "Winter uniform set", "WINTER-CLOTHING", "set", 4.5, _N, 350),
    _spec(WINTER, "SLEEPING-BAG", "Arctic sleeping bag", "SLEEPING-BAG", "each", 2.2, _N, 180),
    _spec(WINTER, "HEATED-TENT", "Heated tent, 10-person", "HEATED-TENT", "tent", 120, _N, 4500),
    _spec(WINTER, "GEN-100", "Diesel generator 100 kVA", "GENERATOR-LARGE", "unit", 1900, _N,
          3.0e4, nsn="6115-01-620-5121"),
    _spec(WINTER, "GEN-5", "Portable generator 5 kVA", "GENERATOR-SMALL", "unit", 95, _N, 1500),
    _spec(ISR, "SAT-IMAGERY", "Commercial satellite imagery (monthly tasking)", "SAT-IMAGERY",
          "tasking-month", 0, _N, 2.5e5, "USA CAN FIN DEU FRA GBR JPN LUX"),
    _spec(ISR, "CB-RADAR", "Counter-battery radar (AN/TPQ-36-class)", "CB-RADAR", "system", 7000,
          _N, 1.0e7, "USA GBR NOR DNK"),
    _spec(ISR, "THERMAL-SIGHT", "Thermal weapon sight", "THERMAL-SIGHT", "each", 1.2, _N, 6000),
    _spec(COMMS, "SATCOM", "Satellite communications terminal", "SATCOM-TERMINAL", "terminal", 3,
          _N, 2000),
    _spec(COMMS, "RADIO-HH", "Tactical radio (handheld)", "TACTICAL-RADIO", "radio", 1.5, _N,
          4000),
    _spec(SMALL_ARMS, "AMMO-556", "5.56 mm ball, case of 1,000", "5.56mm-NATO", "case", 14, _L,
          900, nsn="1305-01-155-5459"),
    _spec(SMALL_ARMS, "AMMO-762X39", "7.62x39 mm ball, case of 1,000", "7.62x39mm", "case", 18,
          _L, 700, "BGR CZE ROU POL SVK HRV ALB MKD MNE"),
    _spec(SMALL_ARMS, "RIFLE-556", "Assault rifle, 5.56 mm", "RIFLE-5.56", "rifle", 4.5, _L, 1200),
    _spec(LOGISTICS, "TRUCK-6X6", "Cargo truck, 6x6", "TRUCK", "vehicle", 11000, _N, 1.8e5),
    _spec(LOGISTICS, "FUEL-TANKER", "Fuel tanker truck", "FUEL-TANKER", "vehicle", 14000, _N,
          2.2e5),
    _spec(ENGINEERING, "EXCAVATOR", "Tracked excavator (fortification works)", "EXCAVATOR",
          "machine", 21000, _N, 2.5e5),
    _spec(ENGINEERING, "AVLB", "Armoured vehicle-launched bridge", "AVLB", "system", 45000, _N,
          2.0e6, "DEU GBR USA NLD"),
)

ITEM_SPEC: dict[str, ItemSpec] = {s.code: s for s in ITEM_SPECS}

#: The capability each compatibility class belongs to (all items of a class share one).
CLASS_CAPABILITY: dict[str, str] = {s.class_code: s.capability for s in ITEM_SPECS}

# One unit of the offered class counts as ``factor`` units of the needed class. Rules do not
# chain (SPEC §4), so each names a direct, doctrinally sensible stand-in.
SUBSTITUTIONS: tuple[Substitution, ...] = (
    Substitution("PATRIOT-PAC3", "PATRIOT-GEM-T", 0.8),
    Substitution("NASAMS-AMRAAM", "NASAMS-AIM9X", 0.6),  # shorter range from the same launcher
    Substitution("FPV-DRONE", "FPV-DRONE-KIT", 0.7),  # kits need assembly and a warhead
    Substitution("152mm", "152mm-RECON", 0.8),  # reconditioned rounds fail more often
    Substitution("APC", "MRAP", 0.7),
    Substitution("IFV", "APC", 0.5),
    Substitution("TOURNIQUET", "IFAK", 1.0),  # every kit carries one tourniquet
    Substitution("GENERATOR-LARGE", "GENERATOR-SMALL", 0.05),  # 5 kVA against 100 kVA
)


def items() -> list[Item]:
    """The catalogue as domain records."""
    return [s.item() for s in ITEM_SPECS]
