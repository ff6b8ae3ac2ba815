"""The share chart names every donor legibly: the ten largest in a colour each, the rest
as "others", and a legend that wraps instead of running off the chart."""

from __future__ import annotations

import re

from clearinghouse.web.charts import OTHERS, PALETTE, WIDTH, share_chart, top_and_others

#: 39 donors, as the demo's dependency run has: D00 brings most, D38 least.
DONORS = {f"D{i:02d}": (39 - i) / 780 for i in range(39)}


def test_the_ten_largest_donors_keep_their_share_and_the_rest_are_others() -> None:
    [(name, shares)] = top_and_others([("artillery", DONORS)])
    assert name == "artillery"
    assert set(shares) == {f"D{i:02d}" for i in range(10)} | {OTHERS}
    assert abs(sum(shares.values()) - sum(DONORS.values())) < 1e-9
    assert abs(shares[OTHERS] - sum(DONORS[f"D{i:02d}"] for i in range(10, 39))) < 1e-9


def test_every_legend_entry_has_its_own_colour_and_lies_inside_the_chart() -> None:
    svg = str(share_chart([("artillery", DONORS), ("air defence", {"D00": 1.0})],
                          label="shares"))
    legend = re.findall(r'<rect x="([\d.]+)" y="(\d+)" width="10" height="10" '
                        r'fill="(#[0-9a-f]+)"/><text x="([\d.]+)" y="[\d.]+" '
                        r'text-anchor="start" class="legend">([^<]+)<', svg)
    names = [n for *_, n in legend]
    assert names == [f"D{i:02d}" for i in range(10)] + [OTHERS]
    colours = [c for _, _, c, _, _ in legend]
    assert len(set(colours)) == len(colours)  # no colour repeated
    assert set(colours[:10]) == set(PALETTE)
    for x, _, _, _, name in legend:
        assert float(x) + 14 + 7 * len(name) <= WIDTH, name
    assert len({y for _, y, _, _, _ in legend}) >= 1
    assert "artillery others: " in svg  # D10…D38 drawn as one part of the bar
    assert "artillery D38" not in svg
    # The label on the light "others" grey is dark (white on it would be unreadable).
    assert re.search(r'class="on-mark" fill="#000000">others \d+ %<', svg)
