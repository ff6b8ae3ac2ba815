"""The briefing's scenario section: the latest stored drop-out or hub-change run (fill rates
before and after), Monte Carlo run (percentile ranges of fill per priority) and dependency
run (HHI and top share per capability), each read from its job record."""

from __future__ import annotations

from typing import Any

from clearinghouse.adapters.db.jobs import JobRow
from clearinghouse.config import Settings
from clearinghouse.services import charts
from clearinghouse.services.briefing_sections import Section
from clearinghouse.services.database import ready_engine
from clearinghouse.services.scenarios import KIND
from clearinghouse.services.unit_of_work import SqlUnitOfWork

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
TOP_LOSSES = 10
#: The scenario figures written as CSV: name → header.
SCENARIO_FIGURES = {
    "scenario_change": ["run", "kind", "by", "key", "requested", "fill_before", "fill_after"],
    "scenario_montecarlo": ["run", "figure", "mean", "p5", "p50", "p95"],
    "scenario_dependency": ["run", "capability", "units", "top_donor", "top_share", "hhi",
                            "donors"],
}


def latest_runs(settings: Settings) -> dict[str, JobRow]:
    """The newest finished scenario run of each kind (job kind → record)."""
    engine = ready_engine(settings)
    try:
        with SqlUnitOfWork(engine, "report") as uow:
            jobs = uow.jobs.list()
    finally:
        engine.dispose()
    latest: dict[str, JobRow] = {}
    for job in jobs:  # newest first
        if job.kind.startswith(KIND) and job.status == "done" and job.result is not None:
            latest.setdefault(job.kind, job)
    return latest


def scenario_sections(settings: Settings) -> list[Section]:
    """Charts and figures of the latest stored scenario runs, or how to run one: a section
    for drop-outs and hub changes, one for Monte Carlo futures, one for dependency."""
    runs = latest_runs(settings)
    changes = [runs[k] for k in CHANGE_KINDS if k in runs]
    parts = (
        ("Scenario: drop-out or hub change", "scenario_change",
         max(changes, key=lambda j: j.id) if changes else None, _change, NO_CHANGE),
        ("Scenario: Monte Carlo futures", "scenario_montecarlo",
         runs.get(MONTECARLO_KIND), _montecarlo, NO_MONTECARLO),
        ("Scenario: dependency on donors", "scenario_dependency",
         runs.get(DEPENDENCY_KIND), _dependency, NO_DEPENDENCY),
    )
    sections = []
    for title, name, job, draw, missing in parts:
        header = list(SCENARIO_FIGURES[name])
        section = Section(title, csv={name: (header, [])})
        sections.append(section)
        if job is None:
            section.notes.append(missing)
            continue
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


def withheld_section(nation: str) -> Section:
    """The scenario section of a briefing read as ``nation``: no run shown, and why.

    A stored scenario run does not record whose released records it planned (the command
    line plans every record), so any of its figures may count records not released to the
    nation. Its CSV files are still written, header only, so that none left beside the
    briefing by an earlier run without ``--nation`` is taken for this one's.
    """
    return Section("Scenarios", notes=[
        f"Scenario runs are shown only without --nation: a stored scenario run does not "
        f"record whose released records it planned, so its figures may count records not "
        f"released to {nation}. Run `clearinghouse report` without --nation to see them."],
        csv={name: (list(header), []) for name, header in SCENARIO_FIGURES.items()})


def _about(job: JobRow) -> str:
    params = ", ".join(f"{k} {_text(v)}" for k, v in job.params.items()
                       if v not in (None, [], {}))
    return f"scenario run {job.id} ({job.kind.removeprefix(KIND)}; {params}) by {job.actor} " \
           f"on {job.created_at:%Y-%m-%d %H:%M} UTC"


def _text(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return " ".join(f"{k}={_text(v)}" for k, v in value.items())
    return str(value)


def _change(section: Section, job: JobRow, name: str) -> None:
    r: dict[str, Any] = job.result or {}
    kind = job.kind.removeprefix(KIND)
    rows = [[job.id, kind, by, c["key"], c["requested"], round(c["before"], 6),
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
    section.shown[f"Fill rates before and after (run {job.id})"] = (header[2:], [
        row[2:] for row in rows])


def _montecarlo(section: Section, job: JobRow, name: str) -> None:
    r: dict[str, Any] = job.result or {}
    fill = sorted(r["fill_by_priority"].items(), key=lambda kv: int(kv[0]))
    header = section.csv[name][0]
    stats = ("mean", "p5", "p50", "p95")
    rows = [[job.id, "value", *(round(r["value"][s], 4) for s in stats)]]
    rows += [[job.id, f"priority {p} fill", *(round(d[s], 6) for s in stats)] for p, d in fill]
    section.csv[name] = (header, rows)
    section.notes.append(f"Latest: {_about(job)}; {r['runs']:,} futures.")
    if fill:
        section.images["Scenario: Monte Carlo fill rate ranges per priority"] = \
            charts.percentile_chart(
                [f"P{p}" for p, _ in fill], [d["p5"] for _, d in fill],
                [d["p50"] for _, d in fill], [d["p95"] for _, d in fill],
                [d["mean"] for _, d in fill],
                f"Scenario run {job.id}: fill rate per priority over {r['runs']:,} futures")
    section.shown[f"Monte Carlo distribution (run {job.id})"] = (header[1:], [
        row[1:] for row in rows])


def _dependency(section: Section, job: JobRow, name: str) -> None:
    r: dict[str, Any] = job.result or {}
    caps = r["capabilities"]
    header = section.csv[name][0]
    rows = [[job.id, c["capability"], round(c["units"], 3), c["top_donor"] or "",
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
    section.shown[f"Dependency per capability (run {job.id})"] = (header[1:], [
        row[1:] for row in rows])
    losses = r.get("ranking", [])[:TOP_LOSSES]
    if losses:
        section.shown[f"Donors by value lost without them (run {job.id})"] = (
            ["donor", "value_lost", "share_of_value"],
            [[d["donor"], round(d["value_lost"], 2), round(d["share_lost"], 6)]
             for d in losses])
