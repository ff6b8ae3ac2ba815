"""The briefing's scenario section: the latest stored drop-out or hub-change run (fill rates
before and after), Monte Carlo run (percentile ranges of fill per priority) and dependency
run (HHI and top share per capability), each read from its job record.

A run's figures count the records it planned, which its record names (its view, see
``services.scenarios.view_of``). Read as a nation, the briefing shows only the runs planned
on the records released to that nation (submitted by its coordinators through the API or the
web UI), never a run on the whole database nor on another nation's records. The operator's
briefing shows the latest run of each kind whatever it planned, each labelled with it."""

from __future__ import annotations

from typing import Any

from clearinghouse.adapters.db.jobs import JobRow
from clearinghouse.config import Settings
from clearinghouse.services.reporting import charts
from clearinghouse.services.reporting.briefing_sections import Section
from clearinghouse.services.runtime.database import ready_engine
from clearinghouse.services.runtime.jobs import VIEW, view_of
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from clearinghouse.services.scenarios.runs import KIND, planned_on

#: Which stored runs feed which part of the section, and how to make one when none exists.
CHANGE_KINDS = (KIND + "dropout", KIND + "hub")
MONTECARLO_KIND = KIND + "montecarlo"
DEPENDENCY_KIND = KIND + "dependency"
NO_CHANGE = ("No drop-out or hub-change scenario has been run yet; run one with "
             "`clearinghouse scenario dropout --donor CODE` or "
             "`clearinghouse scenario hub --close HUB`.")
NO_MONTECARLO = ("No Monte Carlo scenario has been run yet; run one with "
                 "`clearinghouse scenario montecarlo --runs 100`.")
NO_DEPENDENCY = ("No dependency scenario has been run yet; run one with "
                 "`clearinghouse scenario dependency`.")
#: The same for a briefing read as ``{nation}``, which shows only runs on its released records.
CLI_LEFT_OUT = (" Runs of `clearinghouse scenario` plan every record and are shown only without "
                "--nation.")
NO_CHANGE_ON_VIEW = (
    "No drop-out or hub-change scenario has been run on the records released to {nation} yet; "
    "run one as a coordinator of {nation} through the API (`POST /scenarios/dropout` or "
    "`POST /scenarios/hub`) or the web page `/ui/scenarios`." + CLI_LEFT_OUT)
NO_MONTECARLO_ON_VIEW = (
    "No Monte Carlo scenario has been run on the records released to {nation} yet; run one as "
    "a coordinator of {nation} through the API (`POST /scenarios/montecarlo`)." + CLI_LEFT_OUT)
NO_DEPENDENCY_ON_VIEW = (
    "No dependency scenario has been run on the records released to {nation} yet; run one as "
    "a coordinator of {nation} through the API (`POST /scenarios/dependency`) or the web page "
    "`/ui/scenarios`." + CLI_LEFT_OUT)
TOP_LOSSES = 10
#: The scenario figures written as CSV: name → header. ``view`` is the nation whose released
#: records the run planned, empty for the whole database (or a bundle file).
SCENARIO_FIGURES = {
    "scenario_change": ["run", "view", "kind", "by", "key", "requested", "fill_before",
                        "fill_after"],
    "scenario_montecarlo": ["run", "view", "figure", "mean", "p5", "p50", "p95"],
    "scenario_dependency": ["run", "view", "capability", "units", "top_donor", "top_share",
                            "hhi", "donors"],
}


def latest_runs(settings: Settings, nation: str | None = None) -> dict[str, JobRow]:
    """The newest finished scenario run of each kind (job kind → record): whatever it planned,
    or with ``nation`` only among the runs planned on the records released to it."""
    engine = ready_engine(settings)
    try:
        with SqlUnitOfWork(engine, "report") as uow:
            jobs = uow.jobs.list()
    finally:
        engine.dispose()
    latest: dict[str, JobRow] = {}
    for job in jobs:  # newest first
        if (job.kind.startswith(KIND) and job.status == "done" and job.result is not None
                and (nation is None or view_of(job.params) == nation)):
            latest.setdefault(job.kind, job)
    return latest


def scenario_sections(settings: Settings, nation: str | None = None) -> list[Section]:
    """Charts and figures of the latest stored scenario runs, or how to run one: a section
    for drop-outs and hub changes, one for Monte Carlo futures, one for dependency.

    Without ``nation`` (the operator) the latest run of each kind, each labelled with what it
    planned; with one, only runs planned on the records released to that nation."""
    runs = latest_runs(settings, nation)
    changes = [runs[k] for k in CHANGE_KINDS if k in runs]
    none_yet = ((NO_CHANGE, NO_MONTECARLO, NO_DEPENDENCY) if nation is None else
                tuple(m.format(nation=nation) for m in (
                    NO_CHANGE_ON_VIEW, NO_MONTECARLO_ON_VIEW, NO_DEPENDENCY_ON_VIEW)))
    parts = (
        ("Scenario: drop-out or hub change", "scenario_change",
         max(changes, key=lambda j: j.id) if changes else None, _change, none_yet[0]),
        ("Scenario: Monte Carlo futures", "scenario_montecarlo",
         runs.get(MONTECARLO_KIND), _montecarlo, none_yet[1]),
        ("Scenario: dependency on donors", "scenario_dependency",
         runs.get(DEPENDENCY_KIND), _dependency, none_yet[2]),
    )
    sections = []
    for title, name, job, draw, missing in parts:
        header = list(SCENARIO_FIGURES[name])
        section = Section(title, csv={name: (header, [])})
        sections.append(section)
        if job is None:
            section.plan = "no scenario run yet"
            section.notes.append(missing)
            continue
        section.plan = f"scenario run {job.id} ({job.kind.removeprefix(KIND)})"
        section.view = planned_on(job.params)
        try:
            draw(section, job, name)
        except (KeyError, TypeError, ValueError) as e:  # a record from an older version
            problem = f"scenario run {job.id} ({job.kind}) cannot be read: missing or " \
                      f"malformed {e}"
            section.csv[name] = (header, [])
            section.images.clear()
            section.shown.clear()
            section.notes[:] = [f"The latest {problem}; run the scenario again to chart it."]
            section.warnings.append(problem)
    return sections


