"""The charts' colours hold for every reader: heat-map labels contrast at least 4.5:1 with
their cell on the whole fill-rate scale, the scale reads in order in grey, and the donors'
colours stay apart under protanopia, deuteranopia and tritanopia (Machado et al. 2009,
severity 1) as well as in full colour."""

from __future__ import annotations

import itertools
import math
import re

import pytest

from clearinghouse.services.reporting import colours
from clearinghouse.services.reporting.reports import FillRateRow
from clearinghouse.web.charts import fill_rate_grid, share_chart

#: Simulated colour-vision deficiencies: matrices on linear RGB (Machado, Oliveira and
#: Fernandes 2009, severity 1.0); "full" is ordinary vision.
VISION = {
    "full": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}
#: The least CIELAB distance (ΔE*ab) between two donors' colours, under each vision; about
#: 2.3 is just noticeable side by side, so 10 keeps neighbouring bar parts plainly apart.
LEAST_DISTANCE = 10.0


def _linear(colour: str) -> tuple[float, ...]:
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
                 for c in (v / 255 for v in colours.rgb(colour)))


def _lab(colour: str, vision: str) -> tuple[float, float, float]:
    rgb = _linear(colour)
    seen = [min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True))))
            for row in VISION[vision]]
    xyz = [sum(m * c for m, c in zip(row, seen, strict=True)) / white
           for row, white in zip(((0.4124, 0.3576, 0.1805), (0.2126, 0.7152, 0.0722),
                                  (0.0193, 0.1192, 0.9505)), (0.95047, 1.0, 1.08883),
                                 strict=True)]
    f = [math.cbrt(t) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _cells(svg: str) -> list[tuple[str, str, str]]:
    """(cell fill, label fill, label) of each drawn part with a label on it."""
    return re.findall(r'<rect class="mark"[^>]* fill="(#[0-9a-f]{6})">.*?</rect>'
                      r'<text [^>]*class="on-mark" fill="(#[0-9a-f]{6})">([^<]+)</text>', svg)


def test_the_contrast_ratio_is_wcags() -> None:
    assert colours.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert colours.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert colours.contrast("#ffffff", "#ffffff") == pytest.approx(1.0)


def test_every_heat_map_label_contrasts_at_least_4_5_to_1_with_its_cell() -> None:
    rows = [FillRateRow(f"capability {i}", 1, 100, i) for i in range(101)]
    cells = _cells(str(fill_rate_grid(rows, "fill")))
    assert len(cells) == 101
    ratios = [colours.contrast(cell, text) for cell, text, _ in cells]
    assert min(ratios) >= 4.5, min(zip(ratios, cells, strict=True))


def test_the_fill_scale_rises_in_lightness_so_it_reads_in_order_in_grey() -> None:
    lightness = [colours.luminance(colours.fill_colour(i / 100)) for i in range(101)]
    assert lightness == sorted(lightness)
    assert lightness[-1] - lightness[0] > 0.7
    assert colours.fill_colour(-1.0) == colours.CIVIDIS[0]
    assert colours.fill_colour(2.0) == colours.CIVIDIS[-1]


@pytest.mark.parametrize("vision", list(VISION))
def test_the_donors_colours_stay_apart_under_each_colour_vision(vision: str) -> None:
    shown = (*colours.PALETTE, colours.OTHERS_COLOUR)
    assert len(set(shown)) == len(shown) == 11
    closest = min((math.dist(_lab(a, vision), _lab(b, vision)), a, b)
                  for a, b in itertools.combinations(shown, 2))
    assert closest[0] >= LEAST_DISTANCE, closest


def test_every_label_on_a_donors_share_contrasts_at_least_4_5_to_1() -> None:
    # Each of ten donors wide in a row of its own; two small ones make "others" in the first.
    rows = [(f"row {i}", {f"D{i:02d}": 0.6, **({"D10": 0.2, "D11": 0.2} if i == 0 else {})})
            for i in range(10)]
    cells = _cells(str(share_chart(rows, label="shares")))
    assert {label.split()[0] for *_, label in cells} == {f"D{i:02d}" for i in range(10)} | {
        "others"}
    for cell, text, label in cells:
        assert colours.contrast(cell, text) >= 4.5, label
