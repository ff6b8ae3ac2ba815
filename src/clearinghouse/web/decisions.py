"""Decision support on the web pages: the bottlenecks section of a plan run's page and the
"what would it take" panel of a need's page. Both are computed when asked (a re-solve of the
value LP), on the records released to the reader's nation."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from clearinghouse.services.errors import UserError
from clearinghouse.services.planning.decisions import run_bottlenecks, run_what_it_takes
from clearinghouse.services.records.users import User
from clearinghouse.services.reporting import dashboard

SHOWN = 20  # additions and displaced needs listed on a page


def bottleneck_section(engine: Engine, user: User, run_id: int, asked: bool) -> dict[str, Any]:
    """``asked``: the confirmed additions (or the error in words); otherwise only the link."""
    if not asked:
        return {"asked": False}
    try:
        report = run_bottlenecks(engine, user, run_id)
    except UserError as e:
        return {"asked": True, "error": str(e)}
    return {"asked": True, "view": report.view, "lp_value": report.lp_value,
            "rows": [(a.kind, report.label(a), a.marginal_value, a.value_gain)
                     for a in report.additions[:SHOWN]], "total": len(report.additions)}


def need_panel(engine: Engine, user: User, ref: str, asked: bool) -> dict[str, Any]:
    """The panel under the approved run's window (else the latest run's): the least
    additions that meet need ``ref`` by its due month, and what they displace."""
    runs = dashboard.plan_runs(engine, user)
    run = dashboard.approved_run(runs) or (runs[0] if runs else None)
    if run is None:
        return {"asked": asked, "run": None}
    if not asked:
        return {"asked": False, "run": run.id}
    try:
        report = run_what_it_takes(engine, user, run.id, ref)
    except UserError as e:
        return {"asked": True, "run": run.id, "error": str(e)}
    r = report.result
    return {"asked": True, "run": run.id, "view": report.view, "status": r.status,
            "room": r.room, "on_time": r.on_time, "due": report.month(r.due_month),
            "additions": [(a.kind, a.resource, report.month(a.month), a.amount)
                          for a in r.additions],
            "displaced": [(d.need, d.units, d.value) for d in r.displaced[:SHOWN]],
            "displaced_total": len(r.displaced)}
