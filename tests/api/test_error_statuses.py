"""Each interface maps service errors once, and the API and the pages agree on the status."""

from __future__ import annotations

import pytest

from clearinghouse.api.errors import StaleWrite, current_version_on_conflict, status_of
from clearinghouse.domain.errors import DomainError
from clearinghouse.services.errors import Conflict, NotFound, TooManyRequests, UserError
from clearinghouse.services.exchange.archive import UploadTooLarge
from clearinghouse.services.records.records import Forbidden
from clearinghouse.services.records.users import AuthenticationFailed
from clearinghouse.services.runtime.jobs import Unavailable
from clearinghouse.web.render import status_of as page_status_of

ERRORS = [AuthenticationFailed("x"), Forbidden("x"), NotFound("x"), Conflict("x"),
          UploadTooLarge("x"), TooManyRequests("x", retry_after=5), Unavailable("x"),
          UserError("x")]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_a_page_answers_the_same_status_as_the_api_for_every_service_error(
        error: Exception) -> None:
    assert page_status_of(error) == status_of(error)


def test_a_rule_of_the_domain_is_422_on_a_page() -> None:
    assert page_status_of(DomainError("x", field="f", rule="r")) == 422


def test_a_conflicting_write_reports_the_version_read_after_the_refusal() -> None:
    with pytest.raises(StaleWrite) as refused, current_version_on_conflict(lambda: 7):
        raise Conflict("changed meanwhile")
    assert refused.value.current_version == 7
    assert status_of(refused.value) == 409
