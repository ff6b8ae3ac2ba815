"""A small valid bundle as CSV text, and helpers to write it with changes and read the errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from clearinghouse.adapters.exchange import BundleInvalid, read_bundle

#: One consistent bundle: every sheet, every optional column, every caveat in use.
VALID: dict[str, str] = {
    "nations": """\
code,name,nato,eu,role,caveats
POL,Poland,true,true,donor,
JPN,Japan,false,false,partner,non-lethal-only;non-combat-only
MNE,Montenegro,TRUE,False,donor,nato-territory-only
ROU,Romania,true,true,partner,
UKR,Ukraine,false,false,recipient,
""",
    "items": """\
code,name,capability,class,unit,unit_weight_kg,lethal,nsn
155-HE-M795,155mm HE M795,artillery,155mm-NATO,round,47,true,1320-01-234-5678
152-HE,152mm HE,artillery,152mm,round,43.5,true,
IFAK,"Individual first aid kit, NATO",medical,IFAK,kit,0.5,false,
FPV-7,FPV drone 7in,drones,FPV,drone,1.2,true,
SAT-IMG,Satellite imagery,intelligence,SAT,scene,0,false,
""",
    "substitutes": """\
need_class,offer_class,factor
155mm-NATO,152mm,0.5
""",
    "hubs": """\
code,name,country,capacity_t_per_month,opens,closes
PL-RZE,Rzeszów,POL,18000,2024-01-01,
RO-SUC,Suceava,ROU,6000,2025-06-01,2027-12-31
""",
    "lanes": """\
origin,hub,transit_days,cost_per_t
POL,PL-RZE,2,35.5
JPN,PL-RZE,30,410
""",
    "needs": """\
ref,class,quantity,priority,due,destination,releasability
N-1,155mm-NATO,10000,1,2026-03-01,UKR,ALL
N-2,IFAK,5000,2,2026-06-01,UKR,POL;UKR
""",
    "offers": """\
ref,donor,item,quantity,available,origin,kind,value_eur,funding,releasability
O-1,POL,155-HE-M795,2000,2026-01-15,POL,stock,8000000,national budget,
O-2,JPN,IFAK,3000,2026-02-01,JPN,,,,
""",
    "producers": """\
code,name,class,unit_price_eur,capacity_per_month,available,lead_months
UA-DRN,Ukrainian drone works,FPV,400,5000,2026-01-01,2
""",
    "funding": """\
ref,donor,amount_eur,instrument,available,earmark
F-1,POL,25000000,European Peace Facility,2026-01-01,drones
F-2,JPN,1500000.5,national budget,2026-02-01,
""",
    "missions": """\
code,name,starts,ends
NSATU,NATO Security Assistance and Training for Ukraine,2024-12-19,2028-12-31
""",
    "training_needs": """\
ref,category,trainees,priority,due
T-1,medical,120,1,2026-05-01
""",
    "courses": """\
ref,host,location,category,mission,seats,starts,ends
C-1,MNE,POL,medical,NSATU,40,2026-04-01,2026-05-15
C-2,JPN,ROU,demining,NSATU,20,2026-04-01,2026-04-30
""",
    "posts": """\
ref,nation,title,branch,starts,ends,releasability
P-CG-1,POL,Deputy commander,command,2025-01-06,,
P-J4-2,JPN,Hub liaison officer,J4,2025-03-01,2026-02-28,JPN;POL
""",
    "procurement": """\
ref,buyer,class,quantity,max_unit_price_eur,due,releasability
PR-1,POL,FPV,500,450,2026-09-01,
PR-2,ROU,FPV,200,420.5,2026-12-01,POL;ROU
""",
}


def write_sheets(folder: Path, sheets: dict[str, str]) -> Path:
    """Write ``sheets`` (name → CSV text) as ``name.csv`` files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in sheets.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def edit(text: str, old: str, new: str) -> str:
    """``text`` with its one occurrence of ``old`` replaced (failing loudly if not there)."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def errors_of(folder: Path) -> list[str]:
    """The lines of the :class:`BundleInvalid` that reading ``folder`` must raise."""
    with pytest.raises(BundleInvalid) as raised:
        read_bundle(folder)
    return [str(e) for e in raised.value.errors]
