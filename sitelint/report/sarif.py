"""SARIF 2.1.0 for GitHub code scanning (and any other SARIF consumer).

One run. ``tool.driver.rules`` lists every installed rule with its short
description (the docstring's first line), its full description and help (the
docstring) and a ``helpUri``. Each result is one template group (see
``sitelint.report.formats``): the same rule, severity, selector and message on
one or many pages, with one location per page (at most 1,000).

Locations. GitHub accepts only repository-relative paths as artifact URIs: a
URL with a scheme fails the whole upload. A page becomes the path
``<host>[_<port>]/<path>`` (``www.example.com/pricing``; the query left out;
never empty), unless ``[sarif] path_map`` maps its URL to the template file
that renders it, so the alert points at real source. The full URL stays in the
message and in the properties; the selector is the logical location. GitHub
annotates the first location only; the message names the other pages.

Fingerprints. A result on one page carries that finding's fingerprint (the
baseline's identity). A result on several pages carries a template fingerprint
from rule, selector and message, with hosts left out like the finding
fingerprint's, so the alert stays the same alert when pages come and go.

Limits (GitHub's "code scanning limits on SARIF results"): 25,000 results per
run, kept worst first; 1,000 locations per result; 20 tags per rule; the file
gzip-compressed under 10 MB, reached by giving fewer locations per result and
then fewer results. Whatever is left out is said in a tool notification and in
``run.properties["sitelint"]``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Sequence
from fnmatch import fnmatchcase
from functools import lru_cache
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from sitelint.models import Severity
from sitelint.report.formats import ReportOptions, TemplateGroup, group_by_template, has_baseline
from sitelint.report.json_report import Report
from sitelint.rule import Rule
from sitelint.version import PROJECT_URL

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "sitelint/v1"
MAX_RESULTS = 25_000
MAX_LOCATIONS = 1_000
MAX_TAGS = 20
MAX_GZIP_BYTES = 10 * 1000 * 1000
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_PAGES_IN_MESSAGE = 5
_INDENT_UP_TO = 2_000
_PATH_SAFE = "/-._~!$&'()*+,;=@"
_ORIGIN = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/\s\"'<>]+")


def rule_help_uri(rule_id: str) -> str | None:
    """The rule's page in sitelint's docs; third-party packs have no page there."""
    if not rule_id.startswith("SL"):
        return None
    return f"{PROJECT_URL}/blob/main/docs/rules/{rule_id}.md"


@lru_cache(maxsize=65_536)  # a page usually has several findings
def page_path(url: str) -> str:
    """A page as a repository-relative path: ``www.example.com/pricing``.

    No scheme, no query, a port as ``_3000``, ``.``/``..`` segments dropped so
    the path cannot climb out of the repository, and never empty.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:  # IPv6: colons would read as a scheme
        host = host.replace(":", "-")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        host = quote(host, safe="")
    host = host or "unknown-host"
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None:
        host += f"_{port}"
    segments = [
        quote(unquote(segment), safe=_PATH_SAFE)
        for segment in parts.path.split("/")
        if segment not in ("", ".", "..")
    ]
    return "/".join([host, *segments])


def artifact_path(url: str, path_map: dict[str, str]) -> str:
    """The path_map's template file for this URL, else the page's own path."""
    if not path_map:
        return page_path(url)
    path = urlsplit(url).path or "/"
    for pattern, target in path_map.items():
        if fnmatchcase(url, pattern) or fnmatchcase(path, pattern):
            return quote(target, safe=_PATH_SAFE)
    return page_path(url)


def template_fingerprint(group: TemplateGroup) -> str:
    """Stable across runs and hosts while the problem stays in its template."""
    if len(group.findings) == 1 and group.first.fingerprint:
        return group.first.fingerprint
    message = _ORIGIN.sub("", group.message)
    material = "\x1f".join(("template", group.rule, group.selector or "", message))
    return hashlib.sha256(material.encode()).hexdigest()[:20]


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    doc = rule.doc.strip() or rule.name
    tags = ["sitelint", rule.category.value, f"scope:{rule.scope.value}"]
    if rule.needs_render:
        tags.append("needs-render")
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "fullDescription": {"text": doc},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": tags[:MAX_TAGS], "category": rule.category.value},
    }
    help_uri = rule_help_uri(rule.id)
    if help_uri:
        descriptor["helpUri"] = help_uri
    return descriptor


