"""Settings: the one place that reads the environment."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DB_FILE = Path("clearinghouse.db")


class Settings(BaseSettings):
    """Configuration from ``CLEARINGHOUSE_*`` variables (and ``DATABASE_URL``)."""

    model_config = SettingsConfigDict(env_prefix="CLEARINGHOUSE_", extra="ignore")

    environment: str = Field(default="development",
                             description="development, test or production")
    database_url: str = Field(default=f"sqlite:///{DEFAULT_DB_FILE}",
                              validation_alias="DATABASE_URL",
                              description="SQLAlchemy URL; a SQLite file by default")
    solver_time_limit_s: float = Field(default=300.0, gt=0)
    solver_mip_rel_gap: float = Field(default=1e-4, ge=0, lt=1)
    solver_threads: int = Field(default=0, ge=0, description="0: let HiGHS decide")
    token_ttl_s: float = Field(default=8 * 3600.0, gt=0,
                               description="lifetime of an API bearer token, seconds")
    job_workers: int = Field(default=2, ge=1, description="threads running API jobs")
    job_niceness: int = Field(default=10, ge=0, le=19, description=(
        "how much lower than requests the job threads are scheduled (Linux nice, 0-19): "
        "long work yields the CPU to interactive requests"))
    job_heartbeat_s: float = Field(default=10.0, gt=0, description=(
        "how often a worker marks its jobs alive; silent for 3 beats: failed"))
    jobs_unfinished_per_user: int = Field(default=4, ge=1, description=(
        "queued or running jobs one user may have; beyond: 429 with Retry-After"))
    jobs_unfinished_total: int = Field(default=32, ge=1, description=(
        "queued or running jobs of all users together; beyond: 429 with Retry-After"))
    jobs_retry_after_s: int = Field(default=30, ge=1, description=(
        "the Retry-After of a job refused for these limits, seconds"))
    login_failures_per_user: int = Field(default=5, ge=1, description=(
        "failed logins for one user name within login_window_s before it is locked out"))
    login_failures_per_address: int = Field(default=30, ge=1, description=(
        "failed logins from one client address within login_window_s before it is locked out"))
    login_window_s: float = Field(default=900.0, gt=0, description=(
        "the window failed logins are counted in, seconds (a lockout ends as it moves on)"))
    upload_max_bytes: int = Field(default=200 * 2**20, ge=1, description=(
        "the largest bundle upload, bytes as sent (compressed)"))
    upload_max_inflated_bytes: int = Field(default=512 * 2**20, ge=1, description=(
        "the most bytes an uploaded zip or .xlsx may inflate to (zip bombs stop here)"))
    upload_max_entries: int = Field(default=64, ge=1, description=(
        "the most entries (files) an uploaded zip or .xlsx may hold"))
    dask_scheduler: str | None = Field(default=None, description=(
        "tcp://HOST:PORT of a Dask scheduler computing plan, scenario and training jobs "
        "(Monte Carlo fans out on it); none: jobs on local threads, Monte Carlo on a local "
        "cluster"))

    @model_validator(mode="after")
    def _refuse_unsafe_defaults(self) -> Settings:
        if self.environment == "production" and self.database_url.startswith("sqlite"):
            raise ValueError("production needs DATABASE_URL pointing at PostgreSQL")
        return self

    @property
    def sqlalchemy_url(self) -> str:
        """The URL with PostgreSQL mapped to the psycopg 3 driver."""
        url = self.database_url
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix):]
        return url


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
