"""The crawl loop: a polite breadth-first crawl that streams results to a handler.

The handler (the engine) turns each result into a Page, lints it, and hands
back the page's links, so every page is parsed exactly once. URLs are
canonicalised and de-duplicated before they are scheduled.

A site can offer endless URLs (calendars, session ids, relative links that
grow the path); traps are cut by pattern as they are discovered, and every
list the crawl keeps about URLs it will not fetch is capped, so neither time
nor memory grows with what a hostile site offers.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import logging
import math
import random
import time
import traceback
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from dataclasses import dataclass, field
from typing import Any

import httpx

from sitelint.config import CrawlSettings
from sitelint.crawl.addresses import Resolver
from sitelint.crawl.fetcher import Fetcher, FetchResult
from sitelint.crawl.redact import strip_userinfo
from sitelint.crawl.robots import RobotsCache
from sitelint.crawl.sitemaps import parse_sitemap
from sitelint.crawl.urls import Scope, canonical, host_key, origin, trap_reason, variant_key

log = logging.getLogger("sitelint.crawl")

Links = Iterable[tuple[str, str]]
# The handler turns a result into a page and hands back its (href, text) links;
# it may be a coroutine (render mode awaits the browser).
Handler = Callable[[FetchResult], Links | Awaitable[Links]]
_MAX_SITEMAPS = 50
_MAX_INBOUND_TEXTS = 5
# Google reads the first 500 KiB of a robots.txt.
_MAX_ROBOTS_BYTES = 512 * 1024
# Lists of URLs the crawl will not fetch keep this many examples and a count.
_MAX_EXAMPLES = 200
# No real page links to more; past this a page's links are not followed.
MAX_LINKS_PER_PAGE = 10_000


@dataclass
class CrawlStats:
    fetched: int = 0
    html_pages: int = 0
    robots_blocked: list[str] = field(default_factory=list)
    not_fetched: list[str] = field(default_factory=list)  # in scope, over a limit (capped)
    not_fetched_total: int = 0
    traps_cut: list[str] = field(default_factory=list)  # examples, with the reason
    traps_cut_total: int = 0
    truncated: list[str] = field(default_factory=list)  # bodies cut at the size cap (examples)
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
        resolver: Resolver | None = None,
    ) -> None:
        self.settings = settings
        if any(strip_userinfo(url) != url for url in settings.start_urls):
            # Said without the URL: it holds a password.
            raise ValueError("a start URL holds user:password@; give basic auth as credentials")
        starts = [c for c in (canonical(url) for url in settings.start_urls) if c]
        if not starts:
            raise ValueError("no valid start URL")
        self.start_urls = starts
        self.scope = Scope(starts, settings.include, settings.exclude, settings.extra_hosts)
        self.fetcher = Fetcher(settings, self.scope, transport, resolver)
        self.robots = RobotsCache(self._fetch_robots, "sitelint")
        self.on_link_status = on_link_status
        self.on_progress = on_progress
        self.stats = CrawlStats()
        self._seen: set[str] = set()
        self._inbound: dict[str, list[str]] = {}
        self._variants: dict[str, int] = {}
        self._pages: set[bytes] = set()  # signatures of pages whose links were followed
        self._queue: asyncio.Queue[tuple[str, int]] = asyncio.Queue()
        self._host_slots: dict[str, asyncio.Semaphore] = {}
        self._host_next_start: dict[str, float] = {}
        self._host_locks: dict[str, asyncio.Lock] = {}
        self._scheduled = 0
        self._stopping = False
        self._workers: list[asyncio.Task[None]] = []
        self._phase_task: asyncio.Task[None] | None = None

    # -- scheduling ---------------------------------------------------------

    def _admit(self, url: str, depth: int, text: str = "") -> None:
        """Schedule a discovered URL once, or record why it is not fetched."""
        # A URL spelled as one the crawl has is that URL (canonical() gives
        # seen URLs their spelling and keeps it): on a large site most links
        # lead to such pages, too many for canonical()'s cache to remember.
        target = url if url in self._seen else canonical(url)
        if target is None:
            return
        # Most links lead where others already did: that lookup comes before
        # the scope check (a URL seen was in scope, or has no inbound list).
        if target in self._seen:
            inbound = self._inbound.get(target)
            if inbound is not None and text and len(inbound) < _MAX_INBOUND_TEXTS:
                inbound.append(text)
            return
        if not self.scope(target):
            return
        trap = trap_reason(target)
        if trap is not None:
            self._cut(target, trap)
            return
        full = self._scheduled >= self.settings.max_pages or self._stopping
        # Calendars and session ids make endless URL spaces out of one page.
        key = variant_key(target)
        variants = self._variants.get(key, 0) + 1
        if variants > self.settings.max_query_variants:
            self._cut(target, f"more than {self.settings.max_query_variants} URLs like {key}")
            return
        if not full or key in self._variants:
            self._variants[key] = variants
        over_depth = self.settings.max_depth is not None and depth > self.settings.max_depth
        if over_depth or full:
            self.stats.not_fetched_total += 1
            # Kept for the link checks, and remembered only while kept: a site
            # of millions of links must not grow the set of seen URLs without end.
            if len(self.stats.not_fetched) < max(self.settings.max_link_checks, _MAX_EXAMPLES):
                self._seen.add(target)
                self.stats.not_fetched.append(target)
            return
        self._seen.add(target)
        self._scheduled += 1
        self._inbound[target] = [text] if text else []
        self._queue.put_nowait((target, depth))

    def _first_copy(self, url: str, body: bytes, links: list[tuple[str, str]]) -> bool:
        """False when an earlier page was this very page: its links are not followed.

        A server that answers every path with the same page, relative links
        and all, makes endless URLs of it (/a/b/, /a/b/a/c/, ...). A copy is
        the same body with the same links, written relative to the page, so
        rendered pages of one app shell still count as different pages.
        """
        folder = url.split("?", 1)[0].rsplit("/", 1)[0] + "/"
        # SHA-256 runs in the CPU's own instructions on most machines: faster
        # here than BLAKE2 over a page's bytes.
        digest = hashlib.sha256(body)
        hrefs = "".join(f"\n{href.removeprefix(folder)}" for href, _ in links)
        digest.update(hrefs.encode("utf-8", "replace"))
        signature = digest.digest()[:16]
        if signature in self._pages:
            self._cut(url, "the same page as an earlier URL; its links are not followed")
            return False
        self._pages.add(signature)
        return True

    def _cut(self, url: str, reason: str) -> None:
        self.stats.traps_cut_total += 1
        if len(self.stats.traps_cut) < _MAX_EXAMPLES:
            self.stats.traps_cut.append(f"{url[:300]} ({reason})")
            log.info("not crawled, %s: %s", reason, url[:300])

    def stop(self, reason: str) -> None:
        """Stop scheduling and abandon requests in flight; what was handled stays."""
        if self._stopping:
            return
        self._stopping = True
        self.stats.stopped_reason = reason
        for worker in self._workers:
            worker.cancel()
        if self._phase_task is not None:
            self._phase_task.cancel()

    # -- fetching -----------------------------------------------------------

    async def _fetch_small(
        self, url: str, max_bytes: int | None = None
    ) -> tuple[int | None, bytes]:
        result = await self.fetcher.fetch(url, max_bytes=max_bytes)
        if result.error or result.status is None:
            return None, b""
        return result.status, result.body

    async def _fetch_robots(self, url: str) -> tuple[int | None, bytes]:
        return await self._fetch_small(url, _MAX_ROBOTS_BYTES)

    async def _polite_slot(self, url: str) -> asyncio.Semaphore:
        host = host_key(url)
        slot = self._host_slots.setdefault(
            host, asyncio.Semaphore(self.settings.per_host_concurrency)
        )
        delay = self.settings.delay
        robots_delay = None if self.settings.ignore_robots else await self.robots.crawl_delay(url)
        if robots_delay and math.isfinite(robots_delay):
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

    async def _handle(self, handler: Handler, result: FetchResult) -> Links:
        links = handler(result)
        if inspect.isawaitable(links):
            links = await links
        return links

    async def _handle_safely(self, handler: Handler, result: FetchResult) -> Links:
        """The handler's links; a page it cannot read becomes a failed page (SL001)."""
        try:
            return await self._handle(handler, result)
        except Exception as error:
            # Logged with its traceback, since it is sitelint's bug, and
            # reported on the page, so neither the page nor the crawl is lost.
            redact = self.fetcher.redactor.text
            trace = "".join(traceback.format_exception(error))
            log.error("reading %s failed:\n%s", result.final_url, redact(trace))
            reason = f"{type(error).__name__}: {error}"[:300]
            result.error = redact(f"sitelint failed reading the page: {reason}")
            result.body = b""
            return await self._handle(handler, result)

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
                if result.truncated and len(self.stats.truncated) < _MAX_EXAMPLES:
                    self.stats.truncated.append(url)
                    log.info("%s: body cut at %d bytes", url, len(result.body))
                if result.is_html:
                    self.stats.html_pages += 1
                links = list(await self._handle_safely(handler, result))
                if links and not self._first_copy(url, result.body, links):
                    links = []
                for count, (href, text) in enumerate(links):
                    if count == MAX_LINKS_PER_PAGE:
                        self._cut(
                            url, f"more than {MAX_LINKS_PER_PAGE} links; the rest not followed"
                        )
                        break
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
            sitemap_url = canonical(queue.pop(0))
            # robots.txt may name any URL; only the crawl's own hosts are asked.
            if sitemap_url is None or sitemap_url in done or not self._own_host(sitemap_url):
                continue
            done.add(sitemap_url)
            status, body = await self._fetch_small(sitemap_url)
            if status != 200 or not body:
                continue
            sitemap = parse_sitemap(body)
            if sitemap.error:
                log.info("sitemap %s: %s", sitemap_url, sitemap.error)
            queue.extend(sitemap.sitemaps)
            for url in sitemap.urls:
                before = self._scheduled
                self._admit(url, 1)
                self.stats.sitemap_urls += self._scheduled - before

    def _own_host(self, url: str) -> bool:
        return host_key(url) in self.scope.hosts

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
            result = await self.fetcher.fetch(
                f"{start_origin}/.well-known/security.txt", max_bytes=65536
            )
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

    async def _phase(self, work: Coroutine[Any, Any, None]) -> None:
        """Run one step of the crawl; stop() cancels it, and what it gathered stays."""
        if self._stopping:
            work.close()
            return
        self._phase_task = asyncio.create_task(work)
        try:
            await self._phase_task
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if current is not None and current.cancelling():
                raise
        finally:
            self._phase_task = None

    async def _crawl_pages(self, handler: Handler) -> None:
        self._workers = [
            asyncio.create_task(self._worker(handler)) for _ in range(self.settings.concurrency)
        ]
        joined = asyncio.create_task(self._queue.join())
        try:
            await asyncio.wait([joined, *self._workers], return_when=asyncio.FIRST_COMPLETED)
        finally:
            joined.cancel()
            for worker in self._workers:
                worker.cancel()
        outcomes = await asyncio.gather(*self._workers, return_exceptions=True)
        for outcome in outcomes:
            # A worker that died of its own error is a bug to surface, not a page to skip.
            if isinstance(outcome, Exception) and not isinstance(outcome, asyncio.CancelledError):
                raise outcome

    async def run(self, handler: Handler) -> CrawlStats:
        try:
            for url in self.start_urls:
                self._admit(url, 0)
            if self.settings.use_sitemaps:
                await self._phase(self._discover_sitemaps())
            if not self._stopping:
                await self._crawl_pages(handler)
            if self.settings.check_links:
                await self._phase(self._check_links())
            await self._phase(self._probe_http_upgrade())
            await self._phase(self._fetch_security_txt())
        except asyncio.CancelledError:
            self.stats.stopped_reason = self.stats.stopped_reason or "cancelled"
            raise
        finally:
            self.stats.finished = time.monotonic()
            await self.fetcher.aclose()
        return self.stats
