"""Sitemaps (urlset and sitemap index, plain or gzipped), parsed defensively."""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass, field

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

_MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit, uncompressed


@dataclass
class Sitemap:
    urls: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # children of a sitemap index
    error: str | None = None


def _gunzip(body: bytes) -> bytes:
    # Decompress incrementally so a gzip bomb stops at the cap.
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    data = decompressor.decompress(body, _MAX_SITEMAP_BYTES)
    return data


def parse_sitemap(body: bytes) -> Sitemap:
    if body[:2] == b"\x1f\x8b":
        try:
            body = _gunzip(body)
        except (zlib.error, gzip.BadGzipFile) as error:
            return Sitemap(error=f"bad gzip: {error}")
    try:
        root = ElementTree.fromstring(body)
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as error:
        return Sitemap(error=f"not a sitemap: {error}")
    sitemap = Sitemap()
    tag = root.tag.rsplit("}", 1)[-1]
    for element in root:
        if element.tag.rsplit("}", 1)[-1] not in ("url", "sitemap"):
            continue
        for child in element:
            if child.tag.rsplit("}", 1)[-1] == "loc" and child.text and child.text.strip():
                target = sitemap.sitemaps if tag == "sitemapindex" else sitemap.urls
                target.append(child.text.strip())
    return sitemap
