"""Import benchmark: 100,000 offers (and 50,000 needs) into SQLite and PostgreSQL.

Run: ``.venv/bin/python benchmarks/import_bundle.py [--offers 100000] [--no-postgres]``.
Times three imports per database: the first (every record created and audited), the same
bundle again (nothing changes), and one with a tenth of the offers changed.
PostgreSQL runs in a throwaway database (``ch_bench_<random>``) dropped afterwards.
"""

from __future__ import annotations

import argparse
import secrets
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from clearinghouse.adapters.db.engine import make_engine
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.catalogue import Item
from clearinghouse.domain.nations import Nation, NationRole
from clearinghouse.domain.needs import Need
from clearinghouse.domain.offers import Offer
from clearinghouse.services.exchange.bundles import ImportReport, import_bundle
from clearinghouse.services.runtime.database import init_database
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

POSTGRES_SERVER = "postgresql+psycopg://root@127.0.0.1:5432/test"
START = date(2027, 1, 1)
DONORS = ["POL", "USA", "DEU", "GBR", "FRA", "NLD", "NOR", "SWE", "DNK", "CAN"]


def make_bundle(offers: int) -> Bundle:
    """``offers`` offers of 20 items from 10 donors, and half as many needs."""
    nations = [Nation(code, code, True, True, NationRole.DONOR) for code in DONORS]
    nations.append(Nation("UKR", "Ukraine", False, False, NationRole.RECIPIENT))
    items = [Item(f"IT-{i:02d}", f"item {i}", f"cap-{i % 5}", f"CL-{i:02d}", "unit",
                  float(1 + i), i % 3 != 0) for i in range(20)]
    return Bundle(
        nations=nations, items=items,
        needs=[Need(f"N-{n:06d}", items[n % 20].class_code, 10 + n % 900, 1 + n % 5,
                    START + timedelta(days=n % 400), "UKR") for n in range(offers // 2)],
        offers=[Offer(f"O-{n:06d}", DONORS[n % 10], items[n % 20].code, 1 + n % 500,
                      START + timedelta(days=n % 365), DONORS[n % 10],
                      value_eur=float(n % 10_000), releasability=("ALL",))
                for n in range(offers)],
    )


def timed(label: str, action: Callable[[], ImportReport]) -> None:
    began = time.perf_counter()
    report = action()
    seconds = time.perf_counter() - began
    print(f"  {label:<34} {seconds:7.2f} s   created {report.created:>7,}  "
          f"updated {report.updated:>7,}  unchanged {report.unchanged:>7,}", flush=True)


def run(url: str, bundle: Bundle) -> None:
    init_database(url)
    engine = make_engine(url)

    def load(b: Bundle) -> Callable[[], ImportReport]:
        def go() -> ImportReport:
            with SqlUnitOfWork(engine, "benchmark") as uow:
                return import_bundle(uow, b)
        return go

    changed = replace(bundle, offers=[replace(o, quantity=o.quantity + 1) if i % 10 == 0 else o
                                      for i, o in enumerate(bundle.offers)])
    try:
        timed("first import (all created)", load(bundle))
        timed("same bundle again (no change)", load(bundle))
        timed("a tenth of the offers changed", load(changed))
    finally:
        engine.dispose()


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    admin = create_engine(POSTGRES_SERVER, isolation_level="AUTOCOMMIT")
    name = f"ch_bench_{secrets.token_hex(4)}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(POSTGRES_SERVER).set(database=name).render_as_string(False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    bundle = make_bundle(args.offers)
    print(f"bundle: {len(bundle.offers):,} offers, {len(bundle.needs):,} needs")
    with tempfile.TemporaryDirectory() as folder:
        print("SQLite (file)")
        run(f"sqlite:///{Path(folder) / 'bench.db'}", bundle)
    if not args.no_postgres:
        with throwaway_postgres() as url:
            print("PostgreSQL (psycopg 3)")
            run(url, bundle)


if __name__ == "__main__":
    main()
