"""Generated requests from the app's own OpenAPI document, checked by schemathesis: no input
makes it answer 5xx, and every answer conforms to the document (status codes, error bodies,
headers, content types, negative data refused, unsupported methods, auth not ignored, a
deleted resource gone) — on SQLite and PostgreSQL (the ``app`` fixture runs on both).

One check is left out: ``positive_data_acceptance`` expects every schema-valid request to be
accepted, but the API refuses schema-valid data that breaks a rule OpenAPI cannot state (a
class no item has, a record still named elsewhere, a donor's caveat) with a 422 that names
the field and the rule — that refusal is the point of issue 15, not a contract failure.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import Any

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from hypothesis.errors import FlakyStrategyDefinition
from schemathesis import checks as generic
from schemathesis.specs.openapi import checks as openapi

from clearinghouse.services.records.users import Role

PLANNER_ABSENT = importlib.util.find_spec("clearinghouse.planning.engine") is None
Headers = Callable[[str, Role], dict[str, str]]
EXAMPLES_PER_OPERATION = 20  # bounded: about 2 minutes per database
STATEFUL_EXAMPLES = 15
SKIPPED = {("POST", "/auth/logout")}  # would revoke the fuzzer's own token; tested apart
CHECKS = [generic.not_a_server_error, openapi.status_code_conformance,
          openapi.content_type_conformance, openapi.response_headers_conformance,
          openapi.response_schema_conformance, openapi.negative_data_rejection,
          openapi.missing_required_header, openapi.unsupported_method, openapi.use_after_free,
          openapi.ensure_resource_availability, openapi.ignored_auth]


def planner_missing(body: dict[str, str]) -> bool:
    """503 while the planner is not installed (an honest answer, not a crash)."""
    return PLANNER_ABSENT and body.get("detail", "").startswith("the planner is not available")


def test_no_generated_request_breaks_the_contract(app: FastAPI, headers: Headers) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    identities = [headers("POL", Role.COORDINATOR), headers("USA", Role.DONOR_LIAISON)]
    failures: list[str] = []
    ran = [0]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:
        if (operation.method.upper(), operation.path) in SKIPPED:
            continue

        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(), who=st.sampled_from(identities))
        def call(case: schemathesis.Case, who: dict[str, str]) -> None:
            ran[0] += 1
            try:
                response = case.call(headers=who)
            except Exception as e:  # the transport re-raises what the app logged as a 500
                failures.append(f"{case.method} {case.formatted_path} {case.body!r} → {e!r}")
                return
            if response.status_code >= 500 and planner_missing(response.json()):
                return
            try:
                case.validate_response(response, checks=CHECKS, headers=who)
            except BaseException as e:  # a group of the checks' failures
                failures.append(f"{case.method} {case.formatted_path} {case.body!r} "
                                f"{case.query!r} → {response.status_code}: "
                                f"{str(e).strip()[:600]}")

        call()
    print(f"schemathesis: {ran[0]} cases on {len(operations)} operations, "
          f"{len(failures)} failures")
    assert not failures, "\n".join(failures[:10])


def test_stateful_sequences_of_linked_requests_break_no_contract(
        app: FastAPI, headers: Headers) -> None:
    """Schemathesis' stateful phase: chains of requests linked by the ids they answer (a
    submitted job followed at /jobs/{id}, a run at /plans/{id}), with the same checks."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    who = headers("POL", Role.COORDINATOR)
    failures: list[str] = []
    calls: list[str] = []
    base = schema.as_state_machine()

    class Workflow(base):  # type: ignore[valid-type,misc]
        def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
            return {"headers": who}

        def call(self, case: schemathesis.Case, **kwargs: Any) -> Any:
            # An exception escaping a step makes Hypothesis replay the sequence, and jobs
            # finishing meanwhile change what the replay draws (FlakyStrategyDefinition hides
            # the cause): record it as a failure of this call instead, with its reason.
            try:
                return super().call(case, **kwargs)
            except Exception as e:
                failures.append(f"{case.method} {case.formatted_path} raised {e!r}")
                reject()  # the sequence ends here, not replayed; the failure stays listed

        def validate_response(self, response: Any, case: schemathesis.Case,
                              additional_checks: Any = None, **kwargs: Any) -> None:
            calls.append(f"{case.method} {case.path}")
            try:
                case.validate_response(response, checks=CHECKS, headers=who)
            except BaseException as e:  # a group of the checks' failures
                failures.append(f"{case.method} {case.formatted_path} → "
                                f"{response.status_code}: {str(e).strip()[:600]}")

    # Jobs finish on their own threads, so which links a step may follow depends on time:
    # Hypothesis then sometimes finds its own draws inconsistent (FlakyStrategyDefinition),
    # which says nothing of the API. Such a run is run again, at most three times in all.
    for attempt in range(3):
        try:
            Workflow.run(settings=settings(max_examples=STATEFUL_EXAMPLES, stateful_step_count=6,
                                           deadline=None, database=None,
                                           suppress_health_check=list(HealthCheck)))
            break
        except FlakyStrategyDefinition:
            if attempt == 2:
                raise
    print(f"schemathesis stateful: {len(calls)} calls, {len(set(calls))} operations, "
          f"{len(failures)} failures")
    assert len(set(calls)) > 1
    assert not failures, "\n".join(failures[:10])
