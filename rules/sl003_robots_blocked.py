"""robots.txt kept the crawler from a page a trust rule needed.

## What it checks
Every link the crawl could not follow because robots.txt disallows it, when
the link names a contact, privacy, terms, returns, pricing, about or imprint
page. One finding on the start URL lists them, since the rules about those
pages could not see them.

## Why it matters
A rule such as "no privacy policy" would be wrong if the policy exists but
robots.txt hides it from crawlers; this finding explains a gap instead of
guessing.

## How to fix
Allow the page in robots.txt (trust pages are rarely secret), or run
`sitelint check --ignore-robots` on your own site.

## References
- RFC 9309 (Robots Exclusion Protocol)
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.classify import link_kind
from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.rule import Hit, Rule, RuleContext, SiteExample
from sitelint.site_index import SiteIndex

_NEEDED = frozenset(
    {
        PageKind.CONTACT,
        PageKind.PRIVACY,
        PageKind.TERMS,
        PageKind.RETURNS,
        PageKind.PRICING,
        PageKind.ABOUT,
        PageKind.IMPRINT,
    }
)


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    if not index.robots_blocked:
        return
    blocked: dict[int, str] = {}
    for summary in index.html_pages():
        for link in summary.links:
            if link.target in index.robots_blocked and link.target not in blocked:
                kind = link_kind(link.text, index.urls[link.target])
                if kind in _NEEDED:
                    blocked[link.target] = (
                        f'{index.urls[link.target]} ({kind.value}, linked as "{link.text}")'
                    )
    if blocked:
        yield Hit(
            f"robots.txt disallows {len(blocked)} trust page(s) the rules needed to read.",
            evidence="; ".join(sorted(blocked.values())),
        )


RULE = Rule(
    id="SL003",
    name="robots-blocked",
    category=Category.ENGINE,
    severity=Severity.INFO,
    scope=Scope.SITE,
    check=check,
    doc=__doc__ or "",
    bad=(
        SiteExample(
            {
                "/": '<a href="/legal/privacy/">Privacy policy</a>',
                "/robots.txt": "User-agent: *\nDisallow: /legal/\n",
                "/legal/privacy/": "<h1>Privacy</h1>",
            }
        ),
    ),
    good=(
        SiteExample(
            {
                "/": '<a href="/admin/">Admin</a><a href="/privacy/">Privacy</a>',
                "/robots.txt": "User-agent: *\nDisallow: /admin/\n",
                "/privacy/": "<h1>Privacy</h1>",
            },
            note="only a non-trust page is disallowed",
        ),
    ),
)
