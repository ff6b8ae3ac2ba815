"""The scenario forms: what a coordinator posts, read into a scenario job's arguments, with each
unreadable field named so that the page shows the reason next to it."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from starlette.datastructures import FormData

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.nations import NationRole
from clearinghouse.services.scenarios.jobs import MAX_RUNS
from clearinghouse.services.scenarios.runs import HubSpec
from clearinghouse.web.forms import FormInvalid

MAX_HORIZON = 60
MAX_SEED = 2**31 - 1
#: The Monte Carlo form's probabilities and what each is the chance of.
PROBABILITIES = {"delay_prob": "an offer slips 1–3 months",
                 "withdraw_prob": "an offer is withdrawn",
                 "hub_outage_prob": "a hub is out for one random month"}
#: What the Monte Carlo form holds before the user types (the command line's defaults).
MONTECARLO_DEFAULTS = {"runs": "100", "seed": "0", "delay_prob": "0.1",
                       "withdraw_prob": "0.05", "hub_outage_prob": "0.1", "horizon": "12"}
#: A HubSpec's fields as the hub form names them.
HUB_FIELD = {"code": "code", "country": "country", "capacity_t_per_month": "capacity",
             "opens": "opens", "name": "name"}


@dataclass(frozen=True, slots=True)
class Choices:
    """What the forms offer: nations (code → name) and hubs (code → name) the user can see,
    and the nations that may give (donors and partners, and any nation with a visible offer)."""

    nations: dict[str, str]
    hubs: dict[str, str]
    donors: list[str]


def choices_of(bundle: Bundle) -> Choices:
    """The form choices from the records released to the user's nation."""
    giving = {o.donor for o in bundle.offers} | {f.donor for f in bundle.funding}
    nations = {n.code: n.name for n in sorted(bundle.nations, key=lambda n: n.code)}
    donors = [n.code for n in sorted(bundle.nations, key=lambda n: n.code)
              if n.role is not NationRole.RECIPIENT or n.code in giving]
    return Choices(nations, {h.code: h.name for h in sorted(bundle.hubs, key=lambda h: h.code)},
                   donors)


def _text(form: Mapping[str, Any], name: str) -> str:
    return str(form.get(name, "")).strip()


def read_month(text: str) -> date:
    """``YYYY-MM`` (or a full ISO date) as the first day of that month."""
    try:
        if len(text) == 7:
            return date.fromisoformat(text + "-01")
        return date.fromisoformat(text).replace(day=1)
    except ValueError:
        raise ValueError(f"{text!r} is not a month: write YYYY-MM, e.g. 2026-03") from None


def _from_month(form: Mapping[str, Any], errors: dict[str, str]) -> date | None:
    text = _text(form, "from_month")
    if not text:
        return None
    try:
        return read_month(text)
    except ValueError as e:
        errors["from_month"] = str(e)
        return None


def _horizon(form: Mapping[str, Any], errors: dict[str, str]) -> int:
    text = _text(form, "horizon") or "12"
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_HORIZON:
        errors["horizon"] = (f"{text!r} is not a horizon: a whole number of months from 1 to "
                             f"{MAX_HORIZON}")
    return value


def read_horizon(form: Mapping[str, Any]) -> dict[str, Any]:
    """A form with the horizon only (dependency, training plan)."""
    errors: dict[str, str] = {}
    horizon = _horizon(form, errors)
    if errors:
        raise FormInvalid(errors)
    return {"horizon": horizon}


def read_dropout(form: FormData, choices: Choices) -> dict[str, Any]:
    """The drop-out form: donors (one or more the user can see), from which month, horizon."""
    errors: dict[str, str] = {}
    donors = sorted({str(d).strip() for d in form.getlist("donors") if str(d).strip()})
    unknown = [d for d in donors if d not in choices.donors]
    if not donors:
        errors["donors"] = "choose at least one donor"
    elif unknown:
        errors["donors"] = (f"unknown donor {', '.join(unknown)}: choose among the nations "
                            "you can see")
    from_month = _from_month(form, errors)
    horizon = _horizon(form, errors)
    if errors:
        raise FormInvalid(errors)
    return {"donors": donors, "from_month": from_month, "horizon": horizon}


