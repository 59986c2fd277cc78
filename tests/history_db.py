"""The history database for a test: a SQLite file, or a fresh schema on a real PostgreSQL.

PostgreSQL runs when SITELINT_TEST_POSTGRES_URL names a server (``.ci/postgres.sh``
starts one and prints the variable); otherwise those tests skip, saying so.
Each test gets its own schema through ``search_path``, so tests run in
parallel (pytest -n) without seeing each other's rows.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from uuid import uuid4

import pytest
from sqlalchemy import create_engine, text

from sitelint.store.db import database_url

POSTGRES_ENV = "SITELINT_TEST_POSTGRES_URL"
BACKENDS = ["sqlite", "postgresql"]


@contextmanager
def database(backend: str, tmp_path: Path) -> Iterator[str]:
    """A --db value for a fresh, empty database on ``backend``."""
    if backend == "sqlite":
        yield str(tmp_path / "history.db")
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(
            f"{POSTGRES_ENV} is not set, so there is no PostgreSQL server to test against "
            "(CI starts one with .ci/postgres.sh)"
        )
    schema = f"test_{uuid4().hex[:12]}"
    admin = create_engine(database_url(base))
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        separator = "&" if "?" in base else "?"
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
