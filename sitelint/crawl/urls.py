"""URL canonicalisation and crawl scope."""

from __future__ import annotations

import fnmatch
import re
from urllib.parse import urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

_DEFAULT_PORTS = {"http": 80, "https": 443}
# Campaign parameters make one page look like many.
_TRACKING_PARAMETERS = re.compile(r"^(?:utm_\w+|gclid|fbclid|msclkid|mc_cid|mc_eid)$", re.I)


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
    netloc = host if port in (None, _DEFAULT_PORTS[parts.scheme]) else f"{host}:{port}"
    if parts.username or parts.password:
        # Credentials in a link are never followed with the link.
        return None
    query = parts.query
    if query and "=" in query:
        names = {pair.split("=", 1)[0] for pair in query.split("&")}
        tracking = [name for name in names if _TRACKING_PARAMETERS.match(name)]
        if tracking:
            query = url_query_cleaner("?" + query, tracking, remove=True).lstrip("?")
    rebuilt = urlunsplit((parts.scheme, netloc, parts.path or "/", query, ""))
    try:
        return canonicalize_url(rebuilt, keep_fragments=False)
    except (ValueError, UnicodeError):
        return None


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
        self.hosts = {host_key(url) for url in start_urls} | {h.lower() for h in extra_hosts or []}
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
