"""Rule work in worker processes gives exactly the in-process results."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import sitelint.workers as workers
from sitelint.api import check_site
from sitelint.config import CheckConfig, CrawlSettings, RenderSettings
from sitelint.engine import RunResult

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# The sites the golden test crawls statically (render fixtures need a browser).
STATIC_SITES = sorted(
    p.name
    for p in FIXTURES.iterdir()
    if (p / "site").is_dir()
    and json.loads((p / "options.json").read_text() if (p / "options.json").exists() else "{}").get(
        "render", "auto"
    )
    != "always"
)
SCAN_DATE = date(2026, 11, 1)


def _crawl(url: str) -> RunResult:
    return check_site(url, scan_date=SCAN_DATE, render=RenderSettings(mode="never"), timeout=10)


def _observable(result: RunResult) -> Any:
    findings = sorted(f.model_dump_json() for f in result.findings)
    pages = sorted(
        (
            summary.url,
            repr(summary.kind),
            summary.depth,
            summary.title,
            summary.shop_signal,
            summary.subscription_signal,
            sorted(
                (result.index.urls[link.target], link.selector, link.text) for link in summary.links
            ),
            repr(summary.visible_contacts),
            repr(sorted(summary.facts.items())),
        )
        for summary in result.index.summaries.values()
    )
    return findings, pages


@pytest.mark.parametrize("site", STATIC_SITES)
def test_workers_read_pages_as_the_engine_does(
    site: str, serve: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = serve(site)
    monkeypatch.setenv("SITELINT_WORKERS", "0")
    alone = _crawl(server.url("/"))
    handed: list[int] = []
    close = workers.PageWorkers.close

    def counting_close(self: workers.PageWorkers) -> None:
        handed.append(self.pages)
        close(self)

    monkeypatch.setattr(workers.PageWorkers, "close", counting_close)
    monkeypatch.setenv("SITELINT_WORKERS", "1")
    parallel = _crawl(server.url("/"))
    assert handed and handed[0] > 0, "the workers read pages"
    assert _observable(parallel) == _observable(alone)


def _dies(result: Any) -> None:
    os._exit(3)


def test_a_dead_worker_leaves_the_pages_to_the_engine(
    serve: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = serve("demo-shop")
    monkeypatch.setenv("SITELINT_WORKERS", "0")
    alone = _crawl(server.url("/"))
    # Forked, so the worker runs the patched function.
    monkeypatch.setattr(workers, "_start_method", lambda: "fork")
    monkeypatch.setattr(workers, "_read", _dies)
    monkeypatch.setenv("SITELINT_WORKERS", "1")
    parallel = _crawl(server.url("/"))
    assert parallel.complete
    assert _observable(parallel) == _observable(alone)


def test_the_plan_waits_for_a_large_crawl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITELINT_WORKERS", raising=False)
    small = CheckConfig(crawl=CrawlSettings(start_urls=["https://a.example/"], max_pages=50))
    assert workers.worker_plan(small).count == 0
    large = CheckConfig(crawl=CrawlSettings(start_urls=["https://a.example/"], max_pages=10_000))
    plan = workers.worker_plan(large)
    assert plan.start_after == workers.START_AFTER_PAGES
    monkeypatch.setenv("SITELINT_WORKERS", "2")
    assert workers.worker_plan(small) == workers.WorkerPlan(2, 0)
    monkeypatch.setenv("SITELINT_WORKERS", "many")
    assert workers.worker_plan(large).count == 0


def test_workers_get_no_credentials() -> None:
    from pydantic import SecretStr

    from sitelint.config import Credentials

    config = CheckConfig(
        crawl=CrawlSettings(
            start_urls=["https://a.example/"],
            credentials=Credentials(headers={"Authorization": SecretStr("Bearer s3cret")}),
        )
    )
    assert workers._without_credentials(config).crawl.credentials.empty
    assert not config.crawl.credentials.empty
