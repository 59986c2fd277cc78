"""The format registry, the shared options and template grouping.

The report builders here are shared by the other tests/test_report_*.py
modules (``from test_report_formats import ...``): a real run on the
demo-shop fixture, crawled once per test process, and hand-built reports.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from functools import cache

import pytest
from pydantic import ValidationError

from fixtures.server import FixtureServer
from sitelint.api import check_site
from sitelint.models import Category, Finding, Severity, fingerprint
from sitelint.report import Report, build_report
from sitelint.report.formats import (
    FILE_WRITERS,
    WRITERS,
    ReportOptions,
    fails,
    group_by_template,
    report_rules,
    rules_run,
)
from sitelint.report.json_report import PageEntry, summarise

SCAN_DATE = date(2026, 11, 1)
HOSTILE = "<script>alert(1)</script>\"onerror=alert(2) x='|`@all #1 [x](javascript:alert(3))"


@cache
def demo_report() -> Report:
    """sitelint's real findings on the demo-shop fixture (crawled once per process)."""
    with FixtureServer("demo-shop") as server:
        result = check_site(server.url("/"), scan_date=SCAN_DATE, timeout=10)
    return build_report(result)


def finding(
    url: str = "https://www.example.com/pricing",
    *,
    rule: str = "SL203",
    name: str = "price-on-request",
    severity: Severity = Severity.WARNING,
    category: Category = Category.PRICING,
    selector: str | None = "main > a.cta",
    message: str = 'Prices are behind "Contact sales".',
    evidence: str = "Contact sales for pricing",
) -> Finding:
    return Finding(
        rule=rule,
        name=name,
        severity=severity,
        category=category,
        url=url,
        selector=selector,
        message=message,
        evidence=evidence,
        fingerprint=fingerprint(rule, url, selector, message),
    )


def make_report(
    findings: list[Finding],
    *,
    pages: list[str] | None = None,
    complete: bool = True,
    skipped_rules: list[dict[str, str]] | None = None,
) -> Report:
    urls = pages if pages is not None else sorted({f.url for f in findings})
    started = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    return Report(
        config={"crawl": {"start_urls": ["https://www.example.com/"]}, "rules": {}},
        started=started,
        finished=started.replace(minute=1),
        complete=complete,
        stopped_reason=None if complete else "time limit of 60 s reached",
        skipped_rules=skipped_rules or [],
        pages=[PageEntry(url=u, status=200, kind="other", depth=1) for u in urls],
        findings=findings,
        summary=summarise(findings, len(urls), []),
    )


def hostile_report() -> Report:
    """Crawled content that tries to be markup, a link, a command or a mention."""
    return make_report(
        [
            finding(
                f"https://www.example.com/{HOSTILE}?q=<b>",
                selector=f"div[title='{HOSTILE}']",
                message=f"Message {HOSTILE}\n::error::injected\r\n%0A",
                evidence=f"Evidence {HOSTILE}\x00\x1b[31m\u2028",
                severity=Severity.ERROR,
            ),
            finding("javascript:alert(4)", message=f"Second {HOSTILE}"),
        ]
    )


def empty_report() -> Report:
    return make_report([], pages=["https://www.example.com/"])


def test_writers_cover_every_format() -> None:
    assert set(WRITERS) == {"json", "terminal", "sarif", "junit", "github", "markdown", "html"}


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_every_writer_handles_a_real_run_an_empty_run_and_hostile_content(name: str) -> None:
    options = ReportOptions()
    for report in (demo_report(), empty_report(), hostile_report()):
        text = WRITERS[name](report, options)
        assert isinstance(text, str)
        assert text == "" or text.endswith("\n")


def test_json_writer_round_trips() -> None:
    report = demo_report()
    text = WRITERS["json"](report, ReportOptions())
    assert Report.model_validate_json(text) == report
    assert json.loads(text)["version"] == 1


@pytest.mark.parametrize("name", sorted(FILE_WRITERS))
def test_file_writers_write_the_same_text_as_bytes(name: str) -> None:
    options = ReportOptions()
    for report in (demo_report(), empty_report(), hostile_report()):
        written = b"".join(FILE_WRITERS[name](report, options))
        assert written == WRITERS[name](report, options).encode("utf-8")


def test_terminal_writer_has_no_colour_codes() -> None:
    text = WRITERS["terminal"](demo_report(), ReportOptions())
    assert "\x1b[" not in text
    assert "trust score" in text


def test_fail_on_threshold() -> None:
    assert fails(Severity.ERROR, "error")
    assert not fails(Severity.WARNING, "error")
    assert fails(Severity.WARNING, "warning")
    assert fails(Severity.INFO, "info")
    assert not fails(Severity.ERROR, "never")


def test_path_map_values_must_be_repository_paths() -> None:
    options = ReportOptions(sarif_path_map={"*/products/*": "./templates\\product.html"})
    assert options.sarif_path_map == {"*/products/*": "templates/product.html"}
    for bad in ("https://example.com/x.html", "", "/", "../outside.html", "C:/site/x.html"):
        with pytest.raises(ValidationError):
            ReportOptions(sarif_path_map={"*": bad})


def test_options_take_a_plain_set_as_the_baseline() -> None:
    options = ReportOptions(baseline_fingerprints={"abc"})
    assert options.baseline_fingerprints == frozenset({"abc"})
    with pytest.raises(ValidationError):
        ReportOptions(fail_on="sometimes")  # type: ignore[arg-type]


def test_group_by_template_merges_the_same_problem_across_pages() -> None:
    pages = [f"https://www.example.com/p/{i}" for i in range(5)]
    findings = [finding(url) for url in pages]
    findings.append(finding(pages[0], selector="footer > a", message="Other message."))
    findings.append(finding(pages[1], severity=Severity.ERROR))
    groups = group_by_template(findings)
    assert [(g.severity, g.page_count, g.selector) for g in groups] == [
        (Severity.ERROR, 1, "main > a.cta"),
        (Severity.WARNING, 5, "main > a.cta"),
        (Severity.WARNING, 1, "footer > a"),
    ]
    assert groups[1].urls == sorted(pages)


def test_demo_run_groups_its_footer_links_by_template() -> None:
    groups = group_by_template(demo_report().findings)
    assert any(g.page_count > 1 for g in groups)
    assert sum(len(g.findings) for g in groups) == len(demo_report().findings)


def test_rules_run_honours_select_ignore_and_skipped() -> None:
    report = make_report([], skipped_rules=[{"rule": "SL101", "reason": "needs rendering"}])
    report.config["rules"] = {"select": ["SL1", "SL2"], "ignore": ["SL2"]}
    ran = {rule.id for rule in rules_run(report, report_rules(report))}
    assert ran
    assert all(rule_id.startswith("SL1") for rule_id in ran)
    assert "SL101" not in ran
