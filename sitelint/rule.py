"""What a rule is: its metadata, its check function, its docs and examples.

A rule module holds one rule: a docstring in fixed sections (What it checks /
Why it matters / How to fix / References), a pure ``check`` function of a
Page (page scope) or a SiteIndex (site scope), and ``bad``/``good`` examples
that the generic rule test runs. Third-party packs use exactly this API.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sitelint.gather.page import Page
from sitelint.models import Category, Scope, Severity
from sitelint.site_index import PageSummary, SiteIndex

DOC_SECTIONS = ("What it checks", "Why it matters", "How to fix", "References")
RULE_ID = re.compile(r"^[A-Z]{2,5}\d{3}$")
RULE_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Hit:
    """What a rule reports; the engine turns it into a Finding."""

    message: str
    evidence: str = ""
    selector: str | None = None
    url: str | None = None  # defaults to the page's URL (page rules) or the start URL (site rules)
    severity: Severity | None = None  # overrides the rule's severity for this hit


@dataclass(frozen=True)
class RuleContext:
    """What a rule may know besides the page: its options and the run's facts."""

    options: Mapping[str, Any] = field(default_factory=dict)
    scan_date: date = field(default_factory=date.today)
    check_transport_on_local: bool = False
    rendered: bool = False


@dataclass(frozen=True)
class PageExample:
    html: str
    url: str = "https://www.example.com/"
    note: str = ""


@dataclass(frozen=True)
class SiteExample:
    """A small site: path -> HTML.

    A path missing from it answers 404; a value "!503" answers that status;
    HTML without an <html> element is wrapped in a minimal English document.
    """

    pages: Mapping[str, str]
    start: str = "https://www.example.com/"
    note: str = ""


Example = PageExample | SiteExample
PageCheck = Callable[[Page, RuleContext], Iterable[Hit]]
SiteCheck = Callable[[SiteIndex, RuleContext], Iterable[Hit]]
Collect = Callable[[Page, RuleContext], Any]


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    category: Category
    severity: Severity
    scope: Scope
    check: Callable[..., Iterable[Hit]]
    doc: str
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    needs_render: bool = False
    # Site rules may collect a small value from each page as it streams past;
    # it is kept in PageSummary.facts[rule id] for check() to read.
    collect: Collect | None = None
    # Engine rules (SL002) are reported by the engine itself, not by check().
    reported_by_engine: bool = False
    defaults: Mapping[str, Any] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        """The first line of the docstring."""
        return self.doc.strip().splitlines()[0] if self.doc.strip() else ""

    def missing_doc_sections(self) -> list[str]:
        return [s for s in DOC_SECTIONS if not re.search(rf"^#*\s*{s}\s*$", self.doc, re.M)]


def page_facts(summary: PageSummary, rule_id: str) -> Any:
    return summary.facts.get(rule_id)
