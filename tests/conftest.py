"""Shared fixtures: temp databases, a fixed clock, named zones; Qt runs offscreen."""

from __future__ import annotations

import os

# Before anything imports Qt: tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from planner import paths
from planner.clock import FixedClock
from planner.services import context

from tests.zones import NOW


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Redirect the user data directory so no test touches the real one."""
    target = tmp_path / "data"
    monkeypatch.setattr(paths, "data_dir", lambda: target)
    return target


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "plan.sqlite3"


@pytest.fixture
def services(db_path: Path, clock: FixedClock) -> Iterator[context.Services]:
    """Services over an empty temp database."""
    opened = context.open_services(db_path, clock)
    yield opened
    opened.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses Qt as `gui`, so `-m "not gui"` runs the headless core alone."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures:
            item.add_marker(pytest.mark.gui)
