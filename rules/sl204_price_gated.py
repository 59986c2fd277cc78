"""A link that promises pricing leads to a form asking for personal data instead.

## What it checks
Links whose whole text promises prices ("See pricing", "Get pricing",
"Request pricing", "Pricing", "Preise ansehen", "Voir les tarifs", "Ver
precios", ...) and whose target is a gated form page: its main content is a
form (at most `max_words_beside_form` words of other main text) that asks
for personal data (an email address, a phone number, a name, a company or
a job title), and it shows no amount that reads as a price. The finding is
on the page that holds the link, with the link's selector; the evidence
names the target, the form and what it asks for. Login forms (a password
field) and forms in the header, navigation or footer do not count.

## Why it matters
Swapping a promised price for a lead form is a bait-and-switch: the visitor
clicked to learn a price and is asked to hand over their contact details
and wait for a sales call. It costs trust at exactly the moment someone
was ready to buy.

## How to fix
Show prices (or a starting price) on the page the link leads to, or name
the link for what it does: "Request a quote", "Talk to sales".

## References
- Nielsen Norman Group, "Pricing information is a top priority for users":
  https://www.nngroup.com/articles/show-price/
- Mathur et al., "Dark Patterns at Scale" (CSCW 2019): forced action and sneaking
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sitelint.gather.forms import Form
from sitelint.gather.page import Page
from sitelint.keywords import lexicon
from sitelint.models import Category, Scope, Severity
from sitelint.pricing import CHROME_REGIONS, price_amounts
from sitelint.rule import Hit, Rule, RuleContext, SiteExample
from sitelint.site_index import SiteIndex

RULE_ID = "SL204"
MAX_WORDS_BESIDE_FORM = 150
# Checked in this order; a field counts once, so "Company name" is a company.
_PERSONAL_DATA = (
    ("email", "pricing_field_email"),
    ("phone", "pricing_field_phone"),
    ("company", "pricing_field_company"),
    ("job title", "pricing_field_job_title"),
    ("name", "pricing_field_name"),
)
_INPUT_TYPES = {"email": "email", "tel": "phone"}
_AUTOCOMPLETE = {
    "email": "email",
    "tel": "phone",
    "tel-national": "phone",
    "organization": "company",
    "organization-title": "job title",
    "name": "name",
    "given-name": "name",
    "family-name": "name",
}
_WORD_JOINERS = re.compile(r"[_\-.\[\]]+|(?<=[a-z])(?=[A-Z])")


def personal_data_asked(form: Form) -> list[str]:
    """What personal data the form's fillable fields ask for, in field order."""
    vocab = lexicon()
    asked: list[str] = []
    for field in form.fillable_fields:
        category = _INPUT_TYPES.get(field.type) or _AUTOCOMPLETE.get(
            field.autocomplete.split(" ")[-1] if field.autocomplete else ""
        )
        if category is None and field.type in ("text", "textarea"):
            descriptor = _WORD_JOINERS.sub(" ", field.descriptor)
            category = next(
                (name for name, lst in _PERSONAL_DATA if vocab.phrases(lst).search(descriptor)),
                None,
            )
        if category and category not in asked:
            asked.append(category)
    return asked


def collect(page: Page, context: RuleContext) -> tuple[str, str] | None:
    """For a gated form page: (the form's selector, what it asks for); else None."""
    if price_amounts(page.main_text_segments):
        return None
    forms = [
        form
        for form in page.forms
        if form.region not in CHROME_REGIONS
        and not any(field.type == "password" for field in form.fields)
    ]
    if not forms:
        return None
    limit = int(context.options.get("max_words_beside_form", MAX_WORDS_BESIDE_FORM))
    main_words = sum(len(segment.text.split()) for segment in page.main_text_segments)
    form_words = sum(len(form.text.split()) for form in forms)
    if main_words - form_words > limit:
        return None
    for form in forms:
        asked = personal_data_asked(form)
        if asked:
            return form.selector, ", ".join(asked)
    return None


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    promise = lexicon().phrases("pricing_promise_link")
    # Most sites have no gated form page: then no link needs reading.
    gated_pages = {
        url_id
        for url_id, summary in index.summaries.items()
        if summary.facts.get(RULE_ID) and summary.ok
    }
    if not gated_pages:
        return
    for summary in index.html_pages():
        for link in summary.links:
            if link.target not in gated_pages:
                continue
            target = index.summaries[link.target]
            if target is summary or not promise.fullmatch(link.text):
                continue
            gated = target.facts[RULE_ID]
            form_selector, asked = gated
            yield Hit(
                f'The link "{link.text}" promises pricing but leads to a form asking for '
                f"{asked}, with no price.",
                evidence=f"{index.urls[link.target]}: the form {form_selector} asks for "
                f"{asked}; no price on the page",
                selector=link.selector,
                url=summary.url,
            )


_FORM_PAGE = (
    "<h1>Get our pricing</h1><p>Tell us about your team and we will send our rates.</p>"
    '<form action="/thanks/" method="post"><label for="n">Name</label><input id="n" name="name">'
    '<label for="e">Work email</label><input id="e" type="email" name="email">'
    '<label for="c">Company</label><input id="c" name="company">'
    '<label for="p">Phone</label><input id="p" type="tel" name="phone">'
    "<button>Send me pricing</button></form>"
)

RULE = Rule(
    id=RULE_ID,
    name="price-gated",
    category=Category.PRICING,
    severity=Severity.WARNING,
    scope=Scope.SITE,
    check=check,
    collect=collect,
    doc=__doc__ or "",
    defaults={"max_words_beside_form": MAX_WORDS_BESIDE_FORM},
    bad=(
        SiteExample(
            {
                "/": '<h1>Halvorsen Consulting</h1><a href="/get-pricing/">See pricing</a>',
                "/get-pricing/": _FORM_PAGE,
            }
        ),
    ),
    good=(
        SiteExample(
            {
                "/": '<h1>Halvorsen Consulting</h1><a href="/quote/">Request a quote</a>',
                "/quote/": _FORM_PAGE,
            },
            note="the link says what it does",
        ),
        SiteExample(
            {
                "/": '<h1>Halvorsen Consulting</h1><a href="/get-pricing/">See pricing</a>',
                "/get-pricing/": _FORM_PAGE.replace(
                    "Tell us about your team", "Reviews start at $2,400. Tell us about your team"
                ),
            },
            note="the page shows a price beside the form",
        ),
        SiteExample(
            {
                "/": '<h1>Loopdesk</h1><a href="/pricing/">Pricing</a>',
                "/pricing/": "<h1>Pricing</h1><p>Team: $19/month.</p>"
                '<form><label>Email <input type="email" name="email"></label>'
                "<button>Start trial</button></form>",
            },
            note="a trial form on a priced page",
        ),
    ),
)
