"""robots.txt, fetched once per origin and read with protego."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from protego import Protego

from sitelint.crawl.urls import origin

log = logging.getLogger("sitelint.crawl")

Fetch = Callable[[str], Awaitable[tuple[int | None, bytes]]]


class RobotsCache:
    def __init__(self, fetch: Fetch, user_agent: str) -> None:
        self._fetch = fetch
        self._agent = user_agent
        self._parsed: dict[str, Protego | None] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def rules_for(self, url: str) -> Protego | None:
        key = origin(url)
        if key in self._parsed:
            return self._parsed[key]
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            if key not in self._parsed:
                status, body = await self._fetch(f"{key}/robots.txt")
                parsed = None
                # A missing robots.txt allows everything; an erroring one
                # (5xx) is treated as allow too, as Google and Scrapy do.
                if status is not None and 200 <= status < 300 and body:
                    try:
                        parsed = Protego.parse(body.decode("utf-8", errors="replace"))
                    except Exception as error:
                        # An unreadable robots.txt says nothing, like a missing one.
                        log.info("robots.txt of %s unreadable: %s", key, error)
                self._parsed[key] = parsed
        return self._parsed[key]

    async def allowed(self, url: str) -> bool:
        rules = await self.rules_for(url)
        return rules is None or bool(rules.can_fetch(url, self._agent))

    async def crawl_delay(self, url: str) -> float | None:
        rules = await self.rules_for(url)
        if rules is None:
            return None
        delay = rules.crawl_delay(self._agent)
        return float(delay) if delay is not None else None

    async def sitemaps(self, url: str) -> list[str]:
        rules = await self.rules_for(url)
        return list(rules.sitemaps) if rules is not None else []
