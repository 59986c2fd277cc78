"""Rendering pages in one headless Chromium, every page as a first-time visitor sees it.

Each render slot keeps one browser tab and navigates it from page to page:
a tab stays in its renderer process, and starting a process and a context
for every page doubled the browser's work. Between pages the tab is
emptied: it leaves the page for about:blank, and the cookies, local and
session storage, IndexedDB, caches and service workers of every origin the
page touched are cleared, so no cookie or consent choice is carried from
one page to the next. sitelint never clicks "accept"; the only clicks
(opening a banner's settings to count the clicks to reject) happen in a
throwaway context, as does the reload that tells a fake countdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList

from sitelint.config import CrawlSettings, RenderSettings
from sitelint.crawl.addresses import AddressGuard, Resolver, system_resolver
from sitelint.crawl.urls import origin
from sitelint.credentials import CredentialPolicy
from sitelint.gather.page import Page
from sitelint.gather.rendered import (
    BrowserCookie,
    ConsentBanner,
    ConsentControl,
    CountdownReading,
    NetworkRequest,
    RenderArtifacts,
)
from sitelint.keywords import lexicon

log = logging.getLogger("sitelint.render")

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
_BLOCKED_TYPES = frozenset({"image", "font", "media"})
# Images are most of what blocking saves; Chromium can skip them without a
# per-request round trip to Python. Fonts and media then load: few, and cheap.
_NO_IMAGES = "--blink-settings=imagesEnabled=false"
# Consent-platform markup seen on many sites (OneTrust, Cookiebot, Usercentrics, ...).
BANNER_SELECTORS = [
    "#onetrust-banner-sdk",
    "#onetrust-consent-sdk",
    "#CybotCookiebotDialog",
    "#usercentrics-root",
    "#didomi-host",
    ".qc-cmp2-container",
    "#truste-consent-track",
    ".cc-window",
    ".cookie-banner",
    "#cookie-banner",
    "#cookie-notice",
    ".cookie-notice",
    "#cookieConsent",
    ".cookie-consent",
    "[id*=cookie-banner]",
    "[class*=cookie-banner]",
    "[aria-label*=cookie i]",
    "[aria-label*=consent i]",
]
_JS_SYNTAX = re.compile(r"[.*+?^${}()|[\]\\/]")
# A tab is closed and a new one opened after this many pages, so what a
# renderer process accumulates (leaks, caches) stays bounded.
_PAGES_PER_TAB = 100
_SETTLE_QUIET = 0.1  # seconds with no request in flight after load
_SETTLE_CAP = 1.5
_TICK_WAIT = 1.3  # a second-by-second timer changes within this
_READ_TEXTS = """(selectors) => selectors.map(s => {
  const el = document.querySelector(s);
  return el ? (el.innerText || "").trim() : null;
})"""
_MIN_RELOAD_GAP = 3.0  # seconds between countdown readings: enough to tell ticking from resetting


class RenderError(Exception):
    """The browser could not load or read the page."""


def looks_like_app_shell(page: Page) -> bool:
    """Static HTML that scripts fill in: little text, few links, at least one script."""
    if page.rendered:
        return False
    words = sum(len(segment.text.split()) for segment in page.visible_text_segments)
    links = sum(1 for link in page.links if link.followable)
    has_script = page.tree.css_first("script[src], script[type=module]") is not None
    return has_script and words < 80 and links < 5


@cache
def _inpage_script() -> str:
    return resources.files("sitelint.render").joinpath("inpage.js").read_text("utf-8")


def _word_pattern(name: str) -> str:
    """A JavaScript-compatible pattern for a phrase list, matched on word boundaries."""
    phrases = sorted(lexicon().phrase_lists.get(name, ()), key=len, reverse=True)
    # JavaScript's unicode mode refuses escapes of characters that are not
    # syntax (Python's re.escape escapes "-"), so escape only syntax.
    alternatives = "|".join(
        r"\s+".join(_JS_SYNTAX.sub(r"\\\g<0>", word) for word in p.casefold().split())
        for p in phrases
    )
    return rf"(?:^|[^\p{{L}}\p{{N}}])(?:{alternatives})(?:$|[^\p{{L}}\p{{N}}])"


@cache
def _tracker_hosts() -> frozenset[str]:
    text = resources.files("sitelint.data").joinpath("trackers.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


@cache
def _public_suffixes() -> PublicSuffixList:
    return PublicSuffixList()


def registrable_domain(host: str) -> str:
    host = host.lower().strip(".")
    if not host or host.replace(".", "").isdigit() or ":" in host:
        return host
    return _public_suffixes().privatesuffix(host) or host


def is_tracker(host: str, extra: frozenset[str] = frozenset()) -> bool:
    host = host.lower().strip(".")
    known = _tracker_hosts() | extra
    parts = host.split(".")
    return any(".".join(parts[i:]) in known for i in range(len(parts)))


@dataclass
class RenderedPage:
    """A page loaded in the browser, open until the engine is done with it."""

    url: str
    html: str
    artifacts: RenderArtifacts
    _page: Any = field(repr=False)
    _screenshots: Path | None = field(repr=False, default=None)

    async def screenshot(self, selector: str, name: str) -> str | None:
        """A crop of the element, saved beside the report; None when it cannot be shot."""
        if self._screenshots is None:
            return None
        self._screenshots.mkdir(parents=True, exist_ok=True)
        path = self._screenshots / f"{name}.png"
        try:
            locator = self._page.locator(selector).first
            if await locator.count() == 0:
                return None
            if await locator.is_visible():
                await locator.screenshot(path=str(path), timeout=3000)
            else:
                # A hidden element has no pixels: show the place it should be.
                await self._page.screenshot(path=str(path), timeout=3000)
        except Exception as error:
            log.info("no screenshot of %s: %s", selector, error)
            return None
        return str(path)


@dataclass
class _Tab:
    """A browser tab a render slot reuses from page to page (see the module docstring)."""

    context: Any
    page: Any
    cdp: Any
    # The current page's request log and console errors, swapped for each page.
    requests: list[NetworkRequest] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    in_flight: set[Any] = field(default_factory=set)
    pages: int = 0
    broken: bool = False


class Renderer:
    def __init__(
        self,
        settings: RenderSettings,
        crawl: CrawlSettings,
        executable: str,
        screenshots: Path | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self.settings = settings
        self.crawl = crawl
        self.executable = executable
        self.screenshots = screenshots
        self._slots = asyncio.Semaphore(settings.concurrency)
        self._start_lock = asyncio.Lock()
        self._playwright: Any = None
        self._browser: Any = None
        self.credentials = CredentialPolicy(crawl.credentials, crawl.start_urls)
        # The page's own requests (scripts, frames, redirects) obey the same
        # private-address rule as the crawler's.
        self.guard = AddressGuard(
            crawl.start_urls,
            allow_private=crawl.allow_private,
            resolver=resolver or system_resolver,
            timeout=crawl.timeout,
        )
        self.extra_trackers = frozenset(h.lower() for h in settings.tracker_hosts)
        self.options = {
            "bannerSelectors": BANNER_SELECTORS,
            "words": {
                "banner": _word_pattern("consent_banner"),
                "accept": _word_pattern("consent_accept"),
                "reject": _word_pattern("consent_reject"),
                "settings": _word_pattern("consent_settings"),
            },
        }
        self.pages_rendered = 0
        self.block_by_flag = settings.block_resources
        self._idle_tabs: list[_Tab] = []

    async def _ensure_browser(self) -> Any:
        async with self._start_lock:
            if self._browser is not None and self._browser.is_connected():
                return self._browser
            if self._playwright is None:
                from playwright.async_api import async_playwright

                self._playwright = await async_playwright().start()
            args = list(LAUNCH_ARGS)
            if self.block_by_flag:
                args.append(_NO_IMAGES)
            try:
                self._browser = await self._playwright.chromium.launch(
                    executable_path=self.executable, args=args, headless=True
                )
            except Exception as error:
                raise RenderError(
                    f"could not start the browser {self.executable}: {error}"
                ) from error
            return self._browser

    async def close(self) -> None:
        for tab in self._idle_tabs:
            with contextlib.suppress(Exception):
                await tab.context.close()
        self._idle_tabs.clear()
        with contextlib.suppress(Exception):
            if self._browser is not None:
                await self._browser.close()
        with contextlib.suppress(Exception):
            if self._playwright is not None:
                await self._playwright.stop()
        self._browser = self._playwright = None

    async def _new_context(
        self,
        requests: Callable[[], list[NetworkRequest]] | None,
        served: tuple[str, str] | None,
    ) -> Any:
        """A browser context; ``requests`` gives the list its requests are logged in."""
        browser = await self._ensure_browser()
        context = await browser.new_context(
            user_agent=self.crawl.user_agent,
            ignore_https_errors=not self.crawl.verify_tls,
            viewport={"width": 1280, "height": 800},
            service_workers="block",
        )

        if requests is not None:
            # An event, not a route: logging must not hold every request up.
            context.on(
                "request",
                lambda request: requests().append(
                    NetworkRequest(
                        request.url, request.resource_type, urlsplit(request.url).hostname or ""
                    )
                ),
            )

        async def route(route: Any) -> None:
            request = route.request
            if served is not None:
                # Rendering given HTML (check_html, rule examples): nothing leaves the browser.
                if request.url == served[0] and request.resource_type == "document":
                    await route.fulfill(status=200, content_type="text/html", body=served[1])
                else:
                    await route.abort()
                return
            if self.settings.block_resources and request.resource_type in _BLOCKED_TYPES:
                await route.abort()
                return
            refusal = await self.guard.refusal(request.url)
            if refusal is not None:
                log.info("browser request refused: %s", refusal)
                await route.abort("blockedbyclient")
                return
            extra = self.credentials.headers_for(request.url)
            if extra:
                # Credentials go to the start hosts only, never to third parties.
                # Playwright's header names are lower-case; match them so a cookie is
                # replaced, not sent twice.
                lowered = {name.lower(): value for name, value in extra.items()}
                await route.continue_(headers={**request.headers, **lowered})
            else:
                await route.continue_()

        # Routing costs a round trip to Python for every request, so it is
        # installed only when a request may need to be changed or refused:
        # images are already off through a launch flag.
        if served is not None or await self._must_route():
            await context.route("**/*", route)
        return context

    async def _must_route(self) -> bool:
        if not self.crawl.credentials.empty:
            return True
        if self.settings.block_resources and not self.block_by_flag:
            return True
        return await self.guard.restricts()

    async def _load(self, context: Any, url: str) -> Any:
        """A new page of the context, loaded (for the throwaway contexts)."""
        page = await context.new_page()
        in_flight = _track_in_flight(page)
        await self._goto(page, in_flight, url)
        return page

    async def _goto(self, page: Any, in_flight: set[Any], url: str) -> None:
        timeout_ms = self.settings.page_timeout * 1000
        await page.goto(url, wait_until="load", timeout=timeout_ms)
        # Scripts that fetch after load (single-page apps) get a moment to
        # finish: until nothing is in flight for a short quiet spell, capped.
        # Playwright's "networkidle" would add a fixed 500 ms to every page.
        deadline = time.monotonic() + _SETTLE_CAP
        quiet_since = time.monotonic()
        while time.monotonic() < deadline:
            if in_flight:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= _SETTLE_QUIET:
                break
            await asyncio.sleep(0.02)

    async def _new_tab(self, served: tuple[str, str] | None) -> _Tab:
        holder: list[_Tab] = []  # the tab, once it exists: the context's log is its
        context = await self._new_context(lambda: holder[0].requests if holder else [], served)
        try:
            page = await context.new_page()
            cdp = await context.new_cdp_session(page)
        except Exception:
            with contextlib.suppress(Exception):
                await context.close()
            raise
        tab = _Tab(context, page, cdp)
        holder.append(tab)
        tab.in_flight = _track_in_flight(page)
        page.on(
            "console",
            lambda message: (
                tab.console_errors.append(message.text[:200]) if message.type == "error" else None
            ),
        )
        page.on("crash", lambda _: setattr(tab, "broken", True))
        return tab

    async def _take_tab(self, served: tuple[str, str] | None) -> _Tab:
        if self._browser is None or not self._browser.is_connected():
            self._idle_tabs.clear()  # they died with the browser
        # Given HTML is served by a route of its own context: no reuse.
        while served is None and self._idle_tabs:
            tab = self._idle_tabs.pop()
            if not tab.broken and not tab.page.is_closed():
                return tab
            with contextlib.suppress(Exception):  # its renderer crashed while idle
                await tab.context.close()
        return await self._new_tab(served)

    async def _give_back(self, tab: _Tab, reusable: bool) -> None:
        """Empty the tab for the next page, or close it."""
        tab.pages += 1
        if reusable and not tab.broken and tab.pages < _PAGES_PER_TAB:
            try:
                await self._empty(tab)
            except Exception as error:
                log.info("closing a tab that could not be emptied: %s", error)
            else:
                if not tab.broken:
                    self._idle_tabs.append(tab)
                    return
        with contextlib.suppress(Exception):
            await tab.context.close()

    async def _empty(self, tab: _Tab) -> None:
        """Leave the page and forget everything it stored, as a fresh context would."""
        urls = [tab.page.url, *(request.url for request in tab.requests)]
        origins = {origin(url) for url in urls if url.startswith(("http://", "https://"))}
        # What the page sends or logs as it unloads is its own, not the next
        # page's, and the lists it had are the finished page's artifacts.
        tab.requests = []
        tab.console_errors = []
        await tab.page.goto("about:blank", timeout=self.settings.page_timeout * 1000)
        await tab.context.clear_cookies()
        for touched in sorted(origins):
            # "all" takes the tab's session storage of the origin too (tested).
            await tab.cdp.send(
                "Storage.clearDataForOrigin", {"origin": touched, "storageTypes": "all"}
            )
        tab.requests = []
        tab.console_errors = []
        tab.in_flight.clear()
        tab.broken = tab.broken or tab.page.url != "about:blank"

    async def _loaded_tab(self, url: str, served: tuple[str, str] | None) -> _Tab:
        """A tab with the page loaded in it."""
        tab = await self._take_tab(served)
        try:
            await self._goto(tab.page, tab.in_flight, url)
            return tab
        except Exception as error:
            with contextlib.suppress(Exception):
                await tab.context.close()
            # A reused tab can fail for what it kept from earlier pages (a
            # renderer that died idle): the page gets one more try in a new
            # tab. A page that ran out of time would only do so again.
            if tab.pages == 0 or "Timeout" in type(error).__name__:
                raise
            log.info("a reused tab failed on %s (%s); trying a new tab", url, error)
        tab = await self._new_tab(served)
        try:
            await self._goto(tab.page, tab.in_flight, url)
        except Exception:
            with contextlib.suppress(Exception):
                await tab.context.close()
            raise
        return tab

    @contextlib.asynccontextmanager
    async def open(self, url: str, html: str | None = None) -> AsyncIterator[RenderedPage]:
        """Render a URL (or the given HTML as if served at it, with no network at all).

        The page stays open, for screenshots, until the block ends.
        """
        served = (url, html) if html is not None else None
        async with self._slots:
            try:
                tab = await self._loaded_tab(url, served)
            except Exception as error:
                raise RenderError(_describe(error)) from error
            reusable = False
            try:
                try:
                    found = await tab.page.evaluate(_inpage_script(), self.options)
                    first_reading = time.monotonic()
                    html = await tab.page.content()
                    cookies = await tab.context.cookies()
                    final_url = tab.page.url
                except Exception as error:
                    raise RenderError(_describe(error)) from error
                artifacts = RenderArtifacts(
                    requests=tab.requests,
                    cookies=self._cookies(cookies, final_url),
                    banner=self._banner(found.get("banner")),
                    console_errors=tab.console_errors,
                    hidden_elements=int(found.get("marked", 0)),
                )
                if found.get("countdowns"):
                    ticking = await self._ticking(tab.page, found["countdowns"], first_reading)
                    artifacts.countdowns = await self._reread_countdowns(
                        url, found["countdowns"], ticking, first_reading, served
                    )
                if artifacts.banner is not None:
                    artifacts.banner = await self._probe_reject(url, artifacts.banner, served)
                self.pages_rendered += 1
                yield RenderedPage(final_url, html, artifacts, tab.page, self.screenshots)
                reusable = served is None
            finally:
                await self._give_back(tab, reusable)

    def _cookies(self, cookies: list[dict[str, Any]], page_url: str) -> list[BrowserCookie]:
        site = registrable_domain(urlsplit(page_url).hostname or "")
        return [
            BrowserCookie(
                name=str(cookie.get("name", "")),
                domain=str(cookie.get("domain", "")),
                third_party=registrable_domain(str(cookie.get("domain", ""))) != site,
            )
            for cookie in cookies
        ]

    @staticmethod
    def _banner(raw: dict[str, Any] | None) -> ConsentBanner | None:
        if not raw:
            return None

        def controls(key: str) -> tuple[ConsentControl, ...]:
            return tuple(
                ConsentControl(c["text"], c["selector"], bool(c["is_link"]), int(c["area"]))
                for c in raw.get(key, [])
            )

        reject = controls("reject")
        return ConsentBanner(
            selector=raw["selector"],
            text=raw["text"],
            accept=controls("accept"),
            reject=reject,
            settings=controls("settings"),
            clicks_to_reject=1 if reject else None,
        )

    async def _probe_reject(
        self, url: str, banner: ConsentBanner, served: tuple[str, str] | None
    ) -> ConsentBanner:
        """Count the clicks to reject when the first layer has none: open settings, look again."""
        if banner.reject or not banner.settings:
            return banner
        context = await self._new_context(None, served)
        try:
            page = await self._load(context, url)
            await page.locator(banner.settings[0].selector).first.click(timeout=3000)
            await page.wait_for_timeout(500)
            found = await page.evaluate(_inpage_script(), self.options)
            second = self._banner(found.get("banner"))
            if second is not None and second.reject:
                return ConsentBanner(
                    banner.selector,
                    banner.text,
                    banner.accept,
                    banner.reject,
                    banner.settings,
                    clicks_to_reject=2,
                )
        except Exception as error:
            log.info("could not probe the consent settings on %s: %s", url, error)
        finally:
            with contextlib.suppress(Exception):
                await context.close()
        return banner

    @staticmethod
    async def _ticking(page: Any, readings: list[dict[str, Any]], first_at: float) -> set[str]:
        """The timers whose text changes while the page stays open (over a second)."""
        await asyncio.sleep(max(0.0, _TICK_WAIT - (time.monotonic() - first_at)))
        selectors = [r["selector"] for r in readings]
        try:
            texts = await page.evaluate(_READ_TEXTS, selectors)
        except Exception as error:
            log.info("could not re-read the timers: %s", error)
            return set()
        return {r["selector"] for r, text in zip(readings, texts, strict=True) if text != r["text"]}

    async def _reread_countdowns(
        self,
        url: str,
        readings: list[dict[str, Any]],
        ticking: set[str],
        first_at: float,
        served: tuple[str, str] | None,
    ) -> list[CountdownReading]:
        """Read each ticking timer again after a reload in a fresh context (a first-time
        visitor); text that never ticks needs no reload."""
        if not ticking:
            return [
                CountdownReading(selector=r["selector"], text=r["text"], seconds=int(r["seconds"]))
                for r in readings
            ]
        wait = _MIN_RELOAD_GAP - (time.monotonic() - first_at)
        if wait > 0:
            await asyncio.sleep(wait)
        context = await self._new_context(None, served)
        values: dict[str, int] = {}
        elapsed = 0.0
        try:
            page = await self._load(context, url)
            found = await page.evaluate(_inpage_script(), self.options)
            elapsed = time.monotonic() - first_at
            values = {c["selector"]: int(c["seconds"]) for c in found.get("countdowns", [])}
        except Exception as error:
            log.info("could not reload %s for the countdown check: %s", url, error)
        finally:
            with contextlib.suppress(Exception):
                await context.close()
        return [
            CountdownReading(
                selector=r["selector"],
                text=r["text"],
                seconds=int(r["seconds"]),
                ticks=r["selector"] in ticking,
                reloaded_seconds=values.get(r["selector"]),
                seconds_between=elapsed,
            )
            for r in readings
        ]


def _track_in_flight(page: Any) -> set[Any]:
    """The page's requests still in flight, kept up to date by its events."""
    in_flight: set[Any] = set()
    # Playwright wants plain functions as handlers, not bound builtins.
    page.on("request", lambda request: in_flight.add(request))
    page.on("requestfinished", lambda request: in_flight.discard(request))
    page.on("requestfailed", lambda request: in_flight.discard(request))
    return in_flight


def _describe(error: Exception) -> str:
    text = str(error).strip().splitlines()
    first = text[0] if text else ""
    return f"{type(error).__name__}: {first}"[:300]
