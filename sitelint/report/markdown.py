"""A Markdown summary for ``$GITHUB_STEP_SUMMARY`` or a pull-request comment.

The gate's verdict, the trust score overall and per category, counts by
severity and by rule, the top problems as a table (template groups, worst
first) and, with a baseline, what is new since it. Crawled text is escaped:
it cannot close a table cell, open a code span, inject HTML or @-mention
anyone. The whole stays well under GitHub's 65,536-character comment limit.
"""

from __future__ import annotations

import re
from collections import Counter

from sitelint.models import Category, Severity
from sitelint.report.formats import (
    ReportOptions,
    TemplateGroup,
    baseline_gone,
    gates,
    group_by_template,
    has_baseline,
    is_baselined,
)
from sitelint.report.json_report import Report

TOP_GROUPS = 20
MAX_CELL_CHARS = 160
MAX_CHARS = 60_000  # GitHub rejects comment bodies over 65,536 characters
_ICONS = {Severity.ERROR: "🔴", Severity.WARNING: "🟡", Severity.INFO: "🔵"}
_WHITESPACE = re.compile(r"\s+")
# Every character that can start Markdown inline syntax inside a table cell.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+!|~^$])")
# GitHub links "@user" and "#123" in rendered text (entities and backslashes
# are decoded first), so an invisible word joiner goes after the sign; an
# e-mail address ("sales@example.com") is no mention and stays as it is.
_REFERENCE = re.compile(r"(?<![\w.])([@#])(?=\w)")


def _shorten(text: str, limit: int) -> str:
    text = _WHITESPACE.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def md_text(text: str, limit: int = MAX_CELL_CHARS) -> str:
    """Crawled text as inert Markdown: one line, no HTML, no syntax, no mentions."""
    text = _REFERENCE.sub("\\1\u2060", _shorten(text, limit))
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def md_code(text: str, limit: int = MAX_CELL_CHARS) -> str:
    """Crawled text as a code span whose fence is longer than any backtick run in it."""
    text = _shorten(text, limit)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    # A pipe ends a table cell even inside a code span unless escaped (GFM).
    text = text.replace("|", "\\|")
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{fence}{padded}{fence}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _where(group: TemplateGroup) -> str:
    where = md_text(group.first.url, 100)
    if group.page_count > 1:
        where += f" +{group.page_count - 1} more"
    return where


def _groups_table(groups: list[TemplateGroup], options: ReportOptions, compared: bool) -> list[str]:
    lines = [
        "| | Rule | Problem | Selector | Page | Pages |",
        "|---|---|---|---|---|---:|",
    ]
    for group in groups:
        new = " **new**" if compared and group.is_new(options) else ""
        lines.append(
            f"| {_ICONS[group.severity]} {group.severity.value}{new} "
            f"| {group.rule} {md_text(group.name)} "
            f"| {md_text(group.message)} "
            f"| {md_code(group.selector) if group.selector else ''} "
            f"| {_where(group)} "
            f"| {group.page_count} |"
        )
    return lines


def _render(report: Report, options: ReportOptions, top: int) -> str:
    summary = report.summary
    findings = report.findings
    groups = group_by_template(findings)
    compared = has_baseline(report, options)
    lines: list[str] = []

    start = (report.config.get("crawl") or {}).get("start_urls") or []
    site = f" for {md_text(', '.join(start), 200)}" if start else ""
    lines.append(f"## sitelint{site}")
    lines.append("")
    lines.append(
        f"**Trust score {summary.score}/100** · {_plural(len(findings), 'finding')} "
        f"on {_plural(summary.pages, 'page')}"
    )
    lines.append("")
    if options.fail_on == "never":
        lines.append("Gate: off (`--fail-on never`).")
    else:
        failing = sum(1 for f in findings if gates(f, options))
        noun = "new finding" if compared else "finding"
        verdict = "❌ **failed**" if failing else "✅ **passed**"
        lines.append(
            f"Gate {verdict} (`--fail-on {options.fail_on}`): "
            f"{_plural(failing, noun)} at or above {options.fail_on}."
        )
    if not report.complete:
        lines.append("")
        lines.append(
            f"> ⚠️ The crawl stopped early ({md_text(report.stopped_reason or 'unknown')}); "
            "pages it did not reach were not checked."
        )
    lines.append("")

    lines.append("| Severity | Findings | Problems |")
    lines.append("|---|---:|---:|")
    group_counts = Counter(g.severity for g in groups)
    for severity in Severity:
        count = summary.by_severity.get(severity.value, 0)
        lines.append(
            f"| {_ICONS[severity]} {severity.value} | {count} | {group_counts.get(severity, 0)} |"
        )
    lines.append("")

    lines.append("<details><summary>Trust score by category</summary>")
    lines.append("")
    lines.append("| Category | Score |")
    lines.append("|---|---:|")
    for category in Category:
        if category.value in summary.category_scores:
            lines.append(f"| {category.value} | {summary.category_scores[category.value]} |")
    lines.append("")
    lines.append("</details>")
    lines.append("")

    if compared:
        new_groups = [g for g in groups if g.is_new(options)]
        new_findings = sum(1 for f in findings if not is_baselined(f, options))
        gone = baseline_gone(report, options)
        lines.append("### New since the baseline")
        lines.append("")
        line = (
            f"{_plural(new_findings, 'new finding')} ({_plural(len(new_groups), 'problem')}), "
            f"{len(findings) - new_findings} already in the baseline"
        )
        if gone is not None:
            line += f"; {gone} baseline entries no longer found"
        lines.append(line + ".")
        lines.append("")
        if new_groups:
            lines.extend(_groups_table(new_groups[:top], options, compared))
            if len(new_groups) > top:
                lines.append("")
                lines.append(f"… and {len(new_groups) - top} more new problems.")
            lines.append("")

    if groups:
        lines.append("### Top problems")
        lines.append("")
        lines.append(
            "A problem is one rule with the same selector and message; "
            "on many pages it usually lives in one template."
        )
        lines.append("")
        lines.extend(_groups_table(groups[:top], options, compared))
        if len(groups) > top:
            lines.append("")
            lines.append(f"… and {len(groups) - top} more problems in the full report.")
        lines.append("")

        lines.append("<details><summary>Findings by rule</summary>")
        lines.append("")
        lines.append("| Rule | Name | Severity | Findings | Pages |")
        lines.append("|---|---|---|---:|---:|")
        by_rule: dict[str, list[TemplateGroup]] = {}
        for group in groups:
            by_rule.setdefault(group.rule, []).append(group)
        for rule_id in sorted(by_rule):
            rule_groups = by_rule[rule_id]
            worst = max((g.severity for g in rule_groups), key=lambda s: s.rank)
            pages = len({url for g in rule_groups for url in g.urls})
            count = sum(len(g.findings) for g in rule_groups)
            lines.append(
                f"| {md_text(rule_id)} | {md_text(rule_groups[0].name)} "
                f"| {worst.value} | {count} | {pages} |"
            )
        lines.append("")
        lines.append("</details>")
        lines.append("")
    else:
        lines.append("No findings. 🎉")
        lines.append("")

    lines.append(
        f"<sub>{md_text(report.tool.name)} {md_text(report.tool.version)} · "
        f"{report.started.isoformat(timespec='seconds')}</sub>"
    )
    return "\n".join(lines) + "\n"


def to_markdown(report: Report, options: ReportOptions) -> str:
    top = TOP_GROUPS
    text = _render(report, options, top)
    while len(text) > MAX_CHARS and top > 1:
        top //= 2
        text = _render(report, options, top)
    return text
