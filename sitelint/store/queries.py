"""Reading the history: sites, runs over time, the diff between runs, stored reports.

A finding's identity across runs is its fingerprint (sitelint.models.fingerprint):
"new" is a fingerprint in the later run that the earlier one lacks, "fixed"
the reverse. Only complete runs are a baseline: a run cut short did not visit
every page, so what it lacks was not necessarily fixed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import and_, delete, exists, func, select
from sqlalchemy.orm import Session, aliased

from sitelint.engine import sort_findings
from sitelint.models import Category, Finding, Severity
from sitelint.report.json_report import PageEntry, Report, ToolInfo, summarise
from sitelint.store.models import FindingRow, PageRow, Run, Site

_DELETE_CHUNK = 500


@dataclass(frozen=True)
class SiteOverview:
    site: Site
    runs: int
    latest: Run | None


@dataclass
class RunDiff:
    """What changed from ``old`` to ``new``; ``old`` None when there is no earlier complete run."""

    old: Run | None
    new: Run
    added: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    unchanged: int = 0


@dataclass(frozen=True)
class Pruned:
    site: str
    runs: list[int]  # the run numbers deleted


def find_site(session: Session, name: str) -> Site | None:
    return session.scalar(select(Site).where(Site.name == name))


def sites_overview(session: Session) -> list[SiteOverview]:
    """Every site with its number of runs and its latest run, by name."""
    counts: dict[int, int] = {
        site_id: count
        for site_id, count in session.execute(
            select(Run.site_id, func.count(Run.id)).group_by(Run.site_id)
        )
    }
    latest_numbers = (
        select(Run.site_id, func.max(Run.number).label("number")).group_by(Run.site_id).subquery()
    )
    latest = {
        run.site_id: run
        for run in session.scalars(
            select(Run).join(
                latest_numbers,
                and_(
                    Run.site_id == latest_numbers.c.site_id,
                    Run.number == latest_numbers.c.number,
                ),
            )
        )
    }
    return [
        SiteOverview(site, counts.get(site.id, 0), latest.get(site.id))
        for site in session.scalars(select(Site).order_by(Site.name))
    ]


def list_runs(session: Session, site: Site, limit: int | None = None) -> list[Run]:
    """The site's runs, newest first."""
    query = select(Run).where(Run.site_id == site.id).order_by(Run.number.desc())
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def get_run(session: Session, site: Site, number: int | None = None) -> Run | None:
    """Run ``number`` of the site, or its latest run."""
    if number is not None:
        return session.scalar(select(Run).where(Run.site_id == site.id, Run.number == number))
    return session.scalar(
        select(Run).where(Run.site_id == site.id).order_by(Run.number.desc()).limit(1)
    )


def previous_complete(session: Session, run: Run) -> Run | None:
    """The latest complete run of the same site before ``run``: its baseline."""
    return session.scalar(
        select(Run)
        .where(Run.site_id == run.site_id, Run.number < run.number, Run.complete.is_(True))
        .order_by(Run.number.desc())
        .limit(1)
    )


def _finding(row: FindingRow) -> Finding:
    return Finding(
        rule=row.rule,
        name=row.name,
        severity=Severity(row.severity),
        category=Category(row.category),
        url=row.url,
        selector=row.selector,
        message=row.message,
        evidence=row.evidence,
        fingerprint=row.fingerprint,
        screenshot=row.screenshot,
    )


def load_findings(session: Session, run: Run) -> list[Finding]:
    """The run's findings in the report's order."""
    rows = session.scalars(
        select(FindingRow).where(FindingRow.run_id == run.id).order_by(FindingRow.position)
    )
    # Stored in arrival order; the stable sort then gives exactly the report's order.
    return sort_findings(_finding(row) for row in rows)


