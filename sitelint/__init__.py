"""sitelint: lint a company's public website for customer-trust signals."""

from sitelint.api import check_html, check_site
from sitelint.models import Category, Finding, PageKind, Scope, Severity
from sitelint.version import __version__

__all__ = [
    "Category",
    "Finding",
    "PageKind",
    "Scope",
    "Severity",
    "__version__",
    "check_html",
    "check_site",
]
