"""Fetching one URL politely and defensively.

Redirects are followed by hand so each hop is checked against the scope and
credentials are attached only for the hosts they were given for. Bodies are
streamed and cut at a size cap (decompressed size, so a gzip bomb stops too),
and every request has a total deadline, not just a read timeout.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx

from sitelint.config import CrawlSettings
from sitelint.crawl.urls import canonical, host_key

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_RETRY_STATUSES = frozenset({429, 503})
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


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
        if self.error is not None or self.status is None:
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
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


class Fetcher:
    def __init__(
        self,
        settings: CrawlSettings,
        in_scope: Callable[[str], bool],
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self.in_scope = in_scope
        self.credential_hosts = {host_key(url) for url in settings.start_urls}
        limits = httpx.Limits(
            max_connections=settings.concurrency,
            max_keepalive_connections=settings.concurrency,
        )
        self.client = httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(settings.timeout),
            limits=limits,
            follow_redirects=False,
            verify=settings.verify_tls,
            headers={
                "User-Agent": settings.user_agent,
                "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
            },
            trust_env=False,
        )

    async def aclose(self) -> None:
        await self.client.aclose()

    def _request_headers(self, url: str) -> dict[str, str]:
        credentials = self.settings.credentials
        if credentials.empty or host_key(url) not in self.credential_hosts:
            return {}
        headers = {name: value.get_secret_value() for name, value in credentials.headers.items()}
        if credentials.cookies:
            headers["Cookie"] = "; ".join(
                f"{name}={value.get_secret_value()}" for name, value in credentials.cookies.items()
            )
        if credentials.basic_auth:
            user, password = credentials.basic_auth
            auth = httpx.BasicAuth(user, password.get_secret_value())
            request = httpx.Request("GET", url)
            headers["Authorization"] = next(auth.auth_flow(request)).headers["Authorization"]
        return headers

    async def fetch(
        self,
        url: str,
        *,
        method: str = "GET",
        read_body: bool = True,
        known: Callable[[str], bool] | None = None,
    ) -> FetchResult:
        """Fetch a URL following in-scope redirects, retrying 429/503 and network errors.

        A redirect to a URL that ``known`` says the crawl already has is not
        followed: the result names it in ``duplicate_of`` instead.
        """
        started = time.monotonic()
        result = FetchResult(url=url, final_url=url)
        try:
            async with asyncio.timeout(
                self.settings.timeout * (self.settings.retries + 1) + self.settings.max_retry_wait
            ):
                await self._fetch_chain(url, method, read_body, result, known)
        except TimeoutError:
            result.error = f"timed out after {time.monotonic() - started:.1f} s"
            result.status = None
        result.elapsed = time.monotonic() - started
        return result

    async def _fetch_chain(
        self,
        url: str,
        method: str,
        read_body: bool,
        result: FetchResult,
        known: Callable[[str], bool] | None,
    ) -> None:
        current = url
        chain: list[str] = []
        for _ in range(self.settings.max_redirects + 1):
            response_status, headers, body, truncated, error = await self._fetch_with_retries(
                current, method, read_body, result
            )
            result.status, result.headers, result.body, result.truncated = (
                response_status,
                headers,
                body,
                truncated,
            )
            result.final_url = current
            result.redirects = tuple(chain)
            if error is not None:
                result.error = error
                return
            if response_status not in _REDIRECT_STATUSES:
                return
            location = headers.get("location")
            if not location:
                return
            target = canonical(urljoin(current, location))
            if target is None:
                result.error = f"redirect to an unsupported URL: {location[:200]}"
                return
            chain.append(current)
            if target in chain or target == current:
                result.error = f"redirect loop: {' -> '.join([*chain, target])}"
                return
            if not self.in_scope(target):
                # Recorded, not followed: the page is someone else's.
                result.redirects = tuple(chain)
                result.final_url = target
                result.error = None
                result.headers = {**headers, "x-sitelint-redirect-out-of-scope": target}
                return
            if known is not None and known(target):
                result.redirects = tuple(chain)
                result.final_url = result.duplicate_of = target
                return
            current = target
        result.error = f"more than {self.settings.max_redirects} redirects"

    async def _fetch_with_retries(
        self, url: str, method: str, read_body: bool, result: FetchResult
    ) -> tuple[int | None, dict[str, str], bytes, bool, str | None]:
        attempt = 0
        while True:
            attempt += 1
            result.attempts = attempt
            try:
                status, headers, body, truncated = await self._fetch_once(url, method, read_body)
            except httpx.TransportError as error:
                if attempt > self.settings.retries:
                    return None, {}, b"", False, _describe(error)
                await asyncio.sleep(self._backoff(attempt, None))
                continue
            if status in (405, 501) and method == "HEAD":
                method = "GET"
                continue
            if status in _RETRY_STATUSES and attempt <= self.settings.retries:
                await asyncio.sleep(self._backoff(attempt, headers.get("retry-after")))
                continue
            return status, headers, body, truncated, None

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        wanted = retry_after_seconds(retry_after)
        if wanted is None:
            wanted = 0.5 * 2 ** (attempt - 1) * (1 + random.random() / 2)
        return min(wanted, self.settings.max_retry_wait)

    async def _fetch_once(
        self, url: str, method: str, read_body: bool
    ) -> tuple[int, dict[str, str], bytes, bool]:
        request = self.client.build_request(method, url, headers=self._request_headers(url))
        response = await self.client.send(request, stream=True)
        try:
            headers = {k.lower(): v for k, v in response.headers.items()}
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
                return response.status_code, headers, b"", False
            chunks: list[bytes] = []
            size = 0
            truncated = False
            async for chunk in response.aiter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size >= self.settings.max_body_bytes:
                    truncated = True
                    break
            body = b"".join(chunks)[: self.settings.max_body_bytes]
            return response.status_code, headers, body, truncated
        finally:
            await response.aclose()


def _describe(error: Exception) -> str:
    name = type(error).__name__
    detail = str(error).strip()
    return f"{name}: {detail}" if detail else name
