"""The FastAPI application: ``create_app(settings)``."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from clearinghouse.api import (
    audit,
    auth,
    bundles,
    burden,
    decisions,
    errors,
    jobs,
    procurement,
    reports,
    resources,
    scenarios,
    shipments,
    training_jobs,
)
from clearinghouse.api.error_docs import install_error_docs
from clearinghouse.api.one_reading import OneReadingPerGet
from clearinghouse.api.responses import FiniteJSONResponse
from clearinghouse.api.security_headers import SecurityHeaders, add_docs_pages
from clearinghouse.config import Settings, get_settings
from clearinghouse.services.records.throttle import Limit, shared_throttle
from clearinghouse.services.records.users import prepare_login
from clearinghouse.services.runtime.database import ready_engine
from clearinghouse.services.runtime.jobs import JobRunner, fail_interrupted
from clearinghouse.web import mount_web


def create_app(settings: Settings) -> FastAPI:
    """The API on the configured database (migrated to the latest schema first)."""
    engine = ready_engine(settings)
    # Jobs whose worker stopped beating (the last run of this service) end as failed.
    fail_interrupted(engine, settings)
    jobs_runner = JobRunner(engine, settings)
    prepare_login()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        jobs_runner.shutdown()
        engine.dispose()

    app = FastAPI(title="Clearing House", version="0.1.0", lifespan=lifespan,
                  docs_url=None, redoc_url=None, default_response_class=FiniteJSONResponse,
                  description="Needs, offers, plans and reports of a clearing house; every "
                              "read is filtered by releasability to the user's nation.")
    app.state.settings = settings
    app.state.engine = engine
    app.state.jobs = jobs_runner
    app.state.login_throttle = shared_throttle(
        engine, Limit(settings.login_failures_per_user, settings.login_window_s),
        Limit(settings.login_failures_per_address, settings.login_window_s))
    errors.install(app)
    install_error_docs(app)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(OneReadingPerGet)
    add_docs_pages(app)
    app.include_router(auth.router)
    app.include_router(audit.router)
    app.include_router(jobs.router)
    app.include_router(bundles.router)
    app.include_router(reports.router)
    app.include_router(procurement.router)
    app.include_router(burden.router)
    app.include_router(decisions.router)
    app.include_router(scenarios.router)
    app.include_router(training_jobs.router)
    app.include_router(shipments.router)
    for router in resources.routers():
        app.include_router(router)
    mount_web(app, settings)
    return app


def app_from_environment() -> FastAPI:
    """The app on the settings of the environment (``uvicorn --factory`` with workers)."""
    return create_app(get_settings())
