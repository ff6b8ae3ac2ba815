"""Two of a coordinator's scenario runs side by side: the headline figures the service
compares them on (``scenarios.jobs.compare_runs``, as ``GET /scenarios/compare`` and
``clearinghouse scenario compare``), as a table, a chart of the fill rates and the value, and
a CSV file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from clearinghouse.config import Settings
from clearinghouse.domain.formats import plan_value, share
from clearinghouse.services.errors import UserError
from clearinghouse.services.records import table_export
from clearinghouse.services.scenarios import jobs as scenario_jobs
from clearinghouse.services.scenarios.runs import KIND, RunDifference
from clearinghouse.web import charts
from clearinghouse.web.render import page, status_of
from clearinghouse.web.scenarios import MAX_ID, computed_on, describe, refused
from clearinghouse.web.session import Session, current_session, engine_of

CurrentSession = Annotated[Session, Depends(current_session)]


@dataclass(frozen=True, slots=True)
class Picked:
    """The two runs asked for (ids as typed, defaults filled in) and what was wrong."""

    a: str
    b: str
    error: str = ""


def written(key: str, value: float | None) -> str:
    """A compared figure as the run pages write it: fill rates in per cent, HHI as an
    index, the plan value as a score."""
    if value is None:
        return "–"
    if "fill" in key:
        return share(value)
    if key.startswith("HHI"):
        return f"{value:.2f}"
    return plan_value(value)


def difference(key: str, a: float | None, b: float | None) -> str:
    """The second run's figure less the first's (fill rates in percentage points)."""
    if a is None or b is None:
        return "–"
    d = b - a
    if "fill" in key:
        return f"{d * 100:+,.1f} points"
    if key.startswith("HHI"):
        return f"{d:+.2f}"
    return f"{d:+,.1f}"


def _pick(given: str | None, default: int | None) -> tuple[str, int | None, str]:
    text = (given or "").strip()
    if not text:
        return ("" if default is None else str(default)), default, ""
    if not text.isdigit() or not 1 <= int(text) <= MAX_ID:
        return text, None, f"{text!r} is not a run: choose one of your finished runs"
    return text, int(text), ""


def _charts(rows: list[RunDifference], a: int, b: int) -> dict[str, Any]:
    legend = (f"run {a}", f"run {b}")
    # Figures both runs have (a Monte Carlo run's means are not a drop-out's fill rates).
    fills = [(r.key.removesuffix(" fill"), r.a, r.b) for r in rows
             if "fill" in r.key and r.a is not None and r.b is not None]
    values = [(f"{name}: {r.key}", v) for r in rows if r.key.startswith("value")
              for name, v in zip(legend, (r.a, r.b), strict=True) if v is not None]
    # None when the runs share no fill rate: the page says why rather than "nothing yet".
    return {"fill_chart": fills and charts.before_after_chart(
                fills, label=f"fill rates of run {a} and run {b}", legend=legend),
            "value_chart": charts.bar_chart(
                values, label=f"priority-weighted plan value of run {a} and run {b}",
                written=lambda v: f"{plan_value(v)} value")}


def compare_router(settings: Settings) -> APIRouter:
    """Routes of the comparison page and its CSV file."""
    router = APIRouter(include_in_schema=False)

    def compared(request: Request, session: Session, a: str | None,
                 b: str | None) -> tuple[list[Any], Picked, list[RunDifference], int]:
        """The user's finished runs, the two picked, their comparison and the status."""
        runs = [r for r in scenario_jobs.scenario_runs(request.app.state.jobs, session.user)
                if r.status == "done"]
        # By default the newest run against the one before it.
        a_text, a_id, a_bad = _pick(a, runs[1].id if len(runs) > 1 else None)
        b_text, b_id, b_bad = _pick(b, runs[0].id if runs else None)
        if a_bad or b_bad:
            return runs, Picked(a_text, b_text, a_bad or b_bad), [], 422
        if a_id is None or b_id is None:
            return runs, Picked(a_text, b_text), [], 200
        try:
            rows = scenario_jobs.compare_runs(engine_of(request), settings, session.user,
                                              a_id, b_id)
        except UserError as e:
            return runs, Picked(a_text, b_text, str(e)), [], status_of(e)
        return runs, Picked(a_text, b_text), rows, 200

    @router.get("/ui/scenarios/compare")
    def show_comparison(request: Request, session: CurrentSession, a: str | None = None,
                        b: str | None = None) -> HTMLResponse:
        no = refused(request, session)
        if no is not None:
            return no
        runs, picked, rows, status = compared(request, session, a, b)
        by_id = {str(r.id): r for r in runs}
        views = _charts(rows, int(picked.a), int(picked.b)) if rows else {}
        return page(request, "scenario_compare.html", session, status_code=status, runs=runs,
                    picked=picked, rows=rows, first=by_id.get(picked.a),
                    second=by_id.get(picked.b), kind=KIND, describe=describe,
                    computed_on=computed_on, written=written, difference=difference, **views)

    @router.get("/ui/scenarios/compare.csv")
    def comparison_csv(request: Request, session: CurrentSession, a: str | None = None,
                       b: str | None = None) -> Response:
        no = refused(request, session)
        if no is not None:
            return no
        _, picked, rows, status = compared(request, session, a, b)
        if not rows:
            return Response(picked.error or "choose two finished runs to compare",
                            status_code=status if status != 200 else 422,
                            media_type="text/plain; charset=utf-8")
        body = table_export.as_csv(
            ["figure", f"run {picked.a}", f"run {picked.b}", "difference"],
            [[table_export.cell(r.key), r.a, r.b,
              None if r.a is None or r.b is None else r.b - r.a] for r in rows])
        name = f"scenario_runs_{picked.a}_{picked.b}.csv"
        return Response(body, media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    return router
