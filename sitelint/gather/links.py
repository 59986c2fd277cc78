"""Links on a page, resolved against the page (and its <base>)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from sitelint.gather.dom import TreeMemo, collapse, css_path, region_of
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


def extract_links(
    tree: LexborHTMLParser, page_url: str, memo: TreeMemo | None = None
) -> list[Link]:
    resolve = _resolver(base_url(tree, page_url))
    links: list[Link] = []
    memo = memo or TreeMemo()
    for anchor in tree.css("a[href], area[href]"):
        attributes = anchor.attributes
        raw = (attributes.get("href") or "").strip()
        if not raw or raw.startswith("#"):
            continue
        try:
            href, scheme = resolve(raw)
        except ValueError:
            # Malformed hosts ("http://[::1") are recorded nowhere: there is
            # nothing a reader could follow.
            continue
        text = collapse(anchor.text(deep=True, separator=" "))
        if not text:
            text = collapse(
                attributes.get("aria-label")
                or attributes.get("title")
                or " ".join(img.attributes.get("alt") or "" for img in anchor.css("img[alt]"))
            )
        links.append(
            Link(
                href=href,
                scheme=scheme,
                text=text,
                rel=frozenset((attributes.get("rel") or "").lower().split()),
                region=region_of(anchor, memo),
                selector=css_path(anchor, memo=memo),
                hidden_reason=hidden_reason(anchor, memo=memo.hidden),
            )
        )
    return links


def _resolve(base: str, raw: str) -> tuple[str, str]:
    href = urljoin(base, raw)
    return href, urlsplit(href).scheme.lower()


# Navigation and footer links repeat on every page of a site.
_resolve_cached = lru_cache(maxsize=4096)(_resolve)


def _resolver(base: str) -> Callable[[str], tuple[str, str]]:
    """(URL, scheme) of a link on a page whose base is ``base``.

    A root-relative link resolves the same against any page of the host, so
    those come from a cache the site's pages share.
    """
    parts = urlsplit(base)
    root = (
        f"{parts.scheme}://{parts.netloc}/"
        if parts.scheme in _FOLLOWABLE_SCHEMES and parts.netloc
        else None
    )

    def resolve(raw: str) -> tuple[str, str]:
        if root is not None and raw.startswith("/") and not raw.startswith("//"):
            return _resolve_cached(root, raw)
        return _resolve(base, raw)

    return resolve


def resolver(base: str) -> Callable[[str], str]:
    """urljoin() against ``base``, root-relative links from the shared cache."""
    resolve = _resolver(base)
    return lambda raw: resolve(raw)[0]
