"""The models at sitelint's boundaries: severities, page kinds and findings."""

from __future__ import annotations

import hashlib
from enum import StrEnum
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


def fingerprint(rule: str, url: str, selector: str | None, evidence: str) -> str:
    """A finding's identity across runs.

    The scheme and host are left out so the same finding on staging and on
    production (or on another port) matches; the evidence is hashed so a long
    quote does not make the fingerprint long.
    """
    parts = urlsplit(url)
    location = parts.path or "/"
    if parts.query:
        location += "?" + parts.query
    evidence_hash = hashlib.sha256(" ".join(evidence.split()).encode()).hexdigest()[:16]
    material = "\x1f".join((rule, location, selector or "", evidence_hash))
    return hashlib.sha256(material.encode()).hexdigest()[:20]
