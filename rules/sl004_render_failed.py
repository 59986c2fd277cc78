"""The browser could not load the page; its static results are still reported.

## What it checks
The engine reports this itself in render mode: when Chromium cannot load or
read a page (a timeout, a crash, a navigation error), the page gets an SL004
finding with the reason, and the rules run on its static HTML instead. A
crashed browser is restarted for the next page.

## Why it matters
Render-only checks (consent banners, tracking before consent, computed
visibility) did not run on this page; the report must say so rather than
suggest the page passed them.

## How to fix
Open the page in a browser and check its console and network panel; raise
`[render] page_timeout` for slow staging servers.

## References
- https://playwright.dev/python/docs/api/class-page#page-goto
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.gather.page import Page
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, Rule, RuleContext


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    # Reported by the engine when rendering fails (see sitelint.engine); nothing to judge here.
    return iter(())


RULE = Rule(
    id="SL004",
    name="render-failed",
    category=Category.ENGINE,
    severity=Severity.WARNING,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    reported_by_engine=True,
)