def _opening(form: Mapping[str, Any], choices: Choices, errors: dict[str, str]) -> HubSpec | None:
    code, country = _text(form, "code"), _text(form, "country")
    if code in choices.hubs:
        errors["code"] = f"hub {code} exists already: close it, or give a new code"
    if country and country not in choices.nations:
        errors["country"] = f"unknown country {country}: choose among the nations you can see"
    capacity_text, opens_text = _text(form, "capacity"), _text(form, "opens")
    capacity = opens = None
    try:
        capacity = float(capacity_text)
        if not math.isfinite(capacity) or capacity <= 0:
            raise ValueError
    except ValueError:
        errors["capacity"] = f"{capacity_text!r} is not a capacity: tonnes per month above 0"
    try:
        opens = date.fromisoformat(opens_text)
    except ValueError:
        errors["opens"] = f"{opens_text!r} is not a date: write YYYY-MM-DD"
    for name in ("code", "country", "capacity", "opens"):
        if not _text(form, name):
            errors[name] = "required to open a hub"
    if errors or capacity is None or opens is None:
        return None
    try:
        spec = HubSpec(code, country, capacity, opens, _text(form, "name") or None)
        spec.hub()  # the domain's rules on a hub (code and country formats)
    except DomainError as e:
        errors[HUB_FIELD.get(e.field or "", "")] = e.message
        return None
    return spec


def read_hub(form: Mapping[str, Any], choices: Choices) -> dict[str, Any]:
    """The hub form: close a hub the user can see from a month, or open a new one (code,
    country, tonnes per month, opening date)."""
    errors: dict[str, str] = {}
    action = _text(form, "action")
    close: str | None = None
    open_: HubSpec | None = None
    from_month: date | None = None
    if action == "close":
        close = _text(form, "close")
        if not close:
            errors["close"] = "choose the hub to close"
        elif close not in choices.hubs:
            errors["close"] = f"unknown hub {close}: choose among the hubs you can see"
        from_month = _from_month(form, errors)
    elif action == "open":
        open_ = _opening(form, choices, errors)
        # The scenario opens the hub at its from-month: the opening date given here.
        from_month = open_.opens if open_ is not None else None
    else:
        errors["action"] = "choose whether to close a hub or open one"
    horizon = _horizon(form, errors)
    if errors:
        raise FormInvalid(errors)
    return {"close": close, "open_": open_, "from_month": from_month, "horizon": horizon}


def _whole(form: Mapping[str, Any], name: str, low: int, high: int, what: str,
           errors: dict[str, str]) -> int:
    text = _text(form, name) or MONTECARLO_DEFAULTS[name]
    try:
        value = int(text)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        errors[name] = f"{text!r} is not {what}: a whole number from {low} to {high:,}"
    return value


def _probability(form: Mapping[str, Any], name: str, errors: dict[str, str]) -> float:
    text = _text(form, name) or MONTECARLO_DEFAULTS[name]
    try:
        value = float(text.removesuffix("%")) / (100 if text.endswith("%") else 1)
    except ValueError:
        value = math.nan
    if not 0.0 <= value <= 1.0:  # NaN fails too
        errors[name] = (f"{text!r} is not a probability: a number from 0 to 1 (0.1) or a "
                        "percentage (10%)")
    return value


def read_montecarlo(form: Mapping[str, Any]) -> dict[str, Any]:
    """The Monte Carlo form: how many futures, the seed, the chance of each disruption
    (0–1, or a percentage) and the horizon."""
    errors: dict[str, str] = {}
    args: dict[str, Any] = {
        "runs": _whole(form, "runs", 1, MAX_RUNS, "a number of futures", errors),
        "seed": _whole(form, "seed", 0, MAX_SEED, "a seed", errors)}
    args.update({name: _probability(form, name, errors) for name in PROBABILITIES})
    args["horizon"] = _horizon(form, errors)
    if errors:
        raise FormInvalid(errors)
    return args
