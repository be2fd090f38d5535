"""Fixtures for unit tests: a fake clock and a real temporary SQLite repository."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from kiosk.storage import Employee, Repository

#: The kiosk's zone in most tests: China Standard Time, UTC+8, no DST.
CHINA = timezone(timedelta(hours=8))


class FakeClock:
    """A clock that only moves when a test moves it; returns aware datetimes."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    """Monday 2024-05-06 08:55 in UTC+8."""
    return FakeClock(datetime(2024, 5, 6, 8, 55, tzinfo=CHINA))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kiosk.db"


@pytest.fixture
def repo(db_path: Path, clock: FakeClock) -> Iterator[Repository]:
    """A freshly migrated repository; a short busy timeout keeps lock tests quick."""
    repository = Repository(db_path, busy_timeout_s=0.2, clock=clock)
    yield repository
    repository.close()


@pytest.fixture
def employee(repo: Repository, clock: FakeClock) -> Employee:
    return repo.add_employee("E001", "张伟", "研发", consent_at=clock())
