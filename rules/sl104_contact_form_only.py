"""The contact page offers only a form: no email, phone or postal address.

## What it checks
When a contact page offers a contact form (a form for writing to the company,
not a search box, a login or a newsletter sign-up), whether an email address,
a phone number or a postal address is visible on any contact, about, imprint
or home page. If none is, the site gets one finding naming the form.

An email or phone number counts as text or as a `mailto:` / `tel:` link; a
postal address is a street line with a postcode and town (see
`sitelint/gather/identity.py`). Hidden ones do not count (SL103 reports
those).

## Why it matters
A form is a one-way channel: the customer cannot tell whether the message
arrived, who will read it, or when. No address and no number means there is
nothing to fall back on when the form fails or the answer never comes, and
no way to write to the company in a dispute. The EU e-Commerce Directive
asks for an email address for "direct and effective" contact.

## How to fix
Keep the form, and put an email address and, if you have one, a phone number
and a postal address next to it on the contact page (or in the footer of
every page).

## References
- EU Directive 2000/31/EC (e-Commerce Directive), Article 5(1)(b)-(c)
- CJEU C-649/17 (Amazon EU): a means of communication that is direct and effective
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sitelint.classify.forms import FormPurpose, form_purpose
from sitelint.gather.identity import postal_addresses
from sitelint.gather.page import Page
from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.rule import Hit, Rule, RuleContext, SiteExample, page_facts
from sitelint.site_index import SiteIndex

RULE_ID = "SL104"
_CHANNEL_PAGES = frozenset({PageKind.CONTACT, PageKind.ABOUT, PageKind.IMPRINT, PageKind.HOME})
_WRITING_FORMS = frozenset({FormPurpose.CONTACT, FormPurpose.LEAD})


def collect(page: Page, context: RuleContext) -> dict[str, Any] | None:
    if page.kind not in _CHANNEL_PAGES:
        return None
    facts: dict[str, Any] = {}
    if page.kind is PageKind.CONTACT:
        form = next((f for f in page.forms if form_purpose(f, page.kind) in _WRITING_FORMS), None)
        if form is not None:
            facts["form"] = form.selector
    addresses = postal_addresses(page.visible_text_segments)
    if addresses:
        facts["address"] = addresses[0].text
    return facts or None


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    forms: list[tuple[str, str]] = []
    checked: list[str] = []
    for summary in index.html_pages():
        if summary.kind not in _CHANNEL_PAGES:
            continue
        checked.append(summary.url)
        facts = page_facts(summary, RULE_ID) or {}
        if summary.visible_contacts or facts.get("address"):
            return
        if summary.kind is PageKind.CONTACT and facts.get("form"):
            forms.append((summary.url, facts["form"]))
    if not forms:
        return
    url, selector = forms[0]
    yield Hit(
        "The contact page offers only a form: no email address, phone number or postal "
        "address is shown on the contact, about, imprint or home pages.",
        evidence=f"contact form at {url} ({selector}); checked {len(checked)} pages: "
        + ", ".join(checked[:8])
        + (f" and {len(checked) - 8} more" if len(checked) > 8 else ""),
    )


_FORM = (
    '<form action="/send" method="post"><label for="n">Name</label><input id="n" name="name">'
    '<label for="e">Email</label><input id="e" type="email" name="email">'
    '<label for="m">Message</label><textarea id="m" name="message"></textarea>'
    "<button>Send message</button></form>"
)

RULE = Rule(
    id=RULE_ID,
    name="contact-form-only",
    category=Category.CONTACT,
    severity=Severity.WARNING,
    scope=Scope.SITE,
    check=check,
    collect=collect,
    doc=__doc__ or "",
    bad=(
        SiteExample(
            {
                "/": '<h1>Acme</h1><a href="/about/">About</a> <a href="/contact/">Contact</a>',
                "/about/": "<h1>About us</h1><p>We make widgets.</p>",
                "/contact/": f"<h1>Contact us</h1>{_FORM}",
            }
        ),
    ),
    good=(
        SiteExample(
            {
                "/": '<a href="/contact/">Contact</a>',
                "/contact/": f"<h1>Contact us</h1>{_FORM}<p>Or email hello@example.com</p>",
            }
        ),
        SiteExample(
            {
                "/": '<a href="/contact/">Contact</a>'
                "<footer><p>Acme Ltd, 14 Quay Street, Bristol BS1 4DJ</p></footer>",
                "/contact/": f"<h1>Contact us</h1>{_FORM}",
            },
            note="a postal address in the home page footer",
        ),
        SiteExample(
            {
                "/": '<a href="/kontakt/">Kontakt</a> <a href="/impressum/">Impressum</a>',
                "/kontakt/": f"<h1>Kontakt</h1>{_FORM}",
                "/impressum/": "<h1>Impressum</h1><p>Musterfirma GmbH</p><p>Musterstraße 12</p>"
                "<p>87435 Kempten</p>",
            },
            note="the address is on the imprint page",
        ),
        SiteExample(
            {
                "/": '<a href="/contact/">Contact</a>',
                "/contact/": '<h1>Contact</h1><form role="search"><input type="search" name="q">'
                "<button>Search</button></form>",
            },
            note="the only form on the contact page is a search box",
        ),
    ),
)