def _about(job: JobRow) -> str:
    params = ", ".join(f"{k} {_text(v)}" for k, v in job.params.items()
                       if k not in (VIEW, "source") and v not in (None, [], {}))
    return f"scenario run {job.id} ({job.kind.removeprefix(KIND)}; {params}) by {job.actor} " \
           f"on {job.created_at:%Y-%m-%d %H:%M} UTC, planned on {planned_on(job.params)}"


def _view(job: JobRow) -> str:
    return view_of(job.params) or ""


def _text(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return " ".join(f"{k}={_text(v)}" for k, v in value.items())
    return str(value)


def _change(section: Section, job: JobRow, name: str) -> None:
    r: dict[str, Any] = job.result or {}
    kind = job.kind.removeprefix(KIND)
    rows = [[job.id, _view(job), kind, by, c["key"], c["requested"], round(c["before"], 6),
             round(c["after"], 6)]
            for by in ("capability", "priority") for c in r[f"by_{by}"]]
    header = section.csv[name][0]
    section.csv[name] = (header, rows)
    section.notes.append(
        f"Latest: {_about(job)}. Plan value {r['value_before']:,.2f} "
        f"before, {r['value_after']:,.2f} after; {len(r['needs'])} needs less met.")
    for by in ("capability", "priority"):
        changes = r[f"by_{by}"]
        if not changes:
            continue
        keys = [str(c["key"]) if by == "capability" else f"P{c['key']}" for c in changes]
        section.images[f"Scenario: fill rate before and after, per {by}"] = \
            charts.paired_bars_chart(
                keys, {"before": [c["before"] for c in changes],
                       "after": [c["after"] for c in changes]},
                f"Scenario run {job.id} ({kind}): fill rate per {by}, before and after",
                "fill rate %", percent=True)
    section.shown[f"Fill rates before and after (run {job.id})"] = (header[3:], [
        row[3:] for row in rows])


def _montecarlo(section: Section, job: JobRow, name: str) -> None:
    r: dict[str, Any] = job.result or {}
    fill = sorted(r["fill_by_priority"].items(), key=lambda kv: int(kv[0]))
    header = section.csv[name][0]
    stats = ("mean", "p5", "p50", "p95")
    rows = [[job.id, _view(job), "value", *(round(r["value"][s], 4) for s in stats)]]
    rows += [[job.id, _view(job), f"priority {p} fill", *(round(d[s], 6) for s in stats)]
             for p, d in fill]
    section.csv[name] = (header, rows)
    section.notes.append(f"Latest: {_about(job)}; {r['runs']:,} futures.")
    if fill:
        section.images["Scenario: Monte Carlo fill rate ranges per priority"] = \
            charts.percentile_chart(
                [f"P{p}" for p, _ in fill], [d["p5"] for _, d in fill],
                [d["p50"] for _, d in fill], [d["p95"] for _, d in fill],
                [d["mean"] for _, d in fill],
                f"Scenario run {job.id}: fill rate per priority over {r['runs']:,} futures")
    section.shown[f"Monte Carlo distribution (run {job.id})"] = (header[2:], [
        row[2:] for row in rows])


def _dependency(section: Section, job: JobRow, name: str) -> None:
    r: dict[str, Any] = job.result or {}
    caps = r["capabilities"]
    header = section.csv[name][0]
    rows = [[job.id, _view(job), c["capability"], round(c["units"], 3), c["top_donor"] or "",
             round(c["top_share"], 6), round(c["hhi"], 6), len(c["shares"])] for c in caps]
    section.csv[name] = (header, rows)
    section.notes.append(f"Latest: {_about(job)}. HHI is Σ share² on 0..1; "
                         "1 means one donor delivers everything.")
    if caps:
        section.images["Scenario: dependency per capability (HHI, top share)"] = \
            charts.paired_bars_chart(
                [c["capability"] for c in caps],
                {"HHI": [c["hhi"] for c in caps], "top share": [c["top_share"] for c in caps]},
                f"Scenario run {job.id}: concentration of planned deliveries per capability",
                "HHI and top donor's share (0..1)")
    section.shown[f"Dependency per capability (run {job.id})"] = (header[2:], [
        row[2:] for row in rows])
    losses = r.get("ranking", [])[:TOP_LOSSES]
    if losses:
        section.shown[f"Donors by value lost without them (run {job.id})"] = (
            ["donor", "value_lost", "share_of_value"],
            [[d["donor"], round(d["value_lost"], 2), round(d["share_lost"], 6)]
             for d in losses])
