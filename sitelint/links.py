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
    # The broken targets first (index.status_of for every URL): a large site
    # has half a million links and few broken targets.
    broken = {
        url_id: status
        for url_id, status in index.link_statuses.items()
        if status is not None and status >= 400 and url_id not in index.summaries
    }
    for url_id, summary in index.summaries.items():
        if summary.status is not None and summary.status >= 400:
            broken[url_id] = summary.status
    if not broken:
        return
    for summary in index.html_pages():
        links = summary.links
        for position, target_id in enumerate(links.targets()):
            status = broken.get(target_id)
            if status is None:
                continue
            link = links[position]
            target = index.urls[target_id]
            yield BrokenLink(summary, link, target, status, link_kind(link.text, target))
