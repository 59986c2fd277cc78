"""The engine: stream pages through page rules, then run site rules on the index.

Rules are pure; the engine is where their results become Findings, where a
crashing rule becomes an SL002 finding instead of a crash, and where a crawl
cut short by Ctrl-C or the time limit still yields a report.
"""

from __future__ import annotations

import asyncio
import contextlib
import fnmatch
import gc
import logging
import signal
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from sitelint.classify import SiteKind, classify_page
from sitelint.config import CheckConfig, RuleSettings
from sitelint.crawl import Crawler, FetchResult
from sitelint.crawl.crawler import CrawlStats
from sitelint.gather.page import Page, decode_body
from sitelint.models import Finding, PageKind, Scope, Severity, fingerprint
from sitelint.registry import Registry, load_registry
from sitelint.render import (
    BrowserNotFound,
    Renderer,
    RenderError,
    find_browser,
    looks_like_app_shell,
)
from sitelint.render.renderer import RenderedPage
from sitelint.rule import Hit, Rule, RuleContext
from sitelint.site_index import LinkRef, LinkTable, PageSummary, SiteIndex, summarize
from sitelint.workers import PageWorkers, Reading, WorkerPlan, WorkersGone, worker_plan

log = logging.getLogger("sitelint.engine")

RULE_CRASHED = "SL002"
RENDER_FAILED = "SL004"


def rule_selected(rule_id: str, settings: RuleSettings) -> bool:
    """--select / --ignore by id or prefix (SL3, SL70); ignore wins."""
    if settings.select and not any(rule_id.startswith(p.upper()) for p in settings.select):
        return False
    return not any(rule_id.startswith(p.upper()) for p in settings.ignore)


@dataclass
class SkippedRule:
    rule: str
    reason: str


class Engine:
    def __init__(
        self,
        registry: Registry,
        settings: RuleSettings | None = None,
        *,
        scan_date: date | None = None,
        render_available: bool = False,
        render_unavailable_reason: str = "needs rendering (--render)",
    ) -> None:
        self.settings = settings or RuleSettings()
        self.registry = registry
        self.scan_date = scan_date or date.today()
        self.render_available = render_available
        self.skipped: list[SkippedRule] = []
        active: list[Rule] = []
        for rule in registry.rules:
            configured = self.settings.per_rule.get(rule.id)
            if not rule_selected(rule.id, self.settings) or (configured and not configured.enabled):
                continue
            if rule.needs_render and not render_available:
                self.skipped.append(SkippedRule(rule.id, render_unavailable_reason))
                continue
            active.append(rule)
        self.page_rules = [r for r in active if r.scope is Scope.PAGE]
        self.site_rules = [r for r in active if r.scope is Scope.SITE]
        self.collectors = [r for r in self.site_rules if r.collect is not None]
        self.crash_rule = registry.get(RULE_CRASHED)
        self._contexts = {rule.id: self._context(rule) for rule in active}

    def _context(self, rule: Rule) -> RuleContext:
        options = {**rule.defaults, **self.settings.options_for(rule.id)}
        return RuleContext(
            options=options,
            scan_date=self.scan_date,
            check_transport_on_local=self.settings.check_transport_on_local,
            rendered=self.render_available,
        )

    def finding(self, rule: Rule, hit: Hit, default_url: str) -> Finding:
        url = hit.url or default_url
        evidence = hit.evidence[:2000]
        configured = self.settings.per_rule.get(rule.id)
        return Finding(
            rule=rule.id,
            name=rule.name,
            severity=(configured.severity if configured else None) or hit.severity or rule.severity,
            category=rule.category,
            url=url,
            selector=hit.selector,
            message=hit.message,
            evidence=evidence,
            fingerprint=fingerprint(rule.id, url, hit.selector, hit.message),
        )

    def _crashed(self, rule: Rule, url: str, error: BaseException) -> Finding:
        frame = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
        where = f" at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}" if frame else ""
        message = f"rule {rule.id} ({rule.name}) crashed: {type(error).__name__}: {error}"[:500]
        if self.crash_rule is None or not rule_selected(RULE_CRASHED, self.settings):
            log.error("%s on %s", message, url)
            message_rule = rule
        else:
            message_rule = self.crash_rule
        return Finding(
            rule=message_rule.id,
            name=message_rule.name,
            severity=Severity.ERROR,
            category=message_rule.category,
            url=url,
            message=message,
            evidence=f"{type(error).__name__}{where}",
            fingerprint=fingerprint(message_rule.id, url, rule.id, type(error).__name__),
        )

    def _run(self, rule: Rule, subject: Any, default_url: str) -> list[Finding]:
        try:
            return [
                self.finding(rule, hit, default_url)
                for hit in rule.check(subject, self._contexts[rule.id])
            ]
        except Exception as error:
            return [self._crashed(rule, default_url, error)]

    def check_page(self, page: Page) -> list[Finding]:
        findings: list[Finding] = []
        for rule in self.page_rules:
            # A render rule on a page that was not rendered has nothing to judge.
            if rule.needs_render and not page.rendered:
                continue
            findings.extend(self._run(rule, page, page.url))
        return [
            f for f in findings if not suppressed_in_page(page, f) and not self.ignored_at_url(f)
        ]

    def ignored_at_url(self, finding: Finding) -> bool:
        """``[[rules.overrides]]``: rules ignored on URLs matching globs."""
        for override in self.settings.overrides:
            if any(finding.rule.startswith(p.upper()) for p in override.ignore) and any(
                url_matches(pattern, finding.url) for pattern in override.urls
            ):
                return True
        return False

    def render_failed(self, url: str, reason: str) -> Finding | None:
        rule = self.registry.get(RENDER_FAILED)
        if rule is None or not rule_selected(RENDER_FAILED, self.settings):
            return None
        message = f"The browser could not render this page ({reason}); static results are reported."
        return self.finding(rule, Hit(message, evidence=reason), url)

    def collect_facts(self, page: Page, summary: PageSummary) -> list[Finding]:
        crashes = []
        for rule in self.collectors:
            assert rule.collect is not None
            try:
                value = rule.collect(page, self._contexts[rule.id])
            except Exception as error:
                crashes.append(self._crashed(rule, page.url, error))
                continue
            if value is not None:
                summary.facts[rule.id] = value
        return crashes

    def check_site(self, index: SiteIndex) -> list[Finding]:
        findings: list[Finding] = []
        start = index.start_urls[0] if index.start_urls else ""
        for rule in self.site_rules:
            findings.extend(self._run(rule, index, start))
        return [
            f
            for f in findings
            if not suppressed_in_summary(index, f) and not self.ignored_at_url(f)
        ]


