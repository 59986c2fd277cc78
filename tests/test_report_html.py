"""The HTML report: self-contained, escaped, and working in a real headless Chromium."""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from test_report_formats import (
    HOSTILE,
    demo_report,
    empty_report,
    finding,
    hostile_report,
    make_report,
)

from sitelint.models import Severity
from sitelint.registry import load_registry
from sitelint.report import Report
from sitelint.report.formats import ReportOptions, group_by_template
from sitelint.report.html import safe_href, screenshot_src, to_html

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A 1x1 PNG, to stand in for a screenshot the renderer will one day take.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


class Markup(HTMLParser):
    """Every start tag and attribute, as a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Markup()
    parser.feed(html)
    return parser.tags


def html_for(report: Report, options: ReportOptions | None = None) -> str:
    return to_html(report, options or ReportOptions(), load_registry().rules)


def test_crawled_content_never_becomes_markup() -> None:
    html = html_for(hostile_report())
    tags = parse(html)
    assert [tag for tag, _ in tags].count("script") == 1  # our own, at the end
    for tag, attrs in tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "a":
            assert not (attrs.get("href") or "").lower().startswith("javascript:")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '"onerror=' not in html
    # Shown as text (once as the message, selector, evidence and URL each).
    assert html.count("&lt;script&gt;alert(1)") >= 4


def test_self_contained_with_a_strict_content_security_policy() -> None:
    html = html_for(demo_report())
    tags = parse(html)
    for tag, attrs in tags:
        assert tag not in ("link", "img", "iframe") or (tag == "link" and attrs["href"] == "data:,")
        if tag == "script":
            assert "src" not in attrs
    (policy,) = [a["content"] for t, a in tags if t == "meta" and a.get("http-equiv")]
    assert policy and "default-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert not re.search(r"https?://[^\"']+\.(?:css|js)\b", html)


def test_groups_by_rule_and_by_template_with_the_pages() -> None:
    report = demo_report()
    html = html_for(report)
    groups = group_by_template(report.findings)
    assert html.count('<article class="finding"') == len(groups)
    assert html.count('<section class="rule"') == len({f.rule for f in report.findings})
    repeated = max(groups, key=lambda g: g.page_count)
    assert repeated.page_count > 1
    assert f"{repeated.page_count} pages with the same selector and message" in html
    for url in repeated.urls:
        assert f'href="{url}"' in html
    assert f'<div class="value" id="trust-score">{report.summary.score}</div>' in html


def test_empty_report() -> None:
    html = html_for(empty_report())
    assert 'id="no-findings"' in html
    assert '<div class="value" id="trust-score">100</div>' in html


def test_links_only_to_http_pages_and_screenshots_only_beside_the_report() -> None:
    assert safe_href("https://www.example.com/a?b=1") == "https://www.example.com/a?b=1"
    assert safe_href(" JavaScript:alert(1)") is None
    assert safe_href("data:text/html,<script>") is None
    shot = finding().model_copy(update={"screenshot": "shots/a b.png"})
    assert screenshot_src(shot) == "shots/a%20b.png"
    for bad in (
        "/etc/passwd",
        "https://evil.example/x.png",
        "//evil.example/x.png",
        "javascript:x",
    ):
        assert screenshot_src(shot.model_copy(update={"screenshot": bad})) is None
    assert screenshot_src(finding()) is None


# --- in a real browser -------------------------------------------------------------------


def _browser_executable() -> str | None:
    candidates = [
        os.environ.get("SITELINT_BROWSER"),
        "/usr/lib/chromium/chromium-headless-shell",
        "/usr/bin/chromium",
    ]
    return next((c for c in candidates if c and Path(c).exists()), None)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    executable = _browser_executable()
    if executable is None:
        pytest.skip(
            "no Chromium: set SITELINT_BROWSER, or install Debian's chromium "
            "(or chromium-headless-shell)"
        )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=LAUNCH_ARGS, headless=True
        )
        yield launched
        launched.close()


def open_report(browser: Any, path: Path) -> tuple[Any, list[str]]:
    """The report opened from disk as a person would, with console errors collected."""
    page = browser.new_page()
    page.set_default_timeout(5_000)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    # Anything the report tries to fetch over the network is a failure.
    page.route(
        re.compile(r"^https?://"), lambda route: (problems.append(route.request.url), route.abort())
    )
    page.goto(path.as_uri())
    return page, problems


def severity_box(page: Any, severity: str) -> Any:
    return page.locator(f'input[data-filter="severity"][value="{severity}"]')


def visible_findings(page: Any) -> int:
    return int(page.locator(".finding:visible").count())


def test_renders_and_filters_in_chromium(browser: Any, tmp_path: Path) -> None:
    report = demo_report()
    path = tmp_path / "report.html"
    path.write_text(html_for(report), "utf-8")
    page, problems = open_report(browser, path)
    groups = group_by_template(report.findings)
    by_severity = {s: sum(1 for g in groups if g.severity is s) for s in Severity}
    assert by_severity[Severity.ERROR] and by_severity[Severity.WARNING]

    assert visible_findings(page) == len(groups)
    repeated = page.locator("details:has(ul.pages)").first
    assert not repeated.locator("ul.pages li").first.is_visible()
    repeated.locator("summary").click()
    assert repeated.locator("ul.pages li").first.is_visible()
    assert page.inner_text("#shown").startswith(f"Showing {len(groups)} of {len(groups)} problems")
    severity_box(page, "warning").uncheck()
    assert visible_findings(page) == len(groups) - by_severity[Severity.WARNING]
    severity_box(page, "error").uncheck()
    assert visible_findings(page) == by_severity[Severity.INFO]
    assert page.locator(".rule:visible").count() == len(
        {g.rule for g in groups if g.severity is Severity.INFO}
    )
    severity_box(page, "error").check()
    assert visible_findings(page) == by_severity[Severity.ERROR] + by_severity[Severity.INFO]

    category = groups[0].category.value
    in_category = sum(
        1 for g in groups if g.category.value == category and g.severity is not Severity.WARNING
    )
    page.locator(f'input[data-filter="category"][value="{category}"]').uncheck()
    assert (
        visible_findings(page)
        == by_severity[Severity.ERROR] + by_severity[Severity.INFO] - in_category
    )
    assert problems == []
    page.close()


def test_hostile_content_runs_nothing_in_chromium(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(html_for(hostile_report()), "utf-8")
    page, problems = open_report(browser, path)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.reload()
    for element in page.locator(".finding .message, .finding pre.evidence").all():
        element.click()
    assert dialogs == []
    assert HOSTILE.split("|")[0] in page.inner_text("main")
    assert problems == []
    page.close()


def test_screenshot_hook_shows_an_image_beside_the_report(browser: Any, tmp_path: Path) -> None:
    (tmp_path / "shots").mkdir()
    (tmp_path / "shots" / "pricing.png").write_bytes(PIXEL)
    shot = finding(severity=Severity.ERROR).model_copy(update={"screenshot": "shots/pricing.png"})
    report = make_report([shot])
    path = tmp_path / "report.html"
    path.write_text(html_for(report, ReportOptions(baseline_fingerprints=set())), "utf-8")
    page, problems = open_report(browser, path)
    image = page.locator(".finding img")
    assert image.count() == 1
    assert image.evaluate("img => img.complete && img.naturalWidth") == 1
    assert page.locator(".badge.new").count() == 1
    page.locator('input[data-filter="new"]').check()
    assert visible_findings(page) == 1
    assert problems == []
    page.close()
