"""The report formats by name, the options they share, and template grouping.

Every writer is a pure function ``(Report, ReportOptions) -> str`` listed in
``WRITERS`` under the name ``--format NAME[=PATH]`` uses. Writers are imported
only when called, so naming one does not pay for jinja2 or the others.

Template grouping: a site renders most pages from a few templates, so the same
problem (same rule, severity, selector and message) usually repeats on many
pages. SARIF, the GitHub annotations, Markdown and HTML show such a group once
with its page count and its pages, the way a developer fixes it: once, in the
template.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from io import StringIO
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from sitelint.config import FailOn, RuleSettings
from sitelint.models import Category, Finding, Severity
from sitelint.report.json_report import Report, json_chunks, to_json
from sitelint.rule import Rule

# A scheme ("https:", "C:") would make GitHub reject the SARIF upload.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class ReportOptions(BaseModel):
    """What the formats need beyond the report itself; built from config and flags."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fail_on: FailOn = "error"
    # URL glob (matched against the full URL, then the path) -> repository path
    # of the template that renders those pages; first match wins.
    sarif_path_map: dict[str, str] = Field(default_factory=dict)
    # Fingerprints of the accepted findings; None when no baseline was given.
    baseline_fingerprints: frozenset[str] | None = None
    # From the scan history (`sitelint report`): (run start time, trust score) of the
    # site's runs up to this one, oldest first; the HTML report draws it when given.
    trend: list[tuple[str, int]] = Field(default_factory=list)

    @field_validator("sarif_path_map")
    @classmethod
    def _repository_paths(cls, path_map: dict[str, str]) -> dict[str, str]:
        cleaned: dict[str, str] = {}
        for pattern, path in path_map.items():
            if not pattern.strip():
                raise ValueError("a path_map pattern is empty")
            target = path.strip().replace("\\", "/")
            while target.startswith(("./", "/")):
                target = target[2:] if target.startswith("./") else target[1:]
            if not target or _SCHEME.match(target) or ".." in target.split("/"):
                raise ValueError(
                    f"path_map {pattern!r} = {path!r}: give a path relative to the "
                    "repository root (for example templates/product.html), not a URL"
                )
            cleaned[pattern.strip()] = target
        return cleaned


def fails(severity: Severity, fail_on: str) -> bool:
    """Whether a finding of this severity reaches ``--fail-on``."""
    return fail_on != "never" and severity.rank >= Severity(fail_on).rank


def is_baselined(finding: Finding, options: ReportOptions) -> bool:
    """Known before: marked by the run's baseline, or listed in the options' fingerprints."""
    if finding.in_baseline:
        return True
    known = options.baseline_fingerprints
    return known is not None and finding.fingerprint in known


def gates(finding: Finding, options: ReportOptions) -> bool:
    """Whether this finding fails the run: at or above ``--fail-on`` and not in the baseline."""
    return fails(finding.severity, options.fail_on) and not is_baselined(finding, options)


def has_baseline(report: Report, options: ReportOptions) -> bool:
    """Whether this run was compared with a baseline, so "new" means something."""
    return (
        options.baseline_fingerprints is not None
        or report.baseline is not None
        or any(finding.in_baseline for finding in report.findings)
    )


def baseline_gone(report: Report, options: ReportOptions) -> int | None:
    """How many baseline entries no longer occur; None when that is not known."""
    if report.baseline is not None:
        return len(report.baseline.stale)
    if options.baseline_fingerprints is None:
        return None
    return len(options.baseline_fingerprints - {f.fingerprint for f in report.findings})


