"""Fixtures for unit tests: a real temporary SQLite repository (the clock is in ``tests/conftest.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from clocks import FakeClock

from kiosk.storage.models import Employee
from kiosk.storage.repository import Repository


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
    return repo.employees.add("E001", "张伟", "研发", consent_at=clock())


@pytest.fixture
def server_url(postgres_url: str, tmp_path: Path) -> str:
    """A fresh server database with the kiosk schema, as its owner creates it (``kiosk admin --db URL``)."""
    Repository(postgres_url, files_base=tmp_path / "hr").close()
    return postgres_url


@pytest.fixture
def hr(server_url: str, tmp_path: Path) -> Iterator[Repository]:
    """The HR workstation: the repository on the server's URL (its PIN key file in ``tmp_path/hr``)."""
    with Repository(server_url, files_base=tmp_path / "hr") as repository:
        yield repository
