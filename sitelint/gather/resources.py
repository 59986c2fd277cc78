"""Subresources a page loads by itself: scripts, stylesheets, images, frames, media.

For mixed-content checks (SL602): each reference with its element's
selector, resolved against the page (and its <base>). Links a person clicks
(<a href>) are not subresources and are not listed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sitelint.gather.dom import collapse, css_path
from sitelint.gather.links import base_url

# (selector, attribute, kind); srcset attributes hold several URLs.
_REFERENCES = (
    ("script[src]", "src", "script"),
    ("link[href]", "href", "link"),
    ("img[src]", "src", "image"),
    ("img[srcset]", "srcset", "image"),
    ("picture source[srcset]", "srcset", "image"),
    ("input[type=image][src]", "src", "image"),
    ("iframe[src]", "src", "frame"),
    ("frame[src]", "src", "frame"),
    ("video[src]", "src", "media"),
    ("video[poster]", "poster", "image"),
    ("audio[src]", "src", "media"),
    ("video source[src]", "src", "media"),
    ("audio source[src]", "src", "media"),
    ("track[src]", "src", "media"),
    ("object[data]", "data", "object"),
    ("embed[src]", "src", "object"),
)
# <link rel> values that make the browser fetch the target as a subresource.
_LINK_KINDS = {
    "stylesheet": "stylesheet",
    "icon": "image",
    "apple-touch-icon": "image",
    "preload": "preload",
    "modulepreload": "script",
    "manifest": "manifest",
}


@dataclass(frozen=True, slots=True)
class Resource:
    kind: str  # script, stylesheet, image, frame, media, object, preload, manifest
    url: str  # absolute
    tag: str
    attribute: str
    selector: str


@dataclass(frozen=True, slots=True)
class PageResources:
    items: tuple[Resource, ...]
    # Content-Security-Policy values declared in <meta http-equiv>.
    meta_policies: tuple[str, ...] = ()


def _urls(node: LexborNode, attribute: str) -> list[str]:
    value = (node.attributes.get(attribute) or "").strip()
    if not value:
        return []
    if attribute != "srcset":
        return [value]
    # "a.jpg 1x, b.jpg 2x": the URL is the first token of each candidate.
    return [part.split()[0] for part in value.split(",") if part.split()]


def _inert(node: LexborNode) -> bool:
    """Inside <noscript> (not loaded when scripts run) or <template> (never loaded)."""
    current = node.parent
    while current is not None and current.tag not in ("html", None):
        if current.tag in ("noscript", "template"):
            return True
        current = current.parent
    return False


def extract_resources(tree: LexborHTMLParser, page_url: str) -> PageResources:
    base = base_url(tree, page_url)
    items: list[Resource] = []
    for selector, attribute, kind in _REFERENCES:
        for node in tree.css(selector):
            if _inert(node):
                continue
            resource_kind = kind
            if node.tag == "link":
                rels = (node.attributes.get("rel") or "").lower().split()
                kinds = [_LINK_KINDS[rel] for rel in rels if rel in _LINK_KINDS]
                if not kinds:
                    continue
                resource_kind = kinds[0]
            for raw in _urls(node, attribute):
                if raw.startswith(("data:", "blob:", "about:", "javascript:")):
                    continue
                try:
                    url = urljoin(base, raw)
                except ValueError:
                    continue
                tag = node.tag or ""
                items.append(Resource(resource_kind, url, tag, attribute, css_path(node)))
    policies = tuple(
        collapse(node.attributes.get("content") or "")
        for node in tree.css("meta[http-equiv]")
        if (node.attributes.get("http-equiv") or "").strip().lower() == "content-security-policy"
    )
    return PageResources(tuple(items), policies)