def url_matches(pattern: str, url: str) -> bool:
    """A glob on the URL's path (``/blog/*``) or on the whole URL."""
    path = urlsplit(url).path or "/"
    return fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(url, pattern)


def _ignores(value: str | None, rule_id: str) -> bool:
    if value is None:
        return False
    ids = {part.strip().upper() for part in value.replace(",", " ").split()}
    return not ids or any(rule_id.startswith(i) for i in ids)


def suppressed_in_page(page: Page, finding: Finding) -> bool:
    """``data-sitelint-ignore="SL103"`` (empty: every rule) on the element or an ancestor."""
    if "data-sitelint-ignore" not in page.html:
        return False
    node = None
    if finding.selector:
        try:
            node = page.tree.css_first(finding.selector)
        except Exception:
            node = None
    current = node or page.tree.body
    while current is not None and current.tag not in (None, "-document"):
        if _ignores(current.attributes.get("data-sitelint-ignore"), finding.rule):
            return True
        current = current.parent
    return False


def suppressed_in_summary(index: SiteIndex, finding: Finding) -> bool:
    """The same, for site findings on a page: read from the page's summary."""
    url_id = index.known(finding.url)
    summary = index.summaries.get(url_id) if url_id is not None else None
    if summary is None or not summary.suppressions:
        return False
    for selector, rules in summary.suppressions:
        covers = selector == "body" or (
            finding.selector is not None
            and (finding.selector == selector or finding.selector.startswith(selector + " > "))
        )
        if covers and _ignores(rules, finding.rule):
            return True
    return False


def prepare_page(page: Page) -> Page:
    page.kind = classify_page(page)
    return page


def page_from_result(result: FetchResult) -> Page:
    html = decode_body(result.body, result.headers.get("content-type"))
    return prepare_page(
        Page(
            result.final_url,
            html,
            status=result.status or 0,
            headers=result.headers,
            requested_url=result.url,
            redirects=result.redirects,
            depth=result.depth,
            inbound_texts=result.inbound_texts,
        )
    )


@dataclass
class RunResult:
    config: CheckConfig
    started: datetime
    finished: datetime
    index: SiteIndex
    findings: list[Finding]
    site_kind: SiteKind
    stats: CrawlStats
    skipped_rules: list[SkippedRule] = field(default_factory=list)
    stopped_reason: str | None = None
    start_error: str | None = None  # set when no start URL could be fetched

    @property
    def complete(self) -> bool:
        return self.stopped_reason is None


