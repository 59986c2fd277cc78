"""Measure the dark-pattern rules (SL701-SL708) on labelled text segments.

Usage: .venv/bin/python eval/darkpatterns.py [--path FILE] [--errors N] [--quiet]

Each segment of the file (tab-separated: page_id, text, label, Pattern
Category; the yamanalab/ec-darkpattern format, see its README) goes through
the public API, ``sitelint.check_html``, as the only text of a minimal page
(``<p>`` + the HTML-escaped text) with ``select=["SL70"]`` (and SL002, so a
crashing rule stops the run instead of counting as a detection). A segment
is "detected" when any SL70x rule reports it.

Per category, a segment counts for the rules mapped to that category (the
dataset's categories are Mathur et al.'s):

    Urgency        SL701 countdown-timer, SL702 limited-time-pressure
    Scarcity       SL703 low-stock-claim, SL704 high-demand-claim
    Social Proof   SL705 activity-notification, SL704 high-demand-claim
    Misdirection   SL706 confirmshaming, SL708 trick-question
    Sneaking       SL707 sneak-into-basket (form controls only: never fires on text)
    Obstruction, Forced Action: no SL70x rule (hard-to-cancel is SL504)

SL704 belongs to two categories because Mathur et al. file "in high demand"
under scarcity and viewer or cart counts ("12 people are viewing this")
under social proof (activity messages). For a category C: recall is the share
of C's segments that one of C's rules reports; precision is the share of the
segments C's rules report that are dark patterns of a category the reporting
rules cover (a SL704 hit on a Scarcity segment is right for both Scarcity and
Social Proof, a SL702 hit on a Scarcity segment is wrong for Urgency).

Overall figures count any SL70x finding as "dark pattern". The file's rows
are for measuring only: they are not copied into the project.
"""

from __future__ import annotations

import argparse
import csv
import html
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import sitelint
from sitelint.registry import load_registry

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PATH = REPO.parent / "shared" / "data" / "darkpatterns" / "dev.tsv"
URL = "https://shop.example.com/products/item"
NOT_DARK = "Not Dark Pattern"
CRASH_RULE = "SL002"

RULE_CATEGORIES: dict[str, frozenset[str]] = {
    "SL701": frozenset({"Urgency"}),
    "SL702": frozenset({"Urgency"}),
    "SL703": frozenset({"Scarcity"}),
    "SL704": frozenset({"Scarcity", "Social Proof"}),
    "SL705": frozenset({"Social Proof"}),
    "SL706": frozenset({"Misdirection"}),
    "SL707": frozenset({"Sneaking"}),
    "SL708": frozenset({"Misdirection"}),
}
CATEGORIES = (
    "Urgency",
    "Scarcity",
    "Social Proof",
    "Misdirection",
    "Sneaking",
    "Obstruction",
    "Forced Action",
)


@dataclass
class Row:
    text: str
    dark: bool
    category: str
    rules: frozenset[str] = frozenset()
    phrases: tuple[str, ...] = ()


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    support: int = 0

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else float("nan")

    @property
    def recall(self) -> float:
        return self.true_positives / self.support if self.support else float("nan")

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r and p == p and r == r else float("nan")


@dataclass
class Report:
    overall: Score = field(default_factory=Score)
    categories: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))


def read_rows(path: Path) -> list[Row]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        return [
            Row(
                text=record["text"],
                dark=record["label"].strip() == "1",
                category=(record["Pattern Category"] or NOT_DARK).strip(),
            )
            for record in reader
        ]


def page_for(text: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><title>Product</title></head>'
        f"<body><p>{html.escape(text)}</p></body></html>"
    )


class RuleCrashed(Exception):
    """A rule raised on a segment: the figures would be meaningless."""


def run_rules(rows: list[Row]) -> None:
    registry = load_registry()
    for row in rows:
        # SL002 too, so that a crashing rule is reported as a crash, not as a detection.
        findings = sitelint.check_html(
            page_for(row.text), url=URL, select=["SL70", CRASH_RULE], registry=registry
        )
        crashed = [f for f in findings if f.rule == CRASH_RULE]
        if crashed:
            raise RuleCrashed(f"{crashed[0].message} on {row.text[:80]!r}")
        row.rules = frozenset(f.rule for f in findings)
        row.phrases = tuple(f"{f.rule}: {f.message}" for f in findings)


