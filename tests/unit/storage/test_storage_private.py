"""Biometrics stay private: file modes, secure delete, and read-only opens that change nothing."""

from __future__ import annotations

import sqlite3
import stat
import sys
from pathlib import Path

import numpy as np
import pytest

from kiosk.errors import StorageError
from kiosk.paths import make_private_dir
from kiosk.storage.repository import Repository

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_database_and_its_wal_are_private_even_with_a_loose_umask(tmp_path: Path) -> None:
    import os

    folder = tmp_path / "data" / "kiosk"
    old_umask = os.umask(0o022)
    try:
        make_private_dir(folder)
        with Repository(folder / "k.sqlite") as repo:
            repo.employees.add("0001", "Ann")
            assert (folder / "k.sqlite-wal").exists() and (folder / "k.sqlite-shm").exists()
            modes = {path.name: _mode(path) for path in folder.iterdir()}
    finally:
        os.umask(old_umask)
    assert _mode(folder) == 0o700
    assert modes == {"k.sqlite": 0o600, "k.sqlite-wal": 0o600, "k.sqlite-shm": 0o600}


def test_an_existing_world_readable_database_is_tightened_on_open(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite"
    Repository(path).close()
    path.chmod(0o644)
    Repository(path).close()
    assert _mode(path) == 0o600


def test_a_deleted_template_leaves_no_bytes_in_the_file_or_the_wal(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite"
    vector = np.random.default_rng(7).normal(size=128).astype(np.float32)
    needle = vector.astype("<f4").tobytes()[:64]
    with Repository(path) as repo:
        ann = repo.employees.add("0001", "Ann", templates=[("front", vector)])
        raw = path.read_bytes() + Path(f"{path}-wal").read_bytes()
        assert needle in raw  # the search below can find a template
        repo.employees.delete_biometrics(ann.id)
        raw = path.read_bytes() + Path(f"{path}-wal").read_bytes()
        assert needle not in raw


def test_read_only_open_of_a_foreign_sqlite_file_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE things (x)")
    before = path.read_bytes()
    with pytest.raises(StorageError, match="another program"):
        Repository(path, read_only=True)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]


def test_read_only_open_of_an_empty_or_missing_file_creates_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    with pytest.raises(StorageError, match="empty, not a kiosk database"):
        Repository(empty, read_only=True)
    assert empty.stat().st_size == 0
    with pytest.raises(StorageError, match="database not found"):
        Repository(tmp_path / "missing.sqlite", read_only=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.sqlite"]


def test_read_only_repository_reads_a_kiosk_database(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite"
    with Repository(path) as repo:
        repo.employees.add("0001", "Ann")
    with Repository(path, read_only=True) as reader:
        assert [e.code for e in reader.employees.all()] == ["0001"]
        with pytest.raises(StorageError, match="cannot be written"):
            reader.employees.add("0002", "Bo")


def test_a_folder_under_a_file_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="is a file, not a folder"):
        make_private_dir(blocker / "kiosk")


def test_read_only_open_of_a_kiosk_database_leaves_no_files_behind(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite"
    Repository(path).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.sqlite"]
    with Repository(path, read_only=True) as reader:
        reader.employees.all()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.sqlite"]
