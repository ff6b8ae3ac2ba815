"""Colours of the charts, safe for the common colour-vision deficiencies: a sequential scale
for fill rates (cividis: lightness rises steadily, blue to yellow, no red against green), a
qualitative palette for donors (Okabe–Ito's eight and two of Paul Tol's muted colours) and,
on any fill, the text colour of most contrast (WCAG 2.x contrast ratio, always ≥ 4.5:1)."""

from __future__ import annotations

#: cividis at 0, ¼, ½, ¾ and 1 (viridisLite::cividis(5)); fill rates between are interpolated.
CIVIDIS = ("#00204d", "#414d6b", "#7c7b78", "#bcaf6f", "#ffea46")
#: Donors' colours: Okabe–Ito (blue, orange, green, vermillion, reddish purple, sky blue,
#: yellow, black), then Tol's wine and indigo — apart under protanopia, deuteranopia and
#: tritanopia as well as in full colour (tests/unit/web/test_chart_colours.py).
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#f0e442",
           "#000000", "#882255", "#332288")
#: The part of a share chart that sums the donors outside the palette.
OTHERS_COLOUR = "#d5d8dc"
DARK_TEXT, LIGHT_TEXT = "#000000", "#ffffff"


def rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` as three 0–255 channels."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour (0 black … 1 white)."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2.x contrast ratio of two colours (1 … 21)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_on(fill: str) -> str:
    """Black or white, whichever contrasts more with ``fill``: at least √21 ≈ 4.58:1."""
    return DARK_TEXT if contrast(fill, DARK_TEXT) >= contrast(fill, LIGHT_TEXT) else LIGHT_TEXT


def fill_colour(rate: float) -> str:
    """A fill rate's colour on the cividis scale (0 dark blue … 1 yellow; clamped)."""
    position = max(0.0, min(1.0, rate)) * (len(CIVIDIS) - 1)
    low = min(int(position), len(CIVIDIS) - 2)
    t = position - low
    mixed = (round(a + (b - a) * t) for a, b in zip(rgb(CIVIDIS[low]), rgb(CIVIDIS[low + 1]),
                                                    strict=True))
    return "#" + "".join(f"{c:02x}" for c in mixed)
