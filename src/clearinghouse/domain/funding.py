"""Funding pledges and the recipient's own producers they buy from."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime

from clearinghouse.domain.catalogue import check_ref
from clearinghouse.domain.errors import DomainError, require
from clearinghouse.domain.nations import check_code
from clearinghouse.domain.needs import check_quantity

BOOKED_RULE = "must be (month, units) pairs: a date and a whole number of units >= 0"


@dataclass(frozen=True, slots=True)
class FundingPledge:
    """Money a donor pledges to buy units from producers; ``earmark`` is a class or capability."""

    ref: str
    donor: str
    amount_eur: float
    instrument: str
    available: date
    earmark: str | None = None

    def __post_init__(self) -> None:
        check_ref(self.ref, what="funding pledge")
        check_code(self.donor, field="donor", what="donor nation")
        require(0 < self.amount_eur < float("inf"),
                f"funding pledge {self.ref}: amount {self.amount_eur} EUR must be positive",
                field="amount_eur", rule="must be > 0", value=self.amount_eur)
        require(bool(self.instrument.strip()), f"funding pledge {self.ref}: instrument is empty",
                field="instrument", rule="must name the funding instrument", value=self.instrument)


@dataclass(frozen=True, slots=True)
class Producer:
    """A producer in the recipient's industry: makes units of a class, delivered after a lead."""

    code: str
    name: str
    class_code: str
    unit_price_eur: float
    capacity_per_month: int
    available: date
    lead_months: int

    def __post_init__(self) -> None:
        check_ref(self.code, field="code", what="producer")
        check_ref(self.class_code, field="class", what="class")
        require(0 < self.unit_price_eur < float("inf"),
                f"producer {self.code}: unit price {self.unit_price_eur} EUR must be positive",
                field="unit_price_eur", rule="must be > 0", value=self.unit_price_eur)
        check_quantity(f"producer {self.code}", self.capacity_per_month, "capacity_per_month")
        require(isinstance(self.lead_months, int) and self.lead_months >= 0,
                f"producer {self.code}: lead time {self.lead_months} months is negative",
                field="lead_months", rule="must be a whole number >= 0", value=self.lead_months)

    @property
    def booked(self) -> tuple[tuple[date, int], ...]:
        """Units of capacity already booked per calendar month of making: none for a producer
        as recorded (see :class:`BookedProducer`)."""
        return ()

    def with_booked(self, booked: Iterable[tuple[date, int]]) -> BookedProducer:
        """This producer with ``booked`` (month of making, units) taken (in place of any
        booked before)."""
        own = {f.name: getattr(self, f.name) for f in fields(Producer)}
        return BookedProducer(**own, booked=tuple(booked))


@dataclass(frozen=True, slots=True)
class BookedProducer(Producer):
    """A producer part of whose monthly capacity is already booked — by funded production on
    shipments, for a re-plan. ``booked`` holds (first day of the month of making, units)
    pairs, one per month, earliest first; in month m the producer may still make
    max(0, capacity_per_month − booked in m).

    Derived from shipments for one plan, so never recorded or exchanged: stores, exchange
    files and fingerprints see the :class:`Producer` fields only.
    """

    booked: tuple[tuple[date, int], ...] = ()

    def __post_init__(self) -> None:
        Producer.__post_init__(self)  # no bare super() in a slotted dataclass (Python 3.11)
        object.__setattr__(self, "booked", _booked_months(self.code, self.booked))


def _booked_months(code: str, booked: object) -> tuple[tuple[date, int], ...]:
    """``booked`` as one (first of month, units) pair per month with units, earliest first."""
    if not isinstance(booked, Iterable) or isinstance(booked, str | bytes):
        raise DomainError(f"producer {code}: booked capacity {booked!r} is not a list of months",
                          field="booked", rule=BOOKED_RULE, value=booked)
    units_in: dict[date, int] = defaultdict(int)
    for pair in booked:
        month, units = _booked_month(code, pair)
        units_in[month.replace(day=1)] += units
    return tuple((m, u) for m, u in sorted(units_in.items()) if u > 0)


def _booked_month(code: str, pair: object) -> tuple[date, int]:
    """One (month, units) pair, checked."""
    if not isinstance(pair, tuple | list) or len(pair) != 2:
        raise DomainError(f"producer {code}: booked capacity {pair!r} is not a month and its "
                          "units", field="booked", rule=BOOKED_RULE, value=pair)
    month, units = pair
    require(isinstance(month, date) and not isinstance(month, datetime),
            f"producer {code}: booked month {month!s} is not a date",
            field="booked", rule=BOOKED_RULE, value=pair)
    require(isinstance(units, int) and not isinstance(units, bool) and units >= 0,
            f"producer {code}: booked units {units!r} in {month:%Y-%m} are not a whole number "
            ">= 0", field="booked", rule=BOOKED_RULE, value=pair)
    return month, units
