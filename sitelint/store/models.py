"""The history schema: sites, their runs, and each run's pages and findings.

The same tables on SQLite and PostgreSQL; the migrations in
``sitelint/store/migrations`` create them, and a test checks that these models
and the migrations agree. Rows are written while the crawl runs (see
writer.py), so a run row exists from the first second and is marked complete
only at the end: anything else is an incomplete run.

Credentials never reach these tables: ``runs.config`` is the redacted config
that reports show.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints, so a later migration can alter them by name on both backends.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on both backends: SQLite keeps no zone and hands back naive ones."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[Any]: JSON,
        datetime: UTCDateTime,
    }


Base.metadata.naming_convention = NAMING


class Site(Base):
    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    # The first start URL of the latest run: a site is known by name, its URL may move.
    url: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    runs: Mapped[list[Run]] = relationship(back_populates="site", passive_deletes=True)


class Run(Base):
    __tablename__ = "runs"
    # Also the index for a site's runs.
    __table_args__ = (UniqueConstraint("site_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, ... per site: `--run N`
    # running -> complete | incomplete. A row left "running" belongs to a process
    # that was killed outright; it counts as incomplete everywhere.
    status: Mapped[str] = mapped_column(String(16))
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    stopped_reason: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    schedule: Mapped[str | None] = mapped_column(String(100))  # the config's hint, as it was
    tool_version: Mapped[str] = mapped_column(String(50))
    report_version: Mapped[int] = mapped_column(Integer)
    config_hash: Mapped[str] = mapped_column(String(64))
    config: Mapped[dict[str, Any]] = mapped_column(JSON)  # CheckConfig.public_dict(): redacted
    # Kept up to date batch by batch, so a run in progress or cut short shows its counts.
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    finding_count: Mapped[int] = mapped_column(Integer, default=0)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    warning_count: Mapped[int] = mapped_column(Integer, default=0)
    info_count: Mapped[int] = mapped_column(Integer, default=0)
    score: Mapped[int | None] = mapped_column(Integer)
    category_scores: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    site_kind: Mapped[list[Any]] = mapped_column(JSON)
    skipped_rules: Mapped[list[Any]] = mapped_column(JSON)
    crawl_seconds: Mapped[float | None] = mapped_column(Float)
    store_seconds: Mapped[float | None] = mapped_column(Float)  # time spent writing these rows
    stats: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # crawl counters

    site: Mapped[Site] = relationship(back_populates="runs")


class PageRow(Base):
    __tablename__ = "pages"
    # position: the order the crawl handled pages in, which is the report's page order;
    # an integer key, because a URL may be longer than a PostgreSQL index entry allows.
    __table_args__ = (UniqueConstraint("run_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    url: Mapped[str] = mapped_column(Text)
    final_url: Mapped[str | None] = mapped_column(Text)
    status: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    crawl_depth: Mapped[int] = mapped_column(Integer)
    # Click depth from the start page: known only once the crawl has ended.
    click_depth: Mapped[int | None] = mapped_column(Integer)
    content_type: Mapped[str | None] = mapped_column(String(200))
    error: Mapped[str | None] = mapped_column(Text)


class FindingRow(Base):
    __tablename__ = "findings"
    __table_args__ = (
        UniqueConstraint("run_id", "position"),
        # What the diff between two runs looks up.
        Index("ix_findings_run_id_fingerprint", "run_id", "fingerprint"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)  # arrival order, before the report's sort
    rule: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100))
    severity: Mapped[str] = mapped_column(String(8))
    category: Mapped[str] = mapped_column(String(16))
    url: Mapped[str] = mapped_column(Text)
    selector: Mapped[str | None] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(String(64))
    screenshot: Mapped[str | None] = mapped_column(Text)
