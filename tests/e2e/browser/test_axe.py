"""axe-core (bundled by axe-playwright-python) on every /ui page a coordinator and a donor
liaison reach — dashboard, lists, detail, forms, plans and plan review, shipments, scenarios,
training and training needs, posts, procurement, burden, impact, reports, audit, import and
error pages — and on the login page: no serious or critical violation of WCAG 2.x A/AA rules.
Each page is screenshotted under tests/artifacts/axe-<user>-<page>.png (pages reached only
after a form or a job: test_axe_after_post)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page
from sqlalchemy import Engine

from clearinghouse.config import Settings
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.posts import Branch, Post
from clearinghouse.domain.procurement import ProcurementRequest
from clearinghouse.domain.training import CourseCategory, CourseOffer, TrainingNeed
from clearinghouse.services.logistics.shipments import create_shipments
from clearinghouse.services.records.users import operator
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.e2e.browser.axe_check import grave_violations
from tests.e2e.browser.conftest import log_in, screenshot
from tests.seed import approve
from tests.seed import seed as store_records
from tests.shipment_runs import stored_run, through_hub

RUN = "{run}"  # replaced by the approved run's id
LATER = "{later}"  # replaced by a later run nobody approved
#: Pages every role reads.
SHARED = ("/ui/", "/ui/needs", "/ui/needs?page=999", "/ui/needs?q=artillery&sort=-due",
          "/ui/offers", "/ui/needs/N-ART", "/ui/offers/O-POL", "/ui/plans",
          f"/ui/plans/{RUN}", f"/ui/plans/{LATER}", "/ui/shipments",
          f"/ui/shipments/S{RUN}-O-POL-PL-RZE-M00", "/ui/scenarios",
          "/ui/training", "/ui/training-needs", "/ui/training-needs/T-MED", "/ui/posts",
          "/ui/posts/P-J4-1",
          "/ui/procurement", "/ui/procurement/PR-1", "/ui/reports/burden",
          "/ui/reports/impact/POL", "/ui/reports", "/ui/reports/briefing", "/ui/import",
          "/ui/no-such-page", "/ui/needs/N-NOPE", "/ui/plans/999999")
PAGES = {
    "coord": (*SHARED, "/ui/needs/new", "/ui/needs/N-ART/edit", "/ui/posts/new",
              "/ui/training-needs/new", "/ui/training-needs/T-MED/edit",
              "/ui/procurement/new", "/ui/audit", "/ui/scenarios/montecarlo",
              "/ui/scenarios/compare"),
    "pol-donor": (*SHARED, "/ui/offers/new", "/ui/offers/O-POL/edit", "/ui/procurement/new",
                  "/ui/audit", "/ui/needs/new"),
}


@dataclass
class Seed:
    """An approved plan run, a later one nobody approved, and a post, a procurement request
    and training records, stored before the server starts."""

    run: int = 0
    later: int = 0

    def __call__(self, settings: Settings, engine: Engine) -> None:
        today = date.today()
        start = today.replace(day=1)
        self.run = _run(engine, start, {"N-ART": 300.0, "N-MED": 450.0})
        approve(settings, self.run)
        create_shipments(engine, operator("test"), self.run)
        self.later = stored_run(engine, start, [through_hub("O-POL", "N-ART", 1, 50)])
        soon, due = today + timedelta(days=20), today + timedelta(days=200)
        store_records(settings, Bundle(
            posts=[Post("P-J4-1", "POL", "Chief J4", Branch.LOGISTICS, date(2025, 1, 6))],
            procurement=[ProcurementRequest("PR-1", "POL", "IFAK", 400, 45.0, due)],
            training_needs=[TrainingNeed("T-MED", CourseCategory.MEDICAL, 40, 1, due)],
            courses=[CourseOffer("C-MED-POL", "POL", "POL", CourseCategory.MEDICAL, "NSATU",
                                 25, soon, soon + timedelta(days=10))]), "test")


def _run(engine: Engine, start: date, delivered: dict[str, float]) -> int:
    """A finished run delivering ``delivered`` (need → units): the heat map shows 75 % and
    50 % cells, not only empty ones."""
    with SqlUnitOfWork(engine, "test") as uow:
        run = uow.plan_runs.add("test", {"start": start.isoformat(), "horizon": 12},
                                status="optimal")
        uow.plan_runs.record_result(
            run.id, status="optimal", value=1.0, lp_bound=1.0,
            summary={"status": "optimal",
                     "needs": {ref: {"delivered": units} for ref, units in delivered.items()}},
            allocations=[through_hub("O-POL", "N-ART", 0, 300),
                         through_hub("O-JPN", "N-MED", 0, 450, kg=0.5)])
        uow.commit()
    return run.id


@pytest.fixture(scope="module")
def seed() -> Seed:
    return Seed()


def _name(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.removeprefix("/ui").lower()).strip("-") or "dashboard"


@pytest.mark.parametrize("user", list(PAGES))
def test_no_page_has_a_serious_or_critical_accessibility_violation(
        open_page: Page, user: str, seed: Seed) -> None:
    log_in(open_page, user)
    found = {}
    for template in PAGES[user]:
        path = template.replace(RUN, str(seed.run)).replace(LATER, str(seed.later))
        open_page.goto(path)
        screenshot(open_page, f"axe-{user}-{_name(template.replace('{', '').replace('}', ''))}")
        grave = grave_violations(open_page)
        if grave:
            found[path] = grave
    assert found == {}, found


def test_the_login_page_has_no_serious_or_critical_accessibility_violation(
        open_page: Page) -> None:
    open_page.goto("/ui/login")
    assert grave_violations(open_page) == []
