"""JUnit XML, for CI systems that show test results (Jenkins, GitLab, Azure, ...).

Layout::

    <testsuites name="sitelint">                       one per run
      <testsuite name="SL605 trust-link-broken">       one per rule that ran or fired
        <testcase classname="sitelint.security.SL605"  one per page the rule fired on
                  name="https://www.example.com/shop/">
          <failure type="SL605" message="...">         its findings, if one is at or
                                                       above --fail-on
        </testcase>

- A testcase is one rule on one page; all the rule's findings on that page
  are in its text (message, selector, evidence, fingerprint), so a CI system's
  test history follows a page the way it follows a test.
- Findings at or above ``--fail-on`` make the testcase a ``<failure>``; engine
  findings (a page that could not be fetched, a rule that crashed) an
  ``<error>``, since the check could not run there.
- Findings below ``--fail-on``, and findings already in the baseline, leave
  the testcase passed, with the findings in ``<system-out>``: the gate passed,
  and "skipped" would claim the rule did not run, which is not so. So the
  JUnit verdict always matches the exit code.
- A rule that ran and found nothing is one passed testcase named
  "all pages"; a rule the run skipped (it needs rendering, say) one skipped
  testcase with the reason. Rules are known only when the registry is given.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Sequence

from sitelint.models import Category, Finding
from sitelint.report.formats import ReportOptions, gates, is_baselined, rules_run
from sitelint.report.json_report import Report
from sitelint.rule import Rule

# Characters XML 1.0 cannot hold at all; crawled text may carry them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _finding_text(finding: Finding, baselined: bool) -> str:
    known = " (in the baseline)" if baselined else ""
    lines = [f"{finding.severity.value}{known}: {finding.message}", f"  url: {finding.url}"]
    if finding.selector:
        lines.append(f"  selector: {finding.selector}")
    if finding.evidence:
        lines.append(f"  evidence: {finding.evidence}")
    if finding.fingerprint:
        lines.append(f"  fingerprint: {finding.fingerprint}")
    return "\n".join(lines)


def _element(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def to_junit(report: Report, options: ReportOptions, rules: Sequence[Rule] = ()) -> str:
    by_rule: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for finding in report.findings:
        by_rule[finding.rule][finding.url].append(finding)
    known = {rule.id: rule for rule in rules}
    ran = {rule.id for rule in rules_run(report, rules)} if rules else set()
    skipped = {entry.get("rule", ""): entry.get("reason", "") for entry in report.skipped_rules}
    rule_ids = sorted(set(by_rule) | ran | set(skipped))
    duration = max(0.0, (report.finished - report.started).total_seconds())

    root = ET.Element("testsuites", name="sitelint")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for rule_id in rule_ids:
        pages = by_rule.get(rule_id, {})
        rule = known.get(rule_id)
        first = next(iter(pages.values()))[0] if pages else None
        name = rule.name if rule else first.name if first else ""
        category = rule.category.value if rule else first.category.value if first else ""
        suite = _element(
            root,
            "testsuite",
            name=f"{rule_id} {name}".strip(),
            timestamp=report.started.replace(tzinfo=None).isoformat(timespec="seconds"),
            hostname=report.tool.name,
        )
        properties = _element(suite, "properties")
        _element(properties, "property", name="category", value=category)
        if rule:
            _element(properties, "property", name="severity", value=rule.severity.value)
            _element(properties, "property", name="summary", value=rule.summary)
        classname = f"sitelint.{category}.{rule_id}" if category else f"sitelint.{rule_id}"
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        if not pages:
            case = _element(suite, "testcase", classname=classname, name="all pages", time="0")
            counts["tests"] += 1
            if rule_id in skipped:
                _element(case, "skipped", message=skipped[rule_id] or "skipped")
                counts["skipped"] += 1
        for url, found in sorted(pages.items()):
            case = _element(suite, "testcase", classname=classname, name=url, time="0")
            counts["tests"] += 1
            text = "\n\n".join(_finding_text(f, is_baselined(f, options)) for f in found)
            failing = [f for f in found if gates(f, options)]
            if failing:
                worst = max(failing, key=lambda f: f.severity.rank)
                is_error = worst.category is Category.ENGINE
                message = worst.message
                if len(found) > 1:
                    message += f" (+{len(found) - 1} more on this page)"
                _element(
                    case,
                    "error" if is_error else "failure",
                    text,
                    message=message,
                    type=worst.severity.value,
                )
                counts["errors" if is_error else "failures"] += 1
            else:
                _element(case, "system-out", text)
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("time", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", f"{duration:.3f}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
