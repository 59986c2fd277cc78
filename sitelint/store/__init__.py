"""The scan history: runs, pages and findings in SQLite (default) or PostgreSQL."""

from sitelint.store.db import Store, StoreError, database_url, open_store
from sitelint.store.writer import RunWriter, write_result

__all__ = ["RunWriter", "Store", "StoreError", "database_url", "open_store", "write_result"]
