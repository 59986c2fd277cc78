"""URL canonicalisation and crawl scope."""

from __future__ import annotations

import fnmatch
import ipaddress
import re
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

_DEFAULT_PORTS = {"http": 80, "https": 443}
# Campaign parameters and session ids make one page look like many; a crawl
# that keeps them follows a new "page" on every visit.
_TRACKING_PARAMETERS = re.compile(
    r"^(?:utm_\w+|gclid|fbclid|msclkid|mc_cid|mc_eid"
    r"|phpsessid|jsessionid|aspsessionid\w*|sessionid|session_id|sessid|cfid|cftoken)$",
    re.I,
)
# "sid" is a session id only when its value looks like one.
_SESSION_ID_VALUE = re.compile(r"^[0-9A-Za-z_-]{16,}$")
# Servlet containers put the session in the path: /cart;jsessionid=1A2B3C
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sid)=[^/;?]*", re.I)
# Letters, digits, "-", "_" and dots (or an IPv6 literal): anything else
# ("exa mple.com", "a<b") is no host a request can go to.
_HOST_NAME = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.?$", re.ASCII)
# Longer URLs are traps or junk; browsers of old stopped here, and so does Scrapy.
MAX_URL_LENGTH = 2083
MAX_PATH_SEGMENTS = 32
# A block of up to this many segments repeated three times in a row
# (/a/a/a/, /a/b/a/b/a/b/) is a relative link resolved against itself.
_MAX_REPEATED_BLOCK = 4
# A date in a path (/2024/01/, /2024-01-15): calendars make endless URLs of them.
_PATH_DATE = re.compile(
    r"(?<![0-9])(?:19|20)[0-9]{2}(?:[/-](?:0?[1-9]|1[0-2]))(?:[/-][0-3]?[0-9])?(?![0-9])"
)


# Every page links to the same navigation and footer URLs: the crawl asks for
# their canonical spelling on every page.
@lru_cache(maxsize=8192)
def canonical(url: str) -> str | None:
    """One spelling per URL (sorted query, no fragment, lower-case host), or None if invalid."""
    try:
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
        # urlsplit reads "[::1]x" as [::1]; browsers refuse it, and so do we.
        if not re.search(r"\](?::\d*)?$", parts.netloc):
            return None
    netloc = host if port in (None, _DEFAULT_PORTS[parts.scheme]) else f"{host}:{port}"
    if parts.username or parts.password:
        # Credentials in a link are never followed with the link.
        return None
    query = parts.query
    if query and "=" in query:
        pairs = [pair.split("=", 1) for pair in query.split("&")]
        tracking = {
            pair[0]
            for pair in pairs
            if _TRACKING_PARAMETERS.match(pair[0])
            or (pair[0].lower() == "sid" and len(pair) == 2 and _SESSION_ID_VALUE.match(pair[1]))
        }
        if tracking:
            query = url_query_cleaner("?" + query, sorted(tracking), remove=True).lstrip("?")
    path = _PATH_SESSION.sub("", parts.path) if ";" in parts.path else parts.path
    rebuilt = urlunsplit((parts.scheme, netloc, path or "/", query, ""))
    try:
        result: str = canonicalize_url(rebuilt, keep_fragments=False)
        result_host = urlsplit(result).hostname or ""
    except (ValueError, UnicodeError):
        return None
    # Checked after IDNA encoding, which turns bücher.example into ASCII.
    return result if _valid_host(result_host) else None


def _valid_host(host: str) -> bool:
    if ":" in host:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
        return True
    return _HOST_NAME.match(host) is not None


def trap_reason(url: str) -> str | None:
    """Why a canonical URL looks like a crawler trap rather than a page, or None."""
    if len(url) > MAX_URL_LENGTH:
        return f"URL longer than {MAX_URL_LENGTH} characters"
    segments = urlsplit(url).path.split("/")[1:]
    if len(segments) > MAX_PATH_SEGMENTS:
        return f"path deeper than {MAX_PATH_SEGMENTS} segments"
    for size in range(1, _MAX_REPEATED_BLOCK + 1):
        for start in range(len(segments) - 3 * size + 1):
            block = segments[start : start + size]
            if not any(block):
                continue
            if (
                block
                == segments[start + size : start + 2 * size]
                == segments[start + 2 * size : start + 3 * size]
            ):
                return f"path repeats /{'/'.join(block)}/"
    return None


def variant_key(url: str) -> str:
    """URLs with one key are variants of one page: same host and path, any query,
    any date in the path. Calendars and session ids produce them without end."""
    parts = urlsplit(url)
    return parts.netloc + _PATH_DATE.sub("{date}", parts.path)


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def host_key(url: str) -> str:
    """host[:port], the unit of politeness and of credential scope."""
    return urlsplit(url).netloc.lower()


class Scope:
    """Which URLs the crawl covers: the start hosts, narrowed by include/exclude."""

    def __init__(
        self,
        start_urls: list[str],
        include: list[str] | None = None,
        exclude: list[str] | None = None,
        extra_hosts: list[str] | None = None,
    ) -> None:
        # host[:port]; canonical URLs drop default ports, so http://a/ and https://a/ share one.
        self.hosts = {host_key(url) for url in start_urls} | {
            _ascii_host(h) for h in extra_hosts or []
        }
        self.include = [_compile(p) for p in include or []]  # (pattern, is_regex)
        self.exclude = [_compile(p) for p in exclude or []]

    def __call__(self, url: str) -> bool:
        try:
            parts = urlsplit(url)
        except ValueError:
            return False
        if parts.netloc.lower() not in self.hosts:
            return False
        if parts.scheme not in ("http", "https"):
            return False
        if not self.include and not self.exclude:
            return True
        target = _path_and_query(parts.path, parts.query)
        if self.include and not any(_matches(p, target, url) for p in self.include):
            return False
        return not any(_matches(p, target, url) for p in self.exclude)


def _ascii_host(host: str) -> str:
    """host[:port] as canonical URLs spell it (xn--bcher-kva.example, [::ffff:a00:1])."""
    spelled = canonical(f"http://{host.strip()}/")
    return host_key(spelled) if spelled else host.strip().lower()


def _path_and_query(path: str, query: str) -> str:
    return (path or "/") + (f"?{query}" if query else "")


def _compile(pattern: str) -> tuple[re.Pattern[str], bool]:
    """``re:`` patterns are regular expressions searched in the URL; anything
    else is a glob that must match the whole path (``/blog/*``) or URL."""
    if pattern.startswith("re:"):
        return re.compile(pattern[3:]), True
    return re.compile(fnmatch.translate(pattern)), False


def _matches(pattern: tuple[re.Pattern[str], bool], path: str, url: str) -> bool:
    compiled, is_regex = pattern
    if is_regex:
        return compiled.search(url) is not None
    return compiled.match(path) is not None or compiled.match(url) is not None
