"""JUnit XML: read back with junitparser, the way CI systems read it."""

from __future__ import annotations

from junitparser import Error, Failure, JUnitXml, Skipped, TestCase, TestSuite
from test_report_formats import demo_report, finding, hostile_report, make_report

from sitelint.models import Category, Severity
from sitelint.registry import load_registry
from sitelint.report import Report
from sitelint.report.formats import ReportOptions
from sitelint.report.junit import to_junit


def parse(report: Report, fail_on: str = "error", with_rules: bool = True) -> dict[str, TestSuite]:
    rules = load_registry().rules if with_rules else ()
    text = to_junit(report, ReportOptions(fail_on=fail_on), rules)  # type: ignore[arg-type]
    xml = JUnitXml.fromstring(text.encode("utf-8"))
    return {suite.name: suite for suite in xml}


def outcome(case: TestCase) -> str:
    kinds = {type(result) for result in case.result}
    if Error in kinds:
        return "error"
    if Failure in kinds:
        return "failure"
    if Skipped in kinds:
        return "skipped"
    return "passed"


def test_one_suite_per_rule_and_one_case_per_page() -> None:
    report = demo_report()
    suites = parse(report)
    ran = {name.split()[0] for name in suites}
    assert {f.rule for f in report.findings} <= ran
    assert {rule.id for rule in load_registry().rules} >= ran
    for rule_id in {f.rule for f in report.findings}:
        (suite,) = [s for n, s in suites.items() if n.startswith(f"{rule_id} ")]
        pages = {f.url for f in report.findings if f.rule == rule_id}
        assert {case.name for case in suite} == pages
        assert all(case.classname.startswith("sitelint.") for case in suite)
        assert suite.tests == len(pages)


def test_only_findings_at_or_above_fail_on_fail() -> None:
    report = demo_report()
    errors = {f.rule for f in report.findings if f.severity is Severity.ERROR}
    warnings = {f.rule for f in report.findings if f.severity is Severity.WARNING}
    assert errors and warnings
    for fail_on, failing in (("error", errors), ("warning", errors | warnings), ("never", set())):
        suites = parse(report, fail_on)
        for name, suite in suites.items():
            outcomes = {outcome(case) for case in suite}
            if name.split()[0] in failing:
                assert outcomes == {"failure"}, (fail_on, name)
            else:
                assert outcomes <= {"passed", "skipped"}, (fail_on, name)
        failures = sum(suite.failures for suite in suites.values())
        expected = len({(f.rule, f.url) for f in report.findings if f.rule in failing})
        assert failures == expected


def test_findings_below_the_threshold_pass_with_their_text_in_system_out() -> None:
    warning = finding(severity=Severity.WARNING)
    suites = parse(make_report([warning]), "error", with_rules=False)
    (case,) = list(suites["SL203 price-on-request"])
    assert outcome(case) == "passed"
    assert warning.message in (case.system_out or "")
    assert warning.fingerprint in (case.system_out or "")


def test_a_failure_holds_every_finding_on_the_page() -> None:
    first = finding(severity=Severity.ERROR, message="First problem.")
    second = finding(severity=Severity.WARNING, selector="footer", message="Second problem.")
    (case,) = list(parse(make_report([first, second]), with_rules=False)["SL203 price-on-request"])
    (failure,) = case.result
    assert isinstance(failure, Failure)
    assert failure.message == "First problem. (+1 more on this page)"
    assert "First problem." in (failure.text or "") and "Second problem." in (failure.text or "")


def test_engine_findings_are_errors_and_skipped_rules_are_skipped() -> None:
    fetch_failed = finding(
        rule="SL001",
        name="fetch-failed",
        severity=Severity.ERROR,
        category=Category.ENGINE,
        message="The page could not be fetched (timeout).",
    )
    report = make_report(
        [fetch_failed], skipped_rules=[{"rule": "SL406", "reason": "needs rendering (--render)"}]
    )
    suites = parse(report)
    (case,) = list(suites["SL001 fetch-failed"])
    assert outcome(case) == "error"
    (skipped_suite,) = [s for n, s in suites.items() if n.startswith("SL406")]
    (skipped_case,) = list(skipped_suite)
    assert outcome(skipped_case) == "skipped"
    assert skipped_case.result[0].message == "needs rendering (--render)"
    clean = [s for n, s in suites.items() if n.startswith("SL101 ")]
    assert [outcome(case) for case in clean[0]] == ["passed"]


def test_control_characters_from_crawled_pages_keep_the_xml_parseable() -> None:
    suites = parse(hostile_report(), with_rules=False)
    cases = [case for suite in suites.values() for case in suite]
    assert cases
    texts = [result.text or "" for case in cases for result in case.result]
    assert any("<script>alert(1)</script>" in text for text in texts)
    assert not any("\x00" in text or "\x1b" in text for text in texts)


def test_findings_in_the_baseline_do_not_fail() -> None:
    known = finding(severity=Severity.ERROR).model_copy(update={"in_baseline": True})
    (case,) = list(parse(make_report([known]), with_rules=False)["SL203 price-on-request"])
    assert outcome(case) == "passed"
    assert "(in the baseline)" in (case.system_out or "")
    by_fingerprint = ReportOptions(baseline_fingerprints={known.fingerprint})
    plain = finding(severity=Severity.ERROR)
    xml = JUnitXml.fromstring(to_junit(make_report([plain]), by_fingerprint).encode())
    assert sum(suite.failures for suite in xml) == 0
