"""GitHub Actions workflow commands: one annotation per template group.

``::error file=<path>,title=<rule>::<message>`` (``::warning`` for warnings,
``::notice`` for info), worst first: GitHub shows only the first few
annotations of each level per step, so the ones it shows are the ones that
matter. The file is the same repository-relative path as in the SARIF report
(``[sarif] path_map`` applies), so a mapped template gets the annotation.
Values are escaped as the Actions toolkit does: ``%``, CR and LF everywhere,
and ``:`` and ``,`` in properties too, so crawled text cannot end a command or
start another.
"""

from __future__ import annotations

from sitelint.models import Severity
from sitelint.report.formats import ReportOptions, TemplateGroup, group_by_template
from sitelint.report.json_report import Report
from sitelint.report.sarif import artifact_path

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_PAGES_LISTED = 10
_EVIDENCE_CHARS = 500


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _message(group: TemplateGroup) -> str:
    lines = [group.message]
    urls = group.urls
    if len(urls) == 1:
        lines.append(f"Page: {urls[0]}")
    else:
        lines.append(f"On {len(urls)} pages:")
        lines.extend(f"- {url}" for url in urls[:_PAGES_LISTED])
        if len(urls) > _PAGES_LISTED:
            lines.append(f"- ... and {len(urls) - _PAGES_LISTED} more")
    if group.selector:
        lines.append(f"Selector: {group.selector}")
    evidence = group.first.evidence
    if evidence:
        if len(evidence) > _EVIDENCE_CHARS:
            evidence = evidence[:_EVIDENCE_CHARS] + "..."
        lines.append(f"Evidence: {evidence}")
    return "\n".join(lines)


def annotation(group: TemplateGroup, options: ReportOptions) -> str:
    path = artifact_path(group.first.url, options.sarif_path_map)
    title = f"{group.rule} {group.name}"
    properties = f"file={escape_property(path)},title={escape_property(title)}"
    return f"::{COMMANDS[group.severity]} {properties}::{escape_data(_message(group))}"


def to_github(report: Report, options: ReportOptions) -> str:
    lines = [annotation(group, options) for group in group_by_template(report.findings)]
    return "".join(line + "\n" for line in lines)
