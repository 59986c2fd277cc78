"""Classify: what kind of page this is, and what kind of site."""

from sitelint.classify.page_kind import classify_page, link_kind
from sitelint.classify.site_kind import SiteKind, classify_site

__all__ = ["SiteKind", "classify_page", "classify_site", "link_kind"]
