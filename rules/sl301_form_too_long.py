"""A form asks for more fields than its purpose needs.

## What it checks
Every form except login and search forms: its purpose is classified
(newsletter, contact, lead, signup, checkout or other) from its fields, its
submit text, its id and heading, and the page kind, and its visible fields
are counted against the purpose's limit: newsletter 2, contact 6, lead 8,
signup 8, checkout 12, other 10. A field is a visible, enabled control a
person fills in; hidden inputs, buttons and honeypots (hidden, off-screen,
`tabindex="-1"`, `aria-hidden`) are not counted, and a radio group or a
group of checkboxes sharing one name counts once. A form of quantity boxes
only (a cart) is not a form a person fills in and is skipped.

## Why it matters
Every extra field costs completions: form-analytics studies find
abandonment climbs with each field a visitor did not expect, and a long
form for a small promise (a newsletter that wants a phone number) reads as
data collection rather than service.

## How to fix
Ask only for what the purpose needs now (an email address for a newsletter),
make the rest optional or ask for it later, and remove fields nobody reads.

## References
- Baymard Institute, "Checkout Usability" (average checkout has 11.3 fields; 7-8 suffice)
- GDPR Article 5(1)(c), data minimisation: https://gdpr-info.eu/art-5-gdpr/
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.classify.forms import FieldTopic, FormPurpose, classify_form, field_topics
from sitelint.gather.forms import Form
from sitelint.gather.page import Page
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, PageExample, Rule, RuleContext

EXEMPT = frozenset({FormPurpose.LOGIN, FormPurpose.SEARCH})


def field_list(form: Form) -> str:
    """The counted fields by label (or name), one entry per group."""
    seen: dict[str, str] = {}
    for field in form.fillable_fields:
        if field.group_key not in seen:
            name = field.label or field.placeholder or field.name or field.type
            if field.group_key != field.selector:
                # A group's options have their own labels; the group has its name.
                name = f"{field.name} ({field.type} group)"
            seen[field.group_key] = name
    return "; ".join(seen.values())


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    limits = context.options["limits"]
    for form in page.forms:
        fields = form.fillable_fields
        if not fields or all(FieldTopic.QUANTITY in field_topics(field) for field in fields):
            continue
        classification = classify_form(form, page.kind)
        if classification.purpose in EXEMPT:
            continue
        limit = int(limits.get(classification.purpose.value, limits["other"]))
        count = form.field_count
        if count > limit:
            yield Hit(
                f"This {classification.purpose.value} form asks for {count} fields; "
                f"{limit} is the most a {classification.purpose.value} form needs.",
                evidence=f"{count} fields: {field_list(form)} "
                f"(a {classification.purpose.value} form by {classification.reason})",
                selector=form.selector,
            )


RULE = Rule(
    id="SL301",
    name="form-too-long",
    category=Category.FORMS,
    severity=Severity.WARNING,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    defaults={
        "limits": {
            "newsletter": 2,
            "contact": 6,
            "lead": 8,
            "signup": 8,
            "checkout": 12,
            "other": 10,
        }
    },
    bad=(
        PageExample(
            """<section><h2>Our newsletter</h2>
            <form id="newsletter" action="/subscribe" method="post">
              <label for="n">Name</label><input id="n" name="name">
              <label for="e">Email</label><input id="e" type="email" name="email">
              <label for="p">Phone</label><input id="p" type="tel" name="phone">
              <button>Subscribe</button>
            </form></section>""",
            note="a newsletter asking for 3 fields",
        ),
        PageExample(
            """<form action="/demo" method="post">
              <label>First name <input name="first_name"></label>
              <label>Last name <input name="last_name"></label>
              <label>Work email <input type="email" name="email"></label>
              <label>Phone <input type="tel" name="phone"></label>
              <label>Company <input name="company"></label>
              <label>Job title <input name="title"></label>
              <label>Company size <select name="size"><option>1-10</option></select></label>
              <label>Country <select name="country"><option>France</option></select></label>
              <label>Industry <select name="industry"><option>Retail</option></select></label>
              <button type="submit">Request a demo</button>
            </form>""",
            note="a demo request with 9 fields (limit 8)",
        ),
    ),
    good=(
        PageExample(
            """<form class="newsletter" action="/subscribe" method="post">
              <label for="e">Email address</label>
              <input id="e" type="email" name="email">
              <input type="hidden" name="source" value="footer">
              <div style="position:absolute;left:-5000px" aria-hidden="true">
                <input type="text" name="b_4f3a" tabindex="-1" value="">
              </div>
              <label><input type="radio" name="freq" value="w"> Weekly</label>
              <label><input type="radio" name="freq" value="m"> Monthly</label>
              <button>Subscribe</button>
            </form>""",
            note="hidden input and honeypot not counted, radio group counts once: 2 fields",
        ),
        PageExample(
            """<form action="/login" method="post">
              <label>Email <input type="email" name="email"></label>
              <label>Password <input type="password" name="password"></label>
              <label><input type="checkbox" name="remember"> Remember me</label>
              <button>Sign in</button>
            </form>""",
            note="login forms are never flagged",
        ),
        PageExample(
            """<form action="/checkout" method="post">
              <label>Email <input type="email" name="email"></label>
              <label>Full name <input name="name"></label>
              <label>Address <input name="address1"></label>
              <label>Town <input name="town"></label>
              <label>Postcode <input name="postcode"></label>
              <label>Card number <input name="cc" autocomplete="cc-number"></label>
              <label>Expiry <input name="exp" autocomplete="cc-exp"></label>
              <label>CVC <input name="cvc" autocomplete="cc-csc"></label>
              <button>Pay now</button>
            </form>""",
            url="https://www.example.com/checkout/",
            note="8 fields for a checkout is within its 12",
        ),
    ),
)
