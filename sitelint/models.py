"""The models at sitelint's boundaries: severities, page kinds and findings."""

from __future__ import annotations

import hashlib
import re
import sys
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more severe; used for --fail-on and sorting."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class Category(StrEnum):
    ENGINE = "engine"
    CONTACT = "contact"
    PRICING = "pricing"
    FORMS = "forms"
    PRIVACY = "privacy"
    RETURNS = "returns"
    SECURITY = "security"
    HONESTY = "honesty"
    CLARITY = "clarity"


class Scope(StrEnum):
    PAGE = "page"
    SITE = "site"


class PageKind(StrEnum):
    HOME = "home"
    CONTACT = "contact"
    ABOUT = "about"
    PRICING = "pricing"
    PRIVACY = "privacy"
    TERMS = "terms"
    RETURNS = "returns"
    IMPRINT = "imprint"
    COOKIE_POLICY = "cookie-policy"
    PRODUCT = "product"
    CART = "cart"
    CHECKOUT = "checkout"
    SIGNUP = "signup"
    LOGIN = "login"
    BLOG = "blog"
    OTHER = "other"


class Finding(BaseModel):
    """One reported problem, with the evidence a reader needs to verify it."""

    model_config = ConfigDict(frozen=True)

    rule: str
    name: str
    severity: Severity
    category: Category
    url: str
    selector: str | None = None
    message: str
    evidence: str = ""
    fingerprint: str = ""
    screenshot: str | None = None  # render mode: a crop of the element, beside the report
    in_baseline: bool = False  # recorded in the baseline: reported, but does not fail the run

    def __setstate__(self, state: dict[Any, Any]) -> None:
        # Findings read in a worker process arrive pickled, each with its own
        # copy of the rule, the URL, the selector and the message, and a set
        # of field names: a large crawl keeps tens of thousands of them.
        values = state.get("__dict__", {})
        for key in _REPEATED_FIELDS:
            if isinstance(values.get(key), str):
                values[key] = sys.intern(values[key])
        names = state.get("__pydantic_fields_set__")
        if names is not None:
            # Shared: pydantic copies it before changing it (model_copy).
            state["__pydantic_fields_set__"] = _FIELD_SETS.setdefault(frozenset(names), set(names))
        super().__setstate__(state)


_REPEATED_FIELDS = ("rule", "name", "url", "selector", "message")
_FIELD_SETS: dict[frozenset[str], set[str]] = {}


_POSITION = re.compile(r":nth-of-type\(\d+\)")


def fingerprint(rule: str, url: str, selector: str | None, message: str) -> str:
    """A finding's identity across runs, robust to unrelated edits of the page.

    Left out: the scheme and host (staging and production match), the
    positions in the selector (a new paragraph above does not move the
    finding) and the evidence (it may count things elsewhere on the page);
    kept: the rule, the URL's path and query, the selector's shape and the
    message, which names what is wrong.
    """
    parts = urlsplit(url)
    location = parts.path or "/"
    if parts.query:
        location += "?" + parts.query
    shape = _POSITION.sub("", selector or "")
    material = "\x1f".join((rule, location, shape, " ".join(message.split())))
    return hashlib.sha256(material.encode()).hexdigest()[:20]
