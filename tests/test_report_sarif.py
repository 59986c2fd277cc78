"""SARIF: valid against the 2.1.0 schema, and shaped the way GitHub code scanning accepts."""

from __future__ import annotations

import gzip
import json
import re
import time
from functools import cache
from typing import Any

import jsonschema
import pytest
from conftest import SHARED, shared_path
from test_report_formats import demo_report, empty_report, finding, hostile_report, make_report

from sitelint.models import Category, Finding, Severity
from sitelint.registry import load_registry
from sitelint.report import Report
from sitelint.report.formats import ReportOptions
from sitelint.report.sarif import (
    FINGERPRINT_KEY,
    MAX_LOCATIONS,
    MAX_RESULTS,
    MAX_TAGS,
    artifact_path,
    page_path,
    to_sarif,
)

SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


SCHEMA = ("schemas", "sarif-schema-2.1.0.json")


@cache
def _validator(required: bool = False) -> jsonschema.protocols.Validator | None:
    """The SARIF 2.1.0 schema from ../shared/; without it, None (or a skip if required)."""
    if not required and not SHARED.joinpath(*SCHEMA).exists():
        return None
    schema = json.loads(shared_path(*SCHEMA).read_text("utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


def schema_errors(log: dict[str, Any], required: bool = False) -> list[str]:
    validator = _validator(required)
    if validator is None:
        return []
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    return [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def sarif(report: Report, options: ReportOptions | None = None, **kwargs: Any) -> dict[str, Any]:
    """The SARIF for the report, checked against GitHub's rules and the schema if present.

    Every test here validates what it writes when ../shared/ is there;
    test_every_kind_of_report_is_valid_against_the_schema says so when it is not.
    """
    text = to_sarif(report, options or ReportOptions(), load_registry().rules, **kwargs)
    log = json.loads(text)
    errors = schema_errors(log)
    assert not errors, "\n".join(errors)
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["partialFingerprints"][FINGERPRINT_KEY]
        assert 1 <= len(result["locations"]) <= MAX_LOCATIONS
        for location in result["locations"]:
            uri = location["physicalLocation"]["artifactLocation"]["uri"]
            assert uri and uri.strip() == uri
            assert not SCHEME.match(uri), uri
            assert "?" not in uri and "#" not in uri and not uri.startswith("/")
            assert ".." not in uri.split("/")
    return log


@pytest.mark.parametrize("kind", ["demo", "empty", "hostile", "incomplete"])
def test_every_kind_of_report_is_valid_against_the_schema(kind: str) -> None:
    report = {"demo": demo_report, "empty": empty_report, "hostile": hostile_report}.get(
        kind, lambda: make_report([finding()], complete=False)
    )()
    text = to_sarif(report, ReportOptions(), load_registry().rules)
    assert not schema_errors(json.loads(text), required=True)


def test_demo_run_is_valid_sarif_with_every_rule_described() -> None:
    log = sarif(demo_report())
    run = log["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert set(rules) >= {rule.id for rule in load_registry().rules}
    for rule in rules.values():
        assert rule["shortDescription"]["text"]
        assert len(rule["fullDescription"]["text"]) > len(rule["shortDescription"]["text"])
        assert rule["helpUri"].startswith("https://github.com/sitelint/sitelint/")
        assert rule["helpUri"].endswith(f"/docs/rules/{rule['id']}.md")
        assert len(rule["properties"]["tags"]) <= MAX_TAGS
    levels = {result["level"] for result in run["results"]}
    assert levels <= {"error", "warning", "note"}
    assert "error" in levels


def test_demo_run_results_locate_pages_by_host_and_path() -> None:
    report = demo_report()
    run = sarif(report)["runs"][0]
    assert sum(r["properties"]["pageCount"] for r in run["results"]) == len(
        {(f.rule, f.severity, f.selector, f.message, f.url) for f in report.findings}
    )
    port = report.pages[0].url.split(":")[2].split("/")[0]
    for result in run["results"]:
        first = result["locations"][0]
        url = first["properties"]["url"]
        assert url in result["message"]["text"]
        assert result["properties"]["url"] == url
        assert first["physicalLocation"]["artifactLocation"]["uri"].startswith(f"127.0.0.1_{port}")
    grouped = [r for r in run["results"] if r["properties"]["pageCount"] > 1]
    assert grouped, "the demo shop's broken footer links repeat on every product page"
    for result in grouped:
        assert len(result["locations"]) == result["properties"]["pageCount"]
        assert result["locations"][0]["logicalLocations"][0]["kind"] == "element"


def test_rule_ids_and_fingerprints_are_stable_across_runs_and_hosts() -> None:
    def results(host: str) -> list[tuple[str, str]]:
        report = make_report(
            [
                finding(f"https://{host}/pricing"),
                finding(f"https://{host}/a", selector="footer a", message=f"See https://{host}/x"),
                finding(f"https://{host}/b", selector="footer a", message=f"See https://{host}/x"),
            ]
        )
        run = sarif(report)["runs"][0]
        return sorted(
            (r["ruleId"], r["partialFingerprints"][FINGERPRINT_KEY]) for r in run["results"]
        )

    assert results("www.example.com") == results("staging.example.com:8443")


def test_a_single_page_result_carries_the_finding_fingerprint() -> None:
    one = finding()
    result = sarif(make_report([one]))["runs"][0]["results"][0]
    assert result["partialFingerprints"] == {FINGERPRINT_KEY: one.fingerprint}
    assert result["properties"]["fingerprints"] == [one.fingerprint]


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("https://www.example.com/pricing", "www.example.com/pricing"),
        ("https://www.example.com/pricing/?plan=pro#faq", "www.example.com/pricing"),
        ("http://localhost:3000/", "localhost_3000"),
        ("https://WWW.Example.com", "www.example.com"),
        ("http://[::1]:8080/a", "--1_8080/a"),
        ("https://bücher.de/straße", "xn--bcher-kva.de/stra%C3%9Fe"),
        ("https://www.example.com/a b/../../etc/./passwd", "www.example.com/a%20b/etc/passwd"),
        ("https://www.example.com//a//b", "www.example.com/a/b"),
        ("javascript:alert(1)", "unknown-host/alert(1)"),
        ("", "unknown-host"),
    ],
)
def test_page_path(url: str, path: str) -> None:
    assert page_path(url) == path


def test_path_map_points_alerts_at_the_users_templates() -> None:
    path_map = {"*/products/*": "templates/product.html", "/": "templates/home.html"}
    assert (
        artifact_path("https://shop.example/products/tent/", path_map) == "templates/product.html"
    )
    assert artifact_path("https://shop.example/", path_map) == "templates/home.html"
    assert artifact_path("https://shop.example/about/", path_map) == "shop.example/about"
    report = make_report([finding("https://shop.example/products/tent/")])
    options = ReportOptions(sarif_path_map={"*/products/*": "templates/product page.html"})
    location = sarif(report, options)["runs"][0]["results"][0]["locations"][0]
    assert (
        location["physicalLocation"]["artifactLocation"]["uri"] == "templates/product%20page.html"
    )
    assert location["properties"]["url"] == "https://shop.example/products/tent/"


def test_empty_report_is_valid_sarif_with_no_results() -> None:
    run = sarif(empty_report())["runs"][0]
    assert run["results"] == []
    assert run["tool"]["driver"]["rules"]


def test_hostile_content_and_an_incomplete_crawl_stay_valid() -> None:
    report = hostile_report()
    report.complete = False
    report.stopped_reason = "time limit reached"
    run = sarif(report)["runs"][0]
    notes = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert any("stopped early" in note for note in notes)


def test_baseline_marks_results_new_or_unchanged() -> None:
    old, new = (
        finding("https://www.example.com/a"),
        finding("https://www.example.com/b", rule="SL999"),
    )
    options = ReportOptions(baseline_fingerprints={old.fingerprint})
    states = {
        r["ruleId"]: r["baselineState"]
        for r in sarif(make_report([old, new]), options)["runs"][0]["results"]
    }
    assert states == {"SL203": "unchanged", "SL999": "new"}


def test_a_rule_not_installed_still_gets_a_descriptor() -> None:
    stranger = finding(rule="ACME101", name="acme-thing")
    run = sarif(make_report([stranger]))["runs"][0]
    descriptor = run["tool"]["driver"]["rules"][run["results"][0]["ruleIndex"]]
    assert descriptor["id"] == "ACME101"
    assert "helpUri" not in descriptor


def _many_findings(count: int, pages: int) -> list[Finding]:
    """Distinct problems fast: model_construct skips validation of known-good data."""
    severities = (Severity.ERROR, Severity.WARNING, Severity.INFO)
    return [
        Finding.model_construct(
            rule=f"SL{101 + i % 7}",
            name="synthetic-rule",
            severity=severities[i % 3],
            category=Category.CONTACT,
            url=f"https://www.example.com/page/{i % pages}",
            selector=f"main > p:nth-of-type({i})",
            message=f"Synthetic problem number {i}.",
            evidence=f"evidence {i}",
            fingerprint=f"{i:020x}",
        )
        for i in range(count)
    ]


def test_30000_findings_are_capped_at_25000_results_worst_first() -> None:
    report = make_report(_many_findings(30_000, 3_000), pages=[])
    started = time.perf_counter()
    text = to_sarif(report, ReportOptions(), load_registry().rules)
    elapsed = time.perf_counter() - started
    log = json.loads(text)
    run = log["runs"][0]
    assert len(run["results"]) == MAX_RESULTS
    levels = [r["level"] for r in run["results"]]
    assert levels.count("error") == 10_000 and levels.count("warning") == 10_000
    assert levels[-1] == "note"
    assert run["properties"]["sitelint"]["omittedResults"] == 5_000
    notes = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert any("5000 of 30000 results" in note for note in notes)
    assert len(gzip.compress(text.encode())) < 10_000_000
    assert elapsed < 20
    # Schema-check a sample: the full 25,000 results would take most of the test's time.
    run["results"] = run["results"][:200]
    errors = schema_errors(log)
    assert not errors, errors


def test_one_problem_on_1500_pages_keeps_1000_locations_and_says_so() -> None:
    urls = [f"https://www.example.com/p/{i:04d}" for i in range(1_500)]
    run = sarif(make_report([finding(url) for url in urls]))["runs"][0]
    (result,) = run["results"]
    assert len(result["locations"]) == MAX_LOCATIONS
    assert result["properties"]["pageCount"] == 1_500
    assert result["properties"]["omittedPages"] == 500
    assert "and 1499 more" in result["message"]["text"]
    assert run["properties"]["sitelint"]["omittedLocations"] == 500


def test_too_large_for_github_shrinks_locations_then_results() -> None:
    rules = load_registry().rules
    baseline_size = len(gzip.compress(to_sarif(empty_report(), ReportOptions(), rules).encode()))
    limit = baseline_size + 4_000
    urls = [f"https://www.example.com/p/{i:04d}" for i in range(300)]
    findings = [finding(url) for url in urls]
    findings += [finding(url, rule="SL999", message=f"Other {url}") for url in urls]
    log = sarif(make_report(findings), max_gzip_bytes=limit)
    run = log["runs"][0]
    facts = run["properties"]["sitelint"]
    assert facts["shrunkForSize"]
    assert facts["maxLocationsPerResult"] < MAX_LOCATIONS
    text = to_sarif(make_report(findings), ReportOptions(), rules, max_gzip_bytes=limit)
    assert len(gzip.compress(text.encode())) < limit
    notes = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert any("gzip-compressed" in note for note in notes)
