"""Alembic migrations of the history schema, run by sitelint.store.db.migrate on open.

A schema change is a new file in versions/: change sitelint/store/models.py, then
``python -c 'from sitelint.store.db import revision; revision("what changed")'``
writes the migration; read it, then keep it working on SQLite and PostgreSQL
(tests/test_store.py checks that models and migrations agree on both).
"""
