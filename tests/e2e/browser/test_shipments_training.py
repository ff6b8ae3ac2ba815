"""Shipments and training in a real browser: a coordinator creates an approved plan's
shipments from the plan page, a logistician records loaded → at-hub → dispatched → a partial
delivery through the event form and is told on the page why an illegal event is refused; a
donor of another nation never sees a shipment of an offer not released to it; a coordinator
runs the training plan and reads its charts, while others see only the mandate watch."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import Engine

from clearinghouse.config import Settings
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.training import CourseCategory, CourseOffer, TrainingNeed
from tests.e2e.browser.conftest import ARTIFACTS, log_in, screenshot
from tests.seed import seed as store_records
from tests.shipment_runs import approved_run, through_hub
from tests.web.world import HIDDEN_OFFER


@dataclass
class Seed:
    """Stores an approved plan run (with an allocation of the offer hidden from Poland) and
    training records before the server starts; keeps the run's id for the tests."""

    run: int = 0

    def __call__(self, settings: Settings, engine: Engine) -> None:
        today = date.today()
        self.run = approved_run(settings, engine, today.replace(day=1), [
            through_hub("O-POL", "N-ART", 0, 100),
            through_hub(HIDDEN_OFFER, "N-USA-ONLY", 0, 50),
            through_hub("O-JPN", "N-MED", 0, 200, kg=0.5)])
        soon, due = today + timedelta(days=20), today + timedelta(days=200)
        store_records(settings, Bundle(
            training_needs=[TrainingNeed("T-MED", CourseCategory.MEDICAL, 40, 1, due),
                            TrainingNeed("T-CYB", CourseCategory.CYBER, 10, 2, due)],
            courses=[CourseOffer("C-MED-POL", "POL", "POL", CourseCategory.MEDICAL, "NSATU",
                                 25, soon, soon + timedelta(days=10)),
                     CourseOffer("C-MED-USA", "USA", "POL", CourseCategory.MEDICAL, "EUMAM",
                                 10, soon, soon + timedelta(days=10))]), "test")


@pytest.fixture(scope="module")
def seed() -> Seed:
    return Seed()


@contextmanager
def user_page(browser: Browser, server: str, name: str) -> Iterator[Page]:
    """A page of its own browser context, logged in as ``name``."""
    context = browser.new_context(viewport={"width": 1366, "height": 800}, base_url=server)
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)
        log_in(page, name)
        yield page
    finally:
        context.close()


def ref_of(run: int, offer: str) -> str:
    return f"S{run}-{offer}-PL-RZE-M00"


def shot(locator: Locator, name: str) -> None:
    """Save one element (a table, a chart) under tests/artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    locator.screenshot(path=str(path))
    assert path.stat().st_size > 0


def cells(table: Locator, *first: str) -> list[str]:
    """The cells of the table's one row whose first cells read ``first``."""
    expect(table).to_be_visible()
    rows = [[c.strip() for c in row.locator("td").all_inner_texts()]
            for row in table.locator("tr").all()]
    found = [r for r in rows if tuple(r[:len(first)]) == first]
    assert len(found) == 1, (first, rows)
    return found[0]


def assert_bars(page: Page, section: str, count: int) -> None:
    """The section's SVG chart draws ``count`` bars of non-zero size, the longest wide."""
    bars = page.locator(f"#{section} svg.chart rect.mark")
    expect(bars).to_have_count(count)
    widths = []
    for i in range(count):
        box = bars.nth(i).bounding_box()
        assert box is not None, (section, i)
        assert box["width"] > 0, (section, i, box)
        assert box["height"] > 0, (section, i, box)
        widths.append(box["width"])
    assert max(widths) > 100, (section, widths)


def no_server_error(page: Page) -> None:
    text = page.content()
    assert "Traceback" not in text
    assert "Internal Server Error" not in text


def record(page: Page, kind: str, quantity: str = "", note: str = "") -> int:
    """Fill and send the event form; the HTTP status of the answer (303 when recorded)."""
    page.select_option("#event-form select[name=kind]", kind)
    page.fill("#event-form input[name=quantity]", quantity)
    page.fill("#event-form input[name=note]", note)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.click("#event-form button[type=submit]")
    page.wait_for_load_state()
    return answer.value.status


def create_shipments_unless_made(page: Page, run: int) -> None:
    """Create the run's shipments from its plan page unless an earlier test did."""
    page.goto("/ui/shipments")
    if page.locator(f"#create-shipments-{run}").count():
        page.goto(f"/ui/plans/{run}")
        page.click("#create-shipments")
        page.wait_for_url(f"**/ui/shipments?run={run}")


