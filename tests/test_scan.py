"""`sitelint scan`, `history`, `report` and `prune`, run as a user runs them.

Fixture sites on 127.0.0.1, a webhook receiver on 127.0.0.1; every flow on
SQLite, and on PostgreSQL when SITELINT_TEST_POSTGRES_URL is set.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result
from history_db import BACKENDS, database

from sitelint.cli_scan import register
from sitelint.config_file import build_config, load_file
from sitelint.scan import load_scan_config

SECRET = "hunter2-never-stored"


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def cli() -> click.Group:
    group = click.Group("sitelint")
    register(group)
    return group


class Receiver:
    """A chat webhook stand-in: records every POSTed JSON body."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                receiver.bodies.append(json.loads(self.rfile.read(length)))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    started = Receiver()
    yield started
    started.httpd.shutdown()
    started.httpd.server_close()


# The rules these tests look at; the others only cost time.
HEADER = """\
[render]
mode = "never"
[crawl]
timeout = 5
retries = 0
[rules]
select = ["SL0", "SL1", "SL5", "SL6"]

"""


def write_config(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "sitelint.toml"
    path.write_text(HEADER + body, "utf-8")
    return path


def two_sites(tmp_path: Path, shop: str, clean: str) -> Path:
    return write_config(
        tmp_path,
        f"""
[[sites]]
name = "shop"
url = "{shop}"
schedule = "daily"

[[sites]]
name = "tea"
url = "{clean}"
schedule = "hourly"
auth_env = "TEA_AUTH"
[sites.crawl]
max_pages = 50
""",
    )


def invoke(cli: click.Group, *args: str, env: dict[str, str] | None = None) -> Result:
    """``output`` holds stdout and stderr; machine formats are read from ``stdout`` alone."""
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def test_scan_history_diff_webhook_report_prune(  # type: ignore[no-untyped-def]
    cli: click.Group, db: str, tmp_path: Path, serve, receiver: Receiver
) -> None:
    shop, tea = serve("demo-shop"), serve("clean-site")
    config = two_sites(tmp_path, shop.url(), tea.url())
    env = {"TEA_AUTH": f"ci:{SECRET}"}
    common = ["--config", str(config), "--db", db, "--webhook", receiver.url]

    first = invoke(cli, "scan", *common, env=env)
    assert first.exit_code == 0, first.output
    assert "shop  run 1  complete" in first.output and "tea  run 1  complete" in first.output
    assert "the baseline" in first.output
    assert receiver.bodies == [], "nothing got worse: no notification"
    assert any(h.get("Authorization", "").startswith("Basic ") for _, _, h in tea.requests)
    assert not any("Authorization" in h for _, _, h in shop.requests), "auth is per site"

    # Between runs the returns page disappears: new errors on the tea site only.
    tea.routes["/returns/"] = {"status": 404}
    second = invoke(cli, "scan", *common, "--fail-on", "error", env=env)
    assert second.exit_code == 1, second.output
    assert "shop  run 2  complete" in second.output
    assert "0 new, 0 fixed since run 1" in second.output
    assert "tea  run 2  complete" in second.output
    assert "new    SL501 error" in second.output

    [summary] = receiver.bodies
    assert summary["regressions"] == summary["sites"][1]["regressions"] > 0
    assert [s["name"] for s in summary["sites"]] == ["shop", "tea"]
    assert summary["sites"][1]["previous_run"] == 1
    assert summary["sites"][1]["score"] < summary["sites"][1]["previous_score"]
    assert {f["rule"] for f in summary["sites"][1]["new_findings"]} == {"SL501", "SL605"}
    assert "tea: " in summary["text"] and "new at or above error" in summary["text"]

    listing = invoke(cli, "history", "--db", db)
    assert listing.exit_code == 0
    assert [line.split()[0] for line in listing.output.splitlines()[1:]] == ["shop", "tea"]

    runs = invoke(cli, "history", "tea", "--db", db, "--format", "json")
    data = json.loads(runs.stdout)
    assert [(r["run"], r["status"], r["schedule"]) for r in data["runs"]] == [
        (2, "complete", "hourly"),
        (1, "complete", "hourly"),
    ]
    assert data["runs"][0]["by_severity"]["error"] > data["runs"][1]["by_severity"]["error"]
    text_runs = invoke(cli, "history", "tea", "--db", db)
    assert text_runs.output.splitlines()[2].split()[0] == "1", "oldest first"

    diff = invoke(cli, "history", "tea", "--run", "2", "--diff", "--db", db)
    assert diff.exit_code == 0, diff.output
    assert "new SL501 error" in " ".join(diff.output.split())
    assert "fixed" not in diff.output.split("\n")[0]
    assert diff.output.rstrip().endswith("run 2 against run 1")
    gate = invoke(cli, "history", "tea", "--diff", "--fail-on", "error", "--db", db)
    assert gate.exit_code == 1, "the latest run has new errors"

    # The page comes back: the third run fixes what the second broke.
    del tea.routes["/returns/"]
    third = invoke(cli, "scan", "tea", *common, env=env)
    assert third.exit_code == 0, third.output
    fixed = json.loads(
        invoke(cli, "history", "tea", "--run", "3", "--diff", "--db", db, "--format", "json").stdout
    )
    assert fixed["against"] == 2 and fixed["new"] == []
    assert {f["rule"] for f in fixed["fixed"]} == {"SL501", "SL605"}

    as_json = invoke(cli, "report", "tea", "--run", "2", "--format", "json", "--db", db)
    report = json.loads(as_json.stdout)
    assert report["version"] == 1 and report["complete"] is True
    assert report["summary"]["score"] == summary["sites"][1]["score"]
    assert report["config"]["crawl"]["max_pages"] == 50
    assert report["config"]["crawl"]["credentials"]["basic_auth"] == "ci:***"
    assert SECRET not in as_json.output
    html_path = tmp_path / "tea.html"
    as_html = invoke(cli, "report", "tea", "--format", "html", "-o", str(html_path), "--db", db)
    assert as_html.exit_code == 0
    html = html_path.read_text("utf-8")
    assert 'id="score-trend"' in html and "3 runs" in html
    first_html = invoke(cli, "report", "tea", "--run", "1", "--format", "html", "--db", db)
    assert 'id="score-trend"' not in first_html.output, "one run is no trend"

    pruned = invoke(cli, "prune", "--keep", "1", "--db", db)
    assert pruned.exit_code == 0, pruned.output
    assert "shop: deleted runs 1" in pruned.output and "tea: deleted runs 1, 2" in pruned.output
    after = json.loads(invoke(cli, "history", "tea", "--db", db, "--format", "json").stdout)
    assert [r["run"] for r in after["runs"]] == [3]


def test_time_limited_scan_stores_an_incomplete_run(  # type: ignore[no-untyped-def]
    cli: click.Group, db: str, tmp_path: Path, serve
) -> None:
    tea = serve("clean-site")
    tea.routes["/terms/"] = {"delay": 3}
    config = write_config(
        tmp_path, f'[[sites]]\nname = "tea"\nurl = "{tea.url()}"\ntime_limit = 0.8\n'
    )
    result = invoke(cli, "scan", "--config", str(config), "--db", db)
    assert result.exit_code == 0, result.output
    assert "tea  run 1  incomplete (time limit reached)" in result.output
    details = json.loads(
        invoke(cli, "history", "tea", "--run", "1", "--db", db, "--format", "json").stdout
    )
    assert details["complete"] is False and details["pages"] > 0


def test_unreachable_site_fails_the_scan_with_exit_3(  # type: ignore[no-untyped-def]
    cli: click.Group, tmp_path: Path, serve, receiver: Receiver
) -> None:
    tea = serve("clean-site")
    tea.stop()
    config = write_config(tmp_path, f'[[sites]]\nname = "gone"\nurl = "{tea.url()}"\n')
    db = str(tmp_path / "h.db")
    result = invoke(cli, "scan", "--config", str(config), "--db", db, "--webhook", receiver.url)
    assert result.exit_code == 3, result.output
    assert "gone  run 1  FAILED: could not start" in result.output
    assert receiver.bodies[0]["failed"] == 1

    # A webhook that does not answer is reported, and changes nothing else.
    unheard = invoke(
        cli, "scan", "--config", str(config), "--db", db, "--webhook", "http://127.0.0.1:9/"
    )
    assert unheard.exit_code == 3 and "webhook failed" in unheard.output
    assert "gone  run 2  FAILED" in unheard.output


def test_history_finds_the_database_named_in_the_config(cli: click.Group, tmp_path: Path) -> None:
    config = write_config(tmp_path, '[scan]\ndb = "kept/history.db"\n')
    result = CliRunner().invoke(
        cli, ["history", "--config", str(config)], env={"SITELINT_DB": None}
    )
    assert result.exit_code == 0, result.output
    assert "no runs stored yet" in result.output
    assert (tmp_path / "kept" / "history.db").is_file()


def test_config_errors_name_the_file_and_key(cli: click.Group, tmp_path: Path) -> None:
    def scan_with(body: str, env: dict[str, str] | None = None) -> Result:
        path = write_config(tmp_path, body)
        return invoke(cli, "scan", "--config", str(path), "--db", str(tmp_path / "h.db"), env=env)

    typo = scan_with('[[sites]]\nname = "a"\nurl = "https://a.example/"\nschedul = "daily"\n')
    assert typo.exit_code == 2
    assert "sitelint.toml: sites[0] (a).schedul: unknown key; allowed: name, url" in typo.output

    bad_crawl = scan_with(
        '[[sites]]\nname = "a"\nurl = "https://a.example/"\n[sites.crawl]\nmax_pages = 0\n'
    )
    assert bad_crawl.exit_code == 2
    assert "sites[0] (a).crawl.max_pages: Input should be greater than or equal to 1" in (
        bad_crawl.output
    )

    no_env = scan_with('[[sites]]\nname = "a"\nurl = "https://a.example/"\nauth_env = "A_AUTH"\n')
    assert no_env.exit_code == 2
    assert "sites[0] (a).auth_env: environment variable A_AUTH is not set" in no_env.output

    twice = scan_with(
        '[[sites]]\nname = "a"\nurl = "https://a.example/"\n'
        '[[sites]]\nname = "a"\nurl = "https://b.example/"\n'
    )
    assert twice.exit_code == 2 and "sites[1] (a).name" in twice.output

    secret_in_file = scan_with(
        '[[sites]]\nname = "a"\nurl = "https://a.example/"\n'
        '[sites.crawl.credentials]\nheaders = {X = "y"}\n'
    )
    assert secret_in_file.exit_code == 2
    assert "secrets are not read from files" in secret_in_file.output

    no_sites = scan_with('fail_on = "warning"\n')
    assert no_sites.exit_code == 2 and "no [[sites]] tables" in no_sites.output

    unknown = invoke(cli, "history", "nope", "--db", str(tmp_path / "h.db"))
    assert unknown.exit_code == 2 and "no history for site 'nope'" in unknown.output

    bad_db = invoke(cli, "history", "--db", "mysql://x@y/z")
    assert bad_db.exit_code == 2 and "unsupported database" in bad_db.output


def test_site_settings_override_the_file_defaults(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        """
[[sites]]
name = "a"
url = "https://a.example/"
fail_on = "error"
headers_env = "A_HEADERS"
[sites.crawl]
max_pages = 7
[sites.rules]
ignore = ["SL607"]

[[sites]]
name = "b"
urls = ["https://b.example/", "https://b.example/shop/"]
enabled = false

[scan]
db = "history/scans.db"
""",
    )
    plan = load_scan_config(path, environ={"A_HEADERS": "X-Token: abc\nX-Env: staging"})
    [site] = plan.sites
    assert (site.name, site.config.fail_on, site.config.crawl.max_pages) == ("a", "error", 7)
    assert site.config.crawl.timeout == 5, "from the file's [crawl]"
    assert site.config.rules.select == ["SL0", "SL1", "SL5", "SL6"]
    assert site.config.rules.ignore == ["SL607"]
    assert site.config.render.mode == "never"
    headers = site.config.crawl.credentials.headers
    assert {k: v.get_secret_value() for k, v in headers.items()} == {
        "X-Token": "abc",
        "X-Env": "staging",
    }
    assert plan.db_value(None, {}) == str(tmp_path / "history/scans.db")
    assert plan.db_value(None, {"SITELINT_DB": "/x.db"}) == "/x.db"
    named = load_scan_config(path, ["b"], environ={})
    assert [s.config.crawl.start_urls for s in named.sites] == [
        ["https://b.example/", "https://b.example/shop/"]
    ]


def test_check_reads_a_config_that_also_holds_sites(tmp_path: Path) -> None:
    path = write_config(tmp_path, '[[sites]]\nname = "a"\nurl = "https://a.example/"\n')
    config = build_config(load_file(path), path, {"crawl": {"start_urls": ["https://x.example/"]}})
    assert config.crawl.start_urls == ["https://x.example/"]