@dataclass(frozen=True)
class TemplateGroup:
    """One problem as it repeats across pages: findings sorted by URL."""

    rule: str
    name: str
    severity: Severity
    category: Category
    selector: str | None
    message: str
    findings: tuple[Finding, ...]

    @property
    def first(self) -> Finding:
        return self.findings[0]

    @cached_property
    def urls(self) -> list[str]:
        return list(dict.fromkeys(finding.url for finding in self.findings))

    @property
    def page_count(self) -> int:
        return len(self.urls)

    def is_new(self, options: ReportOptions) -> bool:
        """Some finding of the group is not in the baseline (see ``has_baseline``)."""
        return any(not is_baselined(finding, options) for finding in self.findings)


def group_key(finding: Finding) -> tuple[str, str, str, str]:
    return (finding.rule, finding.severity.value, finding.selector or "", finding.message)


def group_by_template(findings: Iterable[Finding]) -> list[TemplateGroup]:
    """Groups worst first: severity, then how many pages, then rule id."""
    members: dict[tuple[str, str, str, str], list[Finding]] = {}
    for finding in findings:
        members.setdefault(group_key(finding), []).append(finding)
    groups = [
        TemplateGroup(
            rule=found[0].rule,
            name=found[0].name,
            severity=found[0].severity,
            category=found[0].category,
            selector=found[0].selector,
            message=found[0].message,
            findings=tuple(sorted(found, key=lambda f: (f.url, f.fingerprint))),
        )
        for found in members.values()
    ]
    groups.sort(
        key=lambda g: (-g.severity.rank, -g.page_count, g.rule, g.selector or "", g.message)
    )
    return groups


def report_rules(report: Report) -> tuple[Rule, ...]:
    """Every installed rule, for formats that describe rules (SARIF, JUnit, HTML)."""
    from sitelint.registry import load_registry

    rule_config = report.config.get("rules") or {}
    return load_registry(disabled_packs=rule_config.get("disabled_packs") or ()).rules


def rules_run(report: Report, rules: Sequence[Rule]) -> list[Rule]:
    """The rules this run checked: selected by its config and not skipped."""
    from sitelint.engine import rule_selected

    rule_config: dict[str, Any] = report.config.get("rules") or {}
    settings = RuleSettings(
        select=list(rule_config.get("select") or []),
        ignore=list(rule_config.get("ignore") or []),
    )
    skipped = {entry.get("rule") for entry in report.skipped_rules}
    return [r for r in rules if rule_selected(r.id, settings) and r.id not in skipped]


def _json(report: Report, options: ReportOptions) -> str:
    return to_json(report)


def _terminal(report: Report, options: ReportOptions) -> str:
    from sitelint.report.terminal import render_terminal

    buffer = StringIO()
    render_terminal(report, buffer, color=False)
    return buffer.getvalue()


def _sarif(report: Report, options: ReportOptions) -> str:
    from sitelint.report.sarif import to_sarif

    return to_sarif(report, options, rules=report_rules(report))


def _junit(report: Report, options: ReportOptions) -> str:
    from sitelint.report.junit import to_junit

    return to_junit(report, options, rules=report_rules(report))


def _github(report: Report, options: ReportOptions) -> str:
    from sitelint.report.github import to_github

    return to_github(report, options)


def _markdown(report: Report, options: ReportOptions) -> str:
    from sitelint.report.markdown import to_markdown

    return to_markdown(report, options)


def _html(report: Report, options: ReportOptions) -> str:
    from sitelint.report.html import to_html

    return to_html(report, options, rules=report_rules(report))


Writer = Callable[[Report, ReportOptions], str]
# Formats written to a file in pieces, so a large report is never whole in
# memory; the same text as WRITERS gives.
FileWriter = Callable[[Report, ReportOptions], Iterable[bytes]]


def _json_file(report: Report, options: ReportOptions) -> Iterable[bytes]:
    return json_chunks(report)


FILE_WRITERS: dict[str, FileWriter] = {"json": _json_file}

WRITERS: dict[str, Writer] = {
    "json": _json,
    "terminal": _terminal,
    "sarif": _sarif,
    "junit": _junit,
    "github": _github,
    "markdown": _markdown,
    "html": _html,
}
