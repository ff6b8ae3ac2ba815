"""Page timings: the dashboard, the lists and the plan review as a coordinator and a donor
liaison see them, on the demo and on 100,000 offers, side by side with the API's JSON of
the same list (the page's own cost is the ratio).

Run: ``.venv/bin/python benchmarks/pages.py [--sizes demo L] [--repeat 5] [--postgres]
[--keep DIR]``.
Each size gets a fresh database (a SQLite file, or a throwaway PostgreSQL database), its
records imported, one plan run stored and approved; then each page is fetched ``repeat``
times in process (FastAPI's TestClient, no network) and the median wall and CPU seconds
are printed (the ratio: the page's CPU over the API's for the same list).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.api.app import create_app
from clearinghouse.config import Settings
from clearinghouse.demo.generate import generate as demo
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.nations import NationRole
from clearinghouse.services.exchange.imports import import_records
from clearinghouse.services.planning.approval import approve_run
from clearinghouse.services.planning.plan_runs import plan_database
from clearinghouse.services.records.users import create_user, operator
from import_bundle import throwaway_postgres
from plan import SIZES, START, generate  # the planner benchmark's generator

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
    with throwaway_postgres() as url:
        yield url


def log_in(client: TestClient, name: str) -> None:
    found = CSRF.search(client.get("/ui/login").text)
    assert found is not None, "the login page has no form token"
    answer = client.post("/ui/login", data={"csrf": found.group(1), "username": name,
                                            "password": PASSWORD, "next": "/ui/"},
                         follow_redirects=False)
    assert answer.status_code == 303, answer.text


def median_s(client: TestClient, path: str, repeat: int,
             **headers: str) -> tuple[float, float]:
    """Median wall and CPU seconds of ``repeat`` GETs (CPU: this process, all threads; the
    steadier figure on a shared machine)."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        answer = client.get(path, headers=headers)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        assert answer.status_code == 200, f"{path}: {answer.status_code} {answer.text[:200]}"
    return statistics.median(walls), statistics.median(cpus)


def load(app: FastAPI, bundle: Bundle) -> int:
    """Import the bundle, plan it, approve the run, add the two users; the run's id."""
    engine = app.state.engine
    import_records(engine, operator("benchmark"), bundle)
    run = plan_database(engine, operator("benchmark"), start=START, horizon=12, out=None)
    assert run.run_id is not None
    approve_run(engine, operator("benchmark"), run.run_id)
    donor = next(n.code for n in bundle.nations if n.role is NationRole.DONOR)
    create_user(engine, "coord", PASSWORD, "UKR", "coordinator")
    create_user(engine, "donor", PASSWORD, donor, "donor-liaison")
    return run.run_id


def measure(size: str, url: str, repeat: int, loaded: bool) -> None:
    bundle = bundle_of(size)
    app = create_app(Settings(database_url=url, environment="test"))
    engine = app.state.engine
    began = time.perf_counter()
    run_id = 1 if loaded else load(app, bundle)
    print(f"\n{size}: {len(bundle.offers):,} offers, {len(bundle.needs):,} needs; "
          f"{'reused' if loaded else 'imported, planned and approved'} in "
          f"{time.perf_counter() - began:.0f} s (run {run_id})", flush=True)
    pages = [("dashboard", "/ui/", None),
             ("needs list", "/ui/needs", "/needs?limit=50"),
             ("offers list", "/ui/offers", "/offers?limit=50"),
             ("offers search q=IT", "/ui/offers?q=IT-1", "/offers?q=IT-1&limit=50"),
             ("plan review", f"/ui/plans/{run_id}", None),
             ("shipments", "/ui/shipments", None)]
    print(f"  {'page':<22}{'user':<7}{'wall s':>8}{'CPU s':>8}{'API CPU s':>11}{'ratio':>7}")
    try:
        for user in ("coord", "donor"):
            client = TestClient(app, base_url="http://testserver")
            log_in(client, user)
            token = client.post("/auth/token", data={"username": user,
                                                     "password": PASSWORD}).json()
            bearer = {"Authorization": f"Bearer {token['access_token']}"}
            for label, page, api in pages:
                wall, cpu = median_s(client, page, repeat)
                line = f"  {label:<22}{user:<7}{wall:8.3f}{cpu:8.3f}"
                if api is not None:
                    api_cpu = median_s(client, api, repeat, **bearer)[1]
                    line += f"{api_cpu:11.3f}{cpu / max(api_cpu, 1e-3):7.1f}"
                print(line, flush=True)
    finally:
        app.state.jobs.shutdown(wait=True)
        engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="+", default=["demo", "L"],
                    choices=["demo", *sorted(SIZES)])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    ap.add_argument("--keep", type=Path, help="keep each size's SQLite file in this folder "
                    "and reuse it when there (skips the minutes of loading 100,000 offers)")
    args = ap.parse_args()
    print(f"page timings, median of {args.repeat}, "
          f"{'PostgreSQL' if args.postgres else 'SQLite'}; start {date.isoformat(START)}")
    for size in args.sizes:
        if args.keep is not None and not args.postgres:
            args.keep.mkdir(parents=True, exist_ok=True)
            kept = args.keep / f"pages-{size}.db"
            measure(size, f"sqlite:///{kept}", args.repeat, loaded=kept.exists())
            continue
        with tempfile.TemporaryDirectory() as folder, database(args.postgres,
                                                               Path(folder)) as url:
            measure(size, url, args.repeat, loaded=False)


if __name__ == "__main__":
    main()
