"""The shipments list: search, filters by hub, donor and arrival dates, sortable columns;
the event form offers only the events allowed next; produced units read as units."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.domain.funding import FundingPledge
from clearinghouse.domain.shipments import Shipment, ShipmentLine
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.shipment_runs import stored_run
from tests.web import test_shipments_pages as shipments_pages
from tests.web.test_shipments_pages import shipment_ref

AsUser = Callable[[str], TestClient]
#: The approved run and its shipments (fixtures of the shipment pages' tests).
run, shipped = shipments_pages.run, shipments_pages.shipped


def refs(html: str) -> list[str]:
    table = html.split('id="shipments"')[1].split("</table>")[0]
    return re.findall(r'<a href="/ui/shipments/([^"]+)">', table)


def test_the_list_searches_and_filters_by_hub_donor_and_arrival(
        as_user: AsUser, shipped: int) -> None:
    client = as_user("pol-donor")
    polish, japanese = shipment_ref(shipped, "O-POL"), shipment_ref(shipped, "O-JPN")
    assert refs(client.get("/ui/shipments", params={"q": "ifak"}).text) == [japanese]
    assert refs(client.get("/ui/shipments", params={"donor": "POL"}).text) == [polish]
    assert refs(client.get("/ui/shipments", params={"hub": "RO-SUC"}).text) == []
    assert sorted(refs(client.get("/ui/shipments", params={"hub": "PL-RZE"}).text)) == sorted(
        [japanese, polish])
    late = (date.today() + timedelta(days=400)).isoformat()
    assert refs(client.get("/ui/shipments", params={"from": late}).text) == []
    assert len(refs(client.get("/ui/shipments", params={"to": late}).text)) == 2
    picker = client.get("/ui/shipments").text.split('name="donor"')[1].split("</select>")[0]
    assert re.findall(r"<option[^>]*>([^<]+)<", picker) == ["any", "JPN", "POL"]  # no USA


def test_the_list_sorts_by_a_column_both_ways(as_user: AsUser, shipped: int) -> None:
    client = as_user("coord")
    up = refs(client.get("/ui/shipments", params={"sort": "quantity"}).text)
    down = refs(client.get("/ui/shipments", params={"sort": "-quantity"}).text)
    assert up == list(reversed(down))
    assert up[0] == shipment_ref(shipped, "O-POL")  # 100 rounds before 200 kits
    assert 'aria-sort="ascending"' in client.get("/ui/shipments?sort=quantity").text


def test_the_event_form_offers_only_the_events_allowed_next(as_user: AsUser,
                                                           shipped: int) -> None:
    ref = shipment_ref(shipped, "O-POL")
    page = as_user("logistician").get(f"/ui/shipments/{ref}").text
    form = page.split('name="kind"')[1].split("</select>")[0]
    assert re.findall(r"<option[^>]*>([^<]+)<", form) == ["loaded"]


def test_produced_units_read_as_units_not_tonnes(app: FastAPI, as_user: AsUser) -> None:
    start = date.today()
    run_id = stored_run(app.state.engine, start.replace(day=1), [])
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        uow.sheet("funding").add(FundingPledge("F-1", "POL", 1e6, "national", start))
        uow.shipments.add_many([Shipment(
            ref="S9-F-1-P-1-M00", run_id=run_id, offer="F-1", hub=None, producer="P-1",
            month=0, item="155mm-NATO", destination="UKR", tonnes=0.0, departs=start,
            at_hub=None, arrives=start, lines=[ShipmentLine("N-ART", 40)])])
        uow.commit()
    client = as_user("coord")
    assert "40 units (made in-country)" in client.get("/ui/shipments").text
    detail = client.get("/ui/shipments/S9-F-1-P-1-M00").text
    assert "0.0 t" not in detail
    assert "direct from producer P-1 (made in-country: no tonnes pass a hub)" in detail
    assert detail.count("<dt>Units</dt>") == 1
