"""A pricing or product page shows no price and asks people to contact sales instead.

## What it checks
Pages classified as pricing or product pages whose main content (outside
the header, navigation and footer) shows no amount that reads as a price,
and whose calls to action (links, buttons and short blocks in the main
content) stand in for one: "Contact sales", "Request a quote", "Call for
price", "Book a demo", "Price on request", "Preis auf Anfrage", "Angebot
anfordern", "Prix sur demande", "Demander un devis", "Precio a consultar",
"Solicitar presupuesto", ... The finding points at the first such call to
action. An enterprise tier on "Contact sales" beside priced tiers does not
fire, nor does a negated phrase ("no need to request a quote"), and a
savings figure ("clients saved $2M") is not a price.

## Why it matters
A pricing page without prices is the most common complaint people have
about business websites: it turns a quick decision into a sales call, and
many visitors leave rather than make it. Those who stay assume the price
depends on how much the seller thinks they can pay.

## How to fix
Show prices, or at least a starting price ("from $2,400 per project") or
a typical range, next to the quote form. Keep "Contact sales" for the
custom tier only.

## References
- Nielsen Norman Group, "Pricing information is a top priority for users":
  https://www.nngroup.com/articles/show-price/
- EU Consumer Rights Directive 2011/83/EU, Article 6(1)(e)
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.gather.page import Page
from sitelint.keywords import lexicon
from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.negation import affirmed
from sitelint.pricing import (
    billed_number,
    calls_to_action,
    price_amounts,
    structured_price,
)
from sitelint.rule import Hit, PageExample, Rule, RuleContext

_CHECKED_KINDS = frozenset({PageKind.PRICING, PageKind.PRODUCT})


def shows_a_price(page: Page) -> bool:
    """A price in the main content, a bare number per month, or one in Offer data."""
    main = page.main_text_segments
    # Offer data with a price means the page does publish one, even when a
    # script fills it into the visible page.
    return bool(
        price_amounts(main) or billed_number(main) or structured_price(page.structured_data)
    )


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    if page.kind not in _CHECKED_KINDS or shows_a_price(page):
        return
    on_request = lexicon().phrases("pricing_on_request")
    found = []
    for action in calls_to_action(page):
        match = affirmed(on_request, action.text)
        if match:
            found.append((action, match.group(0)))
    if not found:
        return
    first, phrase = found[0]
    others = sorted({f'"{a.text}"' for a, _ in found[1:] if a.text != first.text})
    also = f"; also {', '.join(others[:4])}" if others else ""
    yield Hit(
        f'This {page.kind.value} page shows no price; it asks visitors to "{phrase}" instead.',
        evidence=f'{first.source} "{first.text}"{also}; no price in the main content',
        selector=first.selector,
    )


_PRICING_HEAD = "<head><title>Pricing | Halvorsen Consulting</title></head>"

RULE = Rule(
    id="SL203",
    name="price-on-request",
    category=Category.PRICING,
    severity=Severity.WARNING,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    bad=(
        PageExample(
            f'<html lang="en">{_PRICING_HEAD}<body><main><h1>Pricing</h1>'
            "<p>Every engagement is tailored to your organisation.</p>"
            '<a class="button" href="/quote/">Request a quote</a></main></body></html>',
            url="https://www.example.com/pricing/",
        ),
        PageExample(
            '<html lang="de"><head><title>Preise | Kanzlei Berg</title></head><body><main>'
            "<h1>Preise</h1><p>Unsere Pakete stellen wir individuell zusammen.</p>"
            "<p>Preis auf Anfrage</p><button>Angebot anfordern</button></main></body></html>",
            url="https://www.example.de/preise/",
        ),
        PageExample(
            f'<html lang="en">{_PRICING_HEAD}<body><main><h1>Pricing</h1>'
            "<p>Clients saved $2M in their first year with us.</p>"
            '<a href="/demo/">Book a demo</a></main></body></html>',
            url="https://www.example.com/pricing/",
            note="a savings figure is not a price",
        ),
    ),
    good=(
        PageExample(
            f'<html lang="en">{_PRICING_HEAD}<body><main><h1>Pricing</h1><table>'
            "<tr><th>Plan</th><th>Price (USD)</th></tr><tr><td>Team</td><td>29 / month</td></tr>"
            '</table><a href="/contact/">Contact sales</a></main></body></html>',
            url="https://www.example.com/pricing/",
            note="a bare number per month under a currency header",
        ),
        PageExample(
            '<html lang="en"><head><title>Barista Pro | Kettle &amp; Co</title>'
            '<script type="application/ld+json">{"@context": "https://schema.org", "@type": '
            '"Product", "name": "Barista Pro", "offers": {"@type": "Offer", "price": "1499.00", '
            '"priceCurrency": "USD"}}</script></head><body><main><h1>Barista Pro</h1>'
            '<div id="price"></div><a href="/demo/">Book a demo</a></main></body></html>',
            url="https://www.example.com/products/barista-pro/",
            note="the price is in the Offer data; a script shows it",
        ),
        PageExample(
            f'<html lang="en">{_PRICING_HEAD}<body><main><h1>Pricing</h1>'
            '<div class="tier"><h2>Starter</h2><p>$19/month</p><a href="/signup/">Start</a></div>'
            '<div class="tier"><h2>Team</h2><p>$49/month</p><a href="/signup/">Start</a></div>'
            '<div class="tier"><h2>Enterprise</h2><p>Custom volume and SSO.</p>'
            '<a href="/contact/">Contact sales</a></div></main></body></html>',
            url="https://www.example.com/pricing/",
            note="an enterprise tier on Contact sales beside priced tiers",
        ),
        PageExample(
            f'<html lang="en">{_PRICING_HEAD}<body><header><a href="/demo/">Book a demo</a>'
            "</header><main><h1>Pricing</h1><p>Plans from $2,400 per project. No need to "
            "request a quote for the standard review.</p></main></body></html>",
            url="https://www.example.com/pricing/",
        ),
        PageExample(
            '<html lang="en"><head><title>Case study: Northwind</title></head><body><main>'
            "<h1>How Northwind cut costs</h1><p>We saved the client $2M.</p>"
            '<a href="/quote/">Request a quote</a></main></body></html>',
            url="https://www.example.com/case-studies/northwind/",
            note="not a pricing or product page",
        ),
    ),
)
