"""The Markdown summary, rendered with a CommonMark + tables parser (markdown-it-py, via rich)."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from test_report_formats import (
    HOSTILE,
    demo_report,
    empty_report,
    finding,
    hostile_report,
    make_report,
)

from sitelint.models import Severity
from sitelint.report.formats import ReportOptions
from sitelint.report.markdown import MAX_CHARS, md_code, md_text, to_markdown

# Raw HTML passes through, as it does on GitHub (before its sanitiser): escaping is on us.
MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table")


def render(text: str) -> str:
    return MARKDOWN.render(text)


def table_rows(html: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    return [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S) for row in rows]


def test_summary_has_score_counts_rules_and_top_problems() -> None:
    report = demo_report()
    text = to_markdown(report, ReportOptions())
    assert f"**Trust score {report.summary.score}/100**" in text
    assert "Gate ❌ **failed** (`--fail-on error`)" in text
    html = render(text)
    for rule_id, count in report.summary.by_rule.items():
        row = re.search(rf"<tr>\s*<td>{rule_id}</td>(.*?)</tr>", html, re.S)
        assert row and table_rows(row.group(0))[0][3] == str(count), rule_id
    for category, score in report.summary.category_scores.items():
        assert f'<td>{category}</td>\n<td style="text-align:right">{score}</td>' in html
    assert "### Top problems" in text
    # The footer link problem on every product page is one row with its page count.
    assert re.search(r"\+4 more \| 5 \|", text)


def test_gate_passes_when_nothing_reaches_fail_on() -> None:
    report = make_report([finding(severity=Severity.WARNING)])
    assert "Gate ✅ **passed**" in to_markdown(report, ReportOptions(fail_on="error"))
    assert "Gate ❌ **failed**" in to_markdown(report, ReportOptions(fail_on="warning"))
    assert "Gate: off" in to_markdown(report, ReportOptions(fail_on="never"))


def test_no_findings() -> None:
    text = to_markdown(empty_report(), ReportOptions())
    assert "No findings." in text
    assert "**Trust score 100/100**" in text


def test_new_since_the_baseline() -> None:
    old = finding("https://www.example.com/a", message="Old problem.")
    new = finding("https://www.example.com/b", message="New problem.", severity=Severity.ERROR)
    options = ReportOptions(baseline_fingerprints={old.fingerprint, "gone-since"})
    text = to_markdown(make_report([old, new]), options)
    section = text.split("### New since the baseline", 1)[1].split("###", 1)[0]
    assert (
        "1 new finding (1 problem), 1 already in the baseline; "
        "1 baseline entries no longer found." in section
    )
    assert "New problem." in section and "Old problem." not in section
    assert "Gate ❌ **failed** (`--fail-on error`): 1 new finding at or above error." in text
    only_old = to_markdown(make_report([old]), options)
    assert "Gate ✅ **passed**" in only_old


def test_crawled_text_stays_text_inside_its_cell() -> None:
    text = to_markdown(hostile_report(), ReportOptions())
    html = render(text)
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    # No mention or issue link outside code: GitHub would notify the whole team.
    outside_code = re.sub(r"<code>.*?</code>", "", html)
    assert "@all" in text.replace("\u2060", "")
    assert not re.search(r"(?<!\w)[@#]\w", outside_code)
    for row in table_rows(html):
        assert len(row) in (2, 3, 4, 5, 6)
    problems = [row for row in table_rows(html) if len(row) == 6]
    assert len(problems) == 3  # the header and two problems
    assert HOSTILE in html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')


def test_escapers() -> None:
    assert md_text("a|b") == "a\\|b"
    assert md_text("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert\\(1\\)&gt;"
    assert md_text("line\nbreak  and   spaces") == "line break and spaces"
    assert md_text("@octocat #12 *x* _y_") == "@\u2060octocat \\#\u206012 \\*x\\* \\_y\\_"
    assert md_text("mail sales@example.com") == "mail sales@example.com"
    assert md_text("x" * 500).endswith("…")
    assert md_code("a `b` c") == "``a `b` c``"
    assert md_code("`edge`") == "`` `edge` ``"
    assert md_code("a|b") == "`a\\|b`"
    html = render(f"| x |\n|---|\n| {md_code('a `b` | c')} |\n")
    assert "<code>a `b` | c</code>" in html


def test_the_summary_fits_a_pull_request_comment() -> None:
    long = "word " * 2_000
    findings = [
        finding(f"https://www.example.com/{i}/{long[:300]}", message=f"{i} {long}", selector=long)
        for i in range(200)
    ]
    options = ReportOptions(baseline_fingerprints=set())
    text = to_markdown(make_report(findings), options)
    assert len(text) <= MAX_CHARS < 65_536


def test_findings_marked_in_the_baseline_count_as_known() -> None:
    known = finding("https://www.example.com/a", severity=Severity.ERROR).model_copy(
        update={"in_baseline": True}
    )
    fresh = finding("https://www.example.com/b", message="Fresh.", severity=Severity.WARNING)
    text = to_markdown(make_report([known, fresh]), ReportOptions(fail_on="error"))
    assert "### New since the baseline" in text
    assert "1 new finding (1 problem), 1 already in the baseline." in text
    assert "Gate ✅ **passed**" in text
