"""The shipments timeline as inline SVG drawn on the server: one row per shipment (planned
departure to arrival as a bar, the hub day as a tick, each recorded event as a shape, the
due day as a black diamond, today as a dashed line), late rows said in words at the right.

Colours are the Okabe-Ito palette (safe for colour-blind readers) set as SVG attributes — no
``style`` attribute, which the pages' policy forbids — and every colour has a second cue: a
shape per event kind, a dashed bar and the word "late" for a late shipment. Text is dark on
white (at least 4.5:1)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from html import escape

from markupsafe import Markup

from clearinghouse.domain.months import add_months
from clearinghouse.domain.shipment_timeline import TimelineRow
from clearinghouse.domain.shipments import EventKind

WIDTH, LEFT, RIGHT, ROW, TOP = 1000, 150, 260, 22, 30
INK, MUTED, LATE_TEXT = "#1b2631", "#4a5260", "#a8201a"  # 15:1, 7.6:1, 6.4:1 on white
BLUE, SKY, ORANGE, GREEN, VERMILLION, PURPLE = (
    "#0072B2", "#56B4E9", "#E69F00", "#009E73", "#D55E00", "#CC79A7")
#: Event kind → (colour, shape) of its mark.
MARKS = {EventKind.LOADED: (ORANGE, "circle"), EventKind.AT_HUB: (SKY, "square"),
         EventKind.DISPATCHED: (BLUE, "triangle"), EventKind.DELIVERED: (GREEN, "disc"),
         EventKind.LOST: (VERMILLION, "cross"), EventKind.RETURNED: (PURPLE, "back")}


def _shape(shape: str, x: float, y: float, colour: str, title: str) -> str:
    tip = f"<title>{escape(title)}</title>"
    if shape in ("circle", "disc"):
        r = 4 if shape == "circle" else 5
        return (f'<circle class="event" cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{colour}" '
                f'stroke="{INK}" stroke-width="1">{tip}</circle>')
    if shape == "square":
        return (f'<rect class="event" x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" '
                f'fill="{colour}" stroke="{INK}" stroke-width="1">{tip}</rect>')
    points = {"triangle": ((x - 5, y + 4), (x + 5, y + 4), (x, y - 5)),
              "back": ((x + 5, y - 5), (x + 5, y + 5), (x - 5, y)),
              "diamond": ((x, y - 6), (x + 6, y), (x, y + 6), (x - 6, y))}.get(shape)
    if points is None:  # cross
        return (f'<path class="event" d="M{x - 5:.1f} {y - 5:.1f}L{x + 5:.1f} {y + 5:.1f}'
                f'M{x - 5:.1f} {y + 5:.1f}L{x + 5:.1f} {y - 5:.1f}" stroke="{colour}" '
                f'stroke-width="3">{tip}</path>')
    drawn = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
    return (f'<polygon class="event" points="{drawn}" fill="{colour}" stroke="{INK}" '
            f'stroke-width="1">{tip}</polygon>')


def _text(x: float, y: float, text: str, *, anchor: str = "start", fill: str = INK,
          cls: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}" '
            f'font-size="11" class="{cls}">{escape(text)}</text>')


def _span(rows: Sequence[TimelineRow], today: date) -> tuple[date, date]:
    days = [today] + [d for r in rows for d in (r.departs, r.arrives, r.due) if d is not None]
    days += [d for r in rows for _, d in r.events]
    return min(days) - timedelta(days=3), max(days) + timedelta(days=3)


def shipment_timeline(rows: Sequence[TimelineRow], *, today: date, label: str) -> Markup:
    """The rows' timeline as an SVG, or a note when there is nothing to draw."""
    if not rows:
        return Markup('<p class="empty">No shipments to draw.</p>')
    first, last = _span(rows, today)
    scale = (WIDTH - LEFT - RIGHT) / max((last - first).days, 1)

    def x(day: date) -> float:
        return LEFT + (day - first).days * scale

    bottom = TOP + ROW * len(rows)
    body = []
    month = first.replace(day=1)
    while month <= last:
        if month >= first:
            body.append(f'<line x1="{x(month):.1f}" y1="{TOP - 6}" x2="{x(month):.1f}" '
                        f'y2="{bottom}" stroke="#d5dae1" stroke-width="1"/>')
            body.append(_text(x(month) + 2, TOP - 10, f"{month:%Y-%m}", fill=MUTED))
        month = add_months(month, 1)
    for i, row in enumerate(rows):
        body.append(_row(row, TOP + i * ROW, x))
    body.append(f'<line class="today" x1="{x(today):.1f}" y1="{TOP - 6}" x2="{x(today):.1f}" '
                f'y2="{bottom}" stroke="{INK}" stroke-width="1.5" stroke-dasharray="4 3"/>')
    body.append(_text(x(today), bottom + 14, f"today {today}", anchor="middle"))
    body += _legend(bottom + 34)
    height = bottom + 50
    return Markup(f'<svg class="timeline" role="img" aria-label="{escape(label)}" '
                  f'viewBox="0 0 {WIDTH} {height}" width="100%" '
                  f'xmlns="http://www.w3.org/2000/svg">{"".join(body)}</svg>')


