"""Text that a spreadsheet would run as a formula, made inert on export and read back on import.

OWASP's advice for CSV injection: a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return gets a leading single quote, so that Excel, LibreOffice and Google Sheets
show it as text instead of evaluating it (``=HYPERLINK(…)``, ``+1+cmd|…``, ``@SUM(…)``).

Only text is neutralised: numbers and dates are written as numbers, and a text that is a plain
number (``-5``) or a lone sign (``-``) runs nothing. A text that already starts with quotes
before such a character gets one more quote, so :func:`restore` (drop one quote) gives back
exactly what :func:`neutralise` was given, whatever it was.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")


def _runs(text: str) -> bool:
    """True when a spreadsheet would read ``text`` as a formula."""
    if not text.startswith(FORMULA_STARTS):
        return False
    return not (text in ("+", "-") or _PLAIN_NUMBER.fullmatch(text))


def neutralise(text: str) -> str:
    """``text`` as a spreadsheet shows but never runs (a quote before a formula start)."""
    return "'" + text if _runs(text.lstrip("'")) else text


def restore(text: str) -> str:
    """What :func:`neutralise` was given: one quote fewer before a formula start."""
    if text[:1] == "'" and _runs(text.lstrip("'")):
        return text[1:]
    return text
