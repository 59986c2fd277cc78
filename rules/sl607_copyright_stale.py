"""The footer's copyright year is two or more years old.

## What it checks
On every HTML page, the visible text of the footer region (`<footer>`,
`role="contentinfo"`, or an element named footer): the year after a
copyright sign or word ("©", "(c)", "Copyright"; `hygiene_copyright_markers`
in sitelint/data/lang/en/hygiene.toml). A range counts by its last year
("© 2019–2026" is 2026). When that year is 2 or more years before the scan
year, the site gets one finding per stale notice, naming the pages that
show it. Years elsewhere on the page ("Founded in 2009", a policy date) are
not read.

## Why it matters
A visitor who sees "© 2021" in 2026 wonders whether anyone still runs the
site, whether the prices and stock are current, and whether an order will
be answered. It is a small thing that reads as neglect.

## How to fix
Update the year in the footer template (or generate it at build time), and
give ranges as "© 2012–2026".

## References
- Stanford Web Credibility Guidelines, "Update your site's content often"
- Fogg et al., "What Makes Web Sites Credible?" (CHI 2001): being out of date lowers credibility
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from sitelint.gather.page import Page
from sitelint.keywords import lexicon
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, Rule, RuleContext, SiteExample
from sitelint.site_index import SiteIndex

RULE_ID = "SL607"
# A year, with an optional range end ("2019–2026", "2018-21"); not a digit
# group inside a phone or order number ("0117 2019 555").
_YEAR = re.compile(
    r"(?<!\d)(?<!\d\s)((?:19|20)\d{2})(?:\s*[-–—]\s*((?:19|20)?\d{2}))?(?!\d)(?!\s?\d)"
)
_WINDOW = 60  # characters after the marker in which its year(s) stand
_NOTICE_END = re.compile(r"[|·•\n]")
_PAGES_NAMED = 5

Notice = tuple[int, str]  # (year, the footer text around it)


@cache
def _markers() -> re.Pattern[str]:
    markers = sorted(set(lexicon().phrase_lists.get("hygiene_copyright_markers", ())), key=len)
    alternatives = "|".join(re.escape(m) for m in reversed(markers))
    return re.compile(rf"(?:{alternatives})", re.I)


def copyright_year(text: str, latest_plausible: int) -> int | None:
    """The last year of the first copyright notice in the text ("© 2019–2026" -> 2026)."""
    for marker in _markers().finditer(text):
        window = text[marker.end() : marker.end() + _WINDOW]
        window = _NOTICE_END.split(window, maxsplit=1)[0]
        years = []
        for start, end in _YEAR.findall(window):
            years.append(int(start))
            if end:
                years.append(int(end) if len(end) == 4 else int(start[:2] + end))
        years = [year for year in years if 1990 <= year <= latest_plausible]
        if years:
            return max(years)
    return None


def collect(page: Page, context: RuleContext) -> Notice | None:
    """The footer's copyright year and the text that gives it."""
    latest = context.scan_date.year + 1
    for segment in page.visible_text_segments:
        if segment.region != "footer":
            continue
        year = copyright_year(segment.text, latest)
        if year is not None:
            return year, segment.text[:160]
    return None


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    min_years = int(context.options["min_years_behind"])
    stale: dict[tuple[int, str], list[str]] = {}
    for summary in index.html_pages():
        notice = summary.facts.get(RULE_ID)
        if notice is None:
            continue
        year, text = notice
        if context.scan_date.year - year >= min_years:
            stale.setdefault((year, text), []).append(summary.url)
    for (year, text), pages in sorted(stale.items()):
        shown = ", ".join(pages[:_PAGES_NAMED])
        more = f" and {len(pages) - _PAGES_NAMED} more" if len(pages) > _PAGES_NAMED else ""
        yield Hit(
            f"The footer says © {year}, {context.scan_date.year - year} years before this scan.",
            evidence=f'footer text "{text}" on {len(pages)} page(s): {shown}{more}',
        )


RULE = Rule(
    id=RULE_ID,
    name="copyright-stale",
    category=Category.SECURITY,
    severity=Severity.INFO,
    scope=Scope.SITE,
    check=check,
    collect=collect,
    doc=__doc__ or "",
    defaults={"min_years_behind": 2},
    bad=(
        SiteExample(
            {
                "/": '<h1>Acme</h1><a href="/about/">About</a>'
                "<footer><p>© 2023 Acme Supply Co.</p></footer>",
                "/about/": "<h1>About</h1><footer><p>Copyright 2019-2024 Acme</p></footer>",
            }
        ),
    ),
    good=(
        SiteExample(
            {
                "/": "<h1>Acme</h1><p>Founded in 2009.</p>"
                "<footer><p>© 2012–2026 Acme Supply Co. All rights reserved.</p></footer>",
            },
            note="a range counts by its last year; the founding year is not a copyright",
        ),
        SiteExample(
            {"/": "<h1>Acme</h1><footer><p>© 2025 Acme Supply Co.</p></footer>"},
            note="one year behind is not stale",
        ),
        SiteExample(
            {"/": "<h1>Acme</h1><footer><p>Copyright policy</p><p>Since 2001</p></footer>"},
            note="no year after the copyright word",
        ),
    ),
)
