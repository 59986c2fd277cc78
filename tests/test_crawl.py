"""The crawler against fixtures/crawler-site, served on 127.0.0.1."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from sitelint.api import check_site
from sitelint.config import CrawlSettings
from sitelint.crawl.crawler import Crawler
from sitelint.crawl.fetcher import FetchResult, retry_after_seconds
from sitelint.crawl.sitemaps import parse_sitemap
from sitelint.crawl.urls import Scope, canonical

SCAN_DATE = date(2026, 11, 1)


def _paths(server, urls) -> set[str]:  # type: ignore[no-untyped-def]
    return {url.replace(server.base, "") for url in urls}


def test_crawl_obeys_robots_follows_sitemaps_and_records_everything(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("crawler-site")
    result = check_site(server.url("/"), scan_date=SCAN_DATE, timeout=5)
    index = result.index
    crawled = {s.url.replace(server.base, ""): s for s in index.summaries.values()}
    requested = [path for method, path, headers in server.requests]

    # robots.txt: the disallowed page is never requested, and is recorded
    assert "/private/secret/" not in requested
    assert _paths(server, result.stats.robots_blocked) == {"/private/secret/"}
    # the sitemap index, its gzipped child and the plain one are read
    assert {"/sitemap_index.xml", "/sitemap-pages.xml.gz", "/sitemap-blog.xml"} <= set(requested)
    assert "/orphan/" in crawled, "a page only the sitemap knows is crawled"
    # out-of-scope URLs (sitemap and links) are never requested
    assert all("elsewhere" not in path and "partner" not in path for path in requested)
    # a redirect is recorded and its target read once
    assert crawled["/old-about/"].final_url == server.url("/about/")
    assert requested.count("/about/") == 1
    # a redirect loop is stopped and reported
    assert "redirect loop" in (crawled["/loop-a/"].error or "")
    # 429 with Retry-After: retried once, then crawled
    assert requested.count("/busy/") == 2
    assert crawled["/busy/"].status == 200
    # non-HTML is recorded, not parsed
    assert crawled["/brochure.pdf"].content_type == "application/pdf"
    assert crawled["/missing/"].status == 404
    # fragments dropped; tracking parameters dropped
    assert not any("#" in path for path in crawled)
    assert "/about/?utm_source=home" not in crawled
    # every request names sitelint
    assert all(
        headers.get("User-Agent", "").startswith("sitelint/") for _, _, headers in server.requests
    )

    rules = {(f.rule, f.url.replace(server.base, "")) for f in result.findings}
    assert ("SL001", "/error/") in rules
    assert ("SL001", "/loop-a/") in rules
    assert ("SL606", "/") in rules  # the link to /missing/
    assert result.complete


def test_max_pages_and_link_checks(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("crawler-site")
    result = check_site(server.url("/"), max_pages=3, use_sitemaps=False, timeout=5)
    html_fetched = [s for s in result.index.summaries.values() if s.content_type != "redirect"]
    assert len(html_fetched) <= 3
    heads = [path for method, path, _ in server.requests if method == "HEAD"]
    assert "/missing/" in heads, "links beyond the page limit still get a status check"
    assert any(f.rule == "SL606" for f in result.findings)


def test_max_depth(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("crawler-site")
    result = check_site(server.url("/"), max_depth=1, use_sitemaps=False, check_links=False)
    crawled = {s.url.replace(server.base, "") for s in result.index.summaries.values()}
    assert "/deep/a/" in crawled
    assert "/deep/a/b/" not in crawled


def test_ignore_robots(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("crawler-site")
    check_site(server.url("/"), ignore_robots=True, use_sitemaps=False, check_links=False)
    assert any(path == "/private/secret/" for _, path, _ in server.requests)


def test_include_and_exclude(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("crawler-site")
    result = check_site(server.url("/"), exclude=["/blog/*"], use_sitemaps=False, check_links=False)
    crawled = {s.url.replace(server.base, "") for s in result.index.summaries.values()}
    assert "/about/" in crawled
    assert not any(path.startswith("/blog/") for path in crawled)


def test_credentials_go_only_to_the_start_host(serve) -> None:  # type: ignore[no-untyped-def]
    from pydantic import SecretStr

    from sitelint.config import Credentials

    site = serve("crawler-site")
    other = serve("clean-site")
    credentials = Credentials(
        headers={"X-Token": SecretStr("s3cret")}, basic_auth=("me", SecretStr("pw"))
    )
    # another port on the same address is another site: out of scope, no credentials
    assert not Scope([site.url("/")])(other.url("/"))
    result = check_site(site.url("/"), credentials=credentials, use_sitemaps=False, max_pages=4)
    assert site.requests and not other.requests
    assert all(h.get("X-Token") == "s3cret" for _, _, h in site.requests)
    assert all(h.get("Authorization", "").startswith("Basic ") for _, _, h in site.requests)
    report = result.config.public_dict()
    assert "s3cret" not in str(report) and "pw" not in str(report["crawl"]["credentials"])


def test_credentials_never_follow_a_redirect_to_another_host() -> None:
    import httpx

    received: dict[str, dict[str, str]] = {}

    def respond(request: httpx.Request) -> httpx.Response:
        received[request.url.host] = dict(request.headers)
        if request.url.host == "staging.example" and request.url.path == "/":
            return httpx.Response(302, headers={"location": "https://cdn.example/landing"})
        return httpx.Response(200, html="<h1>hi</h1>", headers={"content-type": "text/html"})

    from pydantic import SecretStr

    from sitelint.config import Credentials

    check_site(
        "https://staging.example/",
        transport=httpx.MockTransport(respond),
        extra_hosts=["cdn.example"],
        credentials=Credentials(cookies={"session": SecretStr("abc")}),
        use_sitemaps=False,
    )
    assert received["staging.example"].get("cookie") == "session=abc"
    assert "cookie" not in received["cdn.example"]


def test_interrupted_crawl_keeps_what_it_has(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("crawler-site")
    result = check_site(server.url("/"), time_limit=0.3, delay=0.2, use_sitemaps=False)
    assert not result.complete
    assert result.stopped_reason == "time limit reached"
    assert result.index.summaries, "pages crawled before the limit are kept"


def test_unreachable_start_url_is_reported() -> None:
    result = check_site("http://127.0.0.1:9/", retries=0, timeout=2, use_sitemaps=False)
    assert result.start_error
    assert [f.rule for f in result.findings] == ["SL001"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://Example.COM:80/a/../b?z=1&a=2#frag", "http://example.com/b?a=2&z=1"),
        ("https://example.com/?utm_source=x&id=3", "https://example.com/?id=3"),
        ("javascript:alert(1)", None),
        ("http://[::1", None),
        ("https://user:pw@example.com/", None),
    ],
)
def test_canonical(url: str, expected: str | None) -> None:
    assert canonical(url) == expected


def test_scope_patterns() -> None:
    scope = Scope(["https://a.example/"], include=["/docs/*"], exclude=["re:\\.pdf$"])
    assert scope("https://a.example/docs/x")
    assert not scope("https://a.example/blog/x")
    assert not scope("https://a.example/docs/x.pdf")
    assert not scope("https://b.example/docs/x")
    assert Scope(["http://a.example/"])("https://a.example/x"), "http and https are one site"


def test_retry_after() -> None:
    assert retry_after_seconds("3") == 3.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert retry_after_seconds("soon") is None


def test_sitemap_parsing_is_defensive() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><urlset><url><loc>&a;</loc></url></urlset>'
    assert parse_sitemap(bomb).error
    assert parse_sitemap(b"not xml").error
    parsed = parse_sitemap(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc> https://a/x </loc></url></urlset>'
    )
    assert parsed.urls == ["https://a/x"]


def test_body_size_cap() -> None:
    import httpx

    big = b"<html><body>" + b"x" * 300_000 + b"</body></html>"
    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, content=big, headers={"content-type": "text/html"})
    )
    settings = CrawlSettings(start_urls=["https://a.example/"], max_body_bytes=100_000)
    crawler = Crawler(settings, transport)
    results: list[FetchResult] = []

    def handle(result: FetchResult) -> list[tuple[str, str]]:
        results.append(result)
        return []

    asyncio.run(crawler.run(handle))
    page = next(r for r in results if r.url == "https://a.example/")
    assert page.truncated and len(page.body) == 100_000
