"""Staff posts of the cell, each filled by a nation (the burden of people, SPEC §5).

A post (``P-J3-014``) is a position of the cell's establishment allotted to one nation,
which fills it from ``starts`` until ``ends`` (open-ended without one). On a given day a
post is

* **filled** when ``starts <= day < ends`` (or ``starts <= day`` and no ``ends``);
* **vacant** otherwise: not filled yet (``day < starts``) or no longer (``ends <= day``).
  A vacancy counts against the post's nation, the one it is allotted to.

Branches follow the joint staff's J-code structure, with the command group on top:

========================  ====  =======================================================
branch                    code  covers
========================  ====  =======================================================
``command``               CG    commander, deputies, chief of staff, command group
``personnel``             J1    manning, personnel administration
``intelligence``          J2    threat and intelligence support to planning
``operations``            J3    current operations, the matching of needs and offers
``logistics``             J4    hubs, transport, shipments, maintenance
``plans``                 J5    future plans, requirements, scenarios
``communications``        J6    communication and information systems, cyber
``training``              J7    training, exercises, lessons learned
``finance``               J8    budget, funding instruments, resources
``civil-military``        J9    civil-military cooperation, industry liaison
========================  ====  =======================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from clearinghouse.domain.catalogue import check_ref
from clearinghouse.domain.errors import DomainError, require
from clearinghouse.domain.nations import check_code
from clearinghouse.domain.releasability import ALL, Releasability


class Branch(StrEnum):
    """A post's branch of the staff (J1–J9 and the command group)."""

    COMMAND = "command"
    PERSONNEL = "personnel"
    INTELLIGENCE = "intelligence"
    OPERATIONS = "operations"
    LOGISTICS = "logistics"
    PLANS = "plans"
    COMMUNICATIONS = "communications"
    TRAINING = "training"
    FINANCE = "finance"
    CIVIL_MILITARY = "civil-military"

    @classmethod
    def _missing_(cls, value: object) -> Branch | None:
        # Staff write J3 as often as operations: Branch("J3") is Branch.OPERATIONS.
        wanted = str(value).strip().lower()
        return next((b for b, code in J_CODE.items() if wanted in (b.value, code.lower())), None)


#: The J-code of each branch, as staff officers write it.
J_CODE = {Branch.COMMAND: "CG", Branch.PERSONNEL: "J1", Branch.INTELLIGENCE: "J2",
          Branch.OPERATIONS: "J3", Branch.LOGISTICS: "J4", Branch.PLANS: "J5",
          Branch.COMMUNICATIONS: "J6", Branch.TRAINING: "J7", Branch.FINANCE: "J8",
          Branch.CIVIL_MILITARY: "J9"}


def parse_branch(text: str) -> Branch:
    """A branch by its name (``operations``) or J-code (``J3``), case-insensitively."""
    try:
        return Branch(text)
    except ValueError:
        pass
    known = ", ".join(f"{b.value} ({J_CODE[b]})" for b in Branch)
    raise DomainError(f"unknown branch {text!r}", field="branch", rule=f"must be one of {known}",
                      value=text)


@dataclass(frozen=True, slots=True)
class Post:
    """A staff post of the cell, filled by ``nation`` from ``starts`` until ``ends``."""

    ref: str
    nation: str
    title: str
    branch: Branch
    starts: date
    ends: date | None = None
    releasability: Releasability = (ALL,)

    def __post_init__(self) -> None:
        check_ref(self.ref, what="post")
        check_code(self.nation, field="nation", what="post nation")
        require(bool(self.title.strip()), f"post {self.ref}: title is empty", field="title",
                rule="must name the post", value=self.title)
        if not isinstance(self.branch, Branch):
            object.__setattr__(self, "branch", parse_branch(str(self.branch)))
        require(self.ends is None or self.ends > self.starts,
                f"post {self.ref}: ends {self.ends} on or before it starts {self.starts}",
                field="ends", rule="must be after starts", value=self.ends)

    def filled_on(self, day: date) -> bool:
        """True when the post's nation fills it on ``day``."""
        return self.starts <= day and (self.ends is None or day < self.ends)
