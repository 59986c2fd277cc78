"""A rule raised an error; the run went on without it for this page.

## What it checks
The engine reports this itself: when a rule's check raises, the error
becomes an SL002 finding on the page (or site) being checked, naming the rule
and the exception, and every other rule still runs.

## Why it matters
A crashing rule must neither stop the crawl nor pass silently: a missing
finding would look like a clean bill of health.

## How to fix
This is a bug in the rule (or a page it did not expect). Report it with the
page URL and the evidence; `sitelint check URL --select <rule id>` reproduces
it on that page alone.

## References
- https://github.com/sitelint/sitelint/issues
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, Rule, RuleContext
from sitelint.site_index import SiteIndex


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    # Reported by the engine as rules crash (see sitelint.engine); nothing to judge here.
    return iter(())


RULE = Rule(
    id="SL002",
    name="rule-crashed",
    category=Category.ENGINE,
    severity=Severity.ERROR,
    scope=Scope.SITE,
    check=check,
    doc=__doc__ or "",
    reported_by_engine=True,
)
