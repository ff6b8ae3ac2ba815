"""A briefing section's HTML: text escaped, commands marked as code, charts inline, rows capped."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from clearinghouse.services.reporting import charts
from clearinghouse.services.reporting.briefing_sections import SHOWN_ROWS, Section, section_html


def test_notes_and_cells_are_escaped_and_a_backticked_command_becomes_code() -> None:
    section = Section("Run <1>", notes=["donor <script>x</script>: run `scenario a & b`."],
                      shown={"t": (["<h>"], [["<td>"], [None]])})
    page = section_html(section)
    assert "<script>" not in page
    assert "Run &lt;1&gt;" in page
    assert "<code>scenario a &amp; b</code>" in page
    assert "<th>&lt;h&gt;</th>" in page
    assert "<td>&lt;td&gt;</td>" in page
    assert "<td></td>" in page  # None is an empty cell, not the word None


def test_a_long_table_shows_its_first_rows_and_says_how_many_there_are() -> None:
    rows: list[list[object]] = [[i] for i in range(SHOWN_ROWS + 5)]
    page = section_html(Section("S", shown={"Needs": (["n"], rows)}))
    assert f"(first {SHOWN_ROWS} of {SHOWN_ROWS + 5})" in page
    assert page.count("<tr>") == SHOWN_ROWS + 1


def test_an_empty_table_and_a_section_without_charts_draw_no_image() -> None:
    page = section_html(Section("S", notes=["nothing yet"], shown={"t": (["a"], [])}))
    assert "<img" not in page
    assert "<table" not in page


def test_the_percentile_and_paired_bar_charts_are_pngs_with_ink() -> None:
    for png in (charts.percentile_chart(["P1", "P3"], [0.1, 0.0], [0.5, 0.0], [0.9, 0.2],
                                        [0.45, 0.05], "t"),
                charts.paired_bars_chart(["a", "b"], {"before": [0.5, 1.0], "after": [0, 1]},
                                         "t", "fill rate %", percent=True)):
        image = Image.open(io.BytesIO(png))
        assert image.format == "PNG"
        assert min(image.size) > 100
        assert int(np.asarray(image.convert("L")).min()) < 128  # some dark ink on white
