"""Writing a run while it happens, so a crash or Ctrl-C loses (almost) nothing.

The run row is created first, as ``running`` and not complete. Pages and
their findings arrive through ``run_check(on_page=writer.add_page)`` and are
committed in small batches (a few dozen pages, or a second's worth), each
batch one transaction that also updates the run's counts. ``finish`` writes
the rest (the site rules' findings, the click depths known only at the end)
and marks the run complete in one last transaction. Anything that ends the run
early (an exception, Ctrl-C) goes through ``abort``: the pending batch is
written and the run stays incomplete, with the reason. A process killed
outright loses at most its last uncommitted batch and leaves the run
``running``, which reads as incomplete everywhere.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sitelint.config import CheckConfig
from sitelint.engine import RunResult
from sitelint.models import Finding, Severity
from sitelint.report.json_report import REPORT_VERSION, summarise
from sitelint.score import category_scores, trust_score
from sitelint.site_index import PageSummary
from sitelint.store.db import Store
from sitelint.store.models import FindingRow, PageRow, Run, Site
from sitelint.version import __version__

log = logging.getLogger("sitelint.store")

RUNNING, COMPLETE, INCOMPLETE = "running", "complete", "incomplete"
_START_ATTEMPTS = 5


def config_hash(config: CheckConfig) -> str:
    """Which settings a run used, comparable across runs; credentials are not in it."""
    canonical = json.dumps(config.public_dict(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def _page_row(run_id: int, position: int, summary: PageSummary) -> dict[str, Any]:
    # The same choices as build_report, so a report rebuilt from the store matches.
    return {
        "run_id": run_id,
        "position": position,
        "url": summary.url,
        "final_url": summary.final_url if summary.final_url != summary.url else None,
        "status": summary.status,
        "kind": summary.kind.value,
        "crawl_depth": summary.depth,
        "click_depth": None,
        "content_type": summary.content_type[:200] or None,
        "error": summary.error,
    }


def _finding_row(run_id: int, position: int, finding: Finding) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "position": position,
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity.value,
        "category": finding.category.value,
        "url": finding.url,
        "selector": finding.selector,
        "message": finding.message,
        "evidence": finding.evidence,
        "fingerprint": finding.fingerprint,
        "screenshot": finding.screenshot,
    }


class RunWriter:
    """One run of one site, written incrementally; use as a context manager around the crawl."""

    def __init__(
        self,
        store: Store,
        site: str,
        config: CheckConfig,
        *,
        schedule: str | None = None,
        batch_pages: int = 25,
        batch_findings: int = 500,
        batch_seconds: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.site = site
        self.config = config
        self.schedule = schedule
        self.batch_pages = batch_pages
        self.batch_findings = batch_findings
        self.batch_seconds = batch_seconds
        self.clock = clock
        self.run_id: int | None = None
        self.number: int | None = None
        self.finished = False
        self.store_seconds = 0.0
        self._pending_pages: list[dict[str, Any]] = []
        self._pending_findings: list[dict[str, Any]] = []
        self._page_updates: dict[int, dict[str, Any]] = {}
        # url -> position: the click depths, known at the end, update these rows.
        self._page_positions: dict[str, int] = {}
        self._finding_count = 0
        # Findings are frozen models kept alive by the engine until the run ends,
        # so their identities tell the site findings in the result from those written.
        self._written: set[int] = set()
        self._by_severity: Counter[str] = Counter()
        # One finding per (rule, severity) is enough for the score of a partial run.
        self._scoring: dict[tuple[str, str], Finding] = {}
        self._last_flush = clock()

    # -- the run's life -----------------------------------------------------

    def start(self) -> int:
        """Create the run row (status running); returns the run's number for this site."""
        started = self.clock()
        for attempt in range(_START_ATTEMPTS):
            try:
                with self.store.writing() as session:
                    self.run_id, self.number = self._create_run(session)
                break
            except IntegrityError:
                # Another scan of the same site took the name or the number first.
                if attempt == _START_ATTEMPTS - 1:
                    raise
        self.store_seconds += self.clock() - started
        assert self.number is not None
        return self.number

    def _create_run(self, session: Session) -> tuple[int, int]:
        now = datetime.now(UTC)
        first_url = self.config.crawl.start_urls[0]
        site = session.scalar(select(Site).where(Site.name == self.site))
        if site is None:
            site = Site(name=self.site, url=first_url, created_at=now)
            session.add(site)
            session.flush()
        else:
            site.url = first_url
        last = session.scalar(select(func.max(Run.number)).where(Run.site_id == site.id))
        run = Run(
            site_id=site.id,
            number=(last or 0) + 1,
            status=RUNNING,
            complete=False,
            started_at=now,
            schedule=self.schedule,
            tool_version=__version__,
            report_version=REPORT_VERSION,
            config_hash=config_hash(self.config),
            config=self.config.public_dict(),
            page_count=0,
            finding_count=0,
            error_count=0,
            warning_count=0,
            info_count=0,
            site_kind=[],
            skipped_rules=[],
        )
        session.add(run)
        session.flush()
        return run.id, run.number

    def add_page(self, summary: PageSummary, findings: list[Finding]) -> None:
        """The engine's on_page callback: queue the page and its findings, flush when due."""
        self._queue_page(summary)
        for finding in findings:
            self._queue_finding(finding)
        due = (
            len(self._pending_pages) >= self.batch_pages
            or len(self._pending_findings) >= self.batch_findings
            or self.clock() - self._last_flush >= self.batch_seconds
        )
        if due:
            self.flush()

    def flush(self) -> None:
        """Commit the queued pages and findings, and the run's counts so far."""
        if self.run_id is None:
            raise RuntimeError("RunWriter.start() first")
        started = self.clock()
        with self.store.writing() as session:
            self._write_pending(session)
            session.execute(update(Run).where(Run.id == self.run_id).values(**self._counts()))
        self._clear_pending()
        self.store_seconds += self.clock() - started
        self._last_flush = self.clock()

    def finish(self, result: RunResult) -> None:
        """The rest of the run and its summary, in one transaction; complete if the crawl was."""
        if self.run_id is None:
            raise RuntimeError("RunWriter.start() first")
        started = self.clock()
        index = result.index
        for page in index.summaries.values():
            if page.url not in self._page_positions:
                self._queue_page(page)
        for finding in result.findings:
            if id(finding) not in self._written:
                self._queue_finding(finding)
        depths = index.click_depths
        depth_updates = [
            {"position_": self._page_positions[page.url], "depth_": depths[url_id]}
            for url_id, page in index.summaries.items()
            if url_id in depths
        ]
        summary = summarise(result.findings, len(index.summaries), result.site_kind.names)
        complete = result.complete and not result.start_error
        reason = result.stopped_reason
        if result.start_error:
            reason = f"could not start: {result.start_error}"
        with self.store.writing() as session:
            self._write_pending(session)
            if depth_updates:
                pages = PageRow.__table__
                assert isinstance(pages, Table)
                # Core executemany: one statement, a parameter set per page.
                session.connection().execute(
                    update(pages)
                    .where(
                        pages.c.run_id == self.run_id, pages.c.position == bindparam("position_")
                    )
                    .values(click_depth=bindparam("depth_")),
                    depth_updates,
                )
            values = self._counts()
            values.update(
                status=COMPLETE if complete else INCOMPLETE,
                complete=complete,
                stopped_reason=reason,
                started_at=result.started,
                finished_at=result.finished,
                page_count=summary.pages,
                score=summary.score,
                category_scores=summary.category_scores,
                site_kind=summary.site_kind,
                skipped_rules=[{"rule": s.rule, "reason": s.reason} for s in result.skipped_rules],
                crawl_seconds=round((result.finished - result.started).total_seconds(), 3),
                stats=_stats(result),
            )
            values["store_seconds"] = round(self.store_seconds + self.clock() - started, 3)
            session.execute(update(Run).where(Run.id == self.run_id).values(**values))
        self._clear_pending()
        self.store_seconds += self.clock() - started
        self.finished = True

    def abort(self, reason: str) -> None:
        """The run ended early: keep what was queued, mark it incomplete. Never raises."""
        if self.run_id is None or self.finished:
            return
        try:
            with self.store.writing() as session:
                self._write_pending(session)
                values = self._counts()
                values.update(
                    status=INCOMPLETE,
                    complete=False,
                    stopped_reason=reason[:2000],
                    finished_at=datetime.now(UTC),
                    store_seconds=round(self.store_seconds, 3),
                )
                session.execute(update(Run).where(Run.id == self.run_id).values(**values))
            self._clear_pending()
        except Exception as error:  # the original error matters more than this one
            log.error("run %s of %s not marked incomplete: %s", self.number, self.site, error)
        self.finished = True

    def __enter__(self) -> RunWriter:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            if not self.finished:
                self.abort("the scan ended before the run was finished")
            return
        if isinstance(error, KeyboardInterrupt):
            self.abort("interrupted")
        else:
            self.abort(f"error: {type(error).__name__}: {error}")

    # -- internals ----------------------------------------------------------

    def _queue_page(self, summary: PageSummary) -> None:
        assert self.run_id is not None
        position = self._page_positions.get(summary.url)
        if position is not None:
            # The crawler hands a page over again when reading it failed after
            # all: the newer summary replaces the older, as in the SiteIndex.
            self._page_updates[position] = _page_row(self.run_id, position, summary)
            return
        position = len(self._page_positions)
        self._page_positions[summary.url] = position
        self._pending_pages.append(_page_row(self.run_id, position, summary))

    def _queue_finding(self, finding: Finding) -> None:
        assert self.run_id is not None
        self._pending_findings.append(_finding_row(self.run_id, self._finding_count, finding))
        self._finding_count += 1
        self._written.add(id(finding))
        self._by_severity[finding.severity.value] += 1
        self._scoring.setdefault((finding.rule, finding.severity.value), finding)

    def _write_pending(self, session: Session) -> None:
        if self._pending_pages:
            session.execute(insert(PageRow), self._pending_pages)
        for position, row in self._page_updates.items():
            session.execute(
                update(PageRow)
                .where(PageRow.run_id == self.run_id, PageRow.position == position)
                .values(**row)
            )
        if self._pending_findings:
            session.execute(insert(FindingRow), self._pending_findings)

    def _clear_pending(self) -> None:
        self._pending_pages = []
        self._page_updates = {}
        self._pending_findings = []

    def _counts(self) -> dict[str, Any]:
        seen = list(self._scoring.values())
        return {
            "page_count": len(self._page_positions),
            "finding_count": self._finding_count,
            "error_count": self._by_severity[Severity.ERROR.value],
            "warning_count": self._by_severity[Severity.WARNING.value],
            "info_count": self._by_severity[Severity.INFO.value],
            "score": trust_score(seen),
            "category_scores": category_scores(seen),
        }


def _stats(result: RunResult) -> dict[str, Any]:
    stats = result.stats
    return {
        "fetched": stats.fetched,
        "html_pages": stats.html_pages,
        "sitemap_urls": stats.sitemap_urls,
        "link_checks": stats.link_checks,
        "robots_blocked": len(stats.robots_blocked),
        "not_fetched": stats.not_fetched_total,
        "traps_cut": stats.traps_cut_total,
    }


def write_result(store: Store, site: str, result: RunResult, schedule: str | None = None) -> int:
    """Store a finished RunResult in one go (no streaming); returns the run's number."""
    with RunWriter(store, site, result.config, schedule=schedule) as writer:
        writer.finish(result)
    assert writer.number is not None
    return writer.number
