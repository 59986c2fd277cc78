"""Alembic's entry point, run on a connection that sitelint.store.db opened."""

from __future__ import annotations

from alembic import context

from sitelint.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "sitelint runs its migrations itself when it opens the database "
        "(sitelint.store.db.open_store); there is no alembic.ini to run them from"
    )
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite alters tables by copying them; batch mode writes migrations that do so.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
