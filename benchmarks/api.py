"""API load benchmark: list, detail and write requests on loopback against uvicorn with two
worker processes on PostgreSQL (or SQLite), bounded in count and time.

Run: ``.venv/bin/python benchmarks/api.py [--requests 400] [--clients 8] [--sqlite]``.
Loads the demo clearing house (~2,400 offers), logs in a USA donor liaison, and reports
requests/s and p50/p99 latency per kind. PostgreSQL runs in a throwaway database.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import httpx
from sqlalchemy import create_engine

from clearinghouse.config import Settings
from clearinghouse.demo.generate import generate
from clearinghouse.services.exchange.imports import import_records
from clearinghouse.services.records.users import create_user, operator
from clearinghouse.services.runtime.database import ready_engine

POSTGRES_SERVER = "postgresql+psycopg://root@127.0.0.1:5432/test"
PORT = 8765 + os.getpid() % 500
PASSWORD = "benchmark password"
MAX_PHASE_S = 30.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run_phase(name: str, count: int, clients: int,
              request: Callable[[httpx.Client, int], int]) -> None:
    """``count`` requests from ``clients`` threads (stopping after MAX_PHASE_S)."""
    deadline = time.perf_counter() + MAX_PHASE_S
    latencies: list[float] = []
    statuses: dict[int, int] = {}

    def worker(k: int) -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{PORT}", timeout=30) as client:
            for i in range(k, count, clients):
                if time.perf_counter() > deadline:
                    return
                began = time.perf_counter()
                status = request(client, i)
                latencies.append(time.perf_counter() - began)
                statuses[status] = statuses.get(status, 0) + 1

    began = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(worker, range(clients)))
    elapsed = time.perf_counter() - began
    print(f"{name:<8} {len(latencies):>6} requests  {len(latencies) / elapsed:>8.1f} req/s  "
          f"p50 {statistics.median(latencies) * 1000:>7.1f} ms  "
          f"p99 {percentile(latencies, 0.99) * 1000:>7.1f} ms  statuses {statuses}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--sqlite", action="store_true")
    args = parser.parse_args()

    admin = None if args.sqlite else create_engine(POSTGRES_SERVER, isolation_level="AUTOCOMMIT")
    name = f"ch_bench_{secrets.token_hex(6)}"
    tmp = tempfile.TemporaryDirectory()
    if admin is None:
        url = f"sqlite:///{Path(tmp.name) / 'bench.db'}"
    else:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        url = POSTGRES_SERVER.rsplit("/", 1)[0] + f"/{name}"
    server = None
    try:
        settings = Settings(database_url=url)
        bundle = generate(date(2027, 1, 1))
        engine = ready_engine(settings)
        import_records(engine, operator("benchmark"), bundle)
        create_user(engine, "usa", PASSWORD, "USA", "donor-liaison")
        engine.dispose()
        own = [o.ref for o in bundle.offers if o.donor == "USA"]
        env = {**os.environ, "DATABASE_URL": url}
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "clearinghouse.api.app:app_from_environment",
             "--factory", "--workers", "2", "--port", str(PORT), "--log-level", "warning"],
            env=env)
        base = f"http://127.0.0.1:{PORT}"
        for _ in range(300):
            try:
                if httpx.get(f"{base}/openapi.json").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        token = httpx.post(f"{base}/auth/token",
                           data={"username": "usa", "password": PASSWORD}).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        print(f"{'sqlite' if args.sqlite else 'postgresql'}, 2 uvicorn workers, "
              f"{args.clients} clients, {len(bundle.offers)} offers")

        def listing(client: httpx.Client, i: int) -> int:
            return client.get("/offers", params={"limit": 50, "offset": (i * 50) % 2000},
                              headers=auth).status_code

        def detail(client: httpx.Client, i: int) -> int:
            return client.get(f"/offers/{own[i % len(own)]}", headers=auth).status_code

        def write(client: httpx.Client, i: int) -> int:
            ref = own[i % len(own)]
            version = client.get(f"/offers/{ref}", headers=auth).headers["ETag"]
            return client.patch(f"/offers/{ref}", json={"quantity": 1 + i},
                                headers={**auth, "If-Match": version}).status_code

        run_phase("list", args.requests, args.clients, listing)
        run_phase("detail", args.requests, args.clients, detail)
        run_phase("write", args.requests, args.clients, write)
        print("write latency includes the GET that reads the ETag")
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)
        if admin is not None:
            with admin.connect() as connection:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.dispose()
        tmp.cleanup()


if __name__ == "__main__":
    main()
