"""Render mode with a real Chromium (installed by `make test` when missing)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import SecretStr

from sitelint.api import check_site
from sitelint.cli import main
from sitelint.config import CrawlSettings, Credentials, RenderSettings
from sitelint.gather.page import Page
from sitelint.render import BrowserNotFound, Renderer, find_browser
from sitelint.render.browser import INSTALL_HINT

SCAN = date(2026, 11, 1)


def _rules(findings) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(f.rule, f.url) for f in findings}


def test_a_single_page_app_is_crawled_through_its_rendered_links(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("render-spa")
    static = check_site(server.url("/"), scan_date=SCAN, render=RenderSettings(mode="never"))
    rendered = check_site(server.url("/"), scan_date=SCAN, render=RenderSettings(mode="auto"))
    # Statically the shell has no links: one page, and false "missing" findings.
    assert len(static.index.summaries) == 1
    assert {"SL101", "SL401", "SL505"} <= {f.rule for f in static.findings}
    # Rendered, the app's navigation is followed and nothing is missing.
    crawled = {s.url.replace(server.base, "") for s in rendered.index.summaries.values()}
    assert {"/", "/about/", "/contact/", "/privacy/", "/terms/"} <= crawled
    assert rendered.findings == []


def test_computed_visibility_marks_css_hidden_text() -> None:
    html = """<html><head><style>.gone{display:none}.ghost{color:#fff;background:#fff}</style></head>
    <body><p class="gone">hidden@example.com</p><p class="ghost">ghost text</p><p>shown</p></body></html>"""
    static = Page("https://a.example/", html)
    assert all(s.visible for s in static.text_segments), "statically, CSS classes hide nothing"

    async def render() -> Page:
        renderer = Renderer(
            RenderSettings(), CrawlSettings(start_urls=["https://a.example/"]), find_browser()
        )
        try:
            async with renderer.open("https://a.example/", html=html) as rendered:
                return Page("https://a.example/", rendered.html)
        finally:
            await renderer.close()

    page = asyncio.run(render())
    reasons = {s.text: s.hidden_reason for s in page.text_segments}
    assert reasons["hidden@example.com"] == "display:none (computed)"
    assert reasons["ghost text"] == "text colour equals its background (computed)"
    assert reasons["shown"] is None


def test_render_failure_is_sl004_and_static_results_stay(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("render-consent")
    server.routes["/assets/site.css"] = {"delay": 3}
    result = check_site(
        server.url("/privacy/"),
        scan_date=SCAN,
        render=RenderSettings(mode="always", page_timeout=1),
        use_sitemaps=False,
        max_pages=1,
    )
    rules = {f.rule for f in result.findings}
    assert "SL004" in rules
    sl004 = next(f for f in result.findings if f.rule == "SL004")
    assert "Timeout" in sl004.evidence
    assert result.index.summaries, "the page is still recorded from its static HTML"


def test_credentials_in_the_browser_go_to_the_start_host_only(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("render-consent")
    check_site(
        server.url("/tracker/"),
        render=RenderSettings(mode="always"),
        credentials=Credentials(headers={"X-Token": SecretStr("s3cret")}),
        use_sitemaps=False,
        max_pages=1,
        check_links=False,
    )

    def lowered(headers: dict[str, str]) -> dict[str, str]:
        return {name.lower(): value for name, value in headers.items()}

    page_requests = [lowered(h) for _, path, h in server.requests if path == "/tracker/"]
    tracker_requests = [
        lowered(h) for _, path, h in server.requests if path.startswith("/assets/collect.js")
    ]
    assert page_requests and tracker_requests
    assert len(page_requests) == 2, "the crawler's request and the browser's"
    assert all(h.get("x-token") == "s3cret" for h in page_requests)
    # collect.js is fetched from "localhost", another host: no credentials there
    assert all("x-token" not in h for h in tracker_requests)


def test_cli_render_always_writes_screenshots(serve, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server = serve("render-consent")
    report_path = tmp_path / "report.json"
    result = CliRunner().invoke(
        main,
        [
            "check",
            server.url("/"),
            "--render",
            "--select",
            "SL40",
            "--format",
            f"json={report_path}",
            "--scan-date",
            "2026-11-01",
            "-q",
        ],
    )
    assert result.exit_code == 1, result.output
    report = json.loads(report_path.read_text())
    banner = next(f for f in report["findings"] if f["rule"] == "SL406")
    assert banner["screenshot"] and Path(banner["screenshot"]).is_file()
    assert Path(banner["screenshot"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert Path(banner["screenshot"]).parent == tmp_path / "report-screenshots"


def test_browser_discovery_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "my-chrome"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("SITELINT_BROWSER", str(fake))
    assert find_browser() == str(fake)
    assert find_browser(str(fake)) == str(fake)
    monkeypatch.delenv("SITELINT_BROWSER")
    # Playwright's own download comes before the system's.
    own = tmp_path / "pw" / "chromium-1234" / "chrome-linux64" / "chrome"
    own.parent.mkdir(parents=True)
    own.write_text("")
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "pw"))
    assert find_browser() == str(own)


def test_no_browser_auto_falls_back_and_always_is_a_usage_error(
    serve,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr("sitelint.render.browser._SYSTEM_CANDIDATES", ("chromium",))
    with pytest.raises(BrowserNotFound, match="apt-get install chromium"):
        find_browser()
    server = serve("render-spa")
    result = check_site(server.url("/"), render=RenderSettings(mode="auto"))
    assert any("playwright install chromium" in s.reason for s in result.skipped_rules)
    cli = CliRunner().invoke(main, ["check", server.url("/"), "--render", "always"])
    assert cli.exit_code == 2
    assert INSTALL_HINT.split(".")[0] in cli.output


def test_the_browser_obeys_the_private_address_rule() -> None:
    async def resolver(host: str) -> list[str]:
        return {"shop.example": ["93.184.216.34"], "intranet.example": ["10.0.0.5"]}.get(host, [])

    async def refusals(allow_private: bool) -> list[str | None]:
        crawl = CrawlSettings(start_urls=["https://shop.example/"], allow_private=allow_private)
        renderer = Renderer(RenderSettings(), crawl, "unused", resolver=resolver)
        urls = [
            "https://shop.example/app.js",
            "http://intranet.example/admin",
            "http://169.254.169.254/",
        ]
        return [await renderer.guard.refusal(url) for url in urls]

    public, private, metadata = asyncio.run(refusals(allow_private=False))
    assert public is None
    assert private and "--allow-private" in private
    assert metadata and "link-local" in metadata
    assert asyncio.run(refusals(allow_private=True)) == [None, None, None]


_REMEMBERS = """<html><body><p id="seen">first visit</p><script src="/tag.js"></script><script>
const before = [document.cookie.includes("visited=1") && "cookie",
  localStorage.getItem("visited") && "local", sessionStorage.getItem("visited") && "session"]
  .filter(Boolean);
if (before.length) document.getElementById("seen").textContent = "seen before: " + before.join(" ");
document.cookie = "visited=1; path=/; max-age=3600";
localStorage.setItem("visited", "1");
sessionStorage.setItem("visited", "1");
</script></body></html>"""


def test_each_page_is_a_first_visit_although_the_tab_is_reused() -> None:
    """One tab renders page after page: nothing a page stored reaches the next."""
    from fixtures.server import FixtureServer

    with FixtureServer("clean-site") as server:
        for path in ("/a/", "/b/", "/c/"):
            server.routes[path] = {"status": 200, "body": _REMEMBERS}
        server.routes["/tag.js"] = {
            "status": 200,
            "body": "window.tagged = true;",
            "headers": {"Content-Type": "text/javascript", "Cache-Control": "max-age=3600"},
        }

        async def render() -> list[tuple[str, list[str], list[str]]]:
            settings = RenderSettings(concurrency=1)
            crawl = CrawlSettings(start_urls=[server.url("/")], allow_private=True)
            renderer = Renderer(settings, crawl, find_browser())
            seen = []
            try:
                for path in ("/a/", "/b/", "/a/", "/c/"):
                    async with renderer.open(server.url(path)) as rendered:
                        page = Page(server.url(path), rendered.html)
                        cookies = [c.name for c in rendered.artifacts.cookies]
                        requested = [
                            r.url.replace(server.base, "") for r in rendered.artifacts.requests
                        ]
                        seen.append((page.visible_text, cookies, requested))
                assert renderer.pages_rendered == 4
                assert len(renderer._idle_tabs) == 1, "the one tab was reused"
            finally:
                await renderer.close()
            return seen

        for (text, cookies, requested), path in zip(
            asyncio.run(render()), ("/a/", "/b/", "/a/", "/c/"), strict=True
        ):
            assert text == "first visit"
            assert cookies == ["visited"]
            # A script the browser has cached is still a request the page makes.
            assert requested == [path, "/tag.js"]


def test_a_tab_that_crashed_is_not_reused() -> None:
    from fixtures.server import FixtureServer

    with FixtureServer("clean-site") as server:

        async def render() -> list[str]:
            crawl = CrawlSettings(start_urls=[server.url("/")], allow_private=True)
            renderer = Renderer(RenderSettings(concurrency=1), crawl, find_browser())
            texts = []
            try:
                async with renderer.open(server.url("/")) as rendered:
                    texts.append(Page(server.url("/"), rendered.html).title)
                (idle,) = renderer._idle_tabs
                with contextlib.suppress(Exception):
                    await idle.page.goto("chrome://crash", timeout=5000)
                async with renderer.open(server.url("/")) as rendered:
                    texts.append(Page(server.url("/"), rendered.html).title)
                assert renderer._idle_tabs and renderer._idle_tabs[0] is not idle
            finally:
                await renderer.close()
            return texts

        first, second = asyncio.run(render())
        assert first and second == first
