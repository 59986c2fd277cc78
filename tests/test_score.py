from __future__ import annotations

from sitelint.models import Category, Finding, Severity
from sitelint.score import category_scores, trust_score


def _finding(rule: str, severity: Severity, category: Category, url: str = "https://a/") -> Finding:
    return Finding(rule=rule, name="x", severity=severity, category=category, url=url, message="m")


def test_a_rule_counts_once_by_its_worst_severity() -> None:
    one_page = [_finding("SL402", Severity.WARNING, Category.PRIVACY)]
    many_pages = [
        _finding("SL402", Severity.WARNING, Category.PRIVACY, f"https://a/{i}") for i in range(500)
    ]
    assert trust_score(one_page) == trust_score(many_pages) == 95
    mixed = [*one_page, _finding("SL402", Severity.ERROR, Category.PRIVACY)]
    assert trust_score(mixed) == 85


def test_scores_fall_with_each_problem_and_never_below_zero() -> None:
    errors = [_finding(f"SL1{i:02d}", Severity.ERROR, Category.CONTACT) for i in range(30)]
    assert trust_score(errors[:5]) > trust_score(errors[:15]) > trust_score(errors) >= 0
    assert trust_score([]) == 100


def test_engine_findings_do_not_count_and_categories_are_separate() -> None:
    findings = [
        _finding("SL001", Severity.ERROR, Category.ENGINE),
        _finding("SL101", Severity.ERROR, Category.CONTACT),
    ]
    assert trust_score(findings) == 85
    scores = category_scores(findings)
    assert scores["contact"] == 85 and scores["privacy"] == 100 and "engine" not in scores
