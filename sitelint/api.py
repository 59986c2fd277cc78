"""The Python API: lint one page's HTML, or crawl and lint a site."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

import httpx

from sitelint.config import CheckConfig, CrawlSettings, RenderSettings, RuleSettings
from sitelint.engine import Engine, RunResult, prepare_page, run_check, sort_findings
from sitelint.gather.page import Page
from sitelint.models import Finding
from sitelint.registry import Registry, load_registry
from sitelint.render import Renderer, find_browser


def check_html(
    html: str,
    url: str = "https://www.example.com/",
    *,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    scan_date: date | None = None,
    registry: Registry | None = None,
    rule_settings: RuleSettings | None = None,
    render: bool = False,
    browser: str | None = None,
) -> list[Finding]:
    """Run the page rules on one page's HTML, without crawling anything.

    With ``render=True`` the HTML is rendered in headless Chromium as if served
    at ``url`` (no request leaves the browser) and the render rules run too.
    """
    settings = rule_settings or RuleSettings(select=select or [], ignore=ignore or [])
    registry = registry or load_registry()
    if render:
        return asyncio.run(_check_rendered_html(html, url, registry, settings, scan_date, browser))
    engine = Engine(registry, settings, scan_date=scan_date)
    page = prepare_page(Page(url, html))
    return sort_findings(engine.check_page(page))


async def _check_rendered_html(
    html: str,
    url: str,
    registry: Registry,
    settings: RuleSettings,
    scan_date: date | None,
    browser: str | None,
) -> list[Finding]:
    render_settings = RenderSettings(mode="always", browser=browser, concurrency=1)
    renderer = Renderer(
        render_settings, CrawlSettings(start_urls=[url]), find_browser(render_settings.browser)
    )
    engine = Engine(registry, settings, scan_date=scan_date, render_available=True)
    try:
        async with renderer.open(url, html=html) as rendered:
            page = prepare_page(Page(url, rendered.html))
            page.render = rendered.artifacts
            return sort_findings(engine.check_page(page))
    finally:
        await renderer.close()


def check_site(
    *urls: str,
    transport: httpx.AsyncBaseTransport | None = None,
    registry: Registry | None = None,
    rules: RuleSettings | None = None,
    render: RenderSettings | None = None,
    scan_date: date | None = None,
    time_limit: float | None = None,
    **crawl: Any,
) -> RunResult:
    """Crawl the site(s) from the start URLs and lint every page and the site.

    Keyword arguments are crawl settings (``max_pages=50``, ``ignore_robots=True``...).
    """
    config = CheckConfig(
        crawl=CrawlSettings(start_urls=list(urls), **crawl),
        rules=rules or RuleSettings(),
        render=render or RenderSettings(),
        scan_date=scan_date,
        time_limit=time_limit,
    )
    return asyncio.run(run_check(config, registry=registry, transport=transport))
