"""The checkout requires creating an account, with no guest checkout.

## What it checks
Pages classified as checkout: is there a visible password field (not marked
optional), while the page offers no way through without an account? A way
through is a guest option named anywhere on the page ("Continue as guest",
"Checkout as a guest", "No account needed", `forms_guest_checkout` in
sitelint/data/lang/<code>/forms.toml; a negated one such as "guest checkout
is not available" does not count), or a second checkout form on the page
that asks for no password. A sign-in form for returning customers beside a
guest form is fine.

## Why it matters
Forced account creation is one of the most common reasons shoppers abandon
a purchase: about a quarter of US shoppers who abandoned an order in
Baymard's surveys did so because the site wanted them to create an account.
A password asked for before paying also reads as the shop collecting more
than the order needs.

## How to fix
Offer guest checkout, and offer to create an account after the order, from
the details already given.

## References
- Baymard Institute, "Reasons for Cart Abandonment" and "Checkout Usability: Guest Checkout"
- Nielsen Norman Group, "Don't force users to register"
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.classify.forms import FormPurpose, classify_form
from sitelint.gather.page import Page
from sitelint.keywords import lexicon
from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.negation import affirmed
from sitelint.rule import Hit, PageExample, Rule, RuleContext


def guest_option(page: Page) -> str | None:
    """Text on the page that offers to check out without an account."""
    guest = lexicon().phrases("forms_guest_checkout")
    texts = [segment.text for segment in page.visible_text_segments]
    texts += [link.text for link in page.links if link.hidden_reason is None]
    for form in page.forms:
        texts += list(form.submit_texts)
        texts += [field.label for field in form.fillable_fields if field.label]
    for text in texts:
        match = affirmed(guest, text, before=3, after=3)
        if match:
            return text
    return None


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    if page.kind is not PageKind.CHECKOUT:
        return
    optional = lexicon().phrases("forms_optional_marker")
    required_passwords = []
    for form in page.forms:
        passwords = [
            field
            for field in form.fillable_fields
            if field.type == "password" and not optional.search(field.label or "")
        ]
        if not passwords:
            if classify_form(form, page.kind).purpose is FormPurpose.CHECKOUT:
                return  # a checkout form that needs no password: the guest path
            continue
        required_passwords.append((form, passwords[0]))
    if not required_passwords or guest_option(page):
        return
    # Report the password in the checkout form rather than a returning-customer sign-in.
    form, field = next(
        (
            (form, field)
            for form, field in required_passwords
            if classify_form(form, page.kind).purpose is not FormPurpose.LOGIN
        ),
        required_passwords[0],
    )
    yield Hit(
        "Checking out requires an account: the checkout asks for a password and offers no "
        "guest checkout.",
        evidence=f'password field "{field.label or field.name}" in the checkout form; no '
        '"continue as guest" or "no account needed" option anywhere on the page',
        selector=field.selector,
    )


RULE = Rule(
    id="SL308",
    name="checkout-forced-account",
    category=Category.FORMS,
    severity=Severity.INFO,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    bad=(
        PageExample(
            """<h1>Checkout</h1><p>Create your account to place your order.</p>
            <form action="/checkout" method="post">
              <label>Email <input type="email" name="email"></label>
              <label>Password <input type="password" name="password"></label>
              <label>Address <input name="address1"></label>
              <label>Card number <input name="card" autocomplete="cc-number"></label>
              <button>Place order</button>
            </form>""",
            url="https://shop.example.com/checkout/",
        ),
        PageExample(
            """<h1>Checkout</h1><p>Guest checkout is not available.</p>
            <form action="/checkout/account" method="post">
              <label>Email <input type="email" name="email"></label>
              <label>Choose a password <input type="password" name="password"></label>
              <button>Continue</button>
            </form>""",
            url="https://shop.example.com/checkout/",
            note="a negated guest option is no option",
        ),
    ),
    good=(
        PageExample(
            """<h1>Checkout</h1>
            <form action="/login" method="post"><h2>Returning customer</h2>
              <label>Email <input type="email" name="email"></label>
              <label>Password <input type="password" name="password"></label>
              <button>Sign in</button>
            </form>
            <form action="/checkout" method="post"><h2>New customer</h2>
              <label>Email <input type="email" name="email"></label>
              <label>Address <input name="address1"></label>
              <label>Postcode <input name="postcode"></label>
              <button>Continue to payment</button>
            </form>""",
            url="https://shop.example.com/checkout/",
            note="sign-in for returning customers beside a guest form",
        ),
        PageExample(
            """<h1>Checkout</h1>
            <form action="/checkout" method="post">
              <label>Email <input type="email" name="email"></label>
              <label>Password (optional, to save your details)
                <input type="password" name="password"></label>
              <button>Place order</button>
            </form>""",
            url="https://shop.example.com/checkout/",
            note="an optional password",
        ),
        PageExample(
            """<h1>Sign in</h1>
            <form action="/login" method="post">
              <label>Email <input type="email" name="email"></label>
              <label>Password <input type="password" name="password"></label>
              <button>Sign in</button>
            </form>""",
            url="https://shop.example.com/login/",
            note="a login page is not a checkout",
        ),
    ),
)
