"""The terminal report: findings grouped by rule, then page; a one-line summary.

Results go to stdout; progress and logs to stderr. rich honours NO_COLOR.
"""

from __future__ import annotations

from collections import defaultdict
from typing import IO

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from sitelint.models import Finding, Severity
from sitelint.report.json_report import Report

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_MAX_PAGES_PER_RULE = 10


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(report: Report) -> str:
    counts = report.summary.by_severity
    total = len(report.findings)
    details = ", ".join(_plural(counts[s.value], s.value) for s in Severity if counts.get(s.value))
    line = f"{_plural(total, 'finding')}"
    if details:
        line += f" ({details})"
    line += f" on {_plural(report.summary.pages, 'page')}; trust score {report.summary.score}/100"
    if not report.complete:
        line += f"; INCOMPLETE: {report.stopped_reason}"
    return line


def render_terminal(
    report: Report, stream: IO[str] | None = None, *, color: bool | None = None
) -> None:
    console = Console(
        file=stream,
        no_color=color is False,
        highlight=False,
        soft_wrap=True,
        force_terminal=True if color else None,
    )
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_rule[finding.rule].append(finding)
    for rule_id, findings in by_rule.items():
        first = findings[0]
        header = Text()
        header.append(f"{rule_id} ", style="bold")
        header.append(first.name)
        header.append(f"  {first.severity.value}", style=_STYLES[first.severity])
        header.append(f"  ({_plural(len(findings), 'finding')})", style="dim")
        console.print(header)
        by_page: dict[str, list[Finding]] = defaultdict(list)
        for finding in findings:
            by_page[finding.url].append(finding)
        for shown, (url, page_findings) in enumerate(by_page.items()):
            if shown == _MAX_PAGES_PER_RULE:
                console.print(
                    f"  ... and {len(by_page) - shown} more pages (see the JSON report)",
                    style="dim",
                )
                break
            console.print(f"  {escape(url)}", style="underline")
            for finding in page_findings:
                style = _STYLES[finding.severity]
                console.print(
                    f"    [{style}]{finding.severity.value:<7}[/] {escape(finding.message)}"
                )
                if finding.selector:
                    console.print(f"            at {escape(finding.selector)}", style="dim")
                if finding.evidence:
                    console.print(
                        f"            evidence: {escape(finding.evidence[:300])}", style="dim"
                    )
        console.print()
    for skipped in report.skipped_rules:
        console.print(f"skipped {skipped['rule']}: {skipped['reason']}", style="dim")
    worst = next((s for s in Severity if report.summary.by_severity.get(s.value)), None)
    console.print(summary_line(report), style=_STYLES[worst] if worst else "bold green")
