"""Keeping the user's secrets out of everything the crawl hands on.

A staging server may echo what it was sent: the Authorization header in an
error page, a session cookie in a redirect's query string. Whatever the crawl
returns (URLs, headers, error messages, bodies) is scrubbed of the configured
secret values before rules, reports or logs can see it.
"""

from __future__ import annotations

import base64
import logging
import re
import weakref
from urllib.parse import quote, quote_plus, urlsplit, urlunsplit

from sitelint.config import Credentials

MASK = "***"
# Shorter values ("1", "yes") are flags, not secrets, and masking them would
# shred every page.
_MIN_SECRET_LENGTH = 4
# Cookie values like "en" or "true" are preferences; session ids are long.
_MIN_SESSION_LENGTH = 12
_USERINFO = re.compile(r"(?<=//)[^/?#@\s]*@")
_COOKIE_VALUE = re.compile(r"(^|,\s*)([^=;,\s]+)=[^;,]*")


def strip_userinfo(url: str) -> str:
    """The URL without ``user:password@``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return _USERINFO.sub("", url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def mask_set_cookie(value: str) -> str:
    """Set-Cookie with values masked: names and attributes are what rules read."""
    return _COOKIE_VALUE.sub(lambda m: f"{m.group(1)}{m.group(2)}={MASK}", value)


class Redactor:
    """Scrubs one run's secrets; while it is alive, from httpx's log lines too."""

    def __init__(self, credentials: Credentials) -> None:
        values = [value.get_secret_value() for value in credentials.headers.values()]
        values += [value.get_secret_value() for value in credentials.cookies.values()]
        if credentials.basic_auth:
            user, password = credentials.basic_auth
            secret = password.get_secret_value()
            values += [secret, base64.b64encode(f"{user}:{secret}".encode()).decode()]
        for value in list(values):
            # An Authorization header value is echoed as a whole or as its token.
            values += value.split(" ", 1)[1:]
        self._texts: list[str] = []
        self._bytes: list[bytes] = []
        self._add(values, _MIN_SECRET_LENGTH)

    def add_session_value(self, value: str) -> None:
        """A cookie a server set for an authenticated session: as secret as the login."""
        self._add([value], _MIN_SESSION_LENGTH)

    def _add(self, values: list[str], min_length: int) -> None:
        forms = {
            form
            for value in values
            for form in (value, quote(value, safe=""), quote_plus(value))
            if len(form) >= min_length
        }
        if not forms - set(self._texts):
            return
        self._texts = sorted(forms | set(self._texts), key=len, reverse=True)
        self._bytes = [text.encode() for text in self._texts]
        _LIVE.add(self)
        _scrub_library_logs()

    @property
    def active(self) -> bool:
        return bool(self._texts)

    def text(self, value: str) -> str:
        value = _USERINFO.sub(f"{MASK}@", value) if "@" in value else value
        for secret in self._texts:
            if secret in value:
                value = value.replace(secret, MASK)
        return value

    def body(self, value: bytes) -> bytes:
        for secret in self._bytes:
            if secret in value:
                value = value.replace(secret, MASK.encode())
        return value


_LIVE: weakref.WeakSet[Redactor] = weakref.WeakSet()


class _LogScrubber(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        redactors = list(_LIVE)
        if redactors:
            message = original = record.getMessage()
            for redactor in redactors:
                message = redactor.text(message)
            if message != original:
                record.msg, record.args = message, ()
        return True


def _scrub_library_logs() -> None:
    # httpx logs each request's URL at INFO, and a server can echo a secret
    # into a redirect's URL. httpcore's DEBUG trace prints the request headers,
    # credentials and all, and is silenced below INFO for that reason.
    httpx_log = logging.getLogger("httpx")
    if not any(isinstance(f, _LogScrubber) for f in httpx_log.filters):
        httpx_log.addFilter(_LogScrubber())
    httpcore_log = logging.getLogger("httpcore")
    if httpcore_log.getEffectiveLevel() < logging.INFO:
        httpcore_log.setLevel(logging.INFO)
