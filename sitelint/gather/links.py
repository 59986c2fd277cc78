"""Links on a page, resolved against the page (and its <base>)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from sitelint.gather.dom import Positions, collapse, css_path, region_of
from sitelint.gather.visibility import hidden_reason

_FOLLOWABLE_SCHEMES = frozenset({"http", "https"})


@dataclass(frozen=True, slots=True)
class Link:
    href: str  # absolute URL (or the raw mailto:/tel: value)
    scheme: str  # http, https, mailto, tel, ...
    text: str  # the anchor text, or the image alt / aria-label when it has none
    rel: frozenset[str]
    region: str
    selector: str
    hidden_reason: str | None

    @property
    def followable(self) -> bool:
        return self.scheme in _FOLLOWABLE_SCHEMES


def base_url(tree: LexborHTMLParser, page_url: str) -> str:
    base = tree.css_first("base[href]")
    if base is not None:
        href = (base.attributes.get("href") or "").strip()
        if href:
            return urljoin(page_url, href)
    return page_url


def extract_links(tree: LexborHTMLParser, page_url: str) -> list[Link]:
    base = base_url(tree, page_url)
    links: list[Link] = []
    positions: Positions = {}
    for anchor in tree.css("a[href], area[href]"):
        raw = (anchor.attributes.get("href") or "").strip()
        if not raw or raw.startswith("#"):
            continue
        try:
            href = urljoin(base, raw)
            scheme = urlsplit(href).scheme.lower()
        except ValueError:
            # Malformed hosts ("http://[::1") are recorded nowhere: there is
            # nothing a reader could follow.
            continue
        text = collapse(anchor.text(deep=True, separator=" "))
        if not text:
            text = collapse(
                anchor.attributes.get("aria-label")
                or anchor.attributes.get("title")
                or " ".join(img.attributes.get("alt") or "" for img in anchor.css("img[alt]"))
            )
        links.append(
            Link(
                href=href,
                scheme=scheme,
                text=text,
                rel=frozenset((anchor.attributes.get("rel") or "").lower().split()),
                region=region_of(anchor),
                selector=css_path(anchor, positions),
                hidden_reason=hidden_reason(anchor),
            )
        )
    return links
