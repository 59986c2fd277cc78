"""The crawler against servers that misbehave on purpose (issue 6).

Under every fault the crawl finishes within its limits, keeps what it had
gathered, closes every connection it opened (checked after each test by the
``hostile`` fixture), and tells the user what happened: a page that cannot be
read is an SL001 finding with the reason. Secrets go nowhere but their host.

Servers run on 127.0.0.1 (tests/hostile_server.py); a "public" start host is
an httpx.MockTransport, so nothing here needs the internet. Only the engine's
own rules (SL0xx) run, so each test measures the crawler, not the rule pack.
"""

from __future__ import annotations

import asyncio
import gzip
import logging
import random
import shutil
import ssl
import subprocess
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import brotli  # type: ignore[import-untyped]
import httpx
import pytest
from hostile_server import (
    Behaviour,
    HostileServer,
    Request,
    dynamic,
    endless,
    never_answers,
    page,
    redirect,
    reset_mid_body,
    reset_mid_headers,
    trickle,
)
from pydantic import SecretStr

from sitelint.api import check_site
from sitelint.config import CrawlSettings, Credentials, RuleSettings
from sitelint.crawl.crawler import MAX_LINKS_PER_PAGE, Crawler
from sitelint.crawl.fetcher import GIVE_UP_AFTER, FetchResult
from sitelint.crawl.sitemaps import parse_sitemap
from sitelint.crawl.urls import Scope, canonical, trap_reason
from sitelint.engine import RunResult
from sitelint.site_index import PageSummary

SCAN_DATE = date(2026, 11, 1)
ENGINE_RULES = RuleSettings(select=["SL0"])
# Small limits so each fault costs a fraction of a second.
FAST: dict[str, Any] = {
    "timeout": 1.0,
    "retries": 1,
    "max_retry_wait": 0.2,
    "use_sitemaps": False,
    "check_links": False,
    "ignore_robots": True,
}
MB = 1024 * 1024


# -- helpers -------------------------------------------------------------------


@pytest.fixture
def hostile() -> Iterator[Callable[..., HostileServer]]:
    """Start hostile servers; afterwards, check that the crawl left no connection open."""
    started: list[HostileServer] = []

    def start(routes: dict[str, Behaviour], **options: Any) -> HostileServer:
        server = HostileServer(routes, **options).start()
        started.append(server)
        return server

    yield start
    try:
        leaked = [server.base for server in started if not server.wait_idle(3.0)]
    finally:
        for server in started:
            server.stop()
    assert not leaked, f"the crawl left connections open on {leaked}"


def crawl(
    *urls: str, transport: httpx.AsyncBaseTransport | None = None, **settings: Any
) -> RunResult:
    time_limit = settings.pop("time_limit", None)
    return check_site(
        *urls,
        transport=transport,
        rules=ENGINE_RULES,
        scan_date=SCAN_DATE,
        time_limit=time_limit,
        **{**FAST, **settings},
    )


def failures(result: RunResult, base: str = "") -> dict[str, str]:
    """What the user is told about each page that could not be read (SL001), by path."""
    return {f.url.removeprefix(base): f.message for f in result.findings if f.rule == "SL001"}


def pages(result: RunResult, base: str = "") -> dict[str, PageSummary]:
    return {s.url.removeprefix(base): s for s in result.index.summaries.values()}


def links_page(*hrefs: str, headers: list[tuple[str, str]] | None = None) -> Behaviour:
    anchors = "".join(f'<a href="{href}">link {n}</a>\n' for n, href in enumerate(hrefs))
    html = f"<html><head><title>Home</title></head><body>{anchors}</body></html>"
    return page(html, headers=headers or [])


def traced_peak(run: Callable[[], RunResult]) -> tuple[RunResult, int]:
    """The run's result and the peak of Python memory allocated while it ran."""
    tracemalloc.start()
    try:
        result = run()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# -- redirects -----------------------------------------------------------------


def _next_in_chain(request: Request) -> tuple[int, list[tuple[str, str]], bytes]:
    step = int(request.path.rsplit("/", 1)[1])
    return 302, [("Location", f"/chain/{step + 1}")], b""


def _cookie_check(request: Request) -> tuple[int, list[tuple[str, str]], bytes]:
    # A common gate: set a cookie, redirect to the same URL, expect it back.
    if "seen=1" in request.headers.get("cookie", ""):
        return 200, [("Content-Type", "text/html")], b"<title>Checked</title>"
    return 302, [("Location", "/cookie-check"), ("Set-Cookie", "seen=1; Path=/")], b""


def test_redirect_loops_and_chains_longer_than_the_limit_are_reported(hostile) -> None:  # type: ignore[no-untyped-def]
    server = hostile(
        {
            "/": links_page("/loop-a", "/self", "/chain/0", "/cookie-check"),
            "/loop-a": redirect("/loop-b"),
            "/loop-b": redirect("/loop-a"),
            "/self": redirect("/self"),
            "/chain/*": dynamic(_next_in_chain),
            "/cookie-check": dynamic(_cookie_check),
        }
    )
    result = crawl(server.url("/"), max_redirects=5)
    failed = failures(result, server.base)
    assert "redirect loop" in failed["/loop-a"]
    assert "redirect loop" in failed["/self"]
    assert "more than 5 redirects" in failed["/chain/0"]
    assert sum(path.startswith("/chain/") for path in server.paths()) == 6
    assert "/cookie-check" not in failed, "one redirect to itself after a cookie is followed"
    assert pages(result, server.base)["/cookie-check"].title == "Checked"
    assert result.complete


