"""Long work yields to interactive requests: job threads run at a lower CPU priority."""

from __future__ import annotations

import os
import sys
import threading

import pytest
from fastapi import FastAPI

from clearinghouse.services.records.users import Role, User
from clearinghouse.services.runtime.jobs import JobRunner, get_job

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="per-thread nice values are a Linux feature")


def own_niceness() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def test_a_job_runs_at_a_lower_priority_than_the_requests(app: FastAPI) -> None:
    runner: JobRunner = app.state.jobs
    user = User("pol-coordinator", "POL", Role.COORDINATOR)
    request_niceness = own_niceness()
    job = runner.submit(user, "test", {}, lambda _id, _p: {"niceness": own_niceness()})
    for _ in range(400):
        job = get_job(runner.engine, runner.settings, user, job.id)
        if job.status in ("done", "failed"):
            break
        threading.Event().wait(0.05)
    assert job.status == "done", job
    niceness = job.result["niceness"]
    assert niceness >= min(19, request_niceness + runner.settings.job_niceness)
    assert own_niceness() == request_niceness  # the request's own thread is untouched
