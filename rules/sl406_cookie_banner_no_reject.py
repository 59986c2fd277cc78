"""A cookie banner offers "accept" but no way to reject on its first layer.

## What it checks
Render mode: on first load, in a fresh browser context (a first-time
visitor), a cookie or consent banner is found (consent-platform markup, or a
fixed overlay or dialog with consent wording) that has an accept control but
no reject control ("Reject all", "Necessary only", "Ablehnen", ...) beside
it. Reported once per page showing the banner, with the banner's selector
and text and a screenshot.

## Why it matters
Under the GDPR and the ePrivacy Directive consent must be as easy to refuse
as to give. Regulators (CNIL, the EDPB cookie banner taskforce) treat a
first layer without "reject" as invalid consent; customers read it as being
pushed.

## How to fix
Put a "Reject all" button on the first layer, beside "Accept all", with the
same size and style.

## References
- EDPB, Report of the work undertaken by the Cookie Banner Taskforce (2023)
- CNIL, "Refuser les cookies doit être aussi simple que de les accepter"
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.gather.page import Page
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, PageExample, Rule, RuleContext

BANNER_WITHOUT_REJECT = """<html lang="en"><body><main><h1>Shop</h1></main>
<div id="cookie-banner" style="position:fixed;bottom:0;left:0;right:0;background:#eee;padding:1em">
<p>We use cookies to improve your experience and for personalised ads.</p>
<button>Accept all</button> <button>Cookie settings</button></div></body></html>"""
BANNER_WITH_REJECT = BANNER_WITHOUT_REJECT.replace(
    "<button>Cookie settings</button>", "<button>Reject all</button>"
)


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    banner = page.render.banner if page.render else None
    if banner is None or not banner.accept or banner.reject:
        return
    accept = banner.accept[0]
    yield Hit(
        f'The cookie banner offers "{accept.text}" but no way to reject on its first layer.',
        evidence=f"banner text: {banner.text[:200]}",
        selector=banner.selector,
    )


RULE = Rule(
    id="SL406",
    name="cookie-banner-no-reject",
    category=Category.PRIVACY,
    severity=Severity.ERROR,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    needs_render=True,
    bad=(PageExample(BANNER_WITHOUT_REJECT),),
    good=(PageExample(BANNER_WITH_REJECT), PageExample("<h1>No banner at all</h1>")),
)