def test_a_logistician_records_a_shipments_journey_and_is_told_why_an_event_is_refused(
        open_page: Page, browser: Browser, server: str, seed: Seed) -> None:
    page, run = open_page, seed.run
    log_in(page, "coord")
    page.goto(f"/ui/plans/{run}")
    expect(page.locator("#plan-status")).to_have_text("approved")
    page.click("#create-shipments")
    page.wait_for_url(f"**/ui/shipments?run={run}")
    listing = page.locator("#shipments")
    ours = ref_of(run, "O-POL")
    assert cells(listing, ours)[2] == "POL"  # the donor column
    assert cells(listing, ours)[5:7] == ["100", "4.7 t"]
    assert cells(listing, ref_of(run, "O-JPN"))[5] == "200"
    expect(page.locator(f"#create-shipments-{run}")).to_have_count(0)
    screenshot(page, "shipments-list")

    with user_page(browser, server, "logistician") as tab:
        tab.goto("/ui/shipments")
        tab.click(f"#shipments >> text={ours}")
        tab.wait_for_url(f"**/ui/shipments/{ours}")
        status = tab.locator("#shipment-status")
        expect(status).to_have_text("planned")
        expect(tab.locator("p.empty")).to_contain_text("Nothing recorded yet")
        assert record(tab, "loaded", note="train 7") == 303
        expect(status).to_have_text("loaded")
        expect(tab.locator("#events")).to_contain_text("train 7")
        # The form offers only the events allowed next; a forged option meets the domain's
        # refusal, in its words, on the shipment's page.
        kinds = tab.locator("#event-form select[name=kind] option").all_inner_texts()
        assert kinds == ["at-hub", "lost", "returned"]
        tab.locator("#event-form select[name=kind]").evaluate(
            "s => s.add(new Option('delivered', 'delivered'))")
        assert record(tab, "delivered", "10") == 409
        alert = tab.locator("p.error[role=alert]")
        expect(alert).to_contain_text("cannot be delivered while loaded; "
                                      "it must be dispatched first")
        expect(tab.locator("h1")).to_contain_text(f"Shipment {ours}")
        expect(status).to_have_text("loaded")
        no_server_error(tab)
        for kind in ("at-hub", "dispatched"):
            assert record(tab, kind) == 303
            expect(status).to_have_text(kind)
        assert record(tab, "delivered", "60", note="short by 40") == 303
        expect(status).to_have_text("dispatched")  # 40 units are still open
        units = tab.locator("dt:text-is('Units') + dd")
        expect(units).to_have_text("100 (60 delivered, 0 lost, 0 returned, 40 open)")
        events = tab.locator("#events tr")
        expect(events).to_have_count(5)  # a header and four events
        assert [c.strip() for c in events.nth(4).locator("td").all_inner_texts()][1:5] == [
            "delivered", "60", "short by 40", "logistician"]
        assert cells(tab.locator("#lines"), "N-ART")[1:5] == ["100", "1.0", "60", "0"]
        screenshot(tab, "shipment-detail-partly-delivered")
        assert record(tab, "delivered", "50") == 409
        expect(tab.locator("p.error[role=alert]")).to_contain_text(
            "delivered 50 units but only 40 of 100 are still open")
        no_server_error(tab)

        # Two more tabs still show the form when the first closes the shipment.
        stale, unversioned = tab.context.new_page(), tab.context.new_page()
        for other in (stale, unversioned):
            other.goto(f"/ui/shipments/{ours}")
        assert record(tab, "lost", note="fell off the lorry") == 303
        expect(status).to_have_text("delivered")
        expect(units).to_have_text("100 (60 delivered, 40 lost, 0 returned, 0 open)")
        expect(tab.locator("#event-form")).to_have_count(0)
        assert record(stale, "delivered", "40") == 409
        expect(stale.locator("p.error[role=alert]")).to_contain_text(
            "changed since it was read")
        expect(stale.locator("#shipment-status")).to_have_text("delivered")
        expect(stale.locator("#event-form")).to_have_count(0)
        no_server_error(stale)
        # A form sent without the version it was read at meets the domain's rule itself.
        unversioned.locator("#event-form input[name=version]").evaluate("e => e.remove()")
        assert record(unversioned, "delivered", "40") == 409
        expect(unversioned.locator("p.error[role=alert]")).to_contain_text(
            f"shipment {ours} is closed (delivered): it takes no more events")
        expect(unversioned.locator("h1")).to_contain_text(f"Shipment {ours}")
        expect(unversioned.locator("#event-form")).to_have_count(0)
        no_server_error(unversioned)
        screenshot(unversioned, "shipment-closed-refuses-an-event")

        tab.goto("/ui/shipments")
        assert cells(tab.locator("#shipments"), ours)[10:14] == ["60", "40", "0", "delivered"]
        throughput = tab.locator("#throughput")
        this_month = date.today().strftime("%Y-%m")
        row = cells(throughput, "PL-RZE", this_month)
        # 100 rounds of 47 kg and 200 kits of 0.5 kg planned; the rounds reached the hub.
        assert row[2:] == ["18,000", "4.8", "4.7"]
        assert HIDDEN_OFFER not in tab.content()
        shot(throughput, "shipments-hub-throughput")


