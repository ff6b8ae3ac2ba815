"""The cell's staff in the demo: ~350 posts from 31 nations (the seed: "about 350 soldiers
from 31 countries including Ukrainians"), the US filling the commander's post and about 9 %
of the posts, Germany the deputy commander's.

Posts are spread over the branches the way a coordination cell weighs them (operations and
logistics first); most have been filled for months, a few are not filled yet (their
nation's officer arrives after the demo's start) and a few have ended (vacant now).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from clearinghouse.domain.posts import J_CODE, Branch, Post
from clearinghouse.domain.releasability import ALL

#: Posts per nation (31 nations, 350 posts; the US 32 = 9.1 %).
POSTS_BY_NATION: dict[str, int] = {
    "USA": 32, "DEU": 34, "GBR": 28, "POL": 26, "FRA": 20, "CAN": 14, "NLD": 14, "ITA": 14,
    "UKR": 14, "DNK": 11, "NOR": 11, "SWE": 11, "FIN": 10, "ROU": 10, "ESP": 10, "CZE": 10,
    "BEL": 9, "LTU": 8, "EST": 7, "LVA": 7, "TUR": 7, "PRT": 6, "SVK": 5, "GRC": 5,
    "BGR": 5, "HRV": 4, "SVN": 3, "AUS": 6, "LUX": 3, "ALB": 3, "MKD": 3,
}

#: Relative weight of each branch in the staff (the command group's posts are named below).
BRANCH_WEIGHT: dict[Branch, float] = {
    Branch.OPERATIONS: 24, Branch.LOGISTICS: 20, Branch.PLANS: 12, Branch.TRAINING: 10,
    Branch.INTELLIGENCE: 8, Branch.COMMUNICATIONS: 8, Branch.PERSONNEL: 6,
    Branch.FINANCE: 6, Branch.CIVIL_MILITARY: 4,
}

#: Titles per branch; a post's title is one of them (with a number where several share it).
TITLES: dict[Branch, tuple[str, ...]] = {
    Branch.OPERATIONS: ("Needs-and-offers matching officer", "Current operations officer",
                        "Battle captain", "Air defence desk officer", "Ammunition desk officer"),
    Branch.LOGISTICS: ("Hub liaison officer", "Movements officer", "Transport planner",
                       "Maintenance coordinator", "Supply officer"),
    Branch.PLANS: ("Future plans officer", "Requirements analyst", "Scenario planner"),
    Branch.TRAINING: ("Training coordinator", "Course planner", "Lessons learned officer"),
    Branch.INTELLIGENCE: ("Threat analyst", "Intelligence liaison officer"),
    Branch.COMMUNICATIONS: ("CIS officer", "Cyber defence officer", "Network engineer"),
    Branch.PERSONNEL: ("Personnel officer", "Manning officer"),
    Branch.FINANCE: ("Funding instruments officer", "Budget officer"),
    Branch.CIVIL_MILITARY: ("Industry liaison officer", "Civil-military cooperation officer"),
}

#: The command group: (nation, title) — the US commands, Germany deputises.
COMMAND_GROUP = (("USA", "Commander"), ("DEU", "Deputy commander"),
                 ("GBR", "Chief of staff"), ("POL", "Deputy chief of staff operations"),
                 ("FRA", "Deputy chief of staff support"),
                 ("USA", "Command senior enlisted leader"))


def posts(rng: random.Random, start: date) -> list[Post]:
    """The demo's posts; most filled on ``start``, a few not yet or no longer."""
    out: list[Post] = []
    left = dict(POSTS_BY_NATION)
    cell_opens = date(2024, 12, 19)  # NSATU's mandate starts
    for i, (nation, title) in enumerate(COMMAND_GROUP, start=1):
        out.append(Post(f"P-CG-{i:03d}", nation, title, Branch.COMMAND,
                        _starts(rng, start, cell_opens)))
        left[nation] -= 1
    branches, weights = list(BRANCH_WEIGHT), list(BRANCH_WEIGHT.values())
    seats = [nation for nation, count in left.items() for _ in range(count)]
    counters: dict[Branch, int] = {}
    for nation in seats:
        branch = rng.choices(branches, weights)[0]
        counters[branch] = counters.get(branch, 0) + 1
        title = rng.choice(TITLES[branch])
        ref = f"P-{J_CODE[branch]}-{counters[branch]:03d}"
        starts, ends = _starts(rng, start, cell_opens), None
        draw = rng.random()
        if draw < 0.04:  # not filled yet: the officer arrives after the start
            starts = start + timedelta(days=rng.randint(20, 150))
        elif draw < 0.07:  # ended a few weeks before the start: vacant now
            ends = start - timedelta(days=rng.randint(5, 60))
            starts = min(starts, ends - timedelta(days=120))
        elif draw < 0.25:  # a rotation that ends within the year
            ends = start + timedelta(days=rng.randint(90, 360))
        restricted = rng.random() < 0.05
        out.append(Post(ref, nation, title, branch, starts, ends,
                        (nation, "USA") if restricted and nation != "USA" else (ALL,)))
    return out


def _starts(rng: random.Random, start: date, opens: date) -> date:
    """A day the post was filled from: between the cell's opening and a month before start."""
    latest = start - timedelta(days=30)
    if latest <= opens:
        return latest
    return opens + timedelta(days=rng.randint(0, (latest - opens).days))
