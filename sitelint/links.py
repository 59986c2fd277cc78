"""Broken links in the SiteIndex, shared by the link rules (SL605, SL606)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sitelint.classify import link_kind
from sitelint.models import PageKind
from sitelint.site_index import LinkRef, PageSummary, SiteIndex

TRUST_KINDS = frozenset(
    {PageKind.CONTACT, PageKind.PRIVACY, PageKind.TERMS, PageKind.RETURNS, PageKind.PRICING}
)


@dataclass(frozen=True)
class BrokenLink:
    page: PageSummary
    link: LinkRef
    target: str
    status: int
    kind: PageKind | None  # the kind of page the link names, if any


def broken_links(index: SiteIndex) -> Iterator[BrokenLink]:
    """Every link on a crawled page whose in-scope target answered 4xx or 5xx."""
    for summary in index.html_pages():
        for link in summary.links:
            status = index.status_of(link.target)
            if status is None or status < 400:
                continue
            target = index.urls[link.target]
            yield BrokenLink(summary, link, target, status, link_kind(link.text, target))
