"""The trust score: 0-100, per site and per category.

Each rule that fires costs points once, by its worst severity (error 15,
warning 5, info 1), however many pages it fires on: a footer problem on 500
pages is one problem to fix, not 500. A category's score uses the same
weights over that category's rules only. 100 means nothing found.
"""

from __future__ import annotations

from collections.abc import Iterable

from sitelint.models import Category, Finding, Severity

WEIGHTS = {Severity.ERROR: 15, Severity.WARNING: 5, Severity.INFO: 1}


def _score(findings: Iterable[Finding]) -> int:
    worst: dict[str, Severity] = {}
    for finding in findings:
        current = worst.get(finding.rule)
        if current is None or finding.severity.rank > current.rank:
            worst[finding.rule] = finding.severity
    return max(0, 100 - sum(WEIGHTS[severity] for severity in worst.values()))


def trust_score(findings: list[Finding]) -> int:
    return _score(f for f in findings if f.category is not Category.ENGINE)


def category_scores(findings: list[Finding]) -> dict[str, int]:
    return {
        category.value: _score(f for f in findings if f.category is category)
        for category in Category
        if category is not Category.ENGINE
    }
