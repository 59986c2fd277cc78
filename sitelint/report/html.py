"""The HTML report: one self-contained file to open, attach or archive.

No network: the CSS and JS are inlined and a Content-Security-Policy allows
only those exact blocks (by hash), so even markup that slipped past escaping
could not run a script or load anything. Everything from crawled pages goes
through jinja2 with autoescape on; links to crawled pages are made only for
http(s) URLs. Findings are grouped by rule, then by template (same severity,
selector and message: shown once with its page count and its pages), with
severity, category and "new since the baseline" filters.

Screenshots: a finding's ``screenshot`` (render mode: a path relative to the
report file) is shown as an image; any other kind of path is not.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup

from sitelint.models import Category, Finding, Severity
from sitelint.report.formats import ReportOptions, TemplateGroup, group_by_template, has_baseline
from sitelint.report.json_report import Report
from sitelint.report.sarif import rule_help_uri
from sitelint.rule import Rule

_TEMPLATES = files("sitelint.report") / "templates"


@dataclass(frozen=True)
class PageView:
    url: str
    href: str | None
    evidence: str = ""
    screenshot: str | None = None


@dataclass(frozen=True)
class GroupView:
    severity: str
    category: str
    message: str
    selector: str | None
    evidence: str
    findings: int
    pages: list[PageView]
    new: bool
    screenshot: str | None


@dataclass(frozen=True)
class RuleView:
    id: str
    name: str
    severity: str
    category: str
    summary: str
    help_uri: str | None
    findings: int
    pages: int
    groups: list[GroupView]


def safe_href(url: str) -> str | None:
    """A link target only for http(s): a crawled ``javascript:`` URL stays text."""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def screenshot_src(finding: Finding) -> str | None:
    """The finding's screenshot as an image source, if it is a path beside the report."""
    path = finding.screenshot
    if not path or not path.strip():
        return None
    path = path.strip().replace("\\", "/")
    parts = urlsplit(path)
    # Only a file beside the report: no scheme, no host, no absolute path.
    if parts.scheme or parts.netloc or path.startswith("/"):
        return None
    return quote(path, safe="/-._~!$&'()*+,;=@")


def _group_view(group: TemplateGroup, options: ReportOptions, compared: bool) -> GroupView:
    first_by_url: dict[str, Finding] = {}
    for finding in group.findings:
        first_by_url.setdefault(finding.url, finding)
    evidence = group.first.evidence
    pages = [
        PageView(
            url=url,
            href=safe_href(url),
            evidence=finding.evidence if finding.evidence != evidence else "",
            screenshot=screenshot_src(finding),
        )
        for url, finding in first_by_url.items()
    ]
    return GroupView(
        severity=group.severity.value,
        category=group.category.value,
        message=group.message,
        selector=group.selector,
        evidence=evidence,
        findings=len(group.findings),
        pages=pages,
        new=compared and group.is_new(options),
        screenshot=pages[0].screenshot if len(pages) == 1 else None,
    )


def _rule_views(
    groups: list[TemplateGroup], rules: Sequence[Rule], options: ReportOptions, compared: bool
) -> list[RuleView]:
    known = {rule.id: rule for rule in rules}
    by_rule: dict[str, list[TemplateGroup]] = {}
    for group in groups:
        by_rule.setdefault(group.rule, []).append(group)
    views = []
    for rule_id, rule_groups in by_rule.items():
        rule = known.get(rule_id)
        worst = max((g.severity for g in rule_groups), key=lambda s: s.rank)
        views.append(
            RuleView(
                id=rule_id,
                name=rule_groups[0].name,
                severity=worst.value,
                category=rule_groups[0].category.value,
                summary=rule.summary if rule else "",
                help_uri=rule_help_uri(rule_id),
                findings=sum(len(g.findings) for g in rule_groups),
                pages=len({url for g in rule_groups for url in g.urls}),
                groups=[_group_view(g, options, compared) for g in rule_groups],
            )
        )
    # Worst rules first, as the groups already are; then by id for a stable order.
    views.sort(key=lambda v: (-Severity(v.severity).rank, v.id))
    return views


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: (_TEMPLATES / name).read_text("utf-8")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        keep_trailing_newline=True,
        lstrip_blocks=True,
    )


def _duration(report: Report) -> str:
    seconds = max(0.0, (report.finished - report.started).total_seconds())
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, seconds = divmod(int(seconds), 60)
    return f"{minutes} min {seconds} s"


def to_html(report: Report, options: ReportOptions, rules: Sequence[Rule] = ()) -> str:
    css = (_TEMPLATES / "report.css").read_text("utf-8")
    js = (_TEMPLATES / "report.js").read_text("utf-8")
    csp = "; ".join(
        [
            "default-src 'none'",
            f"style-src {_csp_hash(css)}",
            f"script-src {_csp_hash(js)}",
            # Screenshots sit beside the report: served over http(s) or opened as a file.
            "img-src 'self' data: file:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    compared = has_baseline(report, options)
    groups = group_by_template(report.findings)
    group_counts = Counter(g.severity for g in groups)
    category_groups = Counter(g.category.value for g in groups)
    category_findings = Counter(f.category.value for f in report.findings)
    scored = report.summary.category_scores
    start_urls = (report.config.get("crawl") or {}).get("start_urls") or []
    context: dict[str, Any] = {
        "csp": csp,
        "css": Markup(css),
        "js": Markup(js),
        "tool": report.tool,
        "report_version": report.version,
        "site": ", ".join(start_urls) or "(no start URL)",
        "started": report.started.isoformat(timespec="seconds"),
        "duration": _duration(report),
        "complete": report.complete,
        "stopped_reason": report.stopped_reason or "",
        "score": report.summary.score,
        "total_findings": len(report.findings),
        "groups_total": len(groups),
        "severities": [
            {
                "name": s.value,
                "findings": report.summary.by_severity.get(s.value, 0),
                "groups": group_counts.get(s, 0),
            }
            for s in Severity
        ],
        "categories": [
            {
                "name": c.value,
                "score": scored[c.value],
                "findings": category_findings.get(c.value, 0),
                "groups": category_groups.get(c.value, 0),
            }
            for c in Category
            if c.value in scored
        ],
        # Engine findings (a page that failed) have no score but must stay filterable.
        "extra_categories": [
            {"name": name, "groups": count}
            for name, count in sorted(category_groups.items())
            if name not in scored
        ],
        "has_baseline": compared,
        "new_groups": sum(1 for g in groups if compared and g.is_new(options)),
        "rules": _rule_views(groups, rules, options, compared),
        "skipped_rules": report.skipped_rules,
        "trend": options.trend,  # from the scan history; the template's score-trend block
        "pages": [
            {
                "url": page.url,
                "href": safe_href(page.url),
                "status": page.status,
                "kind": page.kind,
                "depth": page.depth,
                "error": page.error,
            }
            for page in report.pages
        ],
    }
    return _environment().get_template("report.html.j2").render(context)