def test_redirects_out_of_scope_or_to_other_schemes_are_recorded_not_followed(hostile) -> None:  # type: ignore[no-untyped-def]
    elsewhere = hostile({"/*": page("<h1>someone else's</h1>")})
    server = hostile(
        {
            "/": links_page("/away", "/ftp", "/js", "/file", "/data", "/mailto", "/no-location"),
            "/away": redirect(elsewhere.url("/landing"), status=301),
            "/ftp": redirect("ftp://127.0.0.1/file"),
            "/js": redirect("javascript:alert(1)"),
            "/file": redirect("file:///etc/passwd"),
            "/data": redirect("data:text/html,<h1>hi</h1>"),
            "/mailto": redirect("mailto:someone@example.com"),
            "/no-location": page(b"", status=301),
        }
    )
    result = crawl(server.url("/"))
    assert not elsewhere.requests
    away = pages(result, server.base)["/away"]
    assert (away.status, away.final_url, away.error) == (301, elsewhere.url("/landing"), None)
    failed = failures(result, server.base)
    assert "/away" not in failed
    for path in ("/ftp", "/js", "/file", "/data", "/mailto"):
        assert "not an http(s) URL" in failed[path], path
    assert "without a Location header" in failed["/no-location"]


TOKEN = "tok-3f9a8b7c6d5e"
COOKIE = "c00kie-5e6f7a8b9c"
PASSWORD = "hunter2-staging"
CREDENTIALS = Credentials(
    headers={"X-Token": SecretStr(TOKEN)},
    cookies={"session": SecretStr(COOKIE)},
    basic_auth=("tester", SecretStr(PASSWORD)),
)
SECRETS = (TOKEN, COOKIE, PASSWORD, "dGVzdGVyOmh1bnRlcjItc3RhZ2luZw==")  # the last: base64 user:pw


def test_a_redirect_to_another_host_drops_every_credential(hostile) -> None:  # type: ignore[no-untyped-def]
    other = hostile({"/*": page("<title>Landing</title>")})
    start = hostile(
        {
            "/": links_page("/go"),
            "/go": redirect(f"http://mallory:evil-pass@{other.host}/landing"),
        }
    )
    result = crawl(start.url("/"), extra_hosts=[other.host], credentials=CREDENTIALS)
    assert other.paths() == ["/landing"], "followed, since the host is in scope"
    received = other.requests[0].headers
    assert not {"authorization", "cookie", "x-token"} & received.keys()
    assert all(request.headers.get("x-token") == TOKEN for request in start.requests)
    assert pages(result, start.base)["/go"].final_url == other.url("/landing")
    assert "evil-pass" not in repr(result.index.summaries) + repr(result.findings)


PRIVATE_TARGETS = {
    "/metadata": "http://169.254.169.254/latest/meta-data/",
    "/intranet": "http://10.0.0.5/admin",
    "/loopback": "http://127.0.0.1:8080/",
    "/decimal": "http://2130706433/",  # 127.0.0.1, as the C library reads it
    "/ipv6": "http://[::1]/",
    "/mapped": "http://[::ffff:10.0.0.1]/",
    "/localhost": "http://localhost:9000/",
}


