"""Opening the history database from a URL, and bringing its schema up to date.

``--db`` takes a file path or a URL; without it ``SITELINT_DB``, then
``.sitelint/history.db`` in the current directory. SQLite needs no set-up;
``postgresql://user:pass@host/db`` uses psycopg 3. Opening runs the Alembic
migrations itself, so nobody runs ``alembic`` by hand.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

DB_ENV = "SITELINT_DB"
DEFAULT_PATH = Path(".sitelint") / "history.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# pg_advisory_xact_lock key: two scans starting at once must not both create the tables.
_MIGRATION_LOCK = 0x5117E11
_POSTGRES_SCHEMES = ("postgres", "postgresql", "postgresql+psycopg")


class StoreError(Exception):
    """The history database cannot be opened."""


class DatabaseUrlError(StoreError):
    """--db names no database sitelint can use: a usage error, not an outage."""


def database_url(value: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The SQLAlchemy URL for ``--db`` (a path or URL), else SITELINT_DB, else the default file."""
    environ = os.environ if environ is None else environ
    raw = (value or environ.get(DB_ENV) or str(DEFAULT_PATH)).strip()
    if "://" not in raw:
        return "sqlite:///" + str(Path(raw).expanduser().resolve())
    scheme, rest = raw.split("://", 1)
    scheme = scheme.lower()
    if scheme in _POSTGRES_SCHEMES:
        # Plain postgresql:// means psycopg2 to SQLAlchemy; psycopg 3 is what we install.
        return "postgresql+psycopg://" + rest
    if scheme in ("sqlite", "sqlite+pysqlite"):
        return raw
    raise DatabaseUrlError(
        f"--db {scheme}://...: unsupported database; give a file path, sqlite:///PATH "
        "or postgresql://USER:PASSWORD@HOST/DATABASE"
    )


def display_url(url: str) -> str:
    """The URL with its password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(unparsable database URL)"


class Store:
    """An open history database: sessions for reading, and for writing."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._read = sessionmaker(engine, expire_on_commit=False)
        # On SQLite, writers take the lock when they begin (see _sqlite_events).
        self._write = sessionmaker(
            engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False
        )

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def url(self) -> str:
        return display_url(self.engine.url.render_as_string(hide_password=False))

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._read() as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One transaction: committed at the end of the block, rolled back on an error."""
        with self._write() as session, session.begin():
            yield session

    def vacuum(self) -> None:
        """SQLite: shrink the file after deletes (VACUUM cannot run inside a transaction)."""
        if self.dialect != "sqlite":
            return
        connection = self.engine.raw_connection()
        try:
            # The driver connection is in autocommit (see _sqlite_events): no BEGIN around this.
            connection.cursor().execute("VACUUM")
        finally:
            connection.close()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _sqlite_events(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # The driver's own implicit transactions would hide BEGIN IMMEDIATE below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        # WAL: `sitelint history` can read while a scan writes; NORMAL sync keeps
        # every committed batch across a crash of the process (not of the machine).
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        # A deferred transaction that reads and then writes fails at once when
        # another scan wrote in between; IMMEDIATE waits for the lock instead.
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _at_head(connection: Connection, config: Config) -> bool:
    heads = set(ScriptDirectory.from_config(config).get_heads())
    current = set(MigrationContext.configure(connection).get_current_heads())
    return current == heads


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision, in one transaction."""
    config = alembic_config()
    with engine.connect() as connection:
        if _at_head(connection, config):
            return
    with engine.execution_options(sqlite_begin="IMMEDIATE").begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_store(url: str | None = None, *, upgrade: bool = True) -> Store:
    """Open (and create, and migrate) the database at ``url`` (see database_url)."""
    url = database_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise DatabaseUrlError(f"--db: not a database URL: {error}") from None
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(parsed, pool_pre_ping=parsed.get_backend_name() != "sqlite")
    except (ArgumentError, ImportError) as error:
        raise DatabaseUrlError(f"--db {display_url(url)}: {error}") from None
    if engine.dialect.name == "sqlite":
        _sqlite_events(engine)
    try:
        if upgrade:
            migrate(engine)
        else:
            with engine.connect():
                pass
    except SQLAlchemyError as error:
        engine.dispose()
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise StoreError(f"cannot open the history database {display_url(url)}: {reason}") from None
    return Store(engine)


def revision(message: str) -> None:
    """For developers: write a new migration from the difference between models and head."""
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{folder}/head.db")
        _sqlite_events(engine)
        migrate(engine)
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.revision(config, message, autogenerate=True)
        engine.dispose()
