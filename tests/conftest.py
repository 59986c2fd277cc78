"""Shared fixtures: fixture sites on 127.0.0.1, golden files, the shared/ folder."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

from fixtures.server import FixtureServer  # noqa: E402


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite fixtures/<site>/expected.json from the current findings",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def serve() -> Iterator[type[FixtureServer]]:
    """Start fixture servers by name; all are stopped at the end of the test."""
    started: list[FixtureServer] = []

    class Started(FixtureServer):
        def __init__(self, name: str, port: int = 0) -> None:
            super().__init__(name, port)
            self.start()
            started.append(self)

    yield Started
    for server in started:
        server.stop()


def shared_path(*parts: str) -> Path:
    """A file in ../shared/, or a skip saying why it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared/ sits beside a developer checkout only")
    return path