def _public_shop(requested: list[str]) -> httpx.MockTransport:
    """shop.example, a public host that points at private addresses."""

    def respond(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        if request.url.host != "shop.example":
            return httpx.Response(200, html="<title>internal</title>")
        path = request.url.path
        if path == "/":
            anchors = "".join(f'<a href="{p}">x</a>' for p in PRIVATE_TARGETS)
            return httpx.Response(200, html=anchors + '<a href="http://10.0.0.9/direct">x</a>')
        if path == "/robots.txt":
            return httpx.Response(200, text="Sitemap: http://169.254.169.254/sitemap.xml\n")
        if path in PRIVATE_TARGETS:
            return httpx.Response(302, headers={"location": PRIVATE_TARGETS[path]})
        return httpx.Response(404)

    return httpx.MockTransport(respond)


def test_a_public_host_cannot_send_the_crawl_to_private_addresses() -> None:
    # In scope on purpose: even then, refused.
    extra = [urlsplit(url).netloc for url in PRIVATE_TARGETS.values()] + ["10.0.0.9"]
    requested: list[str] = []
    settings = {"extra_hosts": extra, "ignore_robots": False, "use_sitemaps": True}
    result = crawl("https://shop.example/", transport=_public_shop(requested), **settings)
    assert {urlsplit(url).hostname for url in requested} == {"shop.example"}
    failed = failures(result, "https://shop.example")
    for path in PRIVATE_TARGETS:
        assert "refused to fetch" in failed[path] and "--allow-private" in failed[path], path
    assert "link-local" in failed["/metadata"]
    assert "a loopback address" in failed["/decimal"]
    assert "a private address" in failed["http://10.0.0.9/direct"]

    requested.clear()
    crawl(
        "https://shop.example/", transport=_public_shop(requested), allow_private=True, **settings
    )
    hosts = {urlsplit(url).hostname for url in requested}
    assert {"169.254.169.254", "10.0.0.5", "localhost", "10.0.0.9"} <= hosts


def _crawl_results(
    settings: CrawlSettings, transport: httpx.AsyncBaseTransport, resolver: Any
) -> dict[str, FetchResult]:
    results: dict[str, FetchResult] = {}

    def handle(result: FetchResult) -> list[tuple[str, str]]:
        results[result.url] = result
        body = result.body.decode() if result.is_html else ""
        return [(href, "") for href in body.split('"') if href.startswith("http")]

    asyncio.run(Crawler(settings, transport, resolver=resolver).run(handle))
    return results


def test_host_names_are_resolved_before_a_private_address_is_reached() -> None:
    addresses = {
        "shop.example": ["93.184.215.14"],
        "cdn.shop.example": ["93.184.215.15"],
        "intranet.shop.example": ["10.1.2.3"],
        "rebound.shop.example": ["93.184.215.16", "127.0.0.1"],
        "staging.internal": ["10.0.0.2"],
    }

    async def resolve(host: str) -> list[str]:
        return addresses.get(host, [])

    others = ["cdn.shop.example", "intranet.shop.example", "rebound.shop.example"]
    requested: list[str] = []

    def respond(request: httpx.Request) -> httpx.Response:
        requested.append(request.url.host)
        if request.url.path == "/":
            return httpx.Response(
                200, html="".join(f'<a href="https://{h}/x">x</a>' for h in others)
            )
        return httpx.Response(200, html="<title>x</title>")

    transport = httpx.MockTransport(respond)
    settings = CrawlSettings(start_urls=["https://shop.example/"], extra_hosts=others, **FAST)
    results = _crawl_results(settings, transport, resolve)
    assert results["https://cdn.shop.example/x"].status == 200
    assert "10.1.2.3" in (results["https://intranet.shop.example/x"].error or "")
    assert "loopback" in (results["https://rebound.shop.example/x"].error or "")
    assert set(requested) == {"shop.example", "cdn.shop.example"}

    # A crawl that starts inside a private network may stay inside it.
    requested.clear()
    internal = CrawlSettings(start_urls=["https://staging.internal/"], extra_hosts=others, **FAST)
    results = _crawl_results(internal, transport, resolve)
    assert results["https://intranet.shop.example/x"].status == 200


# -- slow and broken servers -----------------------------------------------------


def test_a_server_that_never_answers_costs_the_timeout_and_no_more(hostile) -> None:  # type: ignore[no-untyped-def]
    server = hostile(
        {
            "/": links_page("/never", "/fine"),
            "/never": never_answers(),
            "/robots.txt": never_answers(),
            "/fine": page("<title>Fine</title>"),
        }
    )
    started = time.monotonic()
    result = crawl(server.url("/"), timeout=0.5, ignore_robots=False)
    # robots.txt (2 tries), then /never (2 tries) beside /fine: well under the deadline.
    assert time.monotonic() - started < 6
    assert "no answer within 0.5 s" in failures(result, server.base)["/never"]
    assert server.paths().count("/never") == 2, "retried once"
    assert pages(result, server.base)["/fine"].title == "Fine"


def test_a_body_trickled_a_byte_at_a_time_hits_the_total_deadline(hostile) -> None:  # type: ignore[no-untyped-def]
    server = hostile({"/": links_page("/trickle"), "/trickle": trickle(interval=0.01)})
    started = time.monotonic()
    result = crawl(server.url("/"), timeout=0.5)
    assert time.monotonic() - started < 4
    assert "the body was still arriving after 0.5 s" in failures(result, server.base)["/trickle"]
    assert server.paths().count("/trickle") == 1, "a server that answers slowly is not asked twice"


def test_connections_reset_mid_headers_and_mid_body(hostile) -> None:  # type: ignore[no-untyped-def]
    server = hostile(
        {
            "/": links_page("/reset-in-headers", "/reset-in-body", "/closed-in-body", "/fine"),
            "/reset-in-headers": reset_mid_headers(),
            "/reset-in-body": reset_mid_body(),
            "/closed-in-body": reset_mid_body(clean_close=True),
            "/fine": page("<title>Fine</title>"),
        }
    )
    result = crawl(server.url("/"))
    failed = failures(result, server.base)
    assert set(failed) == {"/reset-in-headers", "/reset-in-body", "/closed-in-body"}
    assert "incomplete" in failed["/closed-in-body"] or "closed" in failed["/closed-in-body"]
    for path in failed:
        assert server.paths().count(path) == 2, f"{path} is retried once"
    assert pages(result, server.base)["/fine"].title == "Fine"


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> ssl.SSLContext:
    """A server context with a fresh self-signed certificate for 127.0.0.1."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    _make_certificate(cert, key)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def _make_certificate(cert: Path, key: Path) -> None:
    try:
        from cryptography import x509  # noqa: F401
    except ImportError:
        openssl = shutil.which("openssl")
        assert openssl, "generating a certificate needs the cryptography package or openssl"
        subprocess.run(
            [
                *(
                    openssl,
                    "req",
                    "-x509",
                    "-newkey",
                    "ec",
                    "-pkeyopt",
                    "ec_paramgen_curve:prime256v1",
                ),
                *("-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2"),
                *("-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"),
            ],
            check=True,
            capture_output=True,
        )
        return
    _make_certificate_with_cryptography(cert, key)


def _make_certificate_with_cryptography(cert: Path, key: Path) -> None:
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    private_key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(private_key, hashes.SHA256())
    )
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key.write_bytes(
        private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def test_a_self_signed_certificate_is_a_clear_failure_unless_insecure(hostile, self_signed) -> None:  # type: ignore[no-untyped-def]
    server = hostile({"/": page("<title>Staging</title>")}, ssl_context=self_signed)
    result = crawl(server.url("/"))
    assert result.start_error is not None
    reason = failures(result, server.base)["/"]
    assert "TLS certificate not accepted" in reason and "self-signed" in reason.replace(" ", "-")
    assert "--insecure" in reason
    assert server.paths().count("/") == 0, "the handshake failed before any request"

    insecure = crawl(server.url("/"), verify_tls=False)
    assert not failures(insecure)
    assert pages(insecure, server.base)["/"].title == "Staging"


def test_429_and_503_storms_back_off_and_the_crawl_still_finishes(hostile) -> None:  # type: ignore[no-untyped-def]
    limited = hostile({"/*": page("slow down", status=429, headers=[("Retry-After", "3600")])})
    down = hostile({"/*": page("maintenance", status=503)})
    storm = [limited.url(f"/item/{n}") for n in range(25)] + [
        down.url(f"/item/{n}") for n in range(25)
    ]
    server = hostile({"/": links_page(*storm)})
    started = time.monotonic()
    result = crawl(
        server.url("/"), extra_hosts=[limited.host, down.host], retries=2, max_retry_wait=0.2
    )
    assert time.monotonic() - started < 10
    failed = failures(result)
    assert set(failed) == set(storm), "every page of the storm is reported"
    assert any(
        "HTTP 429 Too Many Requests after 3 attempts (Retry-After: 3600)" in m
        for m in failed.values()
    )
    assert any("HTTP 503 Service Unavailable after 3 attempts" in m for m in failed.values())
    assert any(
        f"answered the last {GIVE_UP_AFTER} requests with HTTP 429" in m for m in failed.values()
    )
    # Once a host is given up on, its other pages are not asked for at all.
    for host in (limited, down):
        assert len(host.requests) <= GIVE_UP_AFTER + 4
        times = sorted(request.received for request in host.requests)
        # Retry-After (capped at 0.2 s) holds for the whole host.
        assert times[-1] - times[0] >= 0.2 * 2


def _busy_once() -> Behaviour:
    calls: list[float] = []

    def respond(request: Request) -> tuple[int, list[tuple[str, str]], bytes]:
        calls.append(time.monotonic())
        if len(calls) == 1:
            return 503, [("Retry-After", "3")], b""
        return 200, [("Content-Type", "text/html")], b"<title>Back</title>"

    return dynamic(respond)


def test_retry_after_is_honoured_up_to_the_cap(hostile) -> None:  # type: ignore[no-untyped-def]
    server = hostile({"/": links_page("/busy"), "/busy": _busy_once()})
    result = crawl(server.url("/"), max_retry_wait=0.4)
    busy = [request.received for request in server.requests if request.path == "/busy"]
    # Retry-After asked for 3 s; the wait is capped at max_retry_wait.
    assert len(busy) == 2 and 0.35 <= busy[1] - busy[0] < 2
    assert pages(result, server.base)["/busy"].title == "Back"


def test_server_errors_are_reported_and_the_crawl_goes_on(hostile) -> None:  # type: ignore[no-untyped-def]
    server = hostile(
        {
            "/": links_page("/500", "/502", "/504", "/fine"),
            "/500": page("<h1>oops</h1>", status=500),
            "/502": page("<h1>bad gateway</h1>", status=502),
            "/504": page("", status=504),
            "/fine": page("<title>Fine</title>"),
        }
    )
    result = crawl(server.url("/"))
    failed = failures(result, server.base)
    assert {path: message.rsplit(": ", 1)[-1] for path, message in failed.items()} == {
        "/500": "HTTP 500",
        "/502": "HTTP 502",
        "/504": "HTTP 504",
    }
    assert pages(result, server.base)["/fine"].title == "Fine"


# -- big and bad bodies ------------------------------------------------------------


def test_a_body_of_hundreds_of_megabytes_is_cut_at_the_cap_and_never_held(hostile) -> None:  # type: ignore[no-untyped-def]
    chunk = b"<p>" + b"lorem ipsum " * 5000 + b"</p>\n"
    server = hostile(
        {
            "/": links_page("/huge"),
            "/huge": endless(chunk, prefix=b"<title>Huge</title>", content_length=500 * MB),
        }
    )
    result, peak = traced_peak(lambda: crawl(server.url("/"), max_body_bytes=2 * MB))
    huge = pages(result, server.base)["/huge"]
    assert (huge.error, huge.title) == (None, "Huge"), "the first 2 MB are linted"
    assert server.url("/huge") in result.stats.truncated
    # Only what fits in the socket buffers was sent after the crawler stopped reading.
    assert server.bytes_sent < 40 * MB
    print(
        f"\n500 MB body, 2 MB cap: Python peak {peak / MB:.1f} MB, server sent {server.bytes_sent / MB:.1f} MB"
    )
    assert peak < 40 * MB


def _gzip_bomb() -> Behaviour:
    # Full flushes make every megabyte of spaces compress to the same ~1 KB
    # block, so the bomb can be served without end from one block.
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    head = compressor.compress(b"<title>Gzip bomb</title>") + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(b" " * MB) + compressor.flush(zlib.Z_FULL_FLUSH)
    return endless(block, prefix=head, headers=[("Content-Encoding", "gzip")])


def _brotli_bomb() -> Behaviour:
    compressor = brotli.Compressor(quality=3)
    body = compressor.process(b"<title>Brotli bomb</title>")
    body += b"".join(compressor.process(b" " * (4 * MB)) for _ in range(64))  # 256 MB
    body += compressor.finish()
    return page(body, headers=[("Content-Encoding", "br")])


def test_gzip_and_brotli_bombs_stop_at_the_decompressed_size_cap(hostile) -> None:  # type: ignore[no-untyped-def]
    server = hostile(
        {
            "/": links_page("/gzip", "/brotli", "/double", "/corrupt"),
            "/gzip": _gzip_bomb(),
            "/brotli": _brotli_bomb(),
            "/double": page(
                gzip.compress(gzip.compress(b"<title>Twice</title>" + b" " * (20 * MB))),
                headers=[("Content-Encoding", "gzip, gzip")],
            ),
            "/corrupt": page(
                b"\x1f\x8b\x08\x00not gzip at all", headers=[("Content-Encoding", "gzip")]
            ),
        }
    )
    result, peak = traced_peak(lambda: crawl(server.url("/"), max_body_bytes=2 * MB))
    found = pages(result, server.base)
    assert (found["/gzip"].error, found["/gzip"].title) == (None, "Gzip bomb")
    assert (found["/brotli"].error, found["/brotli"].title) == (None, "Brotli bomb")
    assert found["/double"].title == "Twice"
    assert {server.url(p) for p in ("/gzip", "/brotli", "/double")} <= set(result.stats.truncated)
    assert "bad gzip data" in failures(result, server.base)["/corrupt"]
    print(f"\ngzip and brotli bombs, 2 MB cap: Python peak {peak / MB:.1f} MB")
    assert peak < 40 * MB


def test_binary_bodies_served_as_html_are_reported_not_parsed(hostile) -> None:  # type: ignore[no-untyped-def]
    noise = random.Random(6).randbytes(20_000)
    png = b"\x89PNG\r\n\x1a\n" + noise
    server = hostile(
        {
            "/": links_page("/png", "/noise", "/real-image.png"),
            "/png": page(png),
            "/noise": page(noise),
            "/real-image.png": page(png, content_type="image/png"),
        }
    )
    result = crawl(server.url("/"))
    failed = failures(result, server.base)
    assert failed["/png"].endswith("the body is a PNG image, served as text/html")
    assert failed["/noise"].endswith("the body is binary data, served as text/html")
    assert "/real-image.png" not in failed, "an image served as an image is no fault"


def test_pages_in_legacy_and_unknown_charsets_decode(hostile) -> None:  # type: ignore[no-untyped-def]
    japanese = "日本語のページ"
    server = hostile(
        {
            "/": links_page("/cp1252", "/sjis-header", "/sjis-meta", "/unknown", "/nulls"),
            "/cp1252": page(
                b"<title>Caf\xe9 \x93quoted\x94 \x80</title>",
                content_type="text/html; charset=windows-1252",
            ),
            "/sjis-header": page(
                f"<title>{japanese}</title>".encode("shift_jis"),
                content_type="text/html; charset=Shift_JIS",
            ),
            "/sjis-meta": page(
                f'<meta charset="Shift_JIS"><title>{japanese}</title>'.encode("shift_jis"),
                content_type="text/html",
            ),
            "/unknown": page(
                "<title>Grüße</title>".encode(), content_type="text/html; charset=x-no-such-charset"
            ),
            "/nulls": page(b"<title>Nu\x00ll\x00s</title><h1>\x00</h1>"),
        }
    )
    result = crawl(server.url("/"))
    assert not failures(result)
    titles = {path: summary.title for path, summary in pages(result, server.base).items()}
    assert titles["/cp1252"] == "Café “quoted” €"
    assert titles["/sjis-header"] == titles["/sjis-meta"] == japanese
    assert titles["/unknown"] == "Grüße"
    assert titles["/nulls"] == "Nulls"


def test_deep_nesting_long_lines_and_invalid_entities(hostile) -> None:  # type: ignore[no-untyped-def]
    deep = b"<title>Deep</title>" + b"<div>" * 100_000 + b"x" + b"</div>" * 100_000
    line = b"<title>Line</title><p>" + b"all on one line " * (5 * MB // 16) + b"</p>"
    entities = b"<title>&#xD800;&#99999999;&foo;&amp &#0;&#x110000;ok</title>" + b"&bogus;" * 10_000
    server = hostile(
        {
            "/": links_page("/deep", "/one-line", "/entities"),
            "/deep": page(deep),
            "/one-line": page(line),
            "/entities": page(entities),
        }
    )
    started = time.monotonic()
    result = crawl(server.url("/"), max_body_bytes=6 * MB)
    assert time.monotonic() - started < 20
    failed = failures(result, server.base)
    assert list(failed) == ["/deep"]
    assert "nest more than 4096 levels deep" in failed["/deep"]
    found = pages(result, server.base)
    assert found["/one-line"].title == "Line"
    assert found["/entities"].title.endswith("ok")


def test_a_page_with_100000_links(hostile) -> None:  # type: ignore[no-untyped-def]
    many = "".join(f'<a href="/p/{n}">{n}</a>' for n in range(100_000))
    server = hostile(
        {
            "/": page(f"<title>Many</title><body>{many}</body>"),
            "/p/*": page("<title>p</title>"),
        }
    )
    started = time.monotonic()
    result = crawl(server.url("/"), max_pages=20, check_links=True, max_link_checks=50)
    seconds = time.monotonic() - started
    print(f"\n100,000 links, 20 pages: {seconds:.1f} s")
    gets = [r.path for r in server.requests if r.method == "GET" and r.path.startswith("/p/")]
    heads = [r.path for r in server.requests if r.method == "HEAD"]
    assert len(gets) == 19 and len(heads) == 50, "max pages and max link checks hold"
    # The first 10,000 links are followed; the page says why the rest are not.
    assert result.stats.not_fetched_total == MAX_LINKS_PER_PAGE - 19
    assert len(result.stats.not_fetched) <= 200, "URLs not fetched are kept as examples"
    assert any(f"more than {MAX_LINKS_PER_PAGE} links" in cut for cut in result.stats.traps_cut)
    assert pages(result, server.base)["/"].title == "Many"
    assert seconds < 40


# -- URL spaces that never end -------------------------------------------------------


def _calendar(request: Request) -> tuple[int, list[tuple[str, str]], bytes]:
    month = int(request.query.removeprefix("month=") or 0)
    body = f'<a href="?month={month - 1}">prev</a> <a href="?month={month + 1}">next</a>'
    return 200, [("Content-Type", "text/html")], body.encode()


def _path_calendar(request: Request) -> tuple[int, list[tuple[str, str]], bytes]:
    _, _, year, month, _ = request.path.split("/")
    after = (int(year) + (int(month) == 12), int(month) % 12 + 1)
    body = f'<a href="/cal/{after[0]}/{after[1]:02d}/">next month</a>'
    return 200, [("Content-Type", "text/html")], body.encode()


def _session_ids(request: Request) -> tuple[int, list[tuple[str, str]], bytes]:
    token = random.Random(request.target).getrandbits(128)
    links = [
        f"/shop?sid={token:032x}",
        f"/shop;jsessionid={token:X}",
        f"/shop?PHPSESSID={token:x}&page=1",
    ]
    body = "".join(f'<a href="{link}">x</a>' for link in links)
    return 200, [("Content-Type", "text/html")], body.encode()


def _growing_paths(request: Request) -> tuple[int, list[tuple[str, str]], bytes]:
    depth = request.path.count("/")
    # Relative links on a catch-all server: each page offers a deeper one.
    links = ["again/", "a/b/", f"level{depth}/"]
    body = "".join(f'<a href="{link}">x</a>' for link in links)
    return 200, [("Content-Type", "text/html")], body.encode()


def test_calendars_session_ids_and_growing_paths_are_cut_early(hostile) -> None:  # type: ignore[no-untyped-def]
    server = hostile(
        {
            "/": links_page("/calendar?month=0", "/cal/2024/01/", "/shop", "/grow/"),
            "/calendar": dynamic(_calendar),
            "/cal/*": dynamic(_path_calendar),
            "/shop": dynamic(_session_ids),
            "/grow/*": dynamic(_growing_paths),
        }
    )
    result = crawl(server.url("/"), max_pages=1000, max_query_variants=20)
    paths = server.paths()
    assert sum(p.startswith("/calendar") for p in paths) <= 20
    assert sum(p.startswith("/cal/") for p in paths) <= 20
    assert sum(p.startswith("/shop") for p in paths) == 2, "/shop and /shop?page=1"
    grown = [p for p in paths if p.startswith("/grow/")]
    assert max(p.count("/") for p in grown) <= 33
    assert not any("/again/again/again/" in p or "/a/b/a/b/a/b/" in p for p in grown)
    assert len(paths) < 300, "cut by pattern long before max_pages"
    reasons = " ".join(result.stats.traps_cut)
    assert "more than 20 URLs like" in reasons and "path repeats" in reasons
    assert result.complete


def _endless(request: Request) -> tuple[int, list[tuple[str, str]], bytes]:
    n = int(request.path.rsplit("/", 1)[1] or 0)
    body = f'<a href="/p/{n + 1}">next</a><a href="/p/{n + 2}">skip</a>'
    return 200, [("Content-Type", "text/html")], body.encode()


def test_max_pages_and_max_depth_hold_on_an_endless_site(hostile) -> None:  # type: ignore[no-untyped-def]
    server = hostile({"/": links_page("/p/0"), "/p/*": dynamic(_endless)})
    by_pages = crawl(server.url("/"), max_pages=15)
    assert len([s for s in by_pages.index.summaries.values() if s.status == 200]) == 15
    server.requests.clear()
    by_depth = crawl(server.url("/"), max_depth=3)
    assert max(s.depth for s in by_depth.index.summaries.values()) == 3
    assert len(server.paths()) <= 1 + 1 + 2 + 3 + 1  # each level, plus security.txt


# -- weird links -------------------------------------------------------------------


WEIRD_LINKS = [
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "mailto:someone@example.com",
    "tel:+15550100",
    "http://exa mple.com/",
    "http://[::1",
    "http://[::1]x/",
    "http://127.0.0.1:99999/",
    "http://-bad-.example:/",
    " /spaced path/ ",
    "/" + "x" * 10_000,
    "http://bücher.example/straße",
    "../../../../../../etc/passwd",
    "http://user:pw@127.0.0.1/",
    "//",
    "http:",
    "\\\\evil\\share",
    "/\x00nul",
    "#only-a-fragment",
]


def test_weird_links_are_ignored_or_recorded_never_a_crash(hostile) -> None:  # type: ignore[no-untyped-def]
    anchors = "".join(f'<a href="{href}">weird</a>' for href in WEIRD_LINKS)
    server = hostile({"/": page(f"<title>Weird</title>{anchors}")})
    result = crawl(server.url("/"), check_links=True)
    assert result.complete and not [f for f in result.findings if f.rule == "SL002"]
    assert "/spaced%20path/" in server.paths()
    assert "/etc/passwd" in server.paths(), "../ beyond the root stays at the root"
    assert all(len(path) < 2100 for path in server.paths())
    assert any("longer than 2083" in cut for cut in result.stats.traps_cut)
    assert pages(result, server.base)["/"].title == "Weird"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://exa mple.com/", None),
        ("http://a<b.example/", None),
        ("http://[::1]x/", None),
        ("http://bücher.example/straße", "http://xn--bcher-kva.example/stra%C3%9Fe"),
        ("http://a.example/cart;jsessionid=1A2B3C?item=4", "http://a.example/cart?item=4"),
        ("http://a.example/?PHPSESSID=abc&q=1", "http://a.example/?q=1"),
        ("http://a.example/?sid=0f1e2d3c4b5a69788796a5b4c3d2e1f0", "http://a.example/"),
        ("http://a.example/?sid=7", "http://a.example/?sid=7"),
    ],
)
def test_canonical_refuses_bad_hosts_and_drops_session_ids(url: str, expected: str | None) -> None:
    assert canonical(url) == expected


def test_extra_hosts_match_however_they_are_spelled() -> None:
    scope = Scope(["https://shop.example/"], extra_hosts=["Bücher.example", "[::FFFF:10.0.0.1]"])
    assert scope("https://xn--bcher-kva.example/x")
    assert scope("http://[::ffff:a00:1]/")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://a.example/x/x/x/", "path repeats /x/"),
        ("http://a.example/shop/a/b/a/b/a/b/", "path repeats /a/b/"),
        ("http://a.example/" + "d/" * 20 + "e/" * 20, "path deeper than 32 segments"),
        ("http://a.example/" + "q" * 3000, "URL longer than 2083 characters"),
        ("http://a.example/a/a/b/", None),
        ("http://a.example/2024/01/02/post/", None),
    ],
)
def test_trap_shapes(url: str, reason: str | None) -> None:
    assert trap_reason(url) == reason


def test_a_page_that_breaks_sitelint_is_reported_not_lost() -> None:
    calls: list[tuple[str, str | None]] = []

    def handle(result: FetchResult) -> list[tuple[str, str]]:
        calls.append((result.url, result.error))
        if result.url.endswith("/bad") and result.error is None:
            raise ValueError("a gatherer tripped")
        return [("https://a.example/bad", ""), ("https://a.example/good", "")]

    transport = httpx.MockTransport(lambda request: httpx.Response(200, html="<p>x</p>"))
    settings = CrawlSettings(start_urls=["https://a.example/"], **FAST)
    asyncio.run(Crawler(settings, transport).run(handle))
    assert ("https://a.example/bad", None) in calls
    bad = [error for url, error in calls if url.endswith("/bad") and error]
    assert bad == ["sitelint failed reading the page: ValueError: a gatherer tripped"]
    assert any(url.endswith("/good") for url, _ in calls), "the crawl goes on"


def test_a_start_url_with_a_password_is_refused_without_echoing_it() -> None:
    with pytest.raises(ValueError) as raised:
        Crawler(CrawlSettings(start_urls=["https://me:pa55word@staging.example/"]))
    assert "pa55word" not in str(raised.value)


def test_a_sitemap_cut_short_keeps_the_urls_before_the_cut() -> None:
    entries = "".join(f"<url><loc>https://a.example/{n}</loc></url>" for n in range(100))
    body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    cut = parse_sitemap(body.encode()[: len(body) // 2])
    assert cut.error and 40 < len(cut.urls) < 60
    image = (
        '<urlset xmlns:i="http://www.google.com/schemas/sitemap-image/1.1"><url>'
        "<loc>https://a.example/p</loc><i:image><i:loc>https://a.example/p.jpg</i:loc></i:image>"
        "</url></urlset>"
    )
    assert parse_sitemap(image.encode()).urls == ["https://a.example/p"]


# -- secrets -------------------------------------------------------------------------


SERVER_SESSION = "srv-9d8c7b6a5f4e"


def _echo(request: Request) -> tuple[int, list[tuple[str, str]], bytes]:
    """A staging server that repeats what it was sent, everywhere it can."""
    received = " ".join(f"{name}={value}" for name, value in request.headers.items())
    if request.path == "/echo-redirect":
        cookie = request.headers.get("cookie", "")
        return 302, [("Location", f"/landing?echo={cookie}")], b""
    status = 500 if request.path == "/echo-error" else 200
    headers = [("Content-Type", "text/html"), ("X-Echo", received[:2000])]
    body = f"<title>Echo</title><p>{received}</p>"
    return status, headers, body.encode()


def test_secrets_reach_no_other_host_and_no_report_or_log(hostile, caplog) -> None:  # type: ignore[no-untyped-def]
    from sitelint.report.json_report import build_report, to_json

    other = hostile(
        {
            "/*": page("<title>Other</title>"),
            "/sitemap.xml": page(
                b"<urlset><url><loc>/x</loc></url></urlset>", content_type="application/xml"
            ),
        }
    )
    outside = hostile({"/*": page("<title>Outside</title>")})
    links = [
        "/echo",
        "/echo-error",
        "/echo-redirect",
        other.url("/page"),
        outside.url("/page"),
        "/to-other",
    ]
    start = hostile(
        {
            "/": links_page(*links, headers=[("Set-Cookie", f"server_session={SERVER_SESSION}")]),
            "/echo*": dynamic(_echo),
            "/landing": dynamic(_echo),
            "/to-other": redirect(other.url("/redirected")),
            "/robots.txt": page(
                f"Sitemap: {other.url('/sitemap.xml')}\n", content_type="text/plain"
            ),
        }
    )
    caplog.set_level(logging.DEBUG)
    result = crawl(
        start.url("/"),
        extra_hosts=[other.host],
        credentials=CREDENTIALS,
        ignore_robots=False,
        use_sitemaps=True,
        check_links=True,
    )
    # The start host gets every credential, and its own cookie back.
    assert all(r.headers.get("x-token") == TOKEN for r in start.requests)
    assert any(SERVER_SESSION in r.headers.get("cookie", "") for r in start.requests)
    # No other host gets anything: not the headers, not a cookie, not basic auth.
    assert other.requests and not outside.requests
    for request in other.requests:
        assert not {"authorization", "cookie", "x-token"} & request.headers.keys(), request.target
    # Nothing secret in the report, the findings, or any log line.
    report = to_json(build_report(result))
    everything = report + repr(result.findings) + repr(result.index.summaries) + caplog.text
    for secret in (*SECRETS, SERVER_SESSION):
        assert secret not in everything, secret
    assert "SL001" in report, "the echoing error page is still reported"


def test_credentials_for_https_never_travel_over_plain_http() -> None:
    seen: list[tuple[str, dict[str, str]]] = []

    def respond(request: httpx.Request) -> httpx.Response:
        seen.append((str(request.url), dict(request.headers)))
        if request.url.scheme == "https" and request.url.path == "/":
            return httpx.Response(200, html='<a href="http://staging.example/plain">x</a>')
        return httpx.Response(200, html="<title>x</title>")

    crawl(
        "https://staging.example/", transport=httpx.MockTransport(respond), credentials=CREDENTIALS
    )
    for url, headers in seen:
        has_credentials = bool({"authorization", "cookie", "x-token"} & headers.keys())
        assert has_credentials == url.startswith("https://"), url


# -- limits hold while servers hang ----------------------------------------------------


def test_the_time_limit_stops_a_hanging_crawl_and_keeps_what_it_had(hostile) -> None:  # type: ignore[no-untyped-def]
    hanging = [f"/hang/{n}" for n in range(40)]
    server = hostile(
        {
            "/": links_page("/fine", *hanging),
            "/fine": page("<title>Fine</title>"),
            "/hang/*": never_answers(),
        }
    )
    started = time.monotonic()
    result = crawl(server.url("/"), timeout=30, max_pages=3, check_links=True, time_limit=1.5)
    assert time.monotonic() - started < 3.5, "stopped during the link checks, not after them"
    assert result.stopped_reason == "time limit reached"
    assert pages(result, server.base)["/"].title == "Home"