def _row(row: TimelineRow, top: int, x: Callable[[date], float]) -> str:
    mid = top + ROW / 2
    late = row.late
    parts = [f'<g class="row{" late" if late else ""}" data-ref="{escape(row.ref)}" '
             f'data-lateness="{row.lateness.value}">',
             _text(LEFT - 6, mid + 4, row.ref, anchor="end")]
    start, end = x(row.departs), x(row.arrives)
    dash = ' stroke-dasharray="5 3"' if late else ""
    parts.append(f'<rect class="planned" x="{start:.1f}" y="{mid - 5:.1f}" '
                 f'width="{max(end - start, 2):.1f}" height="10" fill="#cfe3f3" '
                 f'stroke="{VERMILLION if late else BLUE}" stroke-width="{2 if late else 1}"'
                 f"{dash}><title>{escape(row.ref)}: planned {row.departs} → {row.arrives}"
                 f"</title></rect>")
    if row.at_hub is not None:
        parts.append(f'<line x1="{x(row.at_hub):.1f}" y1="{mid - 7:.1f}" '
                     f'x2="{x(row.at_hub):.1f}" y2="{mid + 7:.1f}" stroke="{BLUE}" '
                     f'stroke-width="2"><title>planned at hub {row.at_hub}</title></line>')
    if row.due is not None:
        parts.append(_shape("diamond", x(row.due), mid, INK, f"due {row.due}"))
    for kind, day in row.events:
        colour, shape = MARKS[kind]
        parts.append(_shape(shape, x(day), mid, colour, f"{kind.value} {day}"))
    said = ("late: " + row.said) if late else row.said
    parts.append(_text(WIDTH - RIGHT + 8, mid + 4, said, fill=LATE_TEXT if late else MUTED,
                       cls="said"))
    parts.append("</g>")
    return "".join(parts)


def _legend(y: float) -> list[str]:
    items = [("diamond", INK, "due"), *((s, c, k.value) for k, (c, s) in MARKS.items())]
    parts = [f'<rect x="{LEFT}" y="{y - 5}" width="22" height="10" fill="#cfe3f3" '
             f'stroke="{BLUE}"/>', _text(LEFT + 26, y + 4, "planned")]
    at = LEFT + 90.0
    for shape, colour, name in items:
        parts.append(_shape(shape, at, y, colour, name))
        parts.append(_text(at + 9, y + 4, name))
        at += 20 + 7 * len(name)
    parts.append(f'<rect x="{at}" y="{y - 5}" width="22" height="10" fill="#cfe3f3" '
                 f'stroke="{VERMILLION}" stroke-width="2" stroke-dasharray="5 3"/>')
    parts.append(_text(at + 26, y + 4, "late", fill=LATE_TEXT))
    return parts
