"""The JSON report (version 1): the source every other format is built from."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from sitelint.engine import RunResult
from sitelint.models import Finding, Severity
from sitelint.score import category_scores, trust_score
from sitelint.version import PROJECT_URL, __version__

REPORT_VERSION = 1


class ToolInfo(BaseModel):
    name: str = "sitelint"
    version: str = __version__
    url: str = PROJECT_URL


class PageEntry(BaseModel):
    url: str
    status: int | None
    kind: str
    depth: int | None  # click depth from the start page; None if not reachable by links
    final_url: str | None = None
    content_type: str | None = None
    error: str | None = None


class Summary(BaseModel):
    pages: int
    by_severity: dict[str, int]
    by_rule: dict[str, int]
    score: int
    category_scores: dict[str, int]
    site_kind: list[str]


class BaselineSummary(BaseModel):
    file: str
    new: int  # findings not in the baseline
    known: int  # findings recorded in it
    stale: list[dict[str, str]]  # recorded entries that no longer occur


class Report(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = REPORT_VERSION
    tool: ToolInfo = ToolInfo()
    config: dict[str, Any]
    started: datetime
    finished: datetime
    complete: bool
    stopped_reason: str | None = None
    skipped_rules: list[dict[str, str]] = []
    pages: list[PageEntry]
    findings: list[Finding]
    summary: Summary
    baseline: BaselineSummary | None = None


def summarise(findings: list[Finding], pages: int, site_kind: list[str]) -> Summary:
    by_severity = Counter(f.severity.value for f in findings)
    return Summary(
        pages=pages,
        by_severity={s.value: by_severity.get(s.value, 0) for s in Severity},
        by_rule=dict(sorted(Counter(f.rule for f in findings).items())),
        score=trust_score(findings),
        category_scores=category_scores(findings),
        site_kind=site_kind,
    )


def build_report(result: RunResult) -> Report:
    index = result.index
    depths = index.click_depths
    pages = [
        PageEntry(
            url=summary.url,
            status=summary.status,
            kind=summary.kind.value,
            depth=depths.get(url_id),
            final_url=summary.final_url if summary.final_url != summary.url else None,
            content_type=summary.content_type or None,
            error=summary.error,
        )
        for url_id, summary in index.summaries.items()
    ]
    return Report(
        config=result.config.public_dict(),
        started=result.started,
        finished=result.finished,
        complete=result.complete,
        stopped_reason=result.stopped_reason,
        skipped_rules=[{"rule": s.rule, "reason": s.reason} for s in result.skipped_rules],
        pages=pages,
        findings=result.findings,
        summary=summarise(result.findings, len(pages), result.site_kind.names),
    )


def to_json(report: Report) -> str:
    return report.model_dump_json(indent=2) + "\n"


def json_chunks(report: Report) -> Iterator[bytes]:
    """to_json() as UTF-8, in pieces: one per page and per finding.

    A report of a large site runs to tens of megabytes, and serialising it
    whole holds it in memory two or three times over; the pieces add up to
    the same bytes (tested).
    """
    frame = report.model_copy(update={"pages": [], "findings": []}).model_dump_json(indent=2)
    rest = frame.encode("utf-8")
    if any(f'\n  "{key}": []'.encode() not in rest for key in ("pages", "findings")):
        # Not the layout this splices into (a pydantic that writes JSON otherwise).
        yield to_json(report).encode("utf-8")
        return
    for key, items in (("pages", report.pages), ("findings", report.findings)):
        # Top-level keys are the only ones indented by exactly two spaces.
        marker = f'\n  "{key}": []'.encode()
        before, _, rest = rest.partition(marker)
        yield before
        if not items:
            yield marker
            continue
        yield f'\n  "{key}": [\n'.encode()
        for position, item in enumerate(items):
            if position:
                yield b",\n"
            text = item.__pydantic_serializer__.to_json(item, indent=2)
            yield b"    " + text.replace(b"\n", b"\n    ")
        yield b"\n  ]"
    yield rest
    yield b"\n"
