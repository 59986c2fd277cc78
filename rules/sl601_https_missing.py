"""A page is served over plain http, or http does not redirect to https.

## What it checks
Every HTML page crawled: is its final URL http? And for an https start URL,
does its `http://` twin redirect to https? Pages are reported one by one.
Loopback, `localhost` and private-network hosts are local staging and are
skipped unless `[rules] check_transport_on_local = true`.

## Why it matters
Over http, anything a customer types can be read and changed on the way, and
browsers mark such pages "Not secure": the first trust signal a visitor sees.

## How to fix
Serve every page over https and redirect every http URL to its https twin
with a 301, then add HSTS (see SL603).

## References
- https://developer.mozilla.org/en-US/docs/Web/Security/Insecure_passwords
- https://web.dev/articles/why-https-matters
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.hosts import is_local_url
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, Rule, RuleContext, SiteExample
from sitelint.site_index import SiteIndex


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    def judged(url: str) -> bool:
        return context.check_transport_on_local or not is_local_url(url)

    for summary in index.html_pages():
        if summary.final_url.startswith("http://") and judged(summary.final_url):
            yield Hit(
                "This page is served over plain http.",
                evidence=f"final URL {summary.final_url}",
                url=summary.url,
            )
    for start, final in index.http_upgrade.items():
        if not judged(start):
            continue
        twin = "http://" + start.removeprefix("https://")
        if final is None or not final.startswith("https://"):
            yield Hit(
                "The http:// address of this https site does not redirect to https.",
                evidence=f"{twin} ends at {final or 'no answer'}",
                url=start,
            )


RULE = Rule(
    id="SL601",
    name="https-missing",
    category=Category.SECURITY,
    severity=Severity.ERROR,
    scope=Scope.SITE,
    check=check,
    doc=__doc__ or "",
    bad=(
        SiteExample({"/": "<h1>Welcome</h1>"}, start="http://www.example.com/"),
        SiteExample({"/": "<h1>Welcome</h1>"}, note="https, but http serves the page too"),
    ),
    good=(SiteExample({"/": "<h1>Welcome</h1>", "http:/": "!301 https://www.example.com/"}),),
)