def _only_in(session: Session, run: Run, other: Run) -> list[Finding]:
    theirs = aliased(FindingRow)
    rows = session.scalars(
        select(FindingRow)
        .where(
            FindingRow.run_id == run.id,
            ~exists().where(
                theirs.run_id == other.id, theirs.fingerprint == FindingRow.fingerprint
            ),
        )
        .order_by(FindingRow.position)
    )
    return sort_findings(_finding(row) for row in rows)


def diff_runs(session: Session, new: Run, old: Run | None = None) -> RunDiff:
    """New and fixed findings of ``new`` against ``old`` (default: its previous complete run)."""
    old = old if old is not None else previous_complete(session, new)
    if old is None:
        return RunDiff(old=None, new=new)
    added = _only_in(session, new, old)
    fixed = _only_in(session, old, new)
    total = session.scalar(select(func.count(FindingRow.id)).where(FindingRow.run_id == new.id))
    return RunDiff(old=old, new=new, added=added, fixed=fixed, unchanged=(total or 0) - len(added))


def load_report(session: Session, run: Run) -> Report:
    """The stored run as a Report, for any writer in sitelint.report.formats.WRITERS."""
    pages = [
        PageEntry(
            url=row.url,
            status=row.status,
            kind=row.kind,
            depth=row.click_depth,
            final_url=row.final_url,
            content_type=row.content_type,
            error=row.error,
        )
        for row in session.scalars(
            select(PageRow).where(PageRow.run_id == run.id).order_by(PageRow.position)
        )
    ]
    findings = load_findings(session, run)
    stopped_reason = run.stopped_reason
    if not run.complete and stopped_reason is None:
        stopped_reason = "the scan was killed before this run finished"
    return Report(
        tool=ToolInfo(version=run.tool_version),
        config=run.config,
        started=run.started_at,
        finished=run.finished_at or run.started_at,
        complete=run.complete,
        stopped_reason=stopped_reason,
        skipped_rules=list(run.skipped_rules),
        pages=pages,
        findings=findings,
        summary=summarise(findings, len(pages), [str(kind) for kind in run.site_kind]),
    )


def score_trend(session: Session, run: Run, limit: int = 30) -> list[tuple[str, int]]:
    """(start time, score) of the site's complete runs up to ``run`` (and ``run``), oldest first."""
    rows = list(
        session.scalars(
            select(Run)
            .where(
                Run.site_id == run.site_id,
                Run.number <= run.number,
                Run.score.is_not(None),
                (Run.complete.is_(True)) | (Run.id == run.id),
            )
            .order_by(Run.number.desc())
            .limit(limit)
        )
    )
    return [
        (row.started_at.isoformat(timespec="minutes"), int(row.score))
        for row in reversed(rows)
        if row.score is not None
    ]


def prune(
    session: Session, keep: int, sites: Sequence[Site] | None = None, *, dry_run: bool = False
) -> list[Pruned]:
    """Delete all but the newest ``keep`` runs of each site.

    The newest complete run is kept too even when it is older: it is the
    baseline the next scan's new findings are measured against.
    """
    if keep < 1:
        raise ValueError("keep at least one run")
    targets = list(sites) if sites is not None else list(session.scalars(select(Site)))
    pruned: list[Pruned] = []
    for site in targets:
        runs = list_runs(session, site)
        kept = {run.id for run in runs[:keep]}
        baseline = next((run for run in runs if run.complete), None)
        if baseline is not None:
            kept.add(baseline.id)
        doomed = [run for run in runs if run.id not in kept]
        if not doomed:
            continue
        if not dry_run:
            ids = [run.id for run in doomed]
            for start in range(0, len(ids), _DELETE_CHUNK):
                chunk = ids[start : start + _DELETE_CHUNK]
                # Explicit deletes, child tables first: no reliance on ON DELETE CASCADE.
                session.execute(delete(FindingRow).where(FindingRow.run_id.in_(chunk)))
                session.execute(delete(PageRow).where(PageRow.run_id.in_(chunk)))
                session.execute(delete(Run).where(Run.id.in_(chunk)))
        pruned.append(Pruned(site.name, sorted(run.number for run in doomed)))
    return pruned
