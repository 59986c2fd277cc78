"""GitHub Actions workflow commands: one annotation per problem, escaped like the toolkit."""

from __future__ import annotations

import re
from urllib.parse import unquote

from test_report_formats import HOSTILE, demo_report, finding, hostile_report, make_report

from sitelint.models import Severity
from sitelint.report.formats import ReportOptions, group_by_template
from sitelint.report.github import escape_data, escape_property, to_github

COMMAND = re.compile(r"^::(error|warning|notice) file=([^,:]+),title=([^,:]+)::(.*)$")


def test_escaping_follows_the_actions_toolkit() -> None:
    assert escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_one_command_per_problem_with_its_level() -> None:
    report = demo_report()
    lines = to_github(report, ReportOptions()).splitlines()
    groups = group_by_template(report.findings)
    assert len(lines) == len(groups)
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    for line, group in zip(lines, groups, strict=True):
        match = COMMAND.match(line)
        assert match, line
        level, path, title, message = match.groups()
        assert level == levels[group.severity]
        assert "://" not in path and path
        assert unquote(title) == f"{group.rule} {group.name}"
        assert group.first.url in unquote(message)


def test_info_findings_are_notices_and_mapped_pages_name_the_template() -> None:
    report = make_report([finding("https://shop.example/products/a", severity=Severity.INFO)])
    options = ReportOptions(sarif_path_map={"*/products/*": "templates/product.html"})
    (line,) = to_github(report, options).splitlines()
    assert line.startswith("::notice file=templates/product.html,title=SL203 price-on-request::")


def test_crawled_text_cannot_break_out_of_its_command() -> None:
    text = to_github(hostile_report(), ReportOptions())
    # The runner splits on CR and LF only (not on U+2028 as str.splitlines does).
    lines = re.split(r"\r\n|\r|\n", text.rstrip("\n"))
    assert len(lines) == 2
    for line in lines:
        assert COMMAND.match(line), line
        assert "\r" not in line
        # The message's own "::error::" stays inside the data, after the command's "::".
        head = line.partition("::")[2].partition("::")[0]
        assert "::" not in head
    assert HOSTILE.split("|")[0] in unquote(text)
    assert "%0A::error::injected" in text


def test_a_clean_run_writes_nothing() -> None:
    assert to_github(make_report([]), ReportOptions()) == ""