def _unknown_rule_descriptor(group: TemplateGroup) -> dict[str, Any]:
    """A rule the report names but no installed pack has (a report from elsewhere)."""
    descriptor: dict[str, Any] = {
        "id": group.rule,
        "name": group.name,
        "shortDescription": {"text": group.name},
        "fullDescription": {"text": f"{group.rule} {group.name} (rule not installed)"},
        "defaultConfiguration": {"level": LEVELS[group.severity]},
        "properties": {"tags": ["sitelint", group.category.value]},
    }
    help_uri = rule_help_uri(group.rule)
    if help_uri:
        descriptor["helpUri"] = help_uri
    return descriptor


def _message(group: TemplateGroup) -> str:
    urls = group.urls
    text = f"{group.message} Page: {urls[0]}"
    if len(urls) > 1:
        others = urls[1:_PAGES_IN_MESSAGE]
        text += f" (and {len(urls) - 1} more: {', '.join(others)}"
        if len(urls) > _PAGES_IN_MESSAGE:
            text += f", ... {len(urls) - _PAGES_IN_MESSAGE} more"
        text += ")"
    return text


def _result(
    group: TemplateGroup,
    rule_index: int,
    options: ReportOptions,
    max_locations: int,
    compared: bool,
) -> dict[str, Any]:
    first_by_url: dict[str, Any] = {}
    for finding in group.findings:
        first_by_url.setdefault(finding.url, finding)
    kept = list(first_by_url.values())[:max_locations]
    locations = []
    for finding in kept:
        location: dict[str, Any] = {
            "physicalLocation": {
                "artifactLocation": {"uri": artifact_path(finding.url, options.sarif_path_map)},
                # GitHub places an alert on a line; a page has none, so the
                # alert sits at the top of the path.
                "region": {"startLine": 1},
            },
            "message": {"text": finding.url},
            "properties": {"url": finding.url},
        }
        if group.selector:
            location["logicalLocations"] = [
                {"name": group.selector, "fullyQualifiedName": group.selector, "kind": "element"}
            ]
        locations.append(location)
    properties: dict[str, Any] = {
        "url": group.first.url,
        "category": group.category.value,
        "pageCount": group.page_count,
        "evidence": group.first.evidence,
        "fingerprints": [f.fingerprint for f in group.findings[:max_locations] if f.fingerprint],
    }
    if group.selector:
        properties["selector"] = group.selector
    if group.page_count > 1:
        properties["urls"] = [f.url for f in kept]
    if group.page_count > len(kept):
        properties["omittedPages"] = group.page_count - len(kept)
    result: dict[str, Any] = {
        "ruleId": group.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[group.severity],
        "message": {"text": _message(group)},
        "locations": locations,
        "partialFingerprints": {FINGERPRINT_KEY: template_fingerprint(group)},
        "properties": properties,
    }
    if compared:
        result["baselineState"] = "new" if group.is_new(options) else "unchanged"
    return result


