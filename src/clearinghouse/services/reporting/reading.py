"""A page that draws several figures reads each visible sheet and each run's allocations once:
``with one_reading(): figures…`` (see ``adapters.db.read_memo``). Every figure on the page
then counts the same records, and a 100,000-offer picture is decoded once, not per figure."""

from clearinghouse.adapters.db.read_memo import reading_once as one_reading

__all__ = ["one_reading"]
