"""The stack's own ceiling: fetch and follow links with sitelint's HTTP client, no rules.

httpx with a small keep-alive pool, selectolax (lexbor) link extraction, and
sitelint's own canonicalisation and scope, de-duplicated before scheduling:
the least work any crawl on this stack must do per page. sitelint's rate is
read against this loop's, measured in the same run on the same server.

Usage: crawl_only.py URL --max-pages N [--concurrency C] [--json PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import time
from pathlib import Path
from urllib.parse import urljoin

import httpx
from selectolax.lexbor import LexborHTMLParser

from sitelint.crawl.urls import Scope, canonical


async def crawl(start: str, max_pages: int, concurrency: int) -> dict[str, float]:
    first = canonical(start)
    if first is None:
        raise SystemExit(f"not a crawlable URL: {start}")
    scope = Scope([first])
    seen = {first}
    queue: asyncio.Queue[str] = asyncio.Queue()
    queue.put_nowait(first)
    counts = {"pages": 0, "fetched": 0, "links": 0}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(limits=limits, timeout=20.0, trust_env=False) as client:

        async def worker() -> None:
            while True:
                url = await queue.get()
                try:
                    response = await client.get(url)
                    counts["fetched"] += 1
                    content_type = response.headers.get("content-type", "")
                    if response.status_code != 200 or "html" not in content_type:
                        continue
                    counts["pages"] += 1
                    tree = LexborHTMLParser(response.text)
                    for anchor in tree.css("a[href]"):
                        href = (anchor.attributes.get("href") or "").strip()
                        if not href or href.startswith("#"):
                            continue
                        counts["links"] += 1
                        target = canonical(urljoin(url, href))
                        # De-duplicated before scheduling: a duplicate never costs a request.
                        if target is None or target in seen or not scope(target):
                            continue
                        if len(seen) >= max_pages:
                            continue
                        seen.add(target)
                        queue.put_nowait(target)
                finally:
                    queue.task_done()

        workers = [asyncio.create_task(worker()) for _ in range(concurrency)]
        started = time.perf_counter()
        cpu_started = time.process_time()
        await queue.join()
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
    return {
        "pages": counts["pages"],
        "fetched": counts["fetched"],
        "links": counts["links"],
        "seconds": seconds,
        "cpu_seconds": cpu,
        "pages_per_second": counts["pages"] / seconds if seconds else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("url")
    parser.add_argument("--max-pages", type=int, required=True)
    # sitelint's default per-host concurrency: the same pool size, side by side.
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = asyncio.run(crawl(args.url, args.max_pages, args.concurrency))
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    text = json.dumps(result)
    if args.json:
        args.json.write_text(text)
    print(text, file=sys.stdout)


if __name__ == "__main__":
    main()
