"""The briefing's fill-rate heat map draws on the web pages' colour-blind-safe scale (cividis),
not red against green."""

from __future__ import annotations

import io

import numpy as np
from matplotlib import image

from clearinghouse.services.reporting import colours
from clearinghouse.services.reporting.charts import fill_rate_chart


def _pixels(png: bytes) -> np.ndarray:
    rgba = image.imread(io.BytesIO(png), format="png")
    return np.rint(rgba[..., :3] * 255).reshape(-1, 3).astype(int)


def _has(pixels: np.ndarray, colour: str, tolerance: int = 3) -> bool:
    return bool((np.abs(pixels - np.array(colours.rgb(colour))).max(axis=1) <= tolerance).any())


def test_empty_and_full_cells_take_the_ends_of_the_cividis_scale() -> None:
    pixels = _pixels(fill_rate_chart(["air defence"], [1, 2], {("air defence", 1): 0.0,
                                                               ("air defence", 2): 1.0}))
    assert _has(pixels, colours.CIVIDIS[0])
    assert _has(pixels, colours.CIVIDIS[-1])


def test_no_cell_is_drawn_in_the_old_red_or_green() -> None:
    rates = {("air defence", p): r for p, r in zip(range(1, 6), (0.0, 0.25, 0.5, 0.75, 1.0),
                                                   strict=True)}
    pixels = _pixels(fill_rate_chart(["air defence"], [1, 2, 3, 4, 5], rates))
    red = (pixels[:, 0] > 160) & (pixels[:, 1] < 80) & (pixels[:, 2] < 80)
    green = (pixels[:, 1] > 130) & (pixels[:, 0] < 90) & (pixels[:, 2] < 90)
    assert not red.any()
    assert not green.any()
