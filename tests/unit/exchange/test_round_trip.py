"""Any valid bundle written as CSV or as a workbook reads back as the very same records."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from clearinghouse.adapters.exchange import read_bundle, write_bundle
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.catalogue import Item
from clearinghouse.domain.logistics import Hub
from clearinghouse.domain.nations import Caveat, Nation, NationRole
from clearinghouse.domain.offers import Offer, OfferKind
from clearinghouse.domain.procurement import ProcurementRequest
from clearinghouse.domain.releasability import ALL

# Free text as staff type it: anything but surrounding blanks (cells are read stripped) and
# the control characters a workbook cannot hold.
words = st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=20).filter(
    lambda t: t == t.strip() and not ILLEGAL_CHARACTERS_RE.search(t))
codes = st.from_regex(r"[A-Z]{3}", fullmatch=True)
refs = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._/+-]{0,10}", fullmatch=True)
amounts = st.floats(min_value=0, max_value=1e300, allow_nan=False, allow_infinity=False)
dates = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


@st.composite
def bundles(draw: st.DrawFn) -> Bundle:
    nation_codes = draw(st.lists(codes, min_size=1, max_size=4, unique=True))
    nations = [Nation(code, draw(words), draw(st.booleans()), draw(st.booleans()),
                      draw(st.sampled_from(NationRole)),
                      frozenset(draw(st.sets(st.sampled_from(Caveat)))) - {
                          Caveat.NON_LETHAL_ONLY})
               for code in nation_codes]
    item_codes = draw(st.lists(refs, min_size=1, max_size=4, unique=True))
    items = [Item(code, draw(words), draw(words), draw(refs), draw(words), draw(amounts),
                  draw(st.booleans()), draw(st.none() | st.from_regex(
                      r"[0-9]{4}-[0-9]{2}-[0-9]{3}-[0-9]{4}", fullmatch=True)))
             for code in item_codes]
    offers = [Offer(ref, draw(st.sampled_from(nation_codes)), draw(st.sampled_from(item_codes)),
                    draw(st.integers(1, 10**12)), draw(dates), draw(st.sampled_from(nation_codes)),
                    draw(st.sampled_from(OfferKind)), draw(st.none() | amounts),
                    draw(st.none() | words),
                    draw(st.just((ALL,)) | st.lists(st.sampled_from(nation_codes), min_size=1,
                                                     unique=True).map(lambda c: tuple(sorted(c)))))
              for ref in draw(st.lists(refs, max_size=5, unique=True))]
    hubs = [Hub(ref, draw(words), draw(st.sampled_from(nation_codes)), draw(amounts), opens,
                draw(st.none() | st.dates(min_value=date.fromordinal(opens.toordinal() + 1))))
            for ref in draw(st.lists(refs, max_size=2, unique=True))
            for opens in [draw(st.dates(max_value=date(9999, 12, 30)))]]
    classes = sorted({i.class_code for i in items})
    procurement = [ProcurementRequest(ref, draw(st.sampled_from(nation_codes)),
                                      draw(st.sampled_from(classes)), draw(st.integers(1, 10**12)),
                                      draw(amounts), draw(dates),
                                      draw(st.just((ALL,)) | st.lists(
                                          st.sampled_from(nation_codes), min_size=1,
                                          unique=True).map(lambda c: tuple(sorted(c)))))
                   for ref in draw(st.lists(refs, max_size=3, unique=True))]
    bundle = Bundle(nations=nations, items=items, offers=offers, hubs=hubs,
                    procurement=procurement)
    assert bundle.problems() == []
    return bundle


@settings(max_examples=40, deadline=None)
@given(bundle=bundles())
def test_any_valid_bundle_survives_a_csv_and_a_workbook_round_trip(bundle: Bundle) -> None:
    with tempfile.TemporaryDirectory() as temp:
        for target in (Path(temp) / "bundle", Path(temp) / "book.xlsx"):
            write_bundle(bundle, target)
            assert read_bundle(target) == bundle
