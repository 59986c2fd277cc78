"""A form that asks for a password or personal data is on an http page or submits over http.

## What it checks
Every form with a visible password field or personal-data field (email,
phone, name, postal address, card details, date of birth, national id, ...):
is the page itself served over http, or does the form's action URL use
http? One finding per form, with the fields and the URL in the evidence.
This is a transport rule: loopback, `localhost` and private-network hosts
are local staging and are skipped unless `[rules] check_transport_on_local
= true`.

## Why it matters
Over http, what a person types can be read and changed by anyone on the
network path: a café's Wi-Fi, a compromised router. Browsers warn "Not
secure" in the field itself as the person starts typing a password or card
number, which is the worst moment to lose their trust.

## How to fix
Serve the page over https and point the form's `action` at an https URL
(or a relative one), and redirect http to https everywhere (SL601).

## References
- https://developer.mozilla.org/en-US/docs/Web/Security/Insecure_passwords
- OWASP ASVS V9.1 (communications security)
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from sitelint.classify.forms import personal_fields
from sitelint.gather.page import Page
from sitelint.hosts import is_local_url
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, PageExample, Rule, RuleContext


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    def judged(url: str) -> bool:
        return context.check_transport_on_local or not is_local_url(url)

    for form in page.forms:
        personal = personal_fields(form)
        if not personal:
            continue
        try:
            action_scheme = urlsplit(form.action).scheme.lower()
        except ValueError:
            action_scheme = ""
        on_http_page = page.scheme == "http" and judged(page.url)
        posts_over_http = action_scheme == "http" and judged(form.action)
        if not (on_http_page or posts_over_http):
            continue
        asks = ", ".join(
            f'{" / ".join(sorted(t.value for t in topics))} ("{field.label or field.name}")'
            for field, topics in personal[:4]
        )
        where = (
            "is on an http page"
            if on_http_page and not posts_over_http
            else "submits over http"
            if posts_over_http and not on_http_page
            else "is on an http page and submits over http"
        )
        yield Hit(
            f"A form that asks for personal data {where}.",
            evidence=f"page {page.url}; form action {form.method.upper()} {form.action}; "
            f"asks for {asks}",
            selector=form.selector,
        )


RULE = Rule(
    id="SL306",
    name="form-insecure",
    category=Category.FORMS,
    severity=Severity.ERROR,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    bad=(
        PageExample(
            """<form action="/login" method="post">
              <label>Email <input type="email" name="email"></label>
              <label>Password <input type="password" name="password"></label>
              <button>Sign in</button>
            </form>""",
            url="http://www.example.com/login",
            note="a login form on an http page",
        ),
        PageExample(
            """<form action="http://crm.example.net/collect" method="post">
              <label>Name <input name="name"></label>
              <label>Email <input type="email" name="email"></label>
              <button>Request a demo</button>
            </form>""",
            note="an https page whose form posts to http",
        ),
    ),
    good=(
        PageExample(
            """<form action="/login" method="post">
              <label>Email <input type="email" name="email"></label>
              <label>Password <input type="password" name="password"></label>
              <button>Sign in</button>
            </form>""",
            note="https page, relative action",
        ),
        PageExample(
            """<form action="http://www.example.com/search" role="search">
              <label>Search <input type="search" name="q"></label>
            </form>""",
            note="a search box is not personal data",
        ),
        PageExample(
            """<form action="/login" method="post">
              <label>Email <input type="email" name="email"></label>
              <label>Password <input type="password" name="password"></label>
            </form>""",
            url="http://127.0.0.1:8000/login",
            note="local staging over http: quiet unless check_transport_on_local",
        ),
    ),
)