def test_a_donor_of_another_nation_never_sees_a_shipment_of_an_offer_hidden_from_it(
        open_page: Page, browser: Browser, server: str, seed: Seed) -> None:
    run = seed.run
    with user_page(browser, server, "coord") as coordinator:
        create_shipments_unless_made(coordinator, run)
    hidden = ref_of(run, HIDDEN_OFFER)
    with user_page(browser, server, "usa-donor") as american:  # the check can fail
        american.goto("/ui/shipments")
        expect(american.locator("#shipments")).to_contain_text(hidden)
    page = open_page
    log_in(page, "pol-donor")
    for path in ("/ui/shipments", f"/ui/shipments?run={run}", "/ui/shipments?status=planned",
                 "/ui/shipments?status=delivered", f"/ui/plans/{run}"):
        page.goto(path)
        text = page.content()
        assert hidden not in text, path
        assert HIDDEN_OFFER not in text, path
    page.goto("/ui/shipments")
    expect(page.locator("#shipments")).to_contain_text(ref_of(run, "O-JPN"))
    # Planned this month: 4.7 t of rounds and 0.1 t of kits, not the hidden 2.35 t.
    this_month = date.today().strftime("%Y-%m")
    assert cells(page.locator("#throughput"), "PL-RZE", this_month)[3] == "4.8"
    expect(page.locator("#event-form")).to_have_count(0)
    answer = page.goto(f"/ui/shipments/{hidden}")
    assert answer is not None
    assert answer.status == 404
    assert hidden not in page.locator("h1").inner_text()
    no_server_error(page)
    screenshot(page, "donor-hidden-shipment-404")


def test_a_coordinator_runs_the_training_plan_and_others_see_only_the_mandate_watch(
        open_page: Page, browser: Browser, server: str) -> None:
    page = open_page
    log_in(page, "coord")
    page.click("header nav >> text=Training")
    page.wait_for_url("**/ui/training")
    page.fill("#training-horizon", "12")
    page.click("#run-training")
    page.wait_for_url(re.compile(r".*/ui/training/runs/\d+$"))
    if page.locator("#job").count():  # still running when the page came: follow the job
        page.locator("#job-plan").click(timeout=60_000)
    expect(page.locator("#run-status")).to_have_text("done")
    expect(page.locator("#placed")).to_contain_text("35 of 50 trainees placed")
    assert_bars(page, "by-category", 2)  # medical, and cyber with none placed
    assert_bars(page, "by-host", 2)
    expect(page.locator("#by-category svg.chart")).to_contain_text("35 trainees")
    for text in ("POL", "25 trainees", "USA", "10 trainees"):
        expect(page.locator("#by-host svg.chart")).to_contain_text(text)
    expect(page.locator("#unmet-training")).to_contain_text("no-compatible-course")
    expect(page.locator("#mandate-watch")).to_contain_text("C-MED-POL")
    screenshot(page, "coordinator-training-plan")
    page.goto("/ui/training")
    expect(page.locator("#runs")).to_contain_text("done")

    with user_page(browser, server, "logistician") as other:
        other.click("header nav >> text=Training")
        other.wait_for_url("**/ui/training")
        watch = other.locator("#mandate-watch")
        expect(watch).to_contain_text("NSATU")
        expect(watch).to_contain_text("C-MED-POL")
        expect(other.locator("#run-training")).to_have_count(0)
        expect(other.locator("form[action='/ui/training']")).to_have_count(0)
        expect(other.locator("#runs")).to_have_count(0)
        screenshot(other, "logistician-training-mandate-watch")


def test_a_logistician_searches_sorts_and_filters_shipments_and_creating_twice_says_so(
        open_page: Page, seed: Seed) -> None:
    page, run = open_page, seed.run
    log_in(page, "logistician")
    create_shipments_unless_made(page, run)
    token = page.locator("input[name=csrf]").first.get_attribute("value")
    answer = page.request.post(f"/ui/plans/{run}/shipments", form={"csrf": token or ""})
    assert answer.ok
    assert f"Shipments already created for run {run}" in answer.text()
    page.goto("/ui/shipments")
    page.fill("input[name=q]", "IFAK")
    page.select_option("select[name=donor]", "JPN")
    page.click("form.filters button[type=submit]")
    rows = page.locator("#shipments tr")
    expect(rows).to_have_count(2)  # a header and the Japanese kits
    expect(page.locator("#shipments")).to_contain_text(ref_of(run, "O-JPN"))
    screenshot(page, "shipments_search")
    page.goto("/ui/shipments")
    page.click("#shipments th >> text=Units")
    page.click("#shipments th >> text=Units")  # descending
    expect(page.locator("#shipments th[aria-sort=descending]")).to_contain_text("Units")
    first = page.locator("#shipments tr").nth(1).locator("td").all_inner_texts()
    assert first[0] == ref_of(run, "O-JPN")  # 200 kits before 100 rounds
    screenshot(page, "shipments_sorted")
