"""The SiteIndex: what site rules see. Compact per-page summaries, never DOMs.

A 10,000-page crawl keeps one PageSummary per page (a few hundred bytes plus
its links) and the link graph as integer ids, so memory stays bounded while
site rules can still ask "how many clicks from the start page is the contact
page, and along which links?".
"""

from __future__ import annotations

import itertools
import sys
from array import array
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from typing import Any, cast, overload
from urllib.parse import urldefrag

from sitelint.classify.page_kind import link_kind
from sitelint.classify.site_kind import (
    SiteKind,
    classify_site,
    reads_as_order,
    sells_goods,
    subscription_evidence,
)
from sitelint.gather.dom import css_path
from sitelint.gather.page import Page
from sitelint.gather.structured import item_types, organization_names
from sitelint.keywords import lexicon
from sitelint.models import PageKind

# Not yet read, as distinct from read and found to name no kind (None).
_UNREAD = object()
_SHOP_TYPES = frozenset({"Product", "Offer", "AggregateOffer", "ProductGroup"})
_MAX_CONTACTS_KEPT = 5


@dataclass(frozen=True, slots=True)
class LinkRef:
    """A link from one page to an in-scope URL."""

    target: int
    selector: str
    text: str
    region: str


class LinkTable(Sequence[LinkRef]):
    """A page's links as columns: about 28 bytes a link instead of an object each.

    A 10,000-page crawl keeps half a million links for the site rules; as
    LinkRef objects they were the largest part of its memory. Reading one
    makes its LinkRef on the fly.
    """

    __slots__ = ("_regions", "_selectors", "_targets", "_texts")

    def __init__(self, links: Iterable[LinkRef] = ()) -> None:
        rows = list(links)
        self._targets = array("i", [link.target for link in rows])
        self._selectors = tuple(link.selector for link in rows)
        self._texts = tuple(link.text for link in rows)
        self._regions = tuple(link.region for link in rows)

    def __len__(self) -> int:
        return len(self._targets)

    @overload
    def __getitem__(self, index: int) -> LinkRef: ...

    @overload
    def __getitem__(self, index: slice) -> LinkTable: ...

    def __getitem__(self, index: int | slice) -> LinkRef | LinkTable:
        if isinstance(index, slice):
            return LinkTable(self[i] for i in range(len(self))[index])
        return LinkRef(
            self._targets[index], self._selectors[index], self._texts[index], self._regions[index]
        )

    def __iter__(self) -> Iterator[LinkRef]:
        return map(LinkRef, self._targets, self._selectors, self._texts, self._regions)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LinkTable | tuple | list):
            return list(self) == list(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"LinkTable({list(self)!r})"

    def targets(self) -> array[int]:
        """The link targets alone, for walks over the link graph."""
        return self._targets

    def adopted(self, ids: Sequence[int]) -> LinkTable:
        """The table with each target ``t`` made ``ids[t]`` and its strings interned.

        For links read in another process (see workers.Reading): the same
        footer link text should be one string in this process too.
        """
        table = LinkTable()
        table._targets = array("i", [ids[target] for target in self._targets])
        table._selectors = tuple(map(sys.intern, self._selectors))
        table._texts = tuple(map(sys.intern, self._texts))
        table._regions = tuple(map(sys.intern, self._regions))
        return table

    def texts(self) -> tuple[str, ...]:
        return self._texts


@dataclass(frozen=True, slots=True)
class ContactRef:
    kind: str  # email or phone, or "link" for a link to a contact page
    value: str
    selector: str


@dataclass(slots=True)
class PageSummary:
    url: str
    final_url: str
    status: int | None
    kind: PageKind
    depth: int
    content_type: str = ""
    error: str | None = None
    title: str = ""
    lang: str = ""
    redirects: tuple[str, ...] = ()
    visible_contacts: tuple[ContactRef, ...] = ()
    has_contact_form: bool = False
    has_price: bool = False
    shop_signal: str | None = None
    subscription_signal: str | None = None
    organization_names: tuple[str, ...] = ()
    strict_transport_security: str | None = None
    links: LinkTable = field(default_factory=LinkTable)
    # Elements marked data-sitelint-ignore: (selector, the attribute's value).
    suppressions: tuple[tuple[str, str], ...] = ()
    # Values that site rules collect from each page for themselves, by rule id.
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def is_html(self) -> bool:
        return self.error is None and self.content_type in ("text/html", "application/xhtml+xml")

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and self.status < 400


def _intern(text: str) -> str:
    # The same footer link text and selector recur on every page of a template.
    return sys.intern(text[:120])


# The site's navigation and footer links come back on every page.
@lru_cache(maxsize=8192)
def _followed(in_scope: Any, href: str) -> str | None:
    """The page a link leads to when the crawl covers it, else None."""
    if not in_scope(href):
        return None
    # "/#about" is the page "/": a fragment never names another resource.
    return urldefrag(href).url


def summarize(page: Page, url_id: Any, in_scope: Any) -> PageSummary:
    """The compact record of an HTML page that site rules read.

    ``url_id`` maps an absolute URL to its id in the index; ``in_scope`` says
    whether a URL is one the crawl covers.
    """
    vocab = lexicon()
    seen_targets: set[int] = set()
    links: list[LinkRef] = []
    for link in page.links:
        if not link.followable:
            continue
        followed = _followed(in_scope, link.href)
        if followed is None:
            continue
        target = url_id(followed)
        if target in seen_targets:
            continue
        seen_targets.add(target)
        links.append(LinkRef(target, _intern(link.selector), _intern(link.text), link.region))
    contacts = tuple(
        ContactRef(point.kind, point.value, _intern(point.selector))
        for point in page.contacts
        if point.visible
    )[:_MAX_CONTACTS_KEPT]
    shop_signal = None
    for item in page.structured_data:
        types = item_types(item)
        if types & _SHOP_TYPES and shop_signal is None and sells_goods(item):
            shop_signal = f"schema.org {sorted(types & _SHOP_TYPES)[0]}"
    if shop_signal is None:
        add_to_cart = vocab.phrases("add_to_cart")
        for form in page.forms:
            phrase = add_to_cart.search(" ".join(form.submit_texts))
            if phrase:
                shop_signal = f'"{phrase}" button'
                break
    if shop_signal is None and (
        page.kind is PageKind.CART or (page.kind is PageKind.CHECKOUT and reads_as_order(page))
    ):
        shop_signal = f"a {page.kind.value} page"
    subscription_signal = subscription_evidence(page)
    return PageSummary(
        url=page.url,
        final_url=page.url,
        status=page.status,
        kind=page.kind,
        depth=page.depth,
        content_type=page.headers.get("content-type", "text/html").split(";")[0].strip().lower()
        or "text/html",
        title=page.title[:200],
        lang=page.lang,
        redirects=page.redirects,
        visible_contacts=contacts,
        has_contact_form=page.kind == PageKind.CONTACT and bool(page.forms),
        has_price=bool(page.prices),
        shop_signal=shop_signal,
        subscription_signal=subscription_signal,
        organization_names=tuple(organization_names(page.structured_data)),
        strict_transport_security=page.headers.get("strict-transport-security"),
        links=LinkTable(links),
        suppressions=_suppressions(page),
    )


def _suppressions(page: Page) -> tuple[tuple[str, str], ...]:
    if "data-sitelint-ignore" not in page.html:
        return ()
    marked = []
    for node in page.tree.css("[data-sitelint-ignore]"):
        selector = "body" if node.tag in ("body", "html") else css_path(node)
        marked.append((selector, node.attributes.get("data-sitelint-ignore") or ""))
    return tuple(marked)


class SiteIndex:
    """Every page the crawl met, by id, with the link graph between them."""

    def __init__(self, start_urls: list[str], scan_date: date | None = None) -> None:
        self.start_urls = list(start_urls)
        self.scan_date = scan_date or date.today()
        self._ids: dict[str, int] = {}
        self.urls: list[str] = []
        self.summaries: dict[int, PageSummary] = {}
        # Status of in-scope link targets checked but not crawled for content.
        self.link_statuses: dict[int, int | None] = {}
        self.robots_blocked: set[int] = set()
        # For an https start URL: where its http:// twin ends up (None: no answer).
        self.http_upgrade: dict[str, str | None] = {}
        # /.well-known/security.txt per start origin: (status, text); status None if no answer.
        self.security_txt: dict[str, tuple[int | None, str]] = {}
        self.complete = True
        # What link_kind() says of each link text and each link target (see link_kind).
        self._kind_by_text: dict[str, PageKind | None] = {}
        self._kind_by_target: dict[int, PageKind | None] = {}

    def id_for(self, url: str) -> int:
        url_id = self._ids.get(url)
        if url_id is None:
            url_id = self._ids[url] = len(self.urls)
            self.urls.append(url)
        return url_id

    def known(self, url: str) -> int | None:
        return self._ids.get(url)

    def add(self, summary: PageSummary) -> None:
        self.summaries[self.id_for(summary.url)] = summary
        for derived in ("click_depths", "_parents", "kind", "_html_pages", "_links_by_kind"):
            self.__dict__.pop(derived, None)

    def pages(self) -> Iterator[PageSummary]:
        return iter(self.summaries.values())

    @cached_property
    def _html_pages(self) -> list[PageSummary]:
        # Nearest the start page first, then by URL: crawl order depends on
        # timing, and "the first page that..." evidence must not.
        depths = self.click_depths
        unreachable = len(self.urls) + 1
        pages = [s for s in self.summaries.values() if s.is_html and s.ok]
        pages.sort(key=lambda s: (depths.get(self.id_for(s.url), unreachable), s.url))
        return pages

    def html_pages(self) -> Iterator[PageSummary]:
        """Every page read as HTML without error, nearest the start page first."""
        return iter(self._html_pages)

    def pages_of_kind(self, *kinds: PageKind) -> list[PageSummary]:
        return [s for s in self.html_pages() if s.kind in kinds]

    def status_of(self, url_id: int) -> int | None:
        """The HTTP status of a URL if it was fetched or checked; None if unknown."""
        summary = self.summaries.get(url_id)
        if summary is not None:
            return summary.status
        return self.link_statuses.get(url_id)

    @cached_property
    def kind(self) -> SiteKind:
        """Shop, subscription, lead-gen or content: which site rules apply."""
        return classify_site(self)

    @property
    def start_ids(self) -> list[int]:
        return [self.id_for(url) for url in self.start_urls]

    @cached_property
    def _parents(self) -> dict[int, int | None]:
        """Breadth-first search over the link graph from the start pages."""
        parents: dict[int, int | None] = {}
        queue: deque[int] = deque()
        for start in self.start_ids:
            if start not in parents:
                parents[start] = None
                queue.append(start)
        while queue:
            current = queue.popleft()
            summary = self.summaries.get(current)
            if summary is None:
                continue
            for target in summary.links.targets():
                if target not in parents:
                    parents[target] = current
                    queue.append(target)
        return parents

    @cached_property
    def click_depths(self) -> dict[int, int]:
        depths: dict[int, int] = {}
        for url_id in self._parents:
            depth, current = 0, self._parents[url_id]
            while current is not None:
                depth += 1
                current = self._parents[current]
            depths[url_id] = depth
        return depths

    def click_depth(self, url: str) -> int | None:
        url_id = self.known(url)
        return None if url_id is None else self.click_depths.get(url_id)

    def click_path(self, url: str) -> list[tuple[str, str]]:
        """The shortest chain of links from a start page: [(page URL, link text to next)]."""
        url_id = self.known(url)
        if url_id is None or url_id not in self._parents:
            return []
        chain: list[int] = []
        current: int | None = url_id
        while current is not None:
            chain.append(current)
            current = self._parents[current]
        chain.reverse()
        path: list[tuple[str, str]] = []
        for here, there in itertools.pairwise(chain):
            text = next(
                (link.text for link in self.summaries[here].links if link.target == there), ""
            )
            path.append((self.urls[here], text))
        path.append((self.urls[chain[-1]], ""))
        return path

    def describe_path(self, url: str) -> str:
        """The click path as evidence: 'https://a/ -[About]-> https://a/about/ -[Contact]-> ...'."""
        steps = self.click_path(url)
        parts = []
        for page_url, text in steps:
            parts.append(page_url)
            if text:
                parts.append(f"-[{text}]->")
        return " ".join(parts)

    def page_of_kind(self, kind: PageKind) -> str | None:
        """The URL of a page of this kind, if the site has one.

        A page the crawl did not reach (a page limit, a depth limit) still
        counts when a link names it and its URL answered without error, so a
        limit on the crawl does not turn into a "missing page" finding.
        """
        pages = self.pages_of_kind(kind)
        if pages:
            return min(pages, key=lambda s: self.click_depths.get(self.id_for(s.url), 1 << 30)).url
        for _, link in self.links_by_kind(kind):
            if link.target in self.summaries:
                continue  # crawled, and classified as something else
            status = self.link_statuses.get(link.target)
            if status is not None and status < 400:
                return self.urls[link.target]
        return None

    def links_by_kind(self, kind: PageKind) -> Iterator[tuple[PageSummary, LinkRef]]:
        """Every link whose text or target names a page of this kind."""
        return iter(self._links_by_kind.get(kind, ()))

    @cached_property
    def _links_by_kind(self) -> dict[PageKind, list[tuple[PageSummary, LinkRef]]]:
        # One pass over every link for all kinds: several site rules ask, each
        # for its own kind, and a large site has half a million links.
        found: dict[PageKind, list[tuple[PageSummary, LinkRef]]] = {}
        for summary in self.html_pages():
            links = summary.links
            targets = links.targets()
            for position, text in enumerate(links.texts()):
                kind = self._kind_of(text, targets[position])
                if kind is not None:
                    found.setdefault(kind, []).append((summary, links[position]))
        return found

    def link_kind(self, link: LinkRef) -> PageKind | None:
        """link_kind() of a link's text and target, read once per text and per target.

        Site rules ask it of every link of every page, and a site has far
        fewer distinct link texts and targets than links.
        """
        return self._kind_of(link.text, link.target)

    def _kind_of(self, text: str, target: int) -> PageKind | None:
        known = self._kind_by_text.get(text, _UNREAD)
        if known is _UNREAD:
            known = self._kind_by_text[text] = link_kind(text, "")
        by_text = cast(PageKind | None, known)
        known = self._kind_by_target.get(target, _UNREAD)
        if known is _UNREAD:
            known = self._kind_by_target[target] = link_kind("", self.urls[target])
        by_target = cast(PageKind | None, known)
        if by_text is None or by_target is None or by_text is by_target:
            return by_text or by_target
        # Both name a kind: link_kind() decides which is the more specific.
        return link_kind(text, self.urls[target])
