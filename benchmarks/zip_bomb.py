"""A zip bomb at the real limits: a zip of 1 GiB of zeros as ``needs.csv`` posted to
``/bundles/import`` on a fresh SQLite database; prints the answer, its time and peak memory.

    .venv/bin/python benchmarks/zip_bomb.py [--gib 1]
"""

from __future__ import annotations

import argparse
import io
import resource
import tempfile
import time
import zipfile
from pathlib import Path

from fastapi.testclient import TestClient

from clearinghouse.api.app import create_app
from clearinghouse.config import Settings
from clearinghouse.services.records.users import create_user


def bomb(size: int) -> bytes:
    buffer = io.BytesIO()
    with (zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
          archive.open("needs.csv", "w", force_zip64=True) as entry):
        block = bytes(2**24)
        for _ in range(size // len(block)):
            entry.write(block)
    return buffer.getvalue()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gib", type=float, default=1.0)
    args = parser.parse_args()
    data = bomb(int(args.gib * 2**30))
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(database_url=f"sqlite:///{Path(tmp) / 'bomb.db'}",
                            environment="test")
        app = create_app(settings)
        create_user(app.state.engine, "coordinator", "a long password", "POL", "coordinator")
        client = TestClient(app)
        token = client.post("/auth/token", data={"username": "coordinator",
                                                  "password": "a long password"}).json()
        who = {"Authorization": f"Bearer {token['access_token']}"}
        before = peak_mb()
        started = time.perf_counter()
        answer = client.post("/bundles/import", headers=who,
                             files={"file": ("bomb.zip", data, "application/zip")})
        seconds = time.perf_counter() - started
        print(f"zip of {len(data) / 2**20:.2f} MiB inflating to {args.gib:g} GiB: "
              f"{answer.status_code} in {seconds:.3f} s; peak memory {peak_mb():.0f} MB "
              f"(before the request {before:.0f} MB)")
        print(answer.json()["detail"])
        app.state.jobs.shutdown(wait=True)
        app.state.engine.dispose()


if __name__ == "__main__":
    main()
