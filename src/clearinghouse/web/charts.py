"""Charts as inline SVG, drawn on the server: no script, no library, prints as it shows.

Every mark (bar, cell) carries ``class="mark"`` so a test can tell an empty chart."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from html import escape

from markupsafe import Markup

from clearinghouse.domain.formats import share
from clearinghouse.domain.formats import tonnes as tonnes_text
from clearinghouse.domain.logistics import Hub
from clearinghouse.domain.months import month_label
from clearinghouse.services.reporting import colours
from clearinghouse.services.reporting.reports import ApprovedHubTonnes, FillRateRow

WIDTH = 640
EMPTY = Markup('<p class="empty">Nothing to show yet.</p>')


def _svg(height: int, body: list[str], label: str) -> Markup:
    return Markup(f'<svg class="chart" role="img" aria-label="{escape(label)}" '
                  f'viewBox="0 0 {WIDTH} {height}" width="100%" '
                  f'xmlns="http://www.w3.org/2000/svg">{"".join(body)}</svg>')


def _text(x: float, y: float, text: str, anchor: str = "start", cls: str = "",
          fill: str = "") -> str:
    colour = f' fill="{fill}"' if fill else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="{cls}"{colour}>'
            f"{escape(text)}</text>")


def bar_chart(bars: Sequence[tuple[str, float]], *, label: str,
              written: Callable[[float], str]) -> Markup:
    """Horizontal bars, one per (name, value), scaled to the largest; ``written`` writes a
    value with its unit (``formats.tonnes``, ``formats.eur`` …): one unit per chart."""
    if not bars:
        return EMPTY
    top = max(v for _, v in bars) or 1.0
    row, left, right = 22, 120, 90
    body = []
    for i, (name, value) in enumerate(bars):
        y = 6 + i * row
        w = max(1.0, (WIDTH - left - right) * value / top)
        body.append(_text(left - 6, y + 14, name, "end"))
        body.append(f'<rect class="mark" x="{left}" y="{y}" width="{w:.1f}" height="16">'
                    f"<title>{escape(name)}: {escape(written(value))}</title></rect>")
        body.append(_text(left + w + 6, y + 14, written(value)))
    return _svg(12 + row * len(bars), body, label)


def fill_rate_grid(rows: Sequence[FillRateRow], label: str) -> Markup:
    """Capability (rows) × priority (columns) cells coloured by fill rate on a colour-blind-safe
    scale (``colours.fill_colour``) and labelled in the text colour of most contrast."""
    if not rows:
        return EMPTY
    capabilities = sorted({r.capability for r in rows})
    priorities = sorted({r.priority for r in rows})
    cell = {(r.capability, r.priority): r for r in rows}
    left, top, w, h = 130, 24, 90, 26
    body = [_text(left + j * w + w / 2, 16, f"priority {p}", "middle")
            for j, p in enumerate(priorities)]
    for i, cap in enumerate(capabilities):
        y = top + i * h
        body.append(_text(left - 6, y + 17, cap, "end"))
        for j, p in enumerate(priorities):
            r = cell.get((cap, p))
            if r is None:
                continue
            x = left + j * w
            colour = colours.fill_colour(r.fill_rate)
            body.append(f'<rect class="mark" x="{x}" y="{y}" width="{w - 2}" height="{h - 2}" '
                        f'fill="{colour}"><title>{escape(cap)} priority {p}: '
                        f"{r.delivered:,} of {r.requested:,}</title></rect>")
            body.append(_text(x + w / 2, y + 17, share(r.fill_rate), "middle", "on-mark",
                              colours.text_on(colour)))
    return _svg(top + h * len(capabilities) + 4, body, label)


def hub_chart(approved: ApprovedHubTonnes, hubs: Sequence[Hub], start: date,
              horizon: int) -> Markup:
    """Per hub, tonnes per month as bars against its capacity (zero before it opens)."""
    months = approved.loads
    if not months:
        return EMPTY
    tonnes: dict[str, dict[int, float]] = defaultdict(dict)
    for m in months:
        tonnes[m.hub][approved.plan_month(m)] = m.planned_t
    # Every hub, used or not: a hub about to open shows where its capacity begins.
    shown = list(hubs) + [Hub(code, code, "XXX", 0.0, start) for code in sorted(tonnes)
                          if code not in {h.code for h in hubs}]
    band, left, col = 110, 60, (WIDTH - 70) / max(horizon, 1)
    body = []
    for k, hub in enumerate(shown):
        # Each hub on its own scale: a 3,500 t hub is no sliver beside an 18,000 t one.
        top = max([hub.capacity_t_per_month, *tonnes[hub.code].values()]) or 1.0
        y0 = 20 + k * band
        base = y0 + band - 30
        body.append(_text(4, y0 + 2, f"{hub.name} ({hub.code}) — capacity "
                                     f"{tonnes_text(hub.capacity_t_per_month)}/month from "
                                     f"{hub.opens}; own scale"))
        for month in range(horizon):
            x = left + month * col
            capacity = hub.capacity_t_per_month if hub.is_open(month, start) else 0.0
            cap_h = (base - y0 - 10) * capacity / top
            body.append(f'<line class="capacity" x1="{x:.1f}" x2="{x + col - 2:.1f}" '
                        f'y1="{base - cap_h:.1f}" y2="{base - cap_h:.1f}"/>')
            t = tonnes[hub.code].get(month, 0.0)
            if t > 0:
                bar_h = max(1.0, (base - y0 - 10) * t / top)
                body.append(f'<rect class="mark" x="{x:.1f}" y="{base - bar_h:.1f}" '
                            f'width="{col - 4:.1f}" height="{bar_h:.1f}"><title>{hub.code} '
                            f"{month_label(start, month)}: {tonnes_text(t)} of "
                            f"{tonnes_text(capacity)}"
                            "</title></rect>")
            if month % max(1, horizon // 6) == 0:
                body.append(_text(x, base + 14, month_label(start, month), cls="axis"))
        body.append(_text(left - 6, y0 + 14, tonnes_text(top), "end", "axis"))
        body.append(_text(left - 6, base, "0 t", "end", "axis"))
    return _svg(30 + band * len(shown), body, "hub tonnes per month against capacity")


BEFORE, AFTER = "#8da9c4", "#c0392b"
#: Colours of donors' shares, in turn (a donor keeps its colour within one chart).
PALETTE = colours.PALETTE


def before_after_chart(rows: Sequence[tuple[str, float, float]], *, label: str,
                       legend: tuple[str, str] = ("before", "after")) -> Markup:
    """Per (name, before, after) fill rate two bars, before above after, on a 0–100 % scale;
    ``legend`` names the two (two runs compared: "run 4", "run 7")."""
    if not rows:
        return EMPTY
    left, right, pair = 130, 60, 40
    span = WIDTH - left - right
    second = left + 24 + 7 * len(legend[0])
    body = [f'<rect x="{left}" y="4" width="10" height="10" fill="{BEFORE}"/>',
            _text(left + 14, 13, legend[0]),
            f'<rect x="{second}" y="4" width="10" height="10" fill="{AFTER}"/>',
            _text(second + 14, 13, legend[1])]
    for i, (name, before, after) in enumerate(rows):
        y = 22 + i * pair
        body.append(_text(left - 6, y + 20, name, "end"))
        for k, (when, rate, colour) in enumerate((("before", before, BEFORE),
                                                  ("after", after, AFTER))):
            w = max(1.0, span * max(0.0, min(1.0, rate)))
            top = y + k * 17
            body.append(f'<rect class="mark {when}" x="{left}" y="{top}" width="{w:.1f}" '
                        f'height="15" fill="{colour}"><title>{escape(name)} {escape(legend[k])}: '
                        f"{share(rate)}</title></rect>")
            body.append(_text(left + w + 6, top + 12, share(rate)))
    return _svg(28 + pair * len(rows), body, label)


#: Donors drawn in their own colour in a share chart; the rest are summed as OTHERS.
TOP_DONORS = len(PALETTE)
OTHERS = "others"
OTHERS_COLOUR = colours.OTHERS_COLOUR


def top_and_others(rows: Sequence[tuple[str, dict[str, float]]],
                   top: int = TOP_DONORS) -> list[tuple[str, dict[str, float]]]:
    """The rows with every donor outside the ``top`` (by summed share over the rows, then
    code) merged into ``others``, so that each colour names one donor."""
    weight: dict[str, float] = {}
    for _, shares in rows:
        for d, v in shares.items():
            if d != OTHERS:
                weight[d] = weight.get(d, 0.0) + v
    kept = set(sorted(weight, key=lambda d: (-weight[d], d))[:top])
    merged = []
    for name, shares in rows:
        own = {d: v for d, v in shares.items() if d in kept}
        rest = sum(v for d, v in shares.items() if d not in kept)
        merged.append((name, {**own, OTHERS: rest} if rest > 0 else own))
    return merged


def share_chart(rows: Sequence[tuple[str, dict[str, float]]], *, label: str,
                left: int = 130) -> Markup:
    """Per (name, {donor: share}) one bar split into the donors' shares (of 100 %); ``left``
    is the room for the names. The ten donors with the largest shares get a colour each and
    the rest are drawn as "others"; the legend wraps onto as many lines as it needs."""
    if not any(shares for _, shares in rows):
        return EMPTY
    rows = top_and_others(rows)
    named = sorted({d for _, shares in rows for d in shares if d != OTHERS})
    colour = {d: PALETTE[i % len(PALETTE)] for i, d in enumerate(named)}
    colour[OTHERS] = OTHERS_COLOUR
    donors = named + ([OTHERS] if any(OTHERS in shares for _, shares in rows) else [])
    right, row, line = 20, 26, 16
    span = WIDTH - left - right
    body = []
    x, top = float(left), 4
    for d in donors:  # the legend, wrapped at the chart's right edge
        width = 24 + 7 * len(d)
        if x + width > WIDTH - right and x > left:
            x, top = float(left), top + line
        body.append(f'<rect x="{x:.1f}" y="{top}" width="10" height="10" fill="{colour[d]}"/>')
        body.append(_text(x + 14, top + 9, d, cls="legend"))
        x += width
    first = top + 18
    for i, (name, shares) in enumerate(rows):
        y = first + i * row
        body.append(_text(left - 6, y + 14, name, "end"))
        x = float(left)
        for d in sorted(shares, key=lambda k: (-shares[k], k)):
            w = span * max(0.0, shares[d])
            if w <= 0:
                continue
            body.append(f'<rect class="mark" x="{x:.1f}" y="{y}" width="{w:.1f}" height="18" '
                        f'fill="{colour[d]}"><title>{escape(name)} {escape(d)}: '
                        f"{share(shares[d])}</title></rect>")
            if w > 60:
                body.append(_text(x + w / 2, y + 13, f"{d} {share(shares[d])}", "middle",
                                  "on-mark", colours.text_on(colour[d])))
            x += w
    return _svg(first + 6 + row * len(rows), body, label)


def histogram_chart(low: float, high: float, counts: Sequence[int], *, label: str,
                    written: Callable[[float], str]) -> Markup:
    """Futures per bin as upright bars from ``low`` to ``high`` (equal bins), each bar with
    its count above it and the bins' ends on the axis; ``written`` writes an end."""
    if not counts or sum(counts) == 0:
        return EMPTY
    left, right, top, height = 40, 20, 18, 150
    col = (WIDTH - left - right) / len(counts)
    base, tallest = top + height, max(counts)
    step = (high - low) / len(counts)
    body = [f'<line class="axis" x1="{left}" x2="{WIDTH - right}" y1="{base}" y2="{base}" '
            'stroke="#555"/>']
    for i, n in enumerate(counts):
        x, start, end = left + i * col, low + i * step, low + (i + 1) * step
        if n:
            h = max(1.0, height * n / tallest)
            body.append(f'<rect class="mark" x="{x + 1:.1f}" y="{base - h:.1f}" '
                        f'width="{col - 2:.1f}" height="{h:.1f}" fill="{BEFORE}"><title>'
                        f"{escape(written(start))} to {escape(written(end))}: {n:,} futures"
                        "</title></rect>")
            body.append(_text(x + col / 2, base - h - 4, f"{n:,}", "middle"))
        if i % 2 == 0 or len(counts) <= 5:
            body.append(_text(x, base + 14, written(start), "middle", "axis"))
    body.append(_text(left + len(counts) * col, base + 14, written(high), "middle", "axis"))
    return _svg(base + 22, body, label)
