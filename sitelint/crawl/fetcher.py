"""Fetching one URL politely and defensively.

Websites sitelint points at are not under its control, and some misbehave:
every way a fetch can fail ends as a FetchResult with an ``error`` that says
why (the engine reports it as SL001), never as an exception.

- Redirects are followed by hand, so each hop is checked against the scope,
  against private addresses (see addresses.py) and for loops; credentials
  in a Location are dropped.
- Credentials go only to the start hosts, and never over plain HTTP when
  they were given for HTTPS. Cookies a server sets go back only to it.
- Bodies are streamed and cut at a size cap counted after decompression
  (decoding.py), so neither a body of gigabytes nor a gzip bomb is held.
- Every attempt has a total deadline, not just a read timeout, so a server
  that trickles a byte at a time costs ``timeout`` seconds and no more.
- 429 and 503 are retried after Retry-After (capped), and the wait holds for
  the whole host; a host that keeps refusing or failing is given up on, so
  the crawl finishes.
- Nothing secret leaves: URLs, headers, bodies and messages are scrubbed of
  the configured secrets (redact.py).
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import math
import random
import ssl
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx

from sitelint.config import CrawlSettings
from sitelint.crawl.addresses import AddressGuard, Resolver, no_resolver, system_resolver
from sitelint.crawl.bodies import MAX_NESTING, binary_kind, nesting_depth_over
from sitelint.crawl.decoding import ACCEPT_ENCODING, BodyDecoder, DecodingError
from sitelint.crawl.redact import Redactor, mask_set_cookie, strip_userinfo
from sitelint.crawl.urls import canonical, host_key
from sitelint.credentials import CredentialPolicy

log = logging.getLogger("sitelint.crawl")

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_RETRY_STATUSES = frozenset({429, 503})
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# This many answers in a row of 429/503, or of no answer at all, and a host is
# given up on: its remaining URLs fail at once instead of waiting in turn.
GIVE_UP_AFTER = 10
_MAX_COOKIES_PER_HOST = 50
_MAX_COOKIE_HEADER = 8192
_MAX_ERROR_LENGTH = 1000


@dataclass
class FetchResult:
    url: str  # the URL as requested (canonical)
    final_url: str
    status: int | None = None  # None when no response came
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    truncated: bool = False
    redirects: tuple[str, ...] = ()
    error: str | None = None
    depth: int = 0
    inbound_texts: tuple[str, ...] = ()
    # Set when a redirect ends at a URL the crawl already has: the page is not read twice.
    duplicate_of: str | None = None
    elapsed: float = 0.0
    attempts: int = 1

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def is_html(self) -> bool:
        if self.error is not None or self.status is None or 300 <= self.status < 400:
            return False
        # Servers that send no type at all usually mean HTML.
        return self.content_type in HTML_TYPES or (not self.content_type and bool(self.body))


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: either delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    try:
        seconds = when.timestamp() - (now if now is not None else time.time())
    except (OverflowError, ValueError, OSError):
        return None
    return max(0.0, seconds) if math.isfinite(seconds) else None


@dataclass
class _HostState:
    not_before: float = 0.0  # monotonic time before which no request starts (Retry-After)
    throttled: int = 0  # 429/503 answers in a row
    failed: int = 0  # requests in a row without an answer
    given_up: str | None = None


@dataclass
class _Progress:
    """How far one attempt got, so a deadline can say what was slow."""

    answered: bool = False
    bytes_read: int = 0

    def deadline_message(self, timeout: float) -> str:
        if not self.answered:
            return f"no answer within {timeout:g} s"
        return f"the body was still arriving after {timeout:g} s ({self.bytes_read} bytes read)"


@dataclass
class _Response:
    status: int
    reason: str
    headers: dict[str, str]
    body: bytes = b""
    truncated: bool = False


class Fetcher:
    def __init__(
        self,
        settings: CrawlSettings,
        in_scope: Callable[[str], bool],
        transport: httpx.AsyncBaseTransport | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self.settings = settings
        self.in_scope = in_scope
        starts = [canonical(url) or url for url in settings.start_urls]
        self.credentials = CredentialPolicy(settings.credentials, starts)
        self.guard = AddressGuard(
            starts,
            allow_private=settings.allow_private,
            # Through a custom transport nothing is resolved: that transport,
            # not the system's DNS, decides where a request goes.
            resolver=resolver or (system_resolver if transport is None else no_resolver),
            timeout=settings.timeout,
        )
        self.redactor = Redactor(settings.credentials)
        self._hosts: defaultdict[str, _HostState] = defaultdict(_HostState)
        # Cookies a server sets, per host[:port]: one jar would send them to
        # every host on the same domain or address.
        self._jars: dict[str, httpx.Cookies] = {}
        limits = httpx.Limits(
            max_connections=settings.concurrency,
            max_keepalive_connections=settings.concurrency,
        )
        # Requests go straight to the transport: the client's redirect handling
        # parses every Location even when not following it, and raises on the
        # odd ones ("javascript:...") before the response can be looked at.
        self._transport = transport or httpx.AsyncHTTPTransport(
            verify=settings.verify_tls, limits=limits, trust_env=False
        )
        self.client = httpx.AsyncClient(
            transport=self._transport,
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=False,
            headers={
                "User-Agent": settings.user_agent,
                "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
                "Accept-Encoding": ACCEPT_ENCODING,
            },
            trust_env=False,
        )
        # One URL's budget: every attempt, every wait between them.
        self._deadline = (settings.retries + 1) * (settings.timeout + settings.max_retry_wait)

    async def aclose(self) -> None:
        await self.client.aclose()

    # -- what is sent ----------------------------------------------------------

    def _request_headers(self, url: str) -> dict[str, str]:
        headers = self.credentials.headers_for(url)
        jar = self._jars.get(host_key(url))
        if jar is not None:
            probe = httpx.Request("GET", url)
            jar.set_cookie_header(probe)
            kept = probe.headers.get("cookie", "")
            if kept and len(kept) <= _MAX_COOKIE_HEADER:
                headers["Cookie"] = "; ".join(c for c in (headers.get("Cookie"), kept) if c)
        return headers

    def _keep_cookies(self, url: str, response: httpx.Response) -> None:
        if "set-cookie" not in response.headers:
            return
        key = host_key(url)
        jar = self._jars.setdefault(key, httpx.Cookies())
        jar.extract_cookies(response)
        for cookie in list(jar.jar)[_MAX_COOKIES_PER_HOST:]:
            jar.jar.clear(cookie.domain, cookie.path, cookie.name)
        if self.credentials.applies_to(url):
            for cookie in jar.jar:
                if cookie.value:
                    self.redactor.add_session_value(cookie.value)

    # -- fetching --------------------------------------------------------------

    async def fetch(
        self,
        url: str,
        *,
        method: str = "GET",
        read_body: bool = True,
        known: Callable[[str], bool] | None = None,
        max_bytes: int | None = None,
    ) -> FetchResult:
        """Fetch a URL following in-scope redirects, retrying 429/503 and network errors.

        A redirect to a URL that ``known`` says the crawl already has is not
        followed: the result names it in ``duplicate_of`` instead. Never raises
        for anything a server does.
        """
        started = time.monotonic()
        result = FetchResult(url=url, final_url=url)
        try:
            async with asyncio.timeout(self._deadline):
                await self._fetch_chain(url, method, read_body, result, known, max_bytes)
        except TimeoutError:
            result.error = f"gave up after {time.monotonic() - started:.1f} s"
            result.status = None
        except Exception as error:
            # A response nobody foresaw costs its page, never the crawl.
            trace = "".join(traceback.format_exception(error))
            log.debug("fetching %s failed:\n%s", self.redactor.text(url), self.redactor.text(trace))
            result.error = f"could not fetch: {_describe(error)}"
            result.status = None
        if result.error is None and result.is_html and (result.status or 0) < 400:
            self._refuse_unparseable(result)
        result.elapsed = time.monotonic() - started
        self._scrub(result)
        return result

    def _refuse_unparseable(self, result: FetchResult) -> None:
        kind = binary_kind(result.body, result.headers.get("content-type"))
        if kind is not None:
            result.error = f"the body is {kind}, served as {result.content_type or 'HTML'}"
        elif nesting_depth_over(result.body):
            result.error = (
                f"elements nest more than {MAX_NESTING} levels deep (browsers stop at 512); "
                "the page is not parsed"
            )
        if result.error is not None:
            result.body = b""

    def _scrub(self, result: FetchResult) -> None:
        if "set-cookie" in result.headers:
            result.headers["set-cookie"] = mask_set_cookie(result.headers["set-cookie"])
        if result.error is not None and len(result.error) > _MAX_ERROR_LENGTH:
            result.error = result.error[:_MAX_ERROR_LENGTH] + "..."
        text = self.redactor.text
        result.final_url = text(result.final_url)
        result.redirects = tuple(map(text, result.redirects))
        if result.duplicate_of is not None:
            result.duplicate_of = text(result.duplicate_of)
        if result.error is not None:
            result.error = text(result.error)
        if self.redactor.active:
            result.headers = {name: text(value) for name, value in result.headers.items()}
            result.body = self.redactor.body(result.body)

    async def _fetch_chain(
        self,
        url: str,
        method: str,
        read_body: bool,
        result: FetchResult,
        known: Callable[[str], bool] | None,
        max_bytes: int | None,
    ) -> None:
        current = url
        chain: list[str] = []
        requested: Counter[str] = Counter()
        for _ in range(self.settings.max_redirects + 1):
            result.final_url = current
            result.redirects = tuple(chain)
            refusal = await self.guard.refusal(current)
            if refusal is not None:
                result.status, result.error = None, refusal
                return
            requested[current] += 1
            response, error = await self._fetch_with_retries(
                current, method, read_body, result, max_bytes
            )
            if response is None:
                result.status, result.headers, result.body = None, {}, b""
            else:
                result.status, result.headers = response.status, response.headers
                result.body, result.truncated = response.body, response.truncated
            if error is not None:
                result.error = error
                return
            assert response is not None
            if response.status not in _REDIRECT_STATUSES:
                return
            location = response.headers.get("location", "").strip()
            if not location:
                result.error = f"HTTP {response.status} redirect without a Location header"
                return
            try:
                target = canonical(strip_userinfo(urljoin(current, location)))
            except ValueError:
                target = None
            if target is None:
                result.error = (
                    f"redirect to {location[:200]!r}: not an http(s) URL sitelint can follow"
                )
                return
            chain.append(current)
            # A server may redirect to the same URL once after setting a cookie.
            allowed_visits = 2 if "set-cookie" in response.headers else 1
            if requested[target] >= allowed_visits:
                shown = [*chain[-5:], target]
                result.error = f"redirect loop: {' -> '.join(shown)}"
                return
            if not self.in_scope(target):
                # Recorded, not followed: the page is someone else's.
                result.redirects = tuple(chain)
                result.final_url = target
                result.headers = {**response.headers, "x-sitelint-redirect-out-of-scope": target}
                return
            if known is not None and target not in requested and known(target):
                result.redirects = tuple(chain)
                result.final_url = result.duplicate_of = target
                return
            current = target
        result.final_url = current
        result.error = f"more than {self.settings.max_redirects} redirects"

    async def _fetch_with_retries(
        self, url: str, method: str, read_body: bool, result: FetchResult, max_bytes: int | None
    ) -> tuple[_Response | None, str | None]:
        key = host_key(url)
        host = self._hosts[key]
        attempt = 0
        while True:
            wait = host.not_before - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            # Checked after the wait: the host may have been given up on meanwhile.
            if host.given_up is not None:
                return None, host.given_up
            attempt += 1
            result.attempts = attempt
            progress = _Progress()
            try:
                async with asyncio.timeout(self.settings.timeout):
                    response = await self._fetch_once(url, method, read_body, progress, max_bytes)
            except TimeoutError:
                failure = progress.deadline_message(self.settings.timeout)
                # A server that answers, however slowly, is asked once.
                retry = not progress.answered
            except httpx.TransportError as error:
                tls = _tls_problem(error)
                failure, retry = tls or _describe(error), tls is None
            except DecodingError as error:
                return None, str(error)
            else:
                host.failed = 0
                if response.status in (405, 501) and method == "HEAD":
                    method = "GET"
                    continue
                if response.status not in _RETRY_STATUSES:
                    host.throttled = 0
                    return response, None
                if self._throttled(key, host, attempt, response):
                    continue
                retry_after = response.headers.get("retry-after", "")[:40]
                return response, (
                    f"HTTP {response.status} {response.reason}".rstrip()
                    + f" after {attempt} attempt{'s' if attempt > 1 else ''}"
                    + (f" (Retry-After: {retry_after})" if retry_after else "")
                )
            host.failed += 1
            if host.failed >= GIVE_UP_AFTER and host.given_up is None:
                host.given_up = (
                    f"not fetched: the last {host.failed} requests to {key} got no answer "
                    f"(the last: {failure})"
                )
                log.warning("giving up on %s: %s", key, failure)
            if not retry or attempt > self.settings.retries or host.given_up is not None:
                return None, failure
            await asyncio.sleep(self._backoff(attempt, None))

    def _throttled(self, key: str, host: _HostState, attempt: int, response: _Response) -> bool:
        """Note a 429/503 for the whole host; True when the request should be retried."""
        host.throttled += 1
        delay = self._backoff(attempt, response.headers.get("retry-after"))
        host.not_before = max(host.not_before, time.monotonic() + delay)
        if host.throttled >= GIVE_UP_AFTER and host.given_up is None:
            host.given_up = (
                f"not fetched: {key} answered the last {host.throttled} requests "
                f"with HTTP {response.status}"
            )
            log.warning("giving up on %s: %d answers of HTTP 429/503", key, host.throttled)
        return attempt <= self.settings.retries and host.given_up is None

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        wanted = retry_after_seconds(retry_after)
        if wanted is None:
            wanted = 0.5 * 2 ** (attempt - 1) * (1 + random.random() / 2)
        return min(wanted, self.settings.max_retry_wait)

    async def _fetch_once(
        self, url: str, method: str, read_body: bool, progress: _Progress, max_bytes: int | None
    ) -> _Response:
        request = self.client.build_request(method, url, headers=self._request_headers(url))
        response = await self._transport.handle_async_request(request)
        response.request = request
        try:
            progress.answered = True
            self._keep_cookies(url, response)
            headers = {k.lower(): v for k, v in response.headers.items()}
            answer = _Response(response.status_code, response.reason_phrase, headers)
            content_type = headers.get("content-type", "").split(";")[0].strip().lower()
            wants_body = (
                read_body and method == "GET" and response.status_code not in _REDIRECT_STATUSES
            )
            readable = (
                not content_type
                or content_type in HTML_TYPES
                or content_type.endswith("xml")
                or content_type.startswith("text/")
                or "gzip" in content_type
            )
            if not wants_body or not readable:
                return answer
            cap = min(self.settings.max_body_bytes, max_bytes or self.settings.max_body_bytes)
            # A response built in memory (httpx.MockTransport) is already decoded.
            in_memory = response.is_stream_consumed
            decoder = BodyDecoder("" if in_memory else headers.get("content-encoding", ""))
            body = bytearray()
            async for raw in response.aiter_bytes() if in_memory else response.aiter_raw():
                progress.bytes_read += len(raw)
                for piece in decoder.pieces(raw):
                    room = cap - len(body)
                    body += piece[:room]
                    if len(piece) >= room:
                        # Stop reading: closing the response drops the connection.
                        answer.truncated = True
                        break
                if answer.truncated:
                    break
            answer.body = bytes(body)
            return answer
        finally:
            await response.aclose()


def _tls_problem(error: BaseException) -> str | None:
    """A clear reason when the failure was TLS: it does not heal on a retry."""
    cause: BaseException | None = error
    for _ in range(10):
        if cause is None:
            break
        if isinstance(cause, ssl.SSLCertVerificationError):
            reason = cause.verify_message or cause.reason or "not trusted"
            return (
                f"TLS certificate not accepted: {reason} "
                "(--insecure skips the check, for a staging server)"
            )
        if isinstance(cause, ssl.SSLError):
            return f"TLS handshake failed: {cause.reason or cause}"
        cause = cause.__cause__ or cause.__context__
    if "CERTIFICATE_VERIFY_FAILED" in str(error):
        return f"TLS certificate not accepted: {error}"
    return None


def _describe(error: BaseException) -> str:
    name = type(error).__name__
    detail = str(error).strip()
    return f"{name}: {detail}" if detail else name
