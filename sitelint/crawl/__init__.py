"""Crawl: discover and fetch a site's URLs politely, streaming the results."""

from sitelint.crawl.crawler import Crawler
from sitelint.crawl.fetcher import FetchResult

__all__ = ["Crawler", "FetchResult"]
