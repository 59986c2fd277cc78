"""The site's https responses lack a Strict-Transport-Security header of a year or more.

## What it checks
Every HTML page served over https: does the response carry
`Strict-Transport-Security` with `max-age` of at least 31536000 seconds (one
year)? The site gets one finding per https origin whose pages lack it,
naming how many pages and which. Responses over plain http are not judged
(browsers ignore the header there; SL601 covers http). This is a transport
rule: loopback, `localhost` and private-network hosts are skipped unless
`[rules] check_transport_on_local = true`.

## Why it matters
Without HSTS, the first request a person types (`example.com`) goes out over
http and can be intercepted and downgraded before the redirect to https
happens. With it, the browser goes straight to https for as long as
`max-age` says.

## How to fix
Send `Strict-Transport-Security: max-age=31536000; includeSubDomains` on
every https response (and consider the preload list once every subdomain
is on https).

## References
- RFC 6797, HTTP Strict Transport Security
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from sitelint.hosts import is_local_url
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, Rule, RuleContext, SiteExample
from sitelint.site_index import SiteIndex

_MAX_AGE = re.compile(r"(?:^|;)\s*max-age\s*=\s*\"?(\d+)\"?", re.I)
_PAGES_NAMED = 5


def max_age(header: str | None) -> int | None:
    """The max-age of a Strict-Transport-Security value, or None if it has none."""
    if not header:
        return None
    match = _MAX_AGE.search(header)
    return int(match.group(1)) if match else None


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    minimum = int(context.options["min_max_age"])
    lacking: dict[str, list[tuple[str, str | None]]] = {}
    judged: dict[str, int] = {}
    for summary in index.html_pages():
        url = summary.final_url
        if not url.startswith("https://"):
            continue
        if not context.check_transport_on_local and is_local_url(url):
            continue
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        judged[origin] = judged.get(origin, 0) + 1
        age = max_age(summary.strict_transport_security)
        if age is None or age < minimum:
            lacking.setdefault(origin, []).append((url, summary.strict_transport_security))
    for origin, pages in lacking.items():
        headers = {header for _, header in pages}
        header = next(iter(headers)) if len(headers) == 1 else None
        shown = ", ".join(url for url, _ in pages[:_PAGES_NAMED])
        more = f" and {len(pages) - _PAGES_NAMED} more" if len(pages) > _PAGES_NAMED else ""
        what = (
            f'"Strict-Transport-Security: {header}" (max-age under {minimum})'
            if header
            else "no Strict-Transport-Security header"
        )
        yield Hit(
            f"{len(pages)} of {judged[origin]} https pages on {origin} are served without "
            f"HSTS of at least one year.",
            evidence=f"{what} on {shown}{more}",
        )


RULE = Rule(
    id="SL603",
    name="hsts-missing",
    category=Category.SECURITY,
    severity=Severity.INFO,
    scope=Scope.SITE,
    check=check,
    doc=__doc__ or "",
    defaults={"min_max_age": 31536000},
    bad=(
        SiteExample(
            {"/": '<h1>Acme</h1><a href="/about/">About</a>', "/about/": "<h1>About us</h1>"}
        ),
    ),
    good=(
        SiteExample(
            {"/": "<h1>Acme</h1>"},
            start="http://www.example.com/",
            note="no https responses: HSTS means nothing over http (SL601 reports http)",
        ),
        SiteExample(
            {"/": "<h1>Staging</h1>"},
            start="https://localhost/",
            note="local staging is skipped unless check_transport_on_local",
        ),
    ),
)
