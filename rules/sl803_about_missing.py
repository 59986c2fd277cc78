"""The site has no about or company page.

## What it checks
Whether any page is classified as an about page ("About us", "Our story",
"Über uns", "Qui sommes-nous", "Quiénes somos", ..., by URL, title, heading
or the text of links to it), or any working link is named like one (an
"About" link to a section of the home page counts).

## Why it matters
Before trusting a company with money or data, people want to know who is
behind it: the people, the history, where it is based. A site with no
about page gives them nothing to judge and is one of the marks of a
throwaway shop.

## How to fix
Publish an about page that says who runs the company, since when, and from
where, with real names and photos where you can, and link it from the
header or footer.

## References
- Stanford Web Credibility Guidelines: "Show that there's a real organization behind your site"
- Nielsen Norman Group, "About Us information on websites": https://www.nngroup.com/articles/about-us-information-on-websites/
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.rule import Hit, Rule, RuleContext, SiteExample
from sitelint.site_index import SiteIndex


def _about_link(index: SiteIndex) -> bool:
    for _, link in index.links_by_kind(PageKind.ABOUT):
        status = index.status_of(link.target)
        if status is not None and status < 400:
            return True
    return False


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    pages = list(index.html_pages())
    if not pages or index.page_of_kind(PageKind.ABOUT) or _about_link(index):
        return
    yield Hit(
        "The site has no about or company page.",
        evidence=f"{len(pages)} pages crawled; none is an about page and no link names one",
    )


RULE = Rule(
    id="SL803",
    name="about-missing",
    category=Category.CLARITY,
    severity=Severity.INFO,
    scope=Scope.SITE,
    check=check,
    doc=__doc__ or "",
    bad=(
        SiteExample(
            {
                "/": '<h1>Acme widgets</h1><a href="/shop/">Shop</a>',
                "/shop/": "<h1>Shop</h1><p>Widgets from $5.</p>",
            }
        ),
    ),
    good=(
        SiteExample({"/": '<a href="/about/">About us</a>', "/about/": "<h1>About us</h1>"}),
        SiteExample(
            {
                "/": '<a href="/ueber-uns/">Über uns</a>',
                "/ueber-uns/": '<html lang="de"><body><h1>Über uns</h1></body></html>',
            }
        ),
        SiteExample(
            {
                "/": '<a href="/qui-sommes-nous/">Qui sommes-nous ?</a>',
                "/qui-sommes-nous/": '<html lang="fr"><body><h1>Qui sommes-nous ?</h1>'
                "</body></html>",
            }
        ),
    ),
)
