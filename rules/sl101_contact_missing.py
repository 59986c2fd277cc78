"""No contact channel anywhere on the site.

## What it checks
Across every page crawled: is there a page classified as a contact page, a
`mailto:` or `tel:` link, or a visible email address or phone number? If
there is none at all, the site gets one finding on its start URL.

## Why it matters
Being reachable is the first thing customers look for before they trust a
company with money or data; a site with no way to reach a person reads as a
company that does not want to be reached.

## How to fix
Add a contact page linked from every page's header or footer, with an email
address, a phone number or a postal address, not only a form.

## References
- EU Directive 2000/31/EC (e-Commerce Directive), Article 5(1)(c)
- Stanford Web Credibility Guidelines, "Make it easy to contact you"
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.rule import Hit, Rule, RuleContext, SiteExample
from sitelint.site_index import SiteIndex


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    pages = list(index.html_pages())
    if not pages:
        return
    if index.page_of_kind(PageKind.CONTACT):
        return
    if any(summary.visible_contacts for summary in pages):
        return
    yield Hit(
        "No way to contact the company was found on any page.",
        evidence=(
            f"{len(pages)} pages crawled; none is a contact page, and none has a mailto: or tel: "
            "link or a visible email address or phone number"
        ),
    )


RULE = Rule(
    id="SL101",
    name="contact-missing",
    category=Category.CONTACT,
    severity=Severity.ERROR,
    scope=Scope.SITE,
    check=check,
    doc=__doc__ or "",
    bad=(
        SiteExample(
            {
                "/": '<h1>Acme</h1><a href="/about/">About</a><a href="/privacy/">Privacy</a>',
                "/about/": "<h1>About us</h1><p>We make widgets.</p>",
                "/privacy/": "<h1>Privacy policy</h1><p>We keep little.</p>",
            }
        ),
    ),
    good=(
        SiteExample(
            {"/": '<h1>Acme</h1><p>Questions? <a href="mailto:hi@example.com">Email us</a></p>'}
        ),
        SiteExample(
            {
                "/": '<a href="/contact/">Contact</a>',
                "/contact/": "<h1>Contact us</h1><form></form>",
            }
        ),
        SiteExample({"/": "<h1>Acme</h1><p>Call us on +1 212 555 0100.</p>"}),
    ),
)
