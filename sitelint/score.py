"""The trust score: 0-100, per site and per category.

Each rule that fires counts once, by its worst severity, however many pages
it fires on: a footer problem on 500 pages is one problem to fix, not 500.
Each keeps a share of the score: an error 85%, a warning 95%, an info 99%,
so the score falls quickly with the first serious problems and still tells a
site with five errors from one with fifteen. A category's score uses the
same weights over that category's rules only. 100 means nothing found.
"""

from __future__ import annotations

from collections.abc import Iterable

from sitelint.models import Category, Finding, Severity

KEPT = {Severity.ERROR: 0.85, Severity.WARNING: 0.95, Severity.INFO: 0.99}


def _score(findings: Iterable[Finding]) -> int:
    worst: dict[str, Severity] = {}
    for finding in findings:
        current = worst.get(finding.rule)
        if current is None or finding.severity.rank > current.rank:
            worst[finding.rule] = finding.severity
    score = 100.0
    for severity in worst.values():
        score *= KEPT[severity]
    return round(score)


def trust_score(findings: list[Finding]) -> int:
    return _score(f for f in findings if f.category is not Category.ENGINE)


def category_scores(findings: list[Finding]) -> dict[str, int]:
    return {
        category.value: _score(f for f in findings if f.category is category)
        for category in Category
        if category is not Category.ENGINE
    }