def score(rows: list[Row]) -> Report:
    report = Report()
    for row in rows:
        detected = bool(row.rules)
        overall = report.overall
        overall.support += row.dark
        if detected and row.dark:
            overall.true_positives += 1
        elif detected:
            overall.false_positives += 1
        elif row.dark:
            overall.false_negatives += 1
        for category in CATEGORIES:
            cat_score = report.categories[category]
            firing = {rule for rule in row.rules if category in RULE_CATEGORIES.get(rule, ())}
            covered = frozenset().union(*(RULE_CATEGORIES.get(r, frozenset()) for r in firing))
            if row.category == category:
                cat_score.support += 1
                if firing:
                    cat_score.true_positives += 1
                else:
                    cat_score.false_negatives += 1
            elif firing and row.category not in covered:
                cat_score.false_positives += 1
            # else: the right kind for a shared rule (SL704 on Social Proof, counted
            # for Scarcity): neither a hit nor a miss of this category.
    return report


def _figure(value: float) -> str:
    return "  n/a" if value != value else f"{value:5.3f}"


def print_report(report: Report, rows: list[Row], errors: int, elapsed: float) -> None:
    overall = report.overall
    negatives = sum(not row.dark for row in rows)
    print(
        f"{len(rows)} segments ({overall.support} dark patterns, {negatives} not), {elapsed:.1f}s"
    )
    print()
    print(f"{'':14} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}  rules")
    print(
        f"{'overall':14} {_figure(overall.precision):>9} {_figure(overall.recall):>7} "
        f"{_figure(overall.f1):>6} {overall.support:>8}  any SL70x"
    )
    for category in CATEGORIES:
        cat = report.categories[category]
        rules = ", ".join(r for r, cats in RULE_CATEGORIES.items() if category in cats) or "none"
        print(
            f"{category:14} {_figure(cat.precision):>9} {_figure(cat.recall):>7} "
            f"{_figure(cat.f1):>6} {cat.support:>8}  {rules}"
        )
    covered = [
        row
        for row in rows
        if row.category in ("Urgency", "Scarcity", "Social Proof", "Misdirection")
    ]
    hit = sum(bool(row.rules) for row in covered if row.dark)
    print()
    print(
        f"recall on the categories the text rules cover (Urgency, Scarcity, Social Proof, "
        f"Misdirection): {hit}/{len(covered)} = {hit / len(covered) if covered else 0:.3f}"
    )
    if errors == 0:
        return
    false_positives = [row for row in rows if row.rules and not row.dark]
    false_negatives = [row for row in rows if row.dark and not row.rules]
    sections = [
        ("false positives (reported, not a dark pattern)", false_positives),
        ("false negatives (a dark pattern, not reported)", false_negatives),
    ]
    for category in CATEGORIES:
        mapped = {r for r, cats in RULE_CATEGORIES.items() if category in cats}
        if not mapped:
            continue
        wrong = [
            row
            for row in rows
            if row.dark
            and row.category != category
            and any(r in mapped and row.category not in RULE_CATEGORIES[r] for r in row.rules)
        ]
        elsewhere = [
            row for row in rows if row.category == category and row.rules and not row.rules & mapped
        ]
        sections.append((f"{category} rules on a dark pattern of another category", wrong))
        sections.append((f"{category} segments reported only by other rules", elsewhere))
    for title, selected in sections:
        if not selected:
            continue
        print()
        print(f"== {title}: {len(selected)}")
        for row in selected[:errors]:
            detail = f"  <- {'; '.join(row.phrases)}" if row.phrases else ""
            print(f"  [{row.category}] {row.text[:160]!r}{detail[:200]}")
        if len(selected) > errors:
            print(f"  ... and {len(selected) - errors} more (--errors N to show more)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--path", type=Path, default=DEFAULT_PATH, help=f"the TSV file (default: {DEFAULT_PATH})"
    )
    parser.add_argument(
        "--errors", type=int, default=10_000, help="misclassified segments to list per kind"
    )
    parser.add_argument(
        "--quiet", action="store_true", help="figures only, no misclassified segments"
    )
    args = parser.parse_args(argv)
    path: Path = args.path
    if not path.is_file():
        print(
            f"eval/darkpatterns.py: no labelled segments at {path}.\n"
            "It expects the development half of the ec-darkpattern dataset "
            "(../shared/data/darkpatterns/dev.tsv beside the repository); pass --path FILE "
            "to use another copy.",
            file=sys.stderr,
        )
        return 2
    rows = read_rows(path)
    started = time.perf_counter()
    try:
        run_rules(rows)
    except RuleCrashed as error:
        print(f"eval/darkpatterns.py: {error}", file=sys.stderr)
        return 3
    elapsed = time.perf_counter() - started
    print_report(score(rows), rows, 0 if args.quiet else args.errors, elapsed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