def _failed_summary(result: FetchResult) -> PageSummary:
    error = result.error
    if error is None and result.status is not None and result.status >= 500:
        error = f"HTTP {result.status}"
    return PageSummary(
        url=result.url,
        final_url=result.final_url,
        status=result.status,
        kind=PageKind.OTHER,
        depth=result.depth,
        content_type=result.content_type,
        error=error,
        redirects=result.redirects,
    )


def _redirect_summary(result: FetchResult, target: int) -> PageSummary:
    """A URL that redirects to a page crawled on its own: one edge, no second reading."""
    return PageSummary(
        url=result.url,
        final_url=result.final_url,
        status=result.status,
        kind=PageKind.OTHER,
        depth=result.depth,
        content_type="redirect",
        redirects=result.redirects,
        links=LinkTable([LinkRef(target, "", "(redirect)", "body")]),
    )


def _renderer_for(config: CheckConfig) -> tuple[Renderer | None, str]:
    """The renderer for this run, or None and why the render rules are skipped.

    ``always`` without a browser is a configuration error (BrowserNotFound);
    ``auto`` falls back to static with one warning.
    """
    if config.render.mode == "never":
        return None, "needs rendering (--render)"
    try:
        executable = find_browser(config.render.browser)
    except BrowserNotFound as error:
        if config.render.mode == "always":
            raise
        log.warning("render mode off: %s", error)
        return None, f"needs rendering, and {error}"
    screenshots = Path(config.render.screenshots_dir) if config.render.screenshots_dir else None
    return Renderer(config.render, config.crawl, executable, screenshots), ""


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (-f.severity.rank, f.rule, f.url, f.selector or ""))


# Reading a page makes and drops tens of thousands of objects. At the default
# threshold (700) the collector runs every few hundred microseconds and walks
# what is alive, the page in hand and the growing index: at 10,000 pages that
# was 6% of the crawl's process. Objects that die young are freed by their
# reference counts; the collector is only for cycles, which pages hardly make.
_YOUNG_GENERATION_THRESHOLD = 20_000


@contextlib.contextmanager
def _young_objects_collected_less_often() -> Iterator[None]:
    previous = gc.get_threshold()
    gc.set_threshold(max(previous[0], _YOUNG_GENERATION_THRESHOLD), *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)


