"""Page rules in worker processes, so rule work runs beside the crawl, not in its way.

A static crawl is CPU-bound: the event loop fetches a page in a few
milliseconds and spends several times that parsing and judging it, and
while it judges, no request goes out. With a second core, worker processes
do the reading (decode, parse, gather, page rules, the summary and the site
rules' per-page facts) and hand back only what the crawl keeps: findings,
the compact summary and the links to follow. The event loop still reads
pages itself while the workers start up and whenever they have a backlog,
so no core idles.

Workers build their own Engine from the same configuration and the default
rule registry (a registry passed in as an object stays in-process). A page
a worker cannot read fails as it would in-process; a worker that dies turns
the workers off, and the crawl goes on in-process.

By default the workers are the usable cores less one, started once the
crawl has read ``START_AFTER_PAGES`` pages and may read more: a small site
is done before a worker would be ready. ``SITELINT_WORKERS`` sets the
number instead (0: none), started with the crawl.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing
import os
import signal
import sys
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sitelint.config import CheckConfig, Credentials
from sitelint.crawl.urls import Scope
from sitelint.models import Finding
from sitelint.site_index import ContactRef, PageSummary

if TYPE_CHECKING:
    from sitelint.crawl import FetchResult
    from sitelint.engine import Engine

log = logging.getLogger("sitelint.engine")

# Starting a worker costs up to a second or two of CPU (imports, rules,
# patterns); a crawl this far along is worth it.
START_AFTER_PAGES = 100
_ENVIRONMENT = "SITELINT_WORKERS"


@dataclass(frozen=True)
class WorkerPlan:
    count: int  # 0: rule work stays in-process
    start_after: int  # HTML pages read in-process before the workers start


def worker_plan(config: CheckConfig) -> WorkerPlan:
    """How many worker processes this run uses, and when they start."""
    wanted = os.environ.get(_ENVIRONMENT, "").strip()
    if wanted:
        try:
            return WorkerPlan(max(0, int(wanted)), 0)
        except ValueError:
            log.warning("%s=%r is not a number; no worker processes", _ENVIRONMENT, wanted)
            return WorkerPlan(0, 0)
    if config.crawl.max_pages <= START_AFTER_PAGES:
        return WorkerPlan(0, 0)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return WorkerPlan(max(0, cores - 1), START_AFTER_PAGES)


class WorkersGone(Exception):
    """The worker processes are gone; the page is to be read in-process."""


@dataclass
class Reading:
    """What a worker hands back for one page.

    The summary's link targets are indexes into ``urls``: ids belong to the
    parent's SiteIndex, so adopt() turns them into ids there.
    """

    findings: list[Finding]
    summary: PageSummary
    urls: list[str]
    follow: list[tuple[str, str]]

    def adopt(self, url_id: Any) -> PageSummary:
        ids = [url_id(url) for url in self.urls]
        summary = self.summary
        summary.links = summary.links.adopted(ids)
        summary.visible_contacts = tuple(
            ContactRef(
                sys.intern(contact.kind), sys.intern(contact.value), sys.intern(contact.selector)
            )
            for contact in summary.visible_contacts
        )
        summary.content_type = sys.intern(summary.content_type)
        summary.lang = sys.intern(summary.lang)
        return summary


def _start_method() -> str:
    """Fork when it is safe: it starts at once and shares the parent's loaded rules.

    With other threads running, a forked child could inherit a lock one of
    them holds; spawned workers start from scratch instead (and import the
    main module, so a script must guard its entry point, as always with
    multiprocessing).
    """
    # Elsewhere than Linux, system libraries are not fork-safe (macOS) or
    # there is no fork (Windows).
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


# Set in each worker process by _start_worker().
_engine: Engine | None = None
_scope: Scope | None = None
_render_auto = False


def _start_worker(config: CheckConfig, scope: Scope, render_available: bool, note: str) -> None:
    global _engine, _scope, _render_auto
    # Ctrl-C is the parent's to handle: it stops the crawl and still reports.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from sitelint.darkpatterns import patterns
    from sitelint.engine import Engine
    from sitelint.keywords import lexicon
    from sitelint.registry import load_registry

    registry = load_registry(disabled_packs=config.rules.disabled_packs)
    _engine = Engine(
        registry,
        config.rules,
        scan_date=config.scan_date,
        render_available=render_available,
        render_unavailable_reason=note,
    )
    _scope = scope
    _render_auto = render_available and config.render.mode == "auto"
    # Compiled now rather than on the first page.
    lexicon()
    patterns()


def _without_credentials(config: CheckConfig) -> CheckConfig:
    crawl = config.crawl.model_copy(update={"credentials": Credentials()})
    return config.model_copy(update={"crawl": crawl})


def _ready() -> bool:
    return _engine is not None


def _read(result: FetchResult) -> Reading | None:
    """Read one fetched HTML page; None when it is for the browser to render."""
    from sitelint.engine import page_from_result
    from sitelint.render import looks_like_app_shell
    from sitelint.site_index import summarize

    assert _engine is not None and _scope is not None
    page = page_from_result(result)
    if _render_auto and looks_like_app_shell(page):
        return None
    findings = _engine.check_page(page)
    local_ids: dict[str, int] = {}

    def url_id(url: str) -> int:
        return local_ids.setdefault(url, len(local_ids))

    summary = summarize(page, url_id, _scope)
    findings.extend(_engine.collect_facts(page, summary))
    follow = [(link.href, link.text) for link in page.links if link.followable]
    return Reading(findings, summary, list(local_ids), follow)


class PageWorkers:
    """A pool of worker processes reading pages for one run."""

    def __init__(
        self,
        count: int,
        config: CheckConfig,
        scope: Scope,
        render_available: bool,
        note: str,
        *,
        wait_until_ready: bool = False,
    ) -> None:
        self.count = count
        # Otherwise pages are read in-process until a worker has started.
        self.wait_until_ready = wait_until_ready
        method = _start_method()
        log.info("reading pages in %d worker process(es), %s", count, method)
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            max_workers=count,
            mp_context=multiprocessing.get_context(method),
            initializer=_start_worker,
            # Workers fetch nothing: the credentials stay in this process.
            initargs=(_without_credentials(config), scope, render_available, note),
        )
        self._pending = 0
        self.pages = 0  # handed to the workers
        # A forked worker shares the parent's memory until either writes to
        # it; the collector writes to every object it visits, so what exists
        # now is kept out of its way (until close()).
        self._frozen = method == "fork"
        if self._frozen:
            gc.freeze()
        # The first submit starts the processes.
        self._ready: Future[bool] = self._pool.submit(_ready)

    @property
    def available(self) -> bool:
        """Whether to hand the next page to a worker rather than read it in-process."""
        if self._pool is None or not (self._ready.done() or self.wait_until_ready):
            return False
        # With a backlog the workers are the bottleneck: reading a page here
        # uses this core's idle time instead of waiting for them.
        return self._pending < 4 * self.count

    async def read(self, result: FetchResult) -> Reading | None:
        """A worker's reading of the page, or None when it is for the browser.

        Raises what reading the page raised, as reading it in-process would;
        WorkersGone when the workers died, so the caller reads it itself (and
        every later page: ``available`` is False from then on).
        """
        if self._pool is None:
            raise WorkersGone("the worker processes were shut down")
        self._pending += 1
        self.pages += 1
        try:
            if not self._ready.done():
                await asyncio.wrap_future(self._ready)
            return await asyncio.wrap_future(self._pool.submit(_read, result))
        except BrokenProcessPool as error:
            log.warning("worker processes stopped (%s); reading pages in-process", error)
            self.close()
            raise WorkersGone(str(error)) from error
        finally:
            self._pending -= 1

    def close(self) -> None:
        if self._pool is not None:
            log.info("the worker processes read %d pages", self.pages)
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
