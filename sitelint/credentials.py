"""Parsing staging credentials from flags and environment variables.

Every error names where the value came from and never the value itself.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from urllib.parse import urlsplit

from pydantic import SecretStr

from sitelint.config import Credentials


class CredentialError(ValueError):
    """A credential that is not in the expected shape (its value is never shown)."""


def parse_headers(lines: Iterable[str], source: str) -> dict[str, SecretStr]:
    """'Name: value' lines."""
    headers: dict[str, SecretStr] = {}
    for line in lines:
        if not line.strip():
            continue
        name, sep, value = line.partition(":")
        if not sep or not name.strip():
            raise CredentialError(f"{source}: expected 'Name: value' (value not shown)")
        headers[name.strip()] = SecretStr(value.strip())
    return headers


def parse_cookies(text: str, source: str) -> dict[str, SecretStr]:
    """'name=value; name2=value2'."""
    cookies: dict[str, SecretStr] = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        name, sep, value = part.strip().partition("=")
        if not sep or not name.strip():
            raise CredentialError(f"{source}: expected 'name=value; ...' (value not shown)")
        cookies[name.strip()] = SecretStr(value.strip())
    return cookies


def parse_basic_auth(text: str | None, source: str) -> tuple[str, SecretStr] | None:
    """'user:password'."""
    if not text:
        return None
    user, sep, password = text.partition(":")
    if not sep:
        raise CredentialError(f"{source}: expected 'user:password' (value not shown)")
    return user, SecretStr(password)


def credentials(
    header_lines: Iterable[str],
    cookie_texts: Iterable[tuple[str, str]],
    auth: tuple[str | None, str],
    header_source: str,
) -> Credentials:
    """Credentials from already-gathered texts, each with the name of its source."""
    cookies: dict[str, SecretStr] = {}
    for text, source in cookie_texts:
        cookies.update(parse_cookies(text, source))
    return Credentials(
        headers=parse_headers(header_lines, header_source),
        cookies=cookies,
        basic_auth=parse_basic_auth(*auth),
    )


class CredentialPolicy:
    """Which requests carry the staging credentials, and what they send.

    Credentials go to the start hosts only, and credentials given for
    https://a never travel in clear text to http://a. The crawler and the
    browser both ask this one object, so they cannot disagree.
    """

    def __init__(self, credentials: Credentials, start_urls: Iterable[str]) -> None:
        self.credentials = credentials
        starts = list(start_urls)
        self._targets = {("https", _host_key(url)) for url in starts} | {
            ("http", _host_key(url)) for url in starts if url.startswith("http://")
        }

    def applies_to(self, url: str) -> bool:
        return not self.credentials.empty and (_scheme(url), _host_key(url)) in self._targets

    def headers_for(self, url: str) -> dict[str, str]:
        """The headers to add to a request for this URL (none for any other host)."""
        if not self.applies_to(url):
            return {}
        credentials = self.credentials
        headers = {name: value.get_secret_value() for name, value in credentials.headers.items()}
        if credentials.cookies:
            headers["Cookie"] = "; ".join(
                f"{name}={value.get_secret_value()}" for name, value in credentials.cookies.items()
            )
        if credentials.basic_auth:
            user, password = credentials.basic_auth
            token = base64.b64encode(f"{user}:{password.get_secret_value()}".encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        return headers


def _scheme(url: str) -> str:
    return urlsplit(url).scheme.lower()


def _host_key(url: str) -> str:
    return urlsplit(url).netloc.lower()