async def run_check(
    config: CheckConfig,
    *,
    registry: Registry | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    handle_signals: bool = False,
    on_page: Callable[[PageSummary, list[Finding]], None] | None = None,
) -> RunResult:
    """Crawl and lint a site. Stops early, keeping what it has, on Ctrl-C or the time limit.

    ``on_page`` is called as each page enters the index, with the findings not
    yet handed over (so each finding exactly once; the site rules' findings
    come only in the result): the history store writes them as they arrive.
    """
    given_registry = registry
    registry = registry or load_registry(disabled_packs=config.rules.disabled_packs)
    scan_date = config.scan_date or date.today()
    renderer, render_note = _renderer_for(config)
    engine = Engine(
        registry,
        config.rules,
        scan_date=scan_date,
        render_available=renderer is not None,
        render_unavailable_reason=render_note,
    )
    started = datetime.now(UTC)
    index = SiteIndex([], scan_date=scan_date)
    findings: list[Finding] = []

    handed_over = 0

    def add(summary: PageSummary) -> None:
        nonlocal handed_over
        index.add(summary)
        if on_page is not None:
            fresh, handed_over = findings[handed_over:], len(findings)
            on_page(summary, fresh)

    def on_link_status(url: str, status: int | None) -> None:
        index.link_statuses[index.id_for(url)] = status

    crawler = Crawler(
        config.crawl, transport, on_link_status=on_link_status, on_progress=on_progress
    )
    index.start_urls = list(crawler.start_urls)
    # Rule work in worker processes (see sitelint/workers.py): only for rules a
    # worker loads the same way, and not when every page goes to the browser.
    plan = worker_plan(config)
    if plan.count and (
        config.render.mode == "always"
        or (
            given_registry is not None
            and given_registry != load_registry(disabled_packs=config.rules.disabled_packs)
        )
    ):
        plan = WorkerPlan(0, 0)
    workers: PageWorkers | None = None
    html_read = 0

    async def handle(result: FetchResult) -> list[tuple[str, str]]:
        nonlocal workers, html_read
        if result.duplicate_of is not None:
            add(_redirect_summary(result, index.id_for(result.duplicate_of)))
            return []
        if not result.is_html or (result.status or 0) >= 400:
            add(_failed_summary(result))
            return []
        html_read += 1
        if workers is None and plan.count and html_read > plan.start_after:
            workers = PageWorkers(
                plan.count,
                config,
                crawler.scope,
                renderer is not None,
                render_note,
                # Asked for by number: every page goes to them.
                wait_until_ready=plan.start_after == 0,
            )
        if workers is not None and workers.available:
            try:
                reading = await workers.read(result)
            except WorkersGone:
                reading = None
            else:
                if reading is not None:
                    return adopt(result, reading)
        page = page_from_result(result)
        if page.url != result.url:
            # Links to the old URL lead to the page through the redirect.
            add(_redirect_summary(result, index.id_for(page.url)))
        if renderer is not None and (config.render.mode == "always" or looks_like_app_shell(page)):
            page = await _render(page)
        else:
            findings.extend(engine.check_page(page))
        summary = summarize(page, index.id_for, crawler.scope)
        findings.extend(engine.collect_facts(page, summary))
        add(summary)
        return [(link.href, link.text) for link in page.links if link.followable]

    def adopt(result: FetchResult, reading: Reading) -> list[tuple[str, str]]:
        """A worker's reading of a page, entered as handle() enters its own."""
        if result.final_url != result.url:
            add(_redirect_summary(result, index.id_for(result.final_url)))
        findings.extend(reading.findings)
        add(reading.adopt(index.id_for))
        return reading.follow

    async def _render(static: Page) -> Page:
        """Judge the rendered page; on failure, the static one plus an SL004 finding."""
        assert renderer is not None
        try:
            async with renderer.open(static.url) as rendered:
                page = prepare_page(
                    Page(
                        static.url,
                        rendered.html,
                        status=static.status,
                        headers=static.headers,
                        requested_url=static.requested_url,
                        redirects=static.redirects,
                        depth=static.depth,
                        inbound_texts=static.inbound_texts,
                    )
                )
                page.render = rendered.artifacts
                for finding in engine.check_page(page):
                    findings.append(await _with_screenshot(finding, rendered))
                return page
        except RenderError as error:
            failed = engine.render_failed(static.url, str(error))
            if failed is not None:
                findings.append(failed)
            findings.extend(engine.check_page(static))
            return static

    async def _with_screenshot(finding: Finding, rendered: RenderedPage) -> Finding:
        # Shot for what only the browser showed: render rules, and static rules
        # whose evidence rests on computed visibility ("... (computed)").
        rule = registry.get(finding.rule)
        if (
            not finding.selector
            or rule is None
            or not (rule.needs_render or "(computed)" in finding.evidence)
        ):
            return finding
        path = await rendered.screenshot(finding.selector, finding.fingerprint)
        return finding.model_copy(update={"screenshot": path}) if path else finding

    loop = asyncio.get_running_loop()
    timer = None
    if config.time_limit:
        timer = loop.call_later(config.time_limit, crawler.stop, "time limit reached")
    interrupted = False

    def on_interrupt() -> None:
        nonlocal interrupted
        interrupted = True
        crawler.stop("interrupted")
        # A second Ctrl-C ends the process the usual way.
        loop.remove_signal_handler(signal.SIGINT)

    if handle_signals:
        loop.add_signal_handler(signal.SIGINT, on_interrupt)
    try:
        with _young_objects_collected_less_often():
            stats = await crawler.run(handle)
    finally:
        if workers is not None:
            workers.close()
        if renderer is not None:
            await renderer.close()
        if timer is not None:
            timer.cancel()
        if handle_signals and not interrupted:
            loop.remove_signal_handler(signal.SIGINT)

    index.complete = stats.stopped_reason is None
    index.robots_blocked = {index.id_for(url) for url in stats.robots_blocked}
    index.http_upgrade = dict(stats.http_upgrade)
    index.security_txt = dict(stats.security_txt)
    findings.extend(engine.check_site(index))
    start_error = None
    start_summaries = [index.summaries.get(index.id_for(url)) for url in index.start_urls]
    if all(s is not None and s.error and s.status is None for s in start_summaries):
        start_error = "; ".join(f"{s.url}: {s.error}" for s in start_summaries if s is not None)
    return RunResult(
        config=config,
        started=started,
        finished=datetime.now(UTC),
        index=index,
        findings=sort_findings(findings),
        site_kind=index.kind,
        stats=stats,
        skipped_rules=engine.skipped,
        stopped_reason=stats.stopped_reason,
        start_error=start_error,
    )
