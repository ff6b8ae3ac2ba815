"""A run's churn as a nation sees it: hidden needs neither listed nor counted (SPEC §1.1)."""

from __future__ import annotations

from clearinghouse.services.reporting.churn_view import visible_churn

SUMMARY = {"churn": {"lines": 5, "units": 7.5, "reference_lines": 40, "needs": {
    "N-1": {"before": 10, "after": 12, "lines": 2, "units": 2.0, "why": "more units"},
    "N-2": {"before": 5, "after": 0, "lines": 3, "units": 5.5, "why": "hub closed"}}}}


def test_a_hidden_need_is_neither_listed_nor_counted_in_the_totals() -> None:
    seen = visible_churn(SUMMARY, {"N-1"})
    assert seen == {"lines": 2, "units": 2.0, "needs": {"N-1": SUMMARY["churn"]["needs"]["N-1"]}}


def test_a_run_without_a_reference_has_no_churn() -> None:
    assert visible_churn({"needs": {}}, {"N-1"}) is None
    assert visible_churn(None, {"N-1"}) is None
