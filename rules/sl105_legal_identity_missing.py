"""No legal entity name and no postal address; or a German site with no Impressum.

## What it checks
Two things, each its own finding:
- On the home, about, contact, imprint and terms pages: is there a company
  name with a legal form ("Musterfirma GmbH", "Acme Widgets Ltd", "Dupont
  SARL", "Industrias Pérez S.L."; the list is data, per language) or a
  postal address (a street line with a postcode and town)? If there is
  neither, the site gets a finding.
- On a German-language site (the start page, or else most pages, declare
  `lang="de"`): is there an Impressum page? A page classified as an imprint,
  or a link named "Impressum" (or "Anbieterkennzeichnung", ...) whose target
  answers, counts.

Only visible text counts: a legal name that exists only in JSON-LD tells a
visitor nothing.

## Why it matters
Customers want to know who they are dealing with before they pay: a real
company with a legal form and an address it can be reached at. In the EU the
e-Commerce Directive requires the name, geographic address and register
details of every online service provider; Germany's Digitale-Dienste-Gesetz
(§ 5 DDG, formerly § 5 TMG) requires them on an "Impressum" that is easy to
find, and competitors send cease-and-desist letters when it is missing.

## How to fix
Name the legal entity with its legal form and its postal address on the
contact or about page, or in the footer. On a German site, publish an
Impressum page and link it from every page's footer.

## References
- EU Directive 2000/31/EC (e-Commerce Directive), Article 5(1)(a)-(b)
- Germany: § 5 Digitale-Dienste-Gesetz (DDG), formerly § 5 Telemediengesetz
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import urldefrag

from sitelint.classify.page_kind import names_kind
from sitelint.gather.identity import legal_entity_names, postal_addresses
from sitelint.gather.page import Page
from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.rule import Hit, Rule, RuleContext, SiteExample, page_facts
from sitelint.site_index import SiteIndex

RULE_ID = "SL105"
_IDENTITY_PAGES = frozenset(
    {PageKind.HOME, PageKind.ABOUT, PageKind.CONTACT, PageKind.IMPRINT, PageKind.TERMS}
)
_MAX_LISTED = 8
_IMPRINT_LANGUAGES = frozenset({"de", ""})


def collect(page: Page, context: RuleContext) -> dict[str, Any] | None:
    facts: dict[str, Any] = {}
    # Every link, not the index's one-link-per-target: "Kontakt" and
    # "Impressum" often lead to the same page (/kontakt/#impressum). Only
    # German (or undeclared) pages need looking at: only German sites must
    # have an Impressum.
    imprint = (
        next(
            (
                link.href
                for link in page.links
                if link.followable and names_kind(PageKind.IMPRINT, link.text, link.href)
            ),
            None,
        )
        if page.lang in _IMPRINT_LANGUAGES
        else None
    )
    if imprint is not None:
        facts["imprint_link"] = urldefrag(imprint).url
    if page.kind in _IDENTITY_PAGES:
        segments = page.visible_text_segments
        names = legal_entity_names(segments)
        addresses = postal_addresses(segments) if not names else []
        if names:
            facts["legal_name"] = names[0].text
        elif addresses:
            facts["address"] = addresses[0].text
    return facts or None


def _identity_found(facts: dict[str, Any] | None) -> bool:
    return bool(facts and ("legal_name" in facts or "address" in facts))


def site_language(index: SiteIndex) -> str:
    """The start page's declared language, or else the one most pages declare."""
    for url in index.start_urls:
        summary = index.summaries.get(index.id_for(url))
        if summary is not None and summary.lang:
            return summary.lang
    declared = Counter(summary.lang for summary in index.html_pages() if summary.lang)
    return declared.most_common(1)[0][0] if declared else ""


def _has_imprint(index: SiteIndex) -> bool:
    if index.page_of_kind(PageKind.IMPRINT):
        return True
    # "Kontakt & Impressum" pages, or an Impressum the crawl classified as
    # something else: a working link named "Impressum" is enough.
    for summary in index.html_pages():
        target = (page_facts(summary, RULE_ID) or {}).get("imprint_link")
        if target is None:
            continue
        target_id = index.known(target)
        status = index.status_of(target_id) if target_id is not None else None
        if status is not None and status < 400:
            return True
    return False


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    pages = [s for s in index.html_pages() if s.kind in _IDENTITY_PAGES]
    if not pages:
        return
    if not any(_identity_found(page_facts(summary, RULE_ID)) for summary in pages):
        listed = ", ".join(s.url for s in pages[:_MAX_LISTED])
        more = f" and {len(pages) - _MAX_LISTED} more" if len(pages) > _MAX_LISTED else ""
        yield Hit(
            "No legal entity name (with a legal form such as Ltd, Inc, GmbH or SARL) and no "
            "postal address appear on the home, about, contact, imprint or terms pages.",
            evidence=f"checked {len(pages)} pages: {listed}{more}",
        )
    if site_language(index) == "de" and not _has_imprint(index):
        yield Hit(
            "This German-language site has no Impressum page.",
            evidence=f'the site declares lang="de"; no page is an Impressum and no link names '
            f"one ({len(list(index.html_pages()))} pages crawled)",
        )


RULE = Rule(
    id=RULE_ID,
    name="legal-identity-missing",
    category=Category.CONTACT,
    severity=Severity.WARNING,
    scope=Scope.SITE,
    check=check,
    collect=collect,
    doc=__doc__ or "",
    bad=(
        SiteExample(
            {
                "/": '<h1>Acme</h1><a href="/about/">About</a><footer>© 2026 Acme</footer>',
                "/about/": "<h1>About us</h1><p>We are a small team that loves widgets.</p>",
            },
            note="no legal form, no address",
        ),
        SiteExample(
            {
                "/": '<!doctype html><html lang="de"><head><title>Käserei</title></head><body>'
                '<h1>Willkommen</h1><a href="/kontakt/">Kontakt</a>'
                "<footer>© 2026 Musterfirma GmbH</footer></body></html>",
                "/kontakt/": '<html lang="de"><body><h1>Kontakt</h1>'
                "<p>info@beispiel.de</p></body></html>",
            },
            note="German site without an Impressum",
        ),
    ),
    good=(
        SiteExample(
            {
                "/": '<a href="/terms/">Terms</a><footer>© 2026 Acme Widgets Ltd</footer>',
                "/terms/": "<h1>Terms</h1><p>These terms are between you and us.</p>",
            }
        ),
        SiteExample(
            {
                "/": '<a href="/contact/">Contact</a>',
                "/contact/": "<h1>Contact</h1><p>2140 SE Division Street, Portland, OR 97202</p>",
            },
            note="a postal address without a legal form",
        ),
        SiteExample(
            {
                "/": '<html lang="de"><body><h1>Willkommen</h1>'
                '<footer><a href="/impressum/">Impressum</a></footer></body></html>',
                "/impressum/": '<html lang="de"><body><h1>Impressum</h1><p>Musterfirma GmbH</p>'
                "<p>Musterstraße 12</p><p>87435 Kempten</p></body></html>",
            },
            note="German site with an Impressum",
        ),
        SiteExample(
            {
                "/": "<h1>Limited edition prints</h1><p>Only 20 Limited prints per run.</p>"
                '<a href="/about/">About</a>',
                "/about/": "<h1>About</h1><p>Printed by Ink &amp; Paper Co. LLC, "
                "12 High Street, Bristol BS1 4DJ.</p>",
            },
            note='"Limited edition" is not a legal form; the about page has one',
        ),
    ),
)
