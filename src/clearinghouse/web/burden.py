"""Burden sharing page: each nation's share per kind of contribution as stacked bars (SVG)
and a sortable table; a nation's impact card ("if USA leaves") — both computed on the
records released to the reader's nation, and saying so."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from clearinghouse.services.errors import UserError
from clearinghouse.services.reporting.burden import KIND_NAMES, KINDS, BurdenReport, burden_report
from clearinghouse.services.reporting.impact import impact_card
from clearinghouse.web import charts
from clearinghouse.web.render import error_page, page, status_of
from clearinghouse.web.session import Session, current_session, engine_of

CurrentSession = Annotated[Session, Depends(current_session)]
#: Nations drawn in their own colour; the rest are summed as "others".
TOP = 7
OTHERS = "others"


def stacked_shares(report: BurdenReport) -> list[tuple[str, dict[str, float]]]:
    """Per kind, the shares of the nations bringing most overall, the rest as ``others``."""
    weight = {n.nation: sum(n.shares.values()) for n in report.nations}
    top = sorted((c for c, w in weight.items() if w > 0), key=lambda c: (-weight[c], c))[:TOP]
    rows = []
    for kind in KINDS:
        shares = {n.nation: n.shares[kind.name] for n in report.nations
                  if n.nation in top and n.shares[kind.name] > 0}
        rest = sum(n.shares[kind.name] for n in report.nations if n.nation not in top)
        if rest > 0:
            shares[OTHERS] = rest
        name = f"{kind.label} ({kind.unit})"
        rows.append((name if shares else f"{name}: none", shares))
    return rows


def burden_router() -> APIRouter:
    """The burden sharing page."""
    router = APIRouter(include_in_schema=False)

    @router.get("/ui/reports/burden")
    async def show(request: Request, session: CurrentSession) -> HTMLResponse:
        report = await run_in_threadpool(burden_report, engine_of(request), session.user,
                                         as_of=date.today())
        sort = request.query_params.get("sort", "posts")
        if sort.lstrip("-") not in (*KIND_NAMES, "nation", "posts_vacant"):
            sort = "posts"
        descending = not sort.startswith("-") if sort != "nation" else False
        key = sort.lstrip("-")
        if key == "nation":
            rows = sorted(report.nations, key=lambda n: n.nation)
        elif key == "posts_vacant":
            rows = sorted(report.nations, key=lambda n: (-n.posts_vacant, n.nation))
        else:
            rows = sorted(report.nations, key=lambda n: (-n.figures[key], n.nation))
        if not descending and key != "nation":
            rows.reverse()
        chart = charts.share_chart(stacked_shares(report), left=215,
                                   label="each nation's share per kind of contribution")
        return page(request, "burden.html", session, report=report, rows=rows, kinds=KINDS,
                    sort=sort, chart=chart)

    @router.get("/ui/reports/impact/{nation}")
    async def show_impact(request: Request, nation: str,
                          session: CurrentSession) -> HTMLResponse:
        try:
            card = await run_in_threadpool(impact_card, engine_of(request), session.user,
                                           nation.strip().upper()[:3], as_of=date.today())
        except UserError as e:
            return error_page(request, session, status_of(e), str(e))
        chart = charts.before_after_chart(
            [(c.capability, c.before, c.after) for c in card.capabilities],
            label=f"fill rate per capability with and without {card.nation}")
        return page(request, "impact.html", session, card=card, chart=chart, kinds=KINDS)

    return router
