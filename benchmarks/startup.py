"""CLI start-up benchmark: what a ``clearinghouse`` call costs before and around its work.

Run: ``.venv/bin/python benchmarks/startup.py [--repeat 7] [--size S]``. Side by side in one
run, each in a fresh interpreter, rounds interleaved so that a busy machine slows all alike:

- ``python -c "import typer, rich"`` — the floor any Typer + Rich command pays;
- ``clearinghouse --help`` and ``clearinghouse plan --help``, next to a two-command Typer app's
  ``sub --help`` (what Typer itself adds to build a command's parameters: it imports pydantic);
- ``clearinghouse plan BUNDLE --out OUT`` on the planner benchmark's bundle (S: 10,000 offers
  × 5,000 needs, written once as CSV), against the same work timed inside one interpreter:
  the engine alone (``planning.engine.plan`` on the bundle in memory, as
  ``benchmarks/plan.py`` times it) and the whole use case (read the CSV, plan, write).

Median wall seconds are printed with the ratios; the load average is printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from plan import SIZES, START, generate  # the planner benchmark's generator

#: The smallest Typer app with a subcommand: its ``sub --help`` is Typer's own cost.
BARE_APP = """
import typer
app = typer.Typer(add_completion=False)
@app.command()
def sub(out: str = "x", horizon: int = 12) -> None:
    'A subcommand.'
@app.command()
def other() -> None:
    'Another.'
app()
"""


def _clearinghouse() -> list[str]:
    """The console script beside this interpreter, else the same entry point through -c."""
    script = Path(sys.executable).parent / "clearinghouse"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from clearinghouse.cli import main; "
            "sys.argv[0] = 'clearinghouse'; main()"]


def _wall(cmd: list[str]) -> float:
    """Seconds ``cmd`` takes to run (output discarded); fail loudly if it fails."""
    began = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    took = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    return took


def _measure_in_process(bundle_dir: str, out: str) -> None:
    """In this interpreter (imports done first, untimed): the engine on the bundle in memory,
    then the whole use case ``plan_bundle_file`` (read, plan, write); prints JSON."""
    from clearinghouse.planning.engine import plan
    from clearinghouse.planning.settings import PlanSettings
    from clearinghouse.services.exchange.files import load_bundle_file
    from clearinghouse.services.planning.plan_runs import plan_bundle_file

    bundle = load_bundle_file(Path(bundle_dir))
    began = time.perf_counter()
    plan(bundle, PlanSettings(START))
    engine = time.perf_counter() - began
    began = time.perf_counter()
    plan_bundle_file(Path(bundle_dir), out=Path(out), start=START, horizon=12)
    use_case = time.perf_counter() - began
    print(json.dumps({"engine": engine, "use_case": use_case}))


def _in_process(bundle_dir: Path, out: Path) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--in-process", str(bundle_dir), str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"in-process run failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs of each; medians shown")
    parser.add_argument("--size", choices=sorted(SIZES), default="S")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--in-process", nargs=2, metavar=("BUNDLE", "OUT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.in_process:
        _measure_in_process(*args.in_process)
        return

    from clearinghouse.adapters.exchange import write_bundle

    cli = _clearinghouse()
    work = Path(tempfile.mkdtemp(prefix="startup-"))
    try:
        write_bundle(generate(*SIZES[args.size], seed=args.seed), work / "bundle")
        commands = {
            'python -c "import typer, rich"': [sys.executable, "-c", "import typer, rich"],
            "a bare Typer app: sub --help": [sys.executable, "-c", BARE_APP, "sub", "--help"],
            "clearinghouse --help": [*cli, "--help"],
            "clearinghouse plan --help": [*cli, "plan", "--help"],
        }
        plan_cmd = [*cli, "plan", str(work / "bundle"), "--out", str(work / "out"),
                    "--start", START.strftime("%Y-%m")]
        times: dict[str, list[float]] = {name: [] for name in commands}
        plans: list[float] = []
        engine: list[float] = []
        use_case: list[float] = []
        for _ in range(args.repeat):
            for name, cmd in commands.items():
                times[name].append(_wall(cmd))
        for _ in range(max(1, args.repeat // 2)):
            plans.append(_wall(plan_cmd))
            inside = _in_process(work / "bundle", work / "out-in")
            engine.append(inside["engine"])
            use_case.append(inside["use_case"])
    finally:
        shutil.rmtree(work, ignore_errors=True)

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average before the summary: {load}; medians of {args.repeat} "
          f"(plan: {len(plans)}) runs")
    floor = statistics.median(times['python -c "import typer, rich"'])
    for name, walls in times.items():
        median = statistics.median(walls)
        print(f"{name:34} {median:6.3f} s  {median / floor:5.1f}× the import floor "
              f"(min {min(walls):.3f} s)")
    cli_plan = statistics.median(plans)
    in_engine = statistics.median(engine)
    in_use_case = statistics.median(use_case)
    print(f"{'clearinghouse plan ' + args.size + ' (end to end)':34} {cli_plan:6.3f} s")
    print(f"{'  in process: read, plan, write':34} {in_use_case:6.3f} s  "
          f"(CLI {cli_plan / in_use_case:.2f}× it)")
    print(f"{'  in process: engine alone':34} {in_engine:6.3f} s  "
          f"(CLI {cli_plan / in_engine:.2f}× it)")


if __name__ == "__main__":
    main()
