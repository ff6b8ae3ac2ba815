"""Charts tell the truth: each hub on its own scale against its capacity line, shares that
never read 100 % for less than the whole, one unit per bar chart."""

from __future__ import annotations

import re
from datetime import date

from clearinghouse.domain.formats import eur, tonnes
from clearinghouse.domain.logistics import Hub, HubMonthLoad
from clearinghouse.services.reporting.reports import ApprovedHubTonnes, FillRateRow
from clearinghouse.web import charts

START = date(2027, 1, 1)


def bar_heights(svg: str, hub: str) -> list[float]:
    return [float(h) for h in re.findall(
        rf'<rect class="mark"[^>]*height="([0-9.]+)"><title>{hub} ', svg)]


def test_each_hub_is_drawn_on_its_own_scale_so_a_small_hub_is_no_sliver() -> None:
    hubs = [Hub("BIG", "Big", "POL", 18_000.0, START), Hub("SMALL", "Small", "ROU", 3_500.0,
                                                          START)]
    loads = [HubMonthLoad("BIG", START, 18_000.0, 18_000.0, 0.0),
             HubMonthLoad("SMALL", START, 3_500.0, 3_500.0, 0.0)]
    svg = str(charts.hub_chart(ApprovedHubTonnes(START, loads), hubs, START, 3))
    assert bar_heights(svg, "BIG") == bar_heights(svg, "SMALL")  # both full to capacity
    assert "18,000 t" in svg
    assert "3,500 t" in svg
    assert svg.count('class="capacity"') == 6  # a capacity line per hub and month


def test_a_fill_cell_short_of_the_whole_never_reads_100_percent() -> None:
    svg = str(charts.fill_rate_grid([FillRateRow("artillery", 1, 52_000, 51_999)], "fill"))
    assert "99.998 %" in svg
    assert "100 %" not in svg
    assert "51,999 of 52,000" in svg


def test_a_bar_chart_writes_every_value_in_its_one_unit() -> None:
    in_tonnes = str(charts.bar_chart([("POL", 1_234.5), ("USA", 0.4)], label="t",
                                     written=tonnes))
    assert "1,234 t" in in_tonnes or "1,235 t" in in_tonnes
    assert "0.4 t" in in_tonnes
    in_eur = str(charts.bar_chart([("POL", 900_000.0)], label="eur", written=eur))
    assert "900,000 EUR" in in_eur
