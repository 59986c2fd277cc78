"""A newsletter, contact or lead form asks for sensitive personal data.

## What it checks
Newsletter, contact and lead forms (see SL301 for how a form's purpose is
read): does a visible field ask for a date of birth, gender, a national id
(social security number, tax id, passport number), income, marital status,
religion, ethnicity or health data? A field is recognised by its name, id,
autocomplete token (`bday`, `sex`) or label, in English, German, French and
Spanish. Each such field is one finding, on the field; a national id is an
error, the rest warnings. A radio group counts once, and the label of a
single checkbox ("I consent to ...") is a statement, not a question, so it
does not count.

## Why it matters
None of these are needed to send a newsletter or answer a question. Asking
for them is a data-minimisation failure under GDPR, several are special
categories (Article 9) that need explicit consent, and a national id is what
identity thieves need most: a breach of a marketing list holding them is a
serious incident.

## How to fix
Remove the field. If a later step truly needs it (a credit check, an
age-restricted product), ask for it there, explain why, and protect it.

## References
- GDPR Article 5(1)(c) data minimisation and Article 9 special categories: https://gdpr-info.eu/art-9-gdpr/
- FTC, "Protecting Personal Information: A Guide for Business"
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.classify.forms import FieldTopic, FormPurpose, classify_form, sensitive_topic
from sitelint.gather.page import Page
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, PageExample, Rule, RuleContext

CHECKED = frozenset({FormPurpose.NEWSLETTER, FormPurpose.CONTACT, FormPurpose.LEAD})


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    for form in page.forms:
        purpose = classify_form(form, page.kind)
        if purpose.purpose not in CHECKED:
            continue
        reported: set[str] = set()
        for field in form.fillable_fields:
            if field.group_key in reported:
                continue
            found = sensitive_topic(field)
            if found is None:
                continue
            reported.add(field.group_key)
            topic, words = found
            shown = field.label or field.placeholder or field.name
            yield Hit(
                f"This {purpose.purpose.value} form asks for {topic.value} "
                f'("{shown}"), which it does not need.',
                evidence=f'field {field.tag} name="{field.name}" label "{field.label}" '
                f'(matched "{words}"); a {purpose.purpose.value} form by {purpose.reason}',
                selector=field.selector,
                severity=Severity.ERROR if topic is FieldTopic.NATIONAL_ID else None,
            )


RULE = Rule(
    id="SL302",
    name="form-excessive-data",
    category=Category.FORMS,
    severity=Severity.WARNING,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    bad=(
        PageExample(
            """<form action="/subscribe" method="post" class="newsletter-signup">
              <label for="e">Email</label><input id="e" type="email" name="email">
              <label for="d">Date of birth</label><input id="d" type="date" name="dob">
              <button>Subscribe</button>
            </form>""",
            note="a newsletter asking for a date of birth",
        ),
        PageExample(
            """<form action="/quote" method="post">
              <label>Name <input name="name"></label>
              <label>Email <input type="email" name="email"></label>
              <label>Social Security Number <input name="ssn"></label>
              <button>Get a quote</button>
            </form>""",
            note="a lead form asking for an SSN (error)",
        ),
    ),
    good=(
        PageExample(
            """<form action="/signup" method="post">
              <label>Email <input type="email" name="email"></label>
              <label>Password
                <input type="password" name="password" autocomplete="new-password"></label>
              <label>Confirm password <input type="password" name="password2"></label>
              <label>Date of birth <input type="date" name="dob"></label>
              <button>Create account</button>
            </form>""",
            note="a signup form (age check) is not a newsletter, contact or lead form",
        ),
        PageExample(
            """<form action="/contact" method="post">
              <label>Name <input name="name"></label>
              <label>Email <input type="email" name="email"></label>
              <label>Message <textarea name="message"></textarea></label>
              <label><input type="checkbox" name="consent"> I agree that my health
              questions may be answered by email</label>
              <button>Send message</button>
            </form>""",
            note="a consent statement that mentions health is not a health field",
        ),
        PageExample(
            """<form class="newsletter" action="/subscribe" method="post">
              <label>Email <input type="email" name="email"></label>
              <label>Favourite tin size
                <select name="tin_size"><option>100 g</option></select></label>
              <button>Subscribe</button>
            </form>""",
            note="a tea tin is not a taxpayer identification number",
        ),
    ),
)
