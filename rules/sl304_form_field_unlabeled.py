"""A visible form field has no label.

## What it checks
Every visible, enabled field a person fills in (text-like inputs, selects,
textareas, checkboxes, radios) in every form: does it have an accessible
name, from a `<label for>`, a wrapping `<label>`, `aria-label`,
`aria-labelledby` or `title`? A placeholder alone does not count: it
disappears as soon as one types, and many screen readers do not announce it.
Hidden inputs, buttons and honeypots are not fields. Each unlabelled field
is one finding, on the field; a radio group with unlabelled options is one
finding, on its first option.

## Why it matters
Without a label, a screen-reader user hears only "edit text", everyone
loses the prompt once they start typing, and speech-input users cannot name
the field. It is also the most common form failure in accessibility audits.

## How to fix
Give each field a visible `<label for="...">`. Where the design has no room
for one (a lone search box), use `aria-label`, and keep the placeholder for
an example value only.

## References
- WCAG 2.2 Success Criteria 1.3.1, 3.3.2 and 4.1.2: https://www.w3.org/WAI/tutorials/forms/labels/
- WebAIM Million report (missing form labels among the most common errors)
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.gather.page import Page
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, PageExample, Rule, RuleContext


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    for form in page.forms:
        reported: set[str] = set()
        for field in form.fillable_fields:
            # One finding per radio group (or same-named checkboxes), not per option.
            if field.label or field.group_key in reported:
                continue
            reported.add(field.group_key)
            kind = f' type="{field.type}"' if field.tag == "input" else ""
            described = f'<{field.tag}{kind} name="{field.name}"'
            if field.placeholder:
                described += f' placeholder="{field.placeholder}"'
            described += ">"
            what = f'placeholder "{field.placeholder}" only' if field.placeholder else "no label"
            yield Hit(
                f"A form field has no label ({what}).",
                evidence=f"{described} has no <label>, aria-label, aria-labelledby or title",
                selector=field.selector,
            )


RULE = Rule(
    id="SL304",
    name="form-field-unlabeled",
    category=Category.FORMS,
    severity=Severity.WARNING,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    bad=(
        PageExample(
            """<form action="/subscribe" method="post">
              <input type="email" name="email" placeholder="Your email">
              <button>Subscribe</button>
            </form>""",
            note="a placeholder alone is no label",
        ),
        PageExample(
            """<form action="/contact" method="post">
              <label for="name">Name</label><input id="name" name="name">
              <textarea name="message"></textarea>
              <button>Send</button>
            </form>""",
        ),
    ),
    good=(
        PageExample(
            """<form action="/search" role="search">
              <input type="search" name="q" aria-label="Search articles" placeholder="e.g. tents">
              <button>Search</button>
            </form>""",
        ),
        PageExample(
            """<form action="/contact" method="post">
              <label>Name <input name="name"></label>
              <span id="m-label">Your message</span>
              <textarea name="message" aria-labelledby="m-label"></textarea>
              <input type="hidden" name="csrf" value="x1">
              <input type="text" name="website" tabindex="-1"
                     style="position:absolute;left:-9999px">
              <input type="submit" value="Send">
            </form>""",
            note="hidden input, honeypot and submit button are not fields",
        ),
    ),
)