def build_sarif(
    report: Report,
    options: ReportOptions,
    rules: Sequence[Rule] = (),
    *,
    max_results: int = MAX_RESULTS,
    max_locations: int = MAX_LOCATIONS,
    shrunk_for_size: bool = False,
) -> dict[str, Any]:
    """The SARIF log as a dict, at most ``max_results`` results (worst first)."""
    descriptors = [_rule_descriptor(rule) for rule in rules]
    index = {descriptor["id"]: i for i, descriptor in enumerate(descriptors)}
    groups = group_by_template(report.findings)
    for group in groups:
        if group.rule not in index:
            index[group.rule] = len(descriptors)
            descriptors.append(_unknown_rule_descriptor(group))
    kept = groups[:max_results]
    compared = has_baseline(report, options)
    results = [_result(g, index[g.rule], options, max_locations, compared) for g in kept]

    notifications: list[dict[str, Any]] = []
    omitted_results = len(groups) - len(kept)
    omitted_findings = sum(len(g.findings) for g in groups[max_results:])
    omitted_locations = sum(max(0, g.page_count - max_locations) for g in kept)
    if omitted_results:
        notifications.append(
            {
                "level": "warning",
                "message": {
                    "text": f"{omitted_results} of {len(groups)} results "
                    f"({omitted_findings} findings) were left out to stay within "
                    f"{max_results} results per run; the worst by severity were kept. "
                    "The JSON report has every finding."
                },
            }
        )
    if omitted_locations:
        notifications.append(
            {
                "level": "note",
                "message": {
                    "text": f"{omitted_locations} pages were left out of results that repeat "
                    f"on more than {max_locations} pages; each result's omittedPages says how "
                    "many. The JSON report has every finding."
                },
            }
        )
    if shrunk_for_size:
        notifications.append(
            {
                "level": "warning",
                "message": {
                    "text": f"Results were limited to {max_results} and pages per result to "
                    f"{max_locations} to keep the gzip-compressed file under "
                    f"{MAX_GZIP_BYTES // 1_000_000} MB."
                },
            }
        )
    if not report.complete:
        notifications.append(
            {
                "level": "warning",
                "message": {"text": f"The crawl stopped early: {report.stopped_reason}"},
            }
        )
    for skipped in report.skipped_rules:
        notifications.append(
            {
                "level": "note",
                "message": {"text": f"Rule {skipped.get('rule')} skipped: {skipped.get('reason')}"},
            }
        )
    invocation: dict[str, Any] = {
        # The tool did its job even when asked to stop early; that is a notification.
        "executionSuccessful": True,
        "startTimeUtc": report.started.isoformat(),
        "endTimeUtc": report.finished.isoformat(),
    }
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": report.tool.name,
                "version": report.tool.version,
                "informationUri": report.tool.url,
                "rules": descriptors,
            }
        },
        "invocations": [invocation],
        "results": results,
        "properties": {
            "sitelint": {
                "reportVersion": report.version,
                "pages": report.summary.pages,
                "findings": len(report.findings),
                "trustScore": report.summary.score,
                "categoryScores": report.summary.category_scores,
                "complete": report.complete,
                "results": len(results),
                "omittedResults": omitted_results,
                "omittedFindings": omitted_findings,
                "omittedLocations": omitted_locations,
                "maxLocationsPerResult": max_locations,
                "shrunkForSize": shrunk_for_size,
            }
        },
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def gzip_size(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=6))


def to_sarif(
    report: Report,
    options: ReportOptions,
    rules: Sequence[Rule] = (),
    *,
    max_gzip_bytes: int = MAX_GZIP_BYTES,
) -> str:
    """The SARIF file's text, shrunk until it fits GitHub's compressed-size limit."""
    max_results, max_locations = MAX_RESULTS, MAX_LOCATIONS
    shrunk = False
    while True:
        sarif = build_sarif(
            report,
            options,
            rules,
            max_results=max_results,
            max_locations=max_locations,
            shrunk_for_size=shrunk,
        )
        results = len(sarif["runs"][0]["results"])
        # Indented for people to read; compact when large, since json.dumps with an
        # indent runs the pure-Python encoder (seconds for 25,000 results).
        indent = 1 if results <= _INDENT_UP_TO else None
        text = json.dumps(sarif, indent=indent, ensure_ascii=False) + "\n"
        if gzip_size(text) < max_gzip_bytes or (results <= 1 and max_locations == 1):
            return text
        shrunk = True
        # Fewer pages per result first: GitHub shows only 100 of them anyway.
        if max_locations > 100:
            max_locations = 100
        elif max_locations > 1:
            max_locations = max(1, max_locations // 10)
        else:
            max_results = max(1, min(max_results, results) * 3 // 4)
