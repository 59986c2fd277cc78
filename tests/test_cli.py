"""The command line, run as a user runs it (in-process through click, and one real subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from sitelint.cli import main

SCAN = ["--scan-date", "2026-11-01", "--timeout", "5"]


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("sitelint, version ")


def test_help_documents_exit_codes() -> None:
    result = CliRunner().invoke(main, ["check", "--help"])
    assert result.exit_code == 0
    for code in ("0", "1", "2", "3"):
        assert f"  {code}  " in result.output


def test_rules_lists_every_rule() -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    for expected in ("SL101", "contact-missing", "SL402", "privacy-link-missing", "site", "page"):
        assert expected in result.output


def test_rule_prints_documentation() -> None:
    result = CliRunner().invoke(main, ["rule", "SL101"])
    assert result.exit_code == 0
    assert "SL101 contact-missing" in result.output
    assert "## Why it matters" in result.output


def test_unknown_rule_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["rule", "SL999"])
    assert result.exit_code == 2
    assert "no rule 'SL999'" in result.output


def test_check_demo_site_json_and_exit_code(serve, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server = serve("demo-shop")
    report_path = tmp_path / "report.json"
    result = CliRunner().invoke(
        main, ["check", server.url("/"), "--format", f"json={report_path}", "--quiet", *SCAN]
    )
    assert result.exit_code == 1, result.output
    report = json.loads(report_path.read_text())
    assert report["version"] == 1
    assert report["tool"]["name"] == "sitelint"
    assert report["complete"] is True
    assert {"SL501", "SL605", "SL102"} <= set(report["summary"]["by_rule"])
    finding = next(f for f in report["findings"] if f["rule"] == "SL605")
    assert set(finding) >= {
        "rule",
        "name",
        "severity",
        "url",
        "selector",
        "message",
        "evidence",
        "fingerprint",
    }
    assert finding["selector"] and finding["evidence"]
    page = next(p for p in report["pages"] if p["url"] == server.url("/"))
    assert page == {**page, "status": 200, "kind": "home", "depth": 0}
    assert "findings" in result.output and "trust score" in result.output


def test_fail_on_thresholds(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("demo-shop")
    never = CliRunner().invoke(main, ["check", server.url("/"), "--fail-on", "never", "-q", *SCAN])
    assert never.exit_code == 0
    only_warnings = CliRunner().invoke(
        main, ["check", server.url("/"), "--select", "SL402", "--fail-on", "error", "-q", *SCAN]
    )
    assert only_warnings.exit_code == 0
    at_warning = CliRunner().invoke(
        main, ["check", server.url("/"), "--select", "SL402", "--fail-on", "warning", "-q", *SCAN]
    )
    assert at_warning.exit_code == 1


def test_clean_site_exits_zero(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("clean-site")
    result = CliRunner().invoke(main, ["check", server.url("/"), "--fail-on", "info", *SCAN])
    assert result.exit_code == 0, result.output
    assert "0 findings" in result.output


def test_bad_settings_exit_two_naming_the_setting() -> None:
    result = CliRunner().invoke(main, ["check", "ftp://example.com/"])
    assert result.exit_code == 2
    assert "URL: " in result.output and "not an http(s) URL" in result.output
    result = CliRunner().invoke(main, ["check", "https://example.com/", "--max-pages", "0"])
    assert result.exit_code == 2
    assert "--max-pages: Input should be greater than or equal to 1" in result.output
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert "at least one start URL" in result.output
    result = CliRunner().invoke(main, ["check", "https://example.com/", "--format", "xml"])
    assert result.exit_code == 2


def test_unreachable_start_url_exits_three(tmp_path: Path) -> None:
    report_path = tmp_path / "r.json"
    result = CliRunner().invoke(
        main,
        [
            "check",
            "http://127.0.0.1:9/",
            "--retries",
            "0",
            "--timeout",
            "2",
            "--format",
            f"json={report_path}",
        ],
    )
    assert result.exit_code == 3
    assert "could not start" in result.output
    assert json.loads(report_path.read_text())["findings"][0]["rule"] == "SL001"


def test_secrets_never_reach_the_report_or_output(serve, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server = serve("clean-site")
    report_path = tmp_path / "r.json"
    result = CliRunner(env={"SITELINT_AUTH": "admin:hunter2"}).invoke(
        main,
        [
            "check",
            server.url("/"),
            "--header",
            "X-Api-Key: topsecret",
            "--cookie",
            "sid=abc123",
            "--format",
            f"json={report_path}",
            "--format",
            "terminal",
            *SCAN,
        ],
    )
    text = report_path.read_text() + result.output
    for secret in ("topsecret", "abc123", "hunter2"):
        assert secret not in text
    assert any(h.get("X-Api-Key") == "topsecret" for _, _, h in server.requests)
    assert json.loads(report_path.read_text())["config"]["crawl"]["credentials"]["headers"] == {
        "X-Api-Key": "***"
    }


def test_console_script_runs(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("clean-site")
    executable = Path(sys.executable).parent / "sitelint"
    completed = subprocess.run(
        [str(executable), "check", server.url("/"), "--no-color", *SCAN],
        capture_output=True,
        text=True,
        timeout=120,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
    )
    assert completed.returncode == 0, completed.stderr
    assert "\x1b[" not in completed.stdout, "no colour codes when NO_COLOR is set"
    assert "0 findings on" in completed.stdout


def test_every_format_at_once_from_the_command_line(serve, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import xml.etree.ElementTree as ElementTree

    server = serve("demo-shop")
    paths = {
        name: tmp_path / f"report.{name}" for name in ("sarif", "junit", "html", "markdown", "json")
    }
    result = CliRunner().invoke(
        main,
        [
            "check",
            server.url("/"),
            *SCAN,
            "--render",
            "never",
            *(arg for name, path in paths.items() for arg in ("--format", f"{name}={path}")),
            "--format",
            "github",
        ],
    )
    assert result.exit_code == 1, result.output
    sarif = json.loads(paths["sarif"].read_text())
    uris = {
        location["physicalLocation"]["artifactLocation"]["uri"]
        for run in sarif["runs"]
        for res in run["results"]
        for location in res["locations"]
    }
    assert uris and not any("://" in uri for uri in uris)
    assert ElementTree.parse(paths["junit"]).getroot().tag in ("testsuites", "testsuite")
    assert paths["html"].read_text().lstrip().lower().startswith("<!doctype html>")
    assert "trust score" in paths["markdown"].read_text().lower()
    assert "::error " in result.output  # the github annotations went to stdout
    assert json.loads(paths["json"].read_text())["version"] == 1


def test_ctrl_c_still_writes_the_report_of_what_was_crawled(serve, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import signal
    import time

    server = serve("crawler-site")
    report_path = tmp_path / "report.json"
    executable = Path(sys.executable).parent / "sitelint"
    process = subprocess.Popen(
        [
            str(executable),
            "check",
            server.url("/"),
            "--delay",
            "0.5",
            "--render",
            "never",
            "--format",
            f"json={report_path}",
            "-q",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    pages = {"/", "/about/", "/contact/", "/privacy/", "/terms/", "/blog/"}
    # Wait until the crawl has read a few pages (robots.txt and sitemaps come first).
    while time.monotonic() < deadline and len(pages & {p for _, p, _ in server.requests}) < 2:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode in (0, 1), stderr
    report = json.loads(report_path.read_text())
    assert report["complete"] is False
    assert report["stopped_reason"] == "interrupted"
    assert report["pages"], "pages crawled before Ctrl-C are in the report"
    assert "INCOMPLETE" in stdout + stderr
