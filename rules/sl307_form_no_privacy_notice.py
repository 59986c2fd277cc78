"""A form that collects an email, phone number or name has no privacy notice beside it.

## What it checks
Every form with a visible email, phone or name field, except login and
search forms (a login asks again for what was collected at signup) and
forms of no known purpose whose only personal field is a name (a name to
engrave, a name for a gift tag): is there
a link to the privacy policy inside the form, or in its nearest enclosing
section (the closest `<section>`, `<article>`, `<aside>`, `<header>`,
`<footer>`, `<main>` or dialog around it, or the form's own container)? A
link names the policy by its text ("Privacy policy", "Datenschutz") or by
its target's path (`/privacy/`). The site-wide footer link does not count
for a form elsewhere on the page.

## Why it matters
The GDPR asks for the information to be given "at the time when personal
data are obtained". A short note with a link at the form ("We use your email
only to send the newsletter. Privacy policy") answers the question a person
asks just before pressing the button.

## How to fix
Add one sentence under the submit button saying what the data is used for,
with a link to the privacy policy.

## References
- GDPR Article 13(1): https://gdpr-info.eu/art-13-gdpr/
- ICO, "Right to be informed: what methods can we use to provide privacy information?"
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.classify import link_kind
from sitelint.classify.forms import FieldTopic, FormPurpose, classify_form, personal_fields
from sitelint.gather.page import Page
from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.rule import Hit, PageExample, Rule, RuleContext

EXEMPT = frozenset({FormPurpose.LOGIN, FormPurpose.SEARCH})
COLLECTED = frozenset({FieldTopic.EMAIL, FieldTopic.PHONE, FieldTopic.NAME})


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    for form in page.forms:
        collected = [
            (field, topics & COLLECTED)
            for field, topics in personal_fields(form)
            if topics & COLLECTED
        ]
        if not collected:
            continue
        purpose = classify_form(form, page.kind).purpose
        if purpose in EXEMPT:
            continue
        if purpose is FormPurpose.OTHER and all(
            topics == {FieldTopic.NAME} for _, topics in collected
        ):
            continue  # "Name to engrave", "Name on the gift tag": not a person's contact details
        if any(link_kind(text, href) is PageKind.PRIVACY for text, href in form.nearby_links):
            continue
        asks = ", ".join(
            f'{"/".join(sorted(t.value for t in topics))} ("{field.label or field.name}")'
            for field, topics in collected[:4]
        )
        yield Hit(
            f"This {purpose.value} form collects personal data with no privacy-policy link "
            "beside it.",
            evidence=f"asks for {asks}; no link to the privacy policy inside the form or its "
            f"nearest enclosing section ({len(form.nearby_links)} links there)",
            selector=form.selector,
        )


RULE = Rule(
    id="SL307",
    name="form-no-privacy-notice",
    category=Category.FORMS,
    severity=Severity.INFO,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    bad=(
        PageExample(
            """<main><section><h2>Stay in touch</h2>
              <form action="/subscribe" method="post">
                <label for="e">Email</label><input id="e" type="email" name="email">
                <button>Subscribe</button>
              </form></section></main>
            <footer><a href="/privacy/">Privacy policy</a></footer>""",
            note="the footer link is not beside the form",
        ),
    ),
    good=(
        PageExample(
            """<form action="/subscribe" method="post">
              <label for="e">Email</label><input id="e" type="email" name="email">
              <button>Subscribe</button>
              <p>We only use your address for the newsletter.
                 <a href="/privacy/">Privacy policy</a></p>
            </form>""",
        ),
        PageExample(
            """<section><h2>Write to us</h2>
              <form action="/contact" method="post">
                <label>Name <input name="name"></label>
                <label>Message <textarea name="message"></textarea></label>
                <button>Send</button>
              </form>
              <p>How we handle your message:
                 <a href="/legal/data-protection">data protection</a>.</p>
            </section>""",
            note="a link in the form's section, named by its text",
        ),
        PageExample(
            """<form action="/login" method="post">
              <label>Email <input type="email" name="email"></label>
              <label>Password <input type="password" name="password"></label>
              <button>Sign in</button>
            </form>""",
            note="login forms collect nothing new",
        ),
        PageExample(
            """<h1>Oak chopping board</h1><p>$45.00</p>
            <form action="/cart/add" method="post">
              <label>Name to engrave <input name="engraving_name" maxlength="20"></label>
              <label>Quantity <input type="number" name="quantity" value="1"></label>
              <button>Add to cart</button>
            </form>""",
            note="a name to engrave is not a person's contact details",
        ),
    ),
)
