"""The home page has no schema.org Organization with a name.

## What it checks
Whether the start page's structured data (JSON-LD or microdata) holds a
schema.org `Organization`, or any of its subtypes (`Corporation`,
`LocalBusiness`, `OnlineStore`, `Dentist`, `Restaurant`, ...), with a
`name`. Organizations nested in other items count too, such as a
`WebSite`'s `publisher`.

## Why it matters
Search engines and assistants show who runs a site (its name, logo, contact
points, social profiles) from this data, in knowledge panels and beside
search results. Without it they guess, and a customer checking whether the
shop is real finds less to go on.

## How to fix
Add a JSON-LD block to the home page: `{"@context": "https://schema.org",
"@type": "Organization", "name": "...", "url": "...", "logo": "..."}`, using
the most specific type that fits (`OnlineStore`, `LocalBusiness`, ...), and
the legal name in `legalName`.

## References
- schema.org Organization: https://schema.org/Organization
- Google Search Central, "Organization structured data": https://developers.google.com/search/docs/appearance/structured-data/organization
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, Rule, RuleContext, SiteExample
from sitelint.site_index import SiteIndex


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    for url in index.start_urls:
        summary = index.summaries.get(index.id_for(url))
        if summary is None or not (summary.is_html and summary.ok):
            continue
        if summary.organization_names:
            continue
        yield Hit(
            "The home page has no schema.org Organization (or subtype) with a name.",
            evidence=f"{summary.final_url}: no JSON-LD or microdata item of type Organization, "
            "LocalBusiness, OnlineStore or another Organization subtype has a name",
            url=url,
        )


RULE = Rule(
    id="SL107",
    name="organization-data-missing",
    category=Category.CONTACT,
    severity=Severity.INFO,
    scope=Scope.SITE,
    check=check,
    doc=__doc__ or "",
    bad=(
        SiteExample({"/": "<h1>Acme</h1><p>We make widgets.</p>"}),
        SiteExample(
            {
                "/": '<script type="application/ld+json">{"@context": "https://schema.org", '
                '"@type": "Organization", "url": "https://www.example.com/"}</script><h1>Acme</h1>'
            },
            note="an Organization without a name",
        ),
    ),
    good=(
        SiteExample(
            {
                "/": '<script type="application/ld+json">{"@context": "https://schema.org", '
                '"@type": "Organization", "name": "Acme"}</script><h1>Acme</h1>'
            }
        ),
        SiteExample(
            {
                "/": '<div itemscope itemtype="https://schema.org/Dentist">'
                '<h1 itemprop="name">Riverside Family Dental</h1></div>'
            },
            note="microdata, an Organization subtype",
        ),
        SiteExample(
            {
                "/": '<script type="application/ld+json">{"@context": "https://schema.org", '
                '"@type": "WebSite", "name": "Acme", "publisher": {"@type": "Corporation", '
                '"name": "Acme Inc."}}</script><h1>Acme</h1>'
            },
            note="nested in the WebSite as its publisher",
        ),
    ),
)
