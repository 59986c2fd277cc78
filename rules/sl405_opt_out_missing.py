"""Neither the home page nor the privacy policy offers a way to opt out.

## What it checks
The home page and every page classified as a privacy policy: does any
visible text, link or button name an opt-out route, such as "Do Not Sell or
Share My Personal Information", "Your Privacy Choices", "opt out",
"unsubscribe", "manage preferences", "cookie settings", or their German,
French and Spanish equivalents (`privacy_opt_out` in
sitelint/data/lang/<code>/privacy.toml)? A negated mention ("you cannot opt
out") does not count. The site gets one finding when the home page and the
privacy policy were crawled and none of them has one; with no policy to read
(SL401 reports a missing one) there is no verdict. "We never sell your
data" is not a route: it tells a person nothing about how to stop
marketing or tracking.

## Why it matters
People trust a company that lets them leave. The CCPA requires a "Do Not
Sell or Share" link or the "Your Privacy Choices" icon on the home page of
businesses that sell or share data, and GDPR Article 21 gives every person
the right to object to direct marketing, which the policy must explain.

## How to fix
Explain in the privacy policy how to unsubscribe and how to change cookie
choices, and link a "Privacy choices" or "Cookie settings" control from the
footer of every page.

## References
- CCPA, Cal. Civ. Code 1798.135, and 11 CCR 7013, 7015 (opt-out links and icon)
- GDPR Article 21(2)-(4): https://gdpr-info.eu/art-21-gdpr/
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.classify.page_kind import is_home
from sitelint.gather.page import Page
from sitelint.keywords import lexicon
from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.negation import affirmed
from sitelint.rule import Hit, Rule, RuleContext, SiteExample
from sitelint.site_index import SiteIndex

RULE_ID = "SL405"
OptOut = tuple[str, str]  # (text around the route, selector); ("", "") when there is none


def collect(page: Page, context: RuleContext) -> OptOut | None:
    """On the home page and the privacy policy: the first opt-out route, or ("", "")."""
    if page.kind not in (PageKind.HOME, PageKind.PRIVACY) and not is_home(page.url):
        return None
    opt_out = lexicon().phrases("privacy_opt_out")
    candidates = [(segment.text, segment.selector) for segment in page.visible_text_segments]
    candidates += [(link.text, link.selector) for link in page.links if link.hidden_reason is None]
    for text, selector in candidates:
        if affirmed(opt_out, text) is not None:
            return text[:160], selector
    return "", ""


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    homes = [s for s in index.html_pages() if s.kind is PageKind.HOME or s.url in index.start_urls]
    policies = index.pages_of_kind(PageKind.PRIVACY)
    if not homes or not policies:
        return  # no policy read (missing: SL401; elsewhere or not crawled): no verdict
    looked_at = [s for s in homes + policies if s.facts.get(RULE_ID) is not None]
    if len(looked_at) < len(homes) + len(policies):
        return
    if any(s.facts[RULE_ID][0] for s in looked_at):
        return
    names = ", ".join(s.url for s in looked_at)
    yield Hit(
        "Neither the home page nor the privacy policy offers a way to opt out.",
        evidence=f"no opt-out, unsubscribe, privacy-choices or cookie-settings route on {names}",
    )


RULE = Rule(
    id=RULE_ID,
    name="opt-out-missing",
    category=Category.PRIVACY,
    severity=Severity.WARNING,
    scope=Scope.SITE,
    check=check,
    collect=collect,
    doc=__doc__ or "",
    bad=(
        SiteExample(
            {
                "/": '<h1>Acme</h1><footer><a href="/privacy/">Privacy policy</a></footer>',
                "/privacy/": "<h1>Privacy policy</h1><p>We never sell your data.</p>"
                "<p>You cannot opt out of service emails about your orders.</p>",
            }
        ),
    ),
    good=(
        SiteExample(
            {
                "/": '<h1>Acme</h1><footer><a href="/privacy/">Privacy policy</a>'
                '<a href="/privacy/#choices">Your Privacy Choices</a></footer>',
                "/privacy/": "<h1>Privacy policy</h1><p>We collect your email.</p>",
            }
        ),
        SiteExample(
            {
                "/": '<h1>Acme</h1><footer><a href="/privacy/">Privacy</a></footer>',
                "/privacy/": "<h1>Privacy policy</h1><h2>Newsletter</h2>"
                "<p>Every email has an unsubscribe link at the bottom.</p>",
            }
        ),
        SiteExample(
            {
                "/": '<html lang="de"><body><h1>Acme</h1>'
                '<a href="/datenschutz/">Datenschutz</a></body></html>',
                "/datenschutz/": '<html lang="de"><body><h1>Datenschutzerklärung</h1>'
                "<p>Sie können Ihre Einwilligung jederzeit widerrufen.</p></body></html>",
            }
        ),
        SiteExample(
            {"/": "<h1>Acme</h1><p>We make widgets.</p>"},
            note="no privacy policy to read: SL401 reports that, SL405 has no verdict",
        ),
    ),
)
