"""Links on a page, resolved against the page (and its <base>)."""

from __future__ import annotations

import re
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


# Navigation and footer links repeat on every page of a site, and the pages
# of one folder share their relative links.
_resolve_cached = lru_cache(maxsize=4096)(_resolve)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# A relative path urljoin appends to the folder unchanged: segments of plain
# characters, none of them "." or "..", no query, parameters or escapes.
# Links to a large site's pages are mostly these, and too many to cache.
_PLAIN_PATH = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9._~-]*(?:/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*/?\Z")


def _resolver(base: str) -> Callable[[str], tuple[str, str]]:
    """(URL, scheme) of a link on a page whose base is ``base``.

    Most links resolve the same against any page of the host (root-relative
    and absolute ones) or of the base's folder (relative paths), so those
    come from a cache the site's pages share; urljoin reads no more of the
    base than that for them.
    """
    parts = urlsplit(base)
    if parts.scheme not in _FOLLOWABLE_SCHEMES or not parts.netloc:
        return lambda raw: _resolve(base, raw)
    root = f"{parts.scheme}://{parts.netloc}/"
    folder = root + parts.path[: parts.path.rfind("/") + 1].lstrip("/")
    # urljoin would take out the dot segments of a folder such as /a/../
    plain_folder = "/." not in folder[len(root) - 1 :]

    def resolve(raw: str) -> tuple[str, str]:
        if raw.startswith("/"):
            if _PLAIN_PATH.match(raw, 1):
                return root + raw[1:], parts.scheme
            # "//host/path" keeps only the base's scheme, "/path" its host too.
            return _resolve_cached(root, raw)
        scheme = _SCHEME.match(raw)
        if scheme is None:
            if not raw or raw.startswith(("?", "#")):
                return _resolve(base, raw)  # the base's own path
            if plain_folder and _PLAIN_PATH.match(raw):
                return folder + raw, parts.scheme
            return _resolve_cached(folder, raw)
        rest = raw[scheme.end() :]
        if rest.startswith("//") or scheme.group(0)[:-1].lower() != parts.scheme:
            # Absolute, or another scheme (mailto:, tel:): urljoin takes it as it is.
            return _resolve_cached(root, raw)
        return _resolve(base, raw)  # "http:page.html", relative to the base

    return resolve


def resolver(base: str) -> Callable[[str], str]:
    """urljoin() against ``base``, root-relative links from the shared cache."""
    resolve = _resolver(base)
    return lambda raw: resolve(raw)[0]
