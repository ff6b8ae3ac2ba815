"""Page timings: the dashboard, the lists and the plan review as a coordinator and a donor
liaison see them, on the demo and on 100,000 offers, side by side with the API's JSON of
the same list (the page's own cost is the ratio).

Run: ``.venv/bin/python benchmarks/pages.py [--sizes demo L] [--repeat 5] [--postgres]``.
Each size gets a fresh database (a SQLite file, or a throwaway PostgreSQL database), its
records imported, one plan run stored and approved; then each page is fetched ``repeat``
times in process (FastAPI's TestClient, no network) and the median is printed.
"""

from __future__ import annotations

import argparse
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from clearinghouse.api.app import create_app
from clearinghouse.config import Settings
from clearinghouse.demo.generate import generate as demo
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.nations import NationRole
from clearinghouse.services.exchange.imports import import_records
from clearinghouse.services.planning.approval import approve_run
from clearinghouse.services.planning.plan_runs import plan_database
from clearinghouse.services.records.users import create_user, operator
from plan import SIZES, START, generate  # the planner benchmark's generator

POSTGRES_SERVER = "postgresql+psycopg://root@127.0.0.1:5432/test"
PASSWORD = "benchmark password"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def bundle_of(size: str) -> Bundle:
    return demo(START) if size == "demo" else generate(*SIZES[size], seed=7)


@contextmanager
def database(postgres: bool, folder: Path) -> Iterator[str]:
    """A fresh database URL: a SQLite file, or a throwaway PostgreSQL database."""
    if not postgres:
        yield f"sqlite:///{folder / 'pages.db'}"
        return
    admin = create_engine(POSTGRES_SERVER, isolation_level="AUTOCOMMIT")
    name = f"ch_bench_{secrets.token_hex(6)}"
    with admin.connect() as c:
        c.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(POSTGRES_SERVER).set(database=name).render_as_string(False)
    finally:
        with admin.connect() as c:
            c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def log_in(client: TestClient, name: str) -> None:
    found = CSRF.search(client.get("/ui/login").text)
    assert found is not None, "the login page has no form token"
    answer = client.post("/ui/login", data={"csrf": found.group(1), "username": name,
                                            "password": PASSWORD, "next": "/ui/"},
                         follow_redirects=False)
    assert answer.status_code == 303, answer.text


def median_s(client: TestClient, path: str, repeat: int, **headers: str) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        answer = client.get(path, headers=headers)
        times.append(time.perf_counter() - began)
        assert answer.status_code == 200, f"{path}: {answer.status_code} {answer.text[:200]}"
    return statistics.median(times)


def measure(size: str, url: str, repeat: int) -> None:
    bundle = bundle_of(size)
    settings = Settings(database_url=url, environment="test")
    app = create_app(settings)
    engine = app.state.engine
    began = time.perf_counter()
    import_records(engine, operator("benchmark"), bundle)
    run = plan_database(engine, operator("benchmark"), start=START, horizon=12, out=None)
    assert run.run_id is not None
    approve_run(engine, operator("benchmark"), run.run_id)
    donor = next(n.code for n in bundle.nations if n.role is NationRole.DONOR)
    create_user(engine, "coord", PASSWORD, "UKR", "coordinator")
    create_user(engine, "donor", PASSWORD, donor, "donor-liaison")
    print(f"\n{size}: {len(bundle.offers):,} offers, {len(bundle.needs):,} needs; "
          f"imported, planned and approved in {time.perf_counter() - began:.0f} s "
          f"(run {run.run_id})", flush=True)
    pages = [("dashboard", "/ui/", None),
             ("needs list", "/ui/needs", "/needs?limit=50"),
             ("offers list", "/ui/offers", "/offers?limit=50"),
             ("offers search q=IT", "/ui/offers?q=IT-1", "/offers?q=IT-1&limit=50"),
             ("plan review", f"/ui/plans/{run.run_id}", None),
             ("shipments", "/ui/shipments", None)]
    print(f"  {'page':<22}{'user':<8}{'page s':>9}{'API s':>9}{'ratio':>8}")
    try:
        for user in ("coord", "donor"):
            client = TestClient(app, base_url="http://testserver")
            log_in(client, user)
            token = client.post("/auth/token", data={"username": user,
                                                     "password": PASSWORD}).json()
            bearer = {"Authorization": f"Bearer {token['access_token']}"}
            for label, page, api in pages:
                page_s = median_s(client, page, repeat)
                if api is None:
                    print(f"  {label:<22}{user:<8}{page_s:9.3f}{'':>9}{'':>8}", flush=True)
                    continue
                api_s = median_s(client, api, repeat, **bearer)
                print(f"  {label:<22}{user:<8}{page_s:9.3f}{api_s:9.3f}"
                      f"{page_s / api_s:8.1f}", flush=True)
    finally:
        app.state.jobs.shutdown(wait=True)
        engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="+", default=["demo", "L"],
                    choices=["demo", *sorted(SIZES)])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    args = ap.parse_args()
    print(f"page timings, median of {args.repeat}, "
          f"{'PostgreSQL' if args.postgres else 'SQLite'}; start {date.isoformat(START)}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder, database(args.postgres,
                                                               Path(folder)) as url:
            measure(size, url, args.repeat)


if __name__ == "__main__":
    main()
