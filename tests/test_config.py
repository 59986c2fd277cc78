"""Config files, per-rule settings, URL overrides, inline suppression, baselines, diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitelint.api import check_html
from sitelint.cli import main
from sitelint.config import RuleSettings

SCAN = ["--scan-date", "2026-11-01", "--timeout", "5", "--render", "never"]


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _report(path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(path.read_text())


def test_init_writes_a_starter_that_loads(in_tmp: Path, serve) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, ["init"])
    assert result.exit_code == 0
    assert (in_tmp / "sitelint.toml").read_text().startswith("# sitelint configuration")
    again = CliRunner().invoke(main, ["init"])
    assert again.exit_code == 2 and "exists" in again.output
    server = serve("clean-site")
    run = CliRunner().invoke(main, ["check", server.url("/"), "-q", *SCAN])
    assert run.exit_code == 0, run.output


def test_unknown_key_names_the_key_the_file_and_what_is_allowed(in_tmp: Path) -> None:
    (in_tmp / "sitelint.toml").write_text("[crawl]\nmax_pagez = 3\n")
    result = CliRunner().invoke(main, ["check", "https://example.com/"])
    assert result.exit_code == 2
    assert "sitelint.toml: crawl.max_pagez: unknown key" in result.output
    assert "max_pages" in result.output  # what is allowed
    (in_tmp / "sitelint.toml").write_text("[crawl]\nmax_pages = -1\n")
    result = CliRunner().invoke(main, ["check", "https://example.com/"])
    assert result.exit_code == 2
    assert (
        "sitelint.toml: crawl.max_pages: Input should be greater than or equal to 1"
        in result.output
    )
    (in_tmp / "sitelint.toml").write_text("colour = 1\n")
    result = CliRunner().invoke(main, ["check", "https://example.com/"])
    assert "unknown key 'colour'" in result.output and result.exit_code == 2


def test_bad_rule_option_and_secrets_in_file_are_refused(in_tmp: Path) -> None:
    (in_tmp / "sitelint.toml").write_text("[rules.SL102]\nmax_dept = 2\n")
    result = CliRunner().invoke(main, ["check", "https://example.com/"])
    assert result.exit_code == 2
    assert (
        "rules.SL102.max_dept: unknown option; allowed: enabled, severity, max_depth"
        in result.output
    )
    (in_tmp / "sitelint.toml").write_text("[rules.SL999]\nenabled = false\n")
    assert (
        "rules.SL999: no such rule" in CliRunner().invoke(main, ["check", "https://e.com/"]).output
    )
    (in_tmp / "sitelint.toml").write_text('[crawl.credentials]\nheaders = {X = "y"}\n')
    result = CliRunner().invoke(main, ["check", "https://example.com/"])
    assert result.exit_code == 2 and "secrets are not read from files" in result.output


def test_pyproject_table_and_flags_override_the_file(in_tmp: Path, serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("demo-shop")
    (in_tmp / "pyproject.toml").write_text(
        f'[tool.sitelint]\nurls = ["{server.url("/")}"]\nfail_on = "never"\n'
        '[tool.sitelint.rules]\nselect = ["SL402"]\n'
        '[tool.sitelint.rules.SL402]\nseverity = "error"\n'
    )
    out = in_tmp / "r.json"
    result = CliRunner().invoke(main, ["check", "--format", f"json={out}", *SCAN])
    assert result.exit_code == 0, result.output  # fail_on = never from the file
    findings = _report(out)["findings"]
    assert {f["rule"] for f in findings} == {"SL402"}
    assert all(f["severity"] == "error" for f in findings)  # per-rule severity override
    flagged = CliRunner().invoke(main, ["check", "--fail-on", "error", "-q", *SCAN])
    assert flagged.exit_code == 1  # the flag beats the file


def test_rule_can_be_disabled_and_ignored_per_url(in_tmp: Path, serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("demo-shop")
    (in_tmp / "sitelint.toml").write_text(
        "[rules.SL605]\nenabled = false\n"
        '[[rules.overrides]]\nurls = ["/sale/*"]\nignore = ["SL4"]\n'
    )
    out = in_tmp / "r.json"
    CliRunner().invoke(main, ["check", server.url("/"), "--format", f"json={out}", *SCAN])
    rules = {(f["rule"], f["url"].replace(server.base, "")) for f in _report(out)["findings"]}
    assert not any(rule == "SL605" for rule, _ in rules)
    assert ("SL402", "/sale/") not in rules
    assert any(rule == "SL606" for rule, _ in rules), "other rules still report"


def test_inline_suppression_covers_the_element_and_its_subtree() -> None:
    html = """<html><body><main><p data-sitelint-ignore="SL4">no privacy link here</p></main></body></html>"""
    assert any(f.rule == "SL402" for f in check_html(html, "https://a.example/x/"))
    whole = '<html><body data-sitelint-ignore=""><h1>Landing</h1></body></html>'
    assert not any(f.rule == "SL402" for f in check_html(whole, "https://a.example/x/"))
    other_rule = '<html><body data-sitelint-ignore="SL103"><h1>Landing</h1></body></html>'
    assert any(f.rule == "SL402" for f in check_html(other_rule, "https://a.example/x/"))


def test_baseline_fails_only_on_new_findings_and_reports_stale(in_tmp: Path, serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("demo-shop")
    made = CliRunner().invoke(main, ["baseline", server.url("/"), "-o", "base.json", *SCAN])
    assert made.exit_code == 0, made.output
    baseline = json.loads((in_tmp / "base.json").read_text())
    assert baseline["version"] == 1 and baseline["findings"]
    out = in_tmp / "r.json"
    same = CliRunner().invoke(
        main,
        ["check", server.url("/"), "--baseline", "base.json", "--format", f"json={out}", *SCAN],
    )
    assert same.exit_code == 0, same.output
    report = _report(out)
    assert report["baseline"]["new"] == 0 and report["baseline"]["stale"] == []
    assert all(f["in_baseline"] for f in report["findings"])
    # Drop one entry and add a fake one: the dropped one is new, the fake one stale.
    dropped = next(e for e in baseline["findings"] if e["rule"] == "SL501")
    baseline["findings"] = [e for e in baseline["findings"] if e is not dropped]
    baseline["findings"].append(
        {"fingerprint": "0" * 20, "rule": "SL101", "url": "x", "message": "gone"}
    )
    (in_tmp / "base.json").write_text(json.dumps(baseline))
    newer = CliRunner().invoke(
        main,
        ["check", server.url("/"), "--baseline", "base.json", "--format", f"json={out}", *SCAN],
    )
    assert newer.exit_code == 1
    report = _report(out)
    assert report["baseline"]["new"] == 1
    assert [s["fingerprint"] for s in report["baseline"]["stale"]] == ["0" * 20]
    rewrite = CliRunner().invoke(
        main,
        ["check", server.url("/"), "--baseline", "base.json", "--update-baseline", "-q", *SCAN],
    )
    assert rewrite.exit_code in (0, 1)
    rewritten = json.loads((in_tmp / "base.json").read_text())
    assert "0" * 20 not in {e["fingerprint"] for e in rewritten["findings"]}
    assert dropped["fingerprint"] in {e["fingerprint"] for e in rewritten["findings"]}


def test_fingerprints_survive_unrelated_edits() -> None:
    page = """<html><body><main>{extra}<p>Spring offer</p></main>
    <footer><ul><li><a href="/a/">A</a></li>{extra_link}<li><a href="/x/">Terms</a></li></ul></footer></body></html>"""
    before = check_html(page.format(extra="", extra_link=""), "https://staging.example/sale/")
    after = check_html(
        page.format(extra="<p>New paragraph above.</p>", extra_link='<li><a href="/b/">B</a></li>'),
        "https://www.example.com/sale/",
    )
    assert {f.fingerprint for f in before if f.rule == "SL402"} == {
        f.fingerprint for f in after if f.rule == "SL402"
    }


def test_diff_reports_new_fixed_unchanged(in_tmp: Path, serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("demo-shop")
    CliRunner().invoke(main, ["check", server.url("/"), "--format", "json=old.json", *SCAN])
    CliRunner().invoke(
        main, ["check", server.url("/"), "--ignore", "SL501", "--format", "json=new.json", *SCAN]
    )
    result = CliRunner().invoke(main, ["diff", "old.json", "new.json"])
    assert result.exit_code == 0, result.output  # nothing new
    assert "fixed  SL501" in result.output and "0 new, 1 fixed" in result.output
    back = CliRunner().invoke(main, ["diff", "new.json", "old.json"])
    assert back.exit_code == 1 and "new    SL501" in back.output
    bad = in_tmp / "bad.json"
    bad.write_text("{}")
    assert CliRunner().invoke(main, ["diff", "old.json", str(bad)]).exit_code == 2


def test_rule_settings_collect_per_rule_tables() -> None:
    settings = RuleSettings.model_validate(
        {"ignore": ["SL6"], "SL102": {"max_depth": 2, "severity": "error"}}
    )
    assert settings.per_rule["SL102"].options == {"max_depth": 2}
    assert settings.options_for("SL102") == {"max_depth": 2}
