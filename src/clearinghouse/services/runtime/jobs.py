"""Long work as jobs: submitted, run on a worker pool off the request path, stored as records
(status, progress, result). A worker beats a heartbeat on the jobs it holds; a job silent for
three beats lost its worker (a restart, a crash) and is marked failed — never left running.

With ``Settings.dask_scheduler`` set, the whole-picture computations (plan runs, scenario and
training runs) run on that Dask cluster (services.job_cluster): the job's thread here holds
the job and waits for the result. Plan and scenario runs store themselves from the worker, so
the workers need the web process's ``DATABASE_URL`` reachable (it travels in the settings)."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Engine

from clearinghouse.adapters.db.audit import utc_now
from clearinghouse.adapters.db.engine import make_engine
from clearinghouse.adapters.db.jobs import UNFINISHED, JobRow
from clearinghouse.config import Settings
from clearinghouse.domain.errors import DomainError
from clearinghouse.services.errors import NotFound, TooManyRequests, UserError
from clearinghouse.services.records.records import Forbidden
from clearinghouse.services.records.users import Role, User
from clearinghouse.services.runtime.cluster import DaskCluster
from clearinghouse.services.runtime.retry import retrying
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

log = logging.getLogger(__name__)
SCENARIO = "scenario-"  # job kinds of stored scenario runs: scenario-dropout, scenario-hub, …
#: The parameter naming the nation whose released records a stored run planned (None: all).
VIEW = "view"


class Unavailable(UserError):
    """A part of the service (the planner) is missing from this installation."""


INTERRUPTED = "interrupted: its worker stopped (a restart?) while the job was queued or running"
SILENT_BEATS = 3


def _silent_since(settings: Settings) -> Any:
    return utc_now() - timedelta(seconds=SILENT_BEATS * settings.job_heartbeat_s)


def _fail_silent(uow: SqlUnitOfWork, settings: Settings, job_id: int | None = None) -> int:
    """Fail the unfinished jobs whose worker stopped beating, and the plan runs they started."""
    silent = uow.jobs.fail_unfinished(INTERRUPTED, silent_since=_silent_since(settings),
                                      job_id=job_id)
    runs = [j.result["run_id"] for j in silent
            if j.result is not None and isinstance(j.result.get("run_id"), int)]
    uow.plan_runs.fail_unfinished(runs)
    return len(silent)


def fail_interrupted(engine: Engine, settings: Settings) -> int:
    """Mark failed every unfinished job whose worker stopped beating (at start-up), with the
    plan runs they started."""
    with SqlUnitOfWork(engine, "system", writes=True) as uow:
        count = _fail_silent(uow, settings)
        uow.commit()
    return count


def _set(engine: Engine, job_id: int, **state: Any) -> None:
    def work() -> None:
        with SqlUnitOfWork(engine, "system", writes=True) as uow:
            uow.jobs.set_state(job_id, **state)
            uow.commit()

    retrying(work)


#: A job's work: ``work(job_id, progress)`` returns the job's result, or None when the work
#: finished the job record itself (scenario runs store their result on their own record).
Work = Callable[[int, Callable[[float], None]], dict[str, Any] | None]


def _run(engine: Engine, job_id: int, work: Work) -> None:
    _set(engine, job_id, status="running", progress=0.05)
    shown = [0.05]

    def progress(fraction: float) -> None:
        # Written at most every 2 % so that a thousand small steps are not a thousand writes.
        if fraction - shown[0] >= 0.02 and fraction < 1.0:
            shown[0] = fraction
            _set(engine, job_id, status="running", progress=round(fraction, 3))

    try:
        result = work(job_id, progress)
        if result is not None:
            _set(engine, job_id, status="done", progress=1.0, result=result)
    except Exception as e:  # any failure ends the job, with its reason, never a stuck job
        _set(engine, job_id, status="failed", progress=1.0, error=shown_error(e, job_id))


def shown_error(error: Exception, job_id: int) -> str:
    """What a user reads of a failed job: the reason of an error meant for users; for
    anything else (a database driver's message, a bug) a plain line, the rest in the log."""
    if isinstance(error, UserError | DomainError):
        return str(error) or type(error).__name__
    log.error("job %s failed", job_id, exc_info=error)
    return f"internal error: job {job_id} failed; the operators find the cause in the log"


P = ParamSpec("P")
T = TypeVar("T")


def plan_run(engine: Engine, user: User, *, start: date, horizon: int,
             job_id: int | None = None) -> dict[str, Any]:
    """Plan the database and store the run; the job's result names the run (from the moment
    the run is stored, so that a job that dies fails its run too).

    Runs on a Dask worker when ``settings.dask_scheduler`` is set (``compute_on_database``):
    the worker then writes the run to the same database itself, so it must reach it."""
    # Imported here so that the service starts even while the planner is unavailable;
    # the job then fails with the reason instead.
    from clearinghouse.services.planning.plan_runs import plan_database

    result = plan_database(engine, user, start=start, horizon=horizon, out=None,
                           job_id=job_id)
    # The plan's value and bound sum over every need, hidden ones included: the job
    # names the run only, and GET /plans/{id} shows what the user's nation may see.
    return {"run_id": result.run_id, "status": str(result.plan.status)}


def on_database(url: str, fn: Callable[Concatenate[Engine, P], T], /,
                *args: P.args, **kwargs: P.kwargs) -> T:
    """``fn(engine, *args, **kwargs)`` on an engine opened on ``url`` for the call (a Dask
    worker's side of :meth:`JobRunner.compute_on_database`)."""
    engine = make_engine(url)
    try:
        return fn(engine, *args, **kwargs)
    finally:
        engine.dispose()


def yield_to_requests(niceness: int) -> None:
    """Lower the scheduling priority of the calling job thread (and of the processes it
    starts, such as a local Monte Carlo cluster) by ``niceness``, so that long work yields the
    CPU to the threads answering requests. Linux gives every thread its own nice value;
    elsewhere this does nothing."""
    if niceness and hasattr(os, "setpriority"):
        me = threading.get_native_id()
        try:
            os.setpriority(os.PRIO_PROCESS, me, os.getpriority(os.PRIO_PROCESS, me) + niceness)
        except OSError:  # not permitted here: jobs run at the service's priority
            log.warning("job threads run at the service's priority (setpriority refused)")


class JobRunner:
    """A worker pool for jobs, with a heartbeat on the unfinished jobs it holds."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self._engine = engine
        self._settings = settings
        self._pool = ThreadPoolExecutor(max_workers=settings.job_workers,
                                        thread_name_prefix="clearinghouse-job",
                                        initializer=yield_to_requests,
                                        initargs=(settings.job_niceness,))
        self._cluster = (DaskCluster(settings.dask_scheduler)
                         if settings.dask_scheduler else None)
        self._held: set[int] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._beat = threading.Thread(target=self._beat_loop, name="clearinghouse-heartbeat",
                                      daemon=True)
        self._beat.start()

    def hold(self, job_id: int, work: Callable[[], None]) -> None:
        """Run ``work`` for the job on the pool, beating its heartbeat until it ends."""
        with self._lock:
            self._held.add(job_id)

        def run() -> None:
            try:
                work()
            finally:
                with self._lock:
                    self._held.discard(job_id)

        self._pool.submit(run)

    def _beat_loop(self) -> None:
        while not self._stop.wait(self._settings.job_heartbeat_s):
            with self._lock:
                held = sorted(self._held)
            if held:
                try:
                    with SqlUnitOfWork(self._engine, "system", writes=True) as uow:
                        uow.jobs.touch(held)
                        uow.commit()
                except Exception:  # a missed beat is retried at the next one
                    continue

    def submit(self, user: User, kind: str, params: dict[str, Any], work: Work) -> JobRow:
        """Store a queued job of ``kind`` for ``user`` and run ``work`` for it on the pool."""
        def store() -> JobRow:
            # Counted and stored in one transaction (read, then write: retried when SQLite
            # refuses the write because another job was stored meanwhile).
            with SqlUnitOfWork(self._engine, user.name, writes=True) as uow:
                self._refuse_beyond_limits(uow, user)
                stored = uow.jobs.add(kind, user.name, params)
                uow.commit()
            return stored

        job = retrying(store)
        self.hold(job.id, lambda: _run(self._engine, job.id, work))
        return job

    def _refuse_beyond_limits(self, uow: SqlUnitOfWork, user: User) -> None:
        """Refuse (429) a job beyond the user's or everyone's limit of unfinished jobs."""
        settings, retry = self._settings, self._settings.jobs_retry_after_s
        mine = uow.jobs.unfinished(actor=user.name)
        if mine >= settings.jobs_unfinished_per_user:
            raise TooManyRequests(
                f"you have {mine} jobs queued or running, the most one user may have: "
                f"wait for one to finish (try again in {retry} s)", retry_after=retry)
        if uow.jobs.unfinished() >= settings.jobs_unfinished_total:
            raise TooManyRequests(
                f"the service has {settings.jobs_unfinished_total} jobs queued or running, "
                f"the most it takes: try again in {retry} s", retry_after=retry)

    @property
    def on_cluster(self) -> bool:
        """Whether :meth:`compute` runs work on a Dask cluster (progress callbacks stay here)."""
        return self._cluster is not None

    def compute(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """``fn(*args, **kwargs)`` for a job's work: on the Dask cluster of
        ``settings.dask_scheduler`` when set (this thread waits for the result; one Client
        per runner, connected at the first call), here otherwise. ``fn`` is a module-level
        function and its arguments pickle; work that touches the database does so from the
        worker, with the same ``DATABASE_URL``. An unreachable scheduler raises UserError
        ("cannot reach the Dask scheduler …") after a connect timeout."""
        if self._cluster is None:
            return fn(*args, **kwargs)
        return self._cluster.run(fn, *args, **kwargs)

    def compute_on_database(self, fn: Callable[Concatenate[Engine, P], T], /,
                            *args: P.args, **kwargs: P.kwargs) -> T:
        """``fn(engine, *args, **kwargs)`` as :meth:`compute` does it: here on the service's
        engine; on a Dask worker on an engine the worker opens on the same database (never
        migrated there: the service migrated it when it started)."""
        if self._cluster is None:
            return fn(self._engine, *args, **kwargs)
        return self._cluster.run(on_database, self._settings.sqlalchemy_url, fn, *args,
                                 **kwargs)

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def engine(self) -> Engine:
        return self._engine

    def submit_plan(self, user: User, *, start: date, horizon: int) -> JobRow:
        """Queue a plan run of the database (coordinators only); the job's id tracks it."""
        if user.role is not Role.COORDINATOR:
            raise Forbidden(f"a {user.role} may not run plans")

        def work(job_id: int, progress: Callable[[float], None]) -> dict[str, Any]:
            progress(0.1)
            return self.compute_on_database(plan_run, user, start=start, horizon=horizon,
                                            job_id=job_id)

        return self.submit(user, "plan", {"start": start.isoformat(), "horizon": horizon},
                           work)

    def shutdown(self, wait: bool = False) -> None:
        """Stop the pool (``wait``: after the jobs it holds end), the heartbeat and the Dask
        Client (jobs still waiting on the cluster fail)."""
        self._pool.shutdown(wait=wait, cancel_futures=not wait)
        self._stop.set()
        if self._cluster is not None:
            self._cluster.close()


def view_of(params: dict[str, Any]) -> str | None:
    """The nation whose released records a stored run planned, from its parameters; None for
    a run on every record or on a bundle file, and for an older record that does not say."""
    view = params.get(VIEW)
    return view if isinstance(view, str) else None


def readable(job: JobRow, user: User) -> bool:
    """Whether ``user`` may read ``job``: their own, and — for a scenario run — planned on the
    records released to their nation (not a command-line run on every record stored under
    their name with ``--as``, nor one from before they changed nation, nor an older record
    that does not say). The database operator (the command line) reads every job."""
    if user.whole_view:
        return True
    return job.actor == user.name and (
        not job.kind.startswith(SCENARIO) or view_of(job.params) == user.nation)


def get_job(engine: Engine, settings: Settings, user: User, job_id: int) -> JobRow:
    """A job submitted by this user (another user's job answers like a missing one)."""
    return retrying(lambda: _get_job(engine, settings, user, job_id))


def _get_job(engine: Engine, settings: Settings, user: User, job_id: int) -> JobRow:
    with SqlUnitOfWork(engine, user.name) as uow:
        job = uow.jobs.get(job_id)
        if job is None or not readable(job, user):
            raise NotFound(f"job {job_id} does not exist")
        if job.status in UNFINISHED and _fail_silent(uow, settings, job_id):
            uow.commit()
            job = uow.jobs.get(job_id) or job
    return job


def list_jobs(engine: Engine, settings: Settings, user: User) -> list[JobRow]:
    """The jobs this user submitted, newest first (abandoned ones read as failed)."""
    with SqlUnitOfWork(engine, user.name) as uow:
        ids = [j.id for j in uow.jobs.list(actor=user.name) if readable(j, user)]
    return [get_job(engine, settings, user, i) for i in ids]
