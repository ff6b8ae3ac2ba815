"""The exchange format (SPEC §3): bundles as a folder of CSV files or one .xlsx workbook."""

from clearinghouse.adapters.exchange.errors import BundleInvalid, ExchangeError, RowError
from clearinghouse.adapters.exchange.reader import read_bundle
from clearinghouse.adapters.exchange.writer import write_bundle

__all__ = ["BundleInvalid", "ExchangeError", "RowError", "read_bundle", "write_bundle"]
