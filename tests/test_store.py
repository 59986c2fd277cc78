"""The history store: schema and migrations, incremental writes, reports rebuilt, pruning.

Every test runs on SQLite, and on PostgreSQL when SITELINT_TEST_POSTGRES_URL is set.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from history_db import BACKENDS, database
from pydantic import SecretStr
from sqlalchemy import func, select

from sitelint.config import CheckConfig, CrawlSettings, Credentials, RenderSettings, RuleSettings
from sitelint.engine import Engine, RunResult, run_check
from sitelint.models import PageKind
from sitelint.report.json_report import build_report, to_json
from sitelint.site_index import PageSummary
from sitelint.store import RunWriter, open_store, queries, write_result
from sitelint.store.db import DatabaseUrlError, Store, alembic_config, database_url
from sitelint.store.models import Base, FindingRow, PageRow, Run

SECRET = "s3cret-do-not-store"


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    with open_store(db) as opened:
        yield opened


def _config(url: str, **crawl: Any) -> CheckConfig:
    return CheckConfig(
        crawl=CrawlSettings(start_urls=[url], timeout=5, **crawl),
        render=RenderSettings(mode="never"),
        # The rules these tests look at; the others only cost time.
        rules=RuleSettings(select=["SL0", "SL1", "SL5", "SL6"]),
    )


def _crawl(store: Store, site: str, config: CheckConfig, **writer: Any) -> RunResult:
    with RunWriter(store, site, config, **writer) as run_writer:
        result = asyncio.run(run_check(config, on_page=run_writer.add_page))
        run_writer.finish(result)
    return result


def _run(store: Store, site: str, number: int | None = None) -> Run:
    with store.reading() as session:
        found = queries.find_site(session, site)
        assert found is not None
        run = queries.get_run(session, found, number)
    assert run is not None
    return run


def _count(store: Store, model: type[PageRow] | type[FindingRow], run: Run) -> int:
    with store.reading() as session:
        return session.scalar(select(func.count(model.id)).where(model.run_id == run.id)) or 0


# -- schema ---------------------------------------------------------------------


def test_migrations_create_exactly_the_models_schema(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        heads = ScriptDirectory.from_config(alembic_config()).get_heads()
        assert list(context.get_current_heads()) == heads


def test_opening_again_keeps_the_data(db: str, serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("clean-site")
    with open_store(db) as store:
        _crawl(store, "clean", _config(server.url()))
    with open_store(db) as store:
        assert _run(store, "clean").number == 1


def test_database_url_from_path_env_and_url(tmp_path: Path) -> None:
    assert database_url(str(tmp_path / "h.db")) == f"sqlite:///{tmp_path / 'h.db'}"
    assert database_url(None, {"SITELINT_DB": "postgres://u:p@h/d"}) == (
        "postgresql+psycopg://u:p@h/d"
    )
    assert database_url("postgresql://u@h/d").startswith("postgresql+psycopg://")
    assert database_url(None, {}).endswith("/.sitelint/history.db")
    with pytest.raises(DatabaseUrlError, match="unsupported database"):
        database_url("mysql://u@h/d")


# -- writing --------------------------------------------------------------------


def test_stored_run_rebuilds_the_same_report(store: Store, serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("demo-shop")
    result = _crawl(store, "shop", _config(server.url()), batch_pages=4)
    run = _run(store, "shop")
    assert (run.status, run.complete, run.number) == ("complete", True, 1)
    assert run.page_count == len(result.index.summaries)
    assert run.finding_count == len(result.findings) > 0
    assert run.tool_version and run.config_hash and run.crawl_seconds is not None
    with store.reading() as session:
        rebuilt = queries.load_report(session, run)
    assert json.loads(to_json(rebuilt)) == json.loads(to_json(build_report(result)))


def test_pages_are_committed_while_the_crawl_runs(store: Store, db: str, serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("demo-shop")
    config = _config(server.url())
    seen_mid_crawl: list[int] = []
    with RunWriter(store, "shop", config, batch_pages=3, batch_seconds=60) as writer:

        def on_page(summary: PageSummary, findings: list[Any]) -> None:
            writer.add_page(summary, findings)
            seen_mid_crawl.append(-1)
            if len(seen_mid_crawl) == 9:
                # Another connection, as `sitelint history` would read it during the scan.
                with open_store(db) as reader, reader.reading() as session:
                    seen_mid_crawl[-1] = session.scalar(select(func.count(PageRow.id))) or 0

        result = asyncio.run(run_check(config, on_page=on_page))
        writer.finish(result)
    assert len(seen_mid_crawl) > 9, "the crawl went on after the check"
    assert seen_mid_crawl[8] == 9, "three batches of three pages were committed"


def test_a_crash_mid_crawl_keeps_stored_pages_and_marks_the_run_incomplete(
    store: Store,
    serve,  # type: ignore[no-untyped-def]
) -> None:
    server = serve("demo-shop")
    config = _config(server.url(), concurrency=1)
    handed_over: list[str] = []
    findings_handed_over: list[Any] = []
    with (
        pytest.raises(RuntimeError, match="simulated crash"),
        RunWriter(store, "shop", config, batch_pages=2) as writer,
    ):

        def crash_after_five(summary: PageSummary, findings: list[Any]) -> None:
            # Anywhere in the process: the crawler turns a handler's error into a
            # failed page and hands the page over again, which fails again.
            if len(handed_over) >= 5:
                raise RuntimeError("simulated crash")
            handed_over.append(summary.url)
            findings_handed_over.extend(findings)
            writer.add_page(summary, findings)

        asyncio.run(run_check(config, on_page=crash_after_five))
    run = _run(store, "shop")
    assert (run.status, run.complete) == ("incomplete", False)
    assert run.stopped_reason == "error: RuntimeError: simulated crash"
    assert run.page_count == _count(store, PageRow, run) == 5
    assert run.finding_count == _count(store, FindingRow, run) == len(findings_handed_over)
    with store.reading() as session:
        report = queries.load_report(session, run)
    assert [page.url for page in report.pages] == handed_over
    assert report.complete is False


def test_ctrl_c_keeps_stored_pages_and_marks_the_run_interrupted(
    store: Store,
    serve,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = serve("demo-shop")
    original = Engine.check_page
    calls = {"count": 0}

    def interrupt_after_four(self: Engine, page: Any) -> Any:
        calls["count"] += 1
        if calls["count"] > 4:
            raise KeyboardInterrupt
        return original(self, page)

    monkeypatch.setattr(Engine, "check_page", interrupt_after_four)
    with pytest.raises(KeyboardInterrupt):
        _crawl(store, "shop", _config(server.url(), concurrency=1))
    run = _run(store, "shop")
    assert (run.status, run.stopped_reason) == ("incomplete", "interrupted")
    assert _count(store, PageRow, run) >= 4


def test_time_limit_stores_an_incomplete_run(store: Store, serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("clean-site")
    server.routes["/terms/"] = {"delay": 3}
    config = _config(server.url()).model_copy(update={"time_limit": 0.8})
    result = _crawl(store, "clean", config)
    run = _run(store, "clean")
    assert result.stopped_reason == "time limit reached"
    assert (run.status, run.complete, run.stopped_reason) == (
        "incomplete",
        False,
        "time limit reached",
    )
    assert 0 < run.page_count == _count(store, PageRow, run)


def test_credentials_never_reach_the_store(store: Store, db: str, serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("clean-site")
    config = _config(server.url())
    credentials = Credentials(
        headers={"X-Staging-Token": SecretStr(SECRET)}, basic_auth=("ci", SecretStr(SECRET))
    )
    config = config.model_copy(
        update={"crawl": config.crawl.model_copy(update={"credentials": credentials})}
    )
    _crawl(store, "clean", config)
    assert any(headers.get("X-Staging-Token") == SECRET for _, _, headers in server.requests)
    run = _run(store, "clean")
    assert run.config["crawl"]["credentials"]["headers"] == {"X-Staging-Token": "***"}
    assert SECRET not in json.dumps(run.config)
    if store.dialect == "sqlite":
        files = Path(db).parent.glob(Path(db).name + "*")  # the database and its WAL
        assert all(SECRET.encode() not in path.read_bytes() for path in files)


# -- reading --------------------------------------------------------------------


def test_diff_prune_and_trend(store: Store, serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("clean-site")
    config = _config(server.url())
    first = asyncio.run(run_check(config))
    for _ in range(3):
        write_result(store, "clean", first)
    server.routes["/returns/"] = {"status": 404}
    second = asyncio.run(run_check(config))
    write_result(store, "clean", second)

    latest = _run(store, "clean")
    assert latest.number == 4
    with store.reading() as session:
        diff = queries.diff_runs(session, latest)
        assert diff.old is not None and diff.old.number == 3
        assert {f.rule for f in diff.added} == {"SL501", "SL605"}, "no returns page, broken links"
        assert diff.fixed == [] and diff.unchanged == len(first.findings)
        back = queries.diff_runs(session, diff.old, latest)
        assert {f.fingerprint for f in back.fixed} == {f.fingerprint for f in diff.added}
        trend = queries.score_trend(session, latest)
    assert [score for _, score in trend] == [*[first_score(first)] * 3, latest.score]
    assert latest.score is not None and latest.score < first_score(first)

    with store.writing() as session:
        assert queries.prune(session, keep=2, dry_run=True)[0].runs == [1, 2]
    assert _run(store, "clean", 1) is not None
    with store.writing() as session:
        pruned = queries.prune(session, keep=2)
    assert [(p.site, p.runs) for p in pruned] == [("clean", [1, 2])]
    with store.reading() as session:
        site = queries.find_site(session, "clean")
        assert site is not None
        assert [run.number for run in queries.list_runs(session, site)] == [4, 3]
        orphans = session.scalar(
            select(func.count(FindingRow.id)).where(~FindingRow.run_id.in_(select(Run.id)))
        )
    assert orphans == 0


def first_score(result: RunResult) -> int:
    return build_report(result).summary.score


def test_prune_keeps_the_latest_complete_run_as_the_baseline(store: Store, serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("clean-site")
    config = _config(server.url())
    complete = asyncio.run(run_check(config))
    write_result(store, "clean", complete)
    cut_short = asyncio.run(run_check(config.model_copy(update={"time_limit": 0.001})))
    for _ in range(2):
        write_result(store, "clean", cut_short)
    with store.writing() as session:
        queries.prune(session, keep=1)
    with store.reading() as session:
        site = queries.find_site(session, "clean")
        assert site is not None
        assert [(r.number, r.complete) for r in queries.list_runs(session, site)] == [
            (3, False),
            (1, True),
        ]


def test_a_page_handed_over_again_replaces_its_row(store: Store) -> None:
    config = _config("https://a.example/")

    def page(url: str, status: int, error: str | None = None) -> PageSummary:
        return PageSummary(url, url, status, PageKind.OTHER, 1, "text/html", error=error)

    with RunWriter(store, "a", config, batch_pages=2, batch_seconds=60) as writer:
        writer.add_page(page("https://a.example/", 200), [])
        writer.add_page(page("https://a.example/x", 200), [])  # flushed: a batch of two
        writer.add_page(page("https://a.example/x", 200, "sitelint failed reading it"), [])
        writer.add_page(page("https://a.example/y", 200), [])
        writer.add_page(page("https://a.example/y", 404), [])  # still pending when replaced
        writer.flush()
        writer.abort("test")
    run = _run(store, "a")
    with store.reading() as session:
        rows = session.scalars(
            select(PageRow).where(PageRow.run_id == run.id).order_by(PageRow.position)
        ).all()
    assert [(r.url.rsplit("/", 1)[-1], r.status, r.error) for r in rows] == [
        ("", 200, None),
        ("x", 200, "sitelint failed reading it"),
        ("y", 404, None),
    ]
    assert run.page_count == 3
