"""The crawl loop: a polite breadth-first crawl that streams results to a handler.

The handler (the engine) turns each result into a Page, lints it, and hands
back the page's links, so every page is parsed exactly once. URLs are
canonicalised and de-duplicated before they are scheduled.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from sitelint.config import CrawlSettings
from sitelint.crawl.fetcher import Fetcher, FetchResult
from sitelint.crawl.robots import RobotsCache
from sitelint.crawl.sitemaps import parse_sitemap
from sitelint.crawl.urls import Scope, canonical, host_key, origin

log = logging.getLogger("sitelint.crawl")

Handler = Callable[[FetchResult], Iterable[tuple[str, str]]]
_MAX_SITEMAPS = 50
_MAX_INBOUND_TEXTS = 5


@dataclass
class CrawlStats:
    fetched: int = 0
    html_pages: int = 0
    robots_blocked: list[str] = field(default_factory=list)
    not_fetched: list[str] = field(default_factory=list)  # in scope, over a limit
    traps_cut: list[str] = field(default_factory=list)
    sitemap_urls: int = 0
    http_upgrade: dict[str, str | None] = field(default_factory=dict)
    # /.well-known/security.txt per start origin: (status, text); status None if no answer.
    security_txt: dict[str, tuple[int | None, str]] = field(default_factory=dict)
    link_checks: int = 0
    stopped_reason: str | None = None
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    @property
    def seconds(self) -> float:
        return (self.finished or time.monotonic()) - self.started


class Crawler:
    def __init__(
        self,
        settings: CrawlSettings,
        transport: httpx.AsyncBaseTransport | None = None,
        on_link_status: Callable[[str, int | None], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.settings = settings
        starts = [c for c in (canonical(url) for url in settings.start_urls) if c]
        if not starts:
            raise ValueError("no valid start URL")
        self.start_urls = starts
        self.scope = Scope(starts, settings.include, settings.exclude, settings.extra_hosts)
        self.fetcher = Fetcher(settings, self.scope, transport)
        self.robots = RobotsCache(self._fetch_small, "sitelint")
        self.on_link_status = on_link_status
        self.on_progress = on_progress
        self.stats = CrawlStats()
        self._seen: set[str] = set()
        self._inbound: dict[str, list[str]] = {}
        self._query_variants: dict[str, int] = defaultdict(int)
        self._queue: asyncio.Queue[tuple[str, int]] = asyncio.Queue()
        self._host_slots: dict[str, asyncio.Semaphore] = {}
        self._host_next_start: dict[str, float] = {}
        self._host_locks: dict[str, asyncio.Lock] = {}
        self._scheduled = 0
        self._stopping = False
        self._workers: list[asyncio.Task[None]] = []

    # -- scheduling ---------------------------------------------------------

    def _admit(self, url: str, depth: int, text: str = "") -> None:
        """Schedule a discovered URL once, or record why it is not fetched."""
        target = canonical(url)
        if target is None or not self.scope(target):
            return
        if target in self._seen:
            inbound = self._inbound.get(target)
            if inbound is not None and text and len(inbound) < _MAX_INBOUND_TEXTS:
                inbound.append(text)
            return
        self._seen.add(target)
        parts = urlsplit(target)
        if parts.query:
            # Calendars and session ids make endless URL spaces out of one page.
            path_key = f"{parts.netloc}{parts.path}"
            self._query_variants[path_key] += 1
            if self._query_variants[path_key] > self.settings.max_query_variants:
                self.stats.traps_cut.append(target)
                return
        over_depth = self.settings.max_depth is not None and depth > self.settings.max_depth
        if over_depth or self._scheduled >= self.settings.max_pages or self._stopping:
            self.stats.not_fetched.append(target)
            return
        self._scheduled += 1
        self._inbound[target] = [text] if text else []
        self._queue.put_nowait((target, depth))

    def stop(self, reason: str) -> None:
        """Stop scheduling and abandon requests in flight; what was handled stays."""
        if self._stopping:
            return
        self._stopping = True
        self.stats.stopped_reason = reason
        for worker in self._workers:
            worker.cancel()

    # -- fetching -----------------------------------------------------------

    async def _fetch_small(self, url: str) -> tuple[int | None, bytes]:
        result = await self.fetcher.fetch(url)
        if result.error or result.status is None:
            return None, b""
        return result.status, result.body

    async def _polite_slot(self, url: str) -> asyncio.Semaphore:
        host = host_key(url)
        slot = self._host_slots.setdefault(
            host, asyncio.Semaphore(self.settings.per_host_concurrency)
        )
        delay = self.settings.delay
        robots_delay = None if self.settings.ignore_robots else await self.robots.crawl_delay(url)
        if robots_delay:
            delay = max(delay, min(robots_delay, self.settings.max_retry_wait))
        if delay > 0:
            lock = self._host_locks.setdefault(host, asyncio.Lock())
            async with lock:
                now = time.monotonic()
                start_at = max(now, self._host_next_start.get(host, now))
                # Jitter (0.5x-1.5x) as Scrapy does, so requests do not march in step.
                self._host_next_start[host] = start_at + delay * (0.5 + random.random())
                if start_at > now:
                    await asyncio.sleep(start_at - now)
        return slot

    async def _worker(self, handler: Handler) -> None:
        while True:
            url, depth = await self._queue.get()
            try:
                if self._stopping:
                    continue
                if not self.settings.ignore_robots and not await self.robots.allowed(url):
                    self.stats.robots_blocked.append(url)
                    continue
                slot = await self._polite_slot(url)
                async with slot:
                    result = await self.fetcher.fetch(url, known=self._seen.__contains__)
                result.depth = depth
                result.inbound_texts = tuple(self._inbound.pop(url, ()))
                final = canonical(result.final_url)
                if final and result.duplicate_of is None:
                    self._seen.add(final)
                self.stats.fetched += 1
                if result.is_html:
                    self.stats.html_pages += 1
                for href, text in handler(result):
                    self._admit(href, depth + 1, text)
                if self.on_progress:
                    self.on_progress(self.stats.fetched, self._queue.qsize())
            finally:
                self._queue.task_done()

    async def _discover_sitemaps(self) -> None:
        queue: list[str] = []
        for start in self.start_urls:
            listed = [] if self.settings.ignore_robots else await self.robots.sitemaps(start)
            queue.extend(listed or [f"{origin(start)}/sitemap.xml"])
        done: set[str] = set()
        while queue and len(done) < _MAX_SITEMAPS and not self._stopping:
            sitemap_url = queue.pop(0)
            if sitemap_url in done:
                continue
            done.add(sitemap_url)
            status, body = await self._fetch_small(sitemap_url)
            if status != 200 or not body:
                continue
            sitemap = parse_sitemap(body)
            if sitemap.error:
                log.info("sitemap %s skipped: %s", sitemap_url, sitemap.error)
            queue.extend(sitemap.sitemaps)
            for url in sitemap.urls:
                before = self._scheduled
                self._admit(url, 1)
                self.stats.sitemap_urls += self._scheduled - before

    async def _probe_http_upgrade(self) -> None:
        """Where the http:// twin of each https start URL ends up (for SL601)."""
        for start in self.start_urls:
            if not start.startswith("https://"):
                continue
            twin = "http://" + start.removeprefix("https://")
            result = await self.fetcher.fetch(twin, read_body=False)
            final = canonical(result.final_url) if result.status is not None else None
            self.stats.http_upgrade[start] = final

    async def _fetch_security_txt(self) -> None:
        for start_origin in dict.fromkeys(origin(url) for url in self.start_urls):
            result = await self.fetcher.fetch(f"{start_origin}/.well-known/security.txt")
            text = ""
            if result.status == 200 and result.content_type in ("text/plain", ""):
                text = result.body[:65536].decode("utf-8", errors="replace")
            self.stats.security_txt[start_origin] = (result.status, text)

    async def _check_links(self) -> None:
        """Status of in-scope URLs that were not crawled, for the link rules."""
        targets = self.stats.not_fetched[: self.settings.max_link_checks]
        semaphore = asyncio.Semaphore(self.settings.per_host_concurrency)

        async def check(url: str) -> None:
            if not self.settings.ignore_robots and not await self.robots.allowed(url):
                return
            async with semaphore:
                result = await self.fetcher.fetch(url, method="HEAD", read_body=False)
            self.stats.link_checks += 1
            if self.on_link_status:
                self.on_link_status(url, result.status)

        await asyncio.gather(*(check(url) for url in targets))

    async def run(self, handler: Handler) -> CrawlStats:
        try:
            for url in self.start_urls:
                self._admit(url, 0)
            if self.settings.use_sitemaps:
                await self._discover_sitemaps()
            self._workers = [
                asyncio.create_task(self._worker(handler)) for _ in range(self.settings.concurrency)
            ]
            joined = asyncio.create_task(self._queue.join())
            await asyncio.wait([joined, *self._workers], return_when=asyncio.FIRST_COMPLETED)
            joined.cancel()
            for worker in self._workers:
                worker.cancel()
            outcomes = await asyncio.gather(*self._workers, return_exceptions=True)
            for outcome in outcomes:
                # A worker that died of its own error is a bug to surface, not a page to skip.
                if isinstance(outcome, Exception) and not isinstance(
                    outcome, asyncio.CancelledError
                ):
                    raise outcome
            if self.settings.check_links and not self._stopping:
                await self._check_links()
            if not self._stopping:
                await self._probe_http_upgrade()
                await self._fetch_security_txt()
        except asyncio.CancelledError:
            self.stats.stopped_reason = self.stats.stopped_reason or "cancelled"
            raise
        finally:
            self.stats.finished = time.monotonic()
            await self.fetcher.aclose()
        return self.stats
