"""One database file, one kiosk window: the window lock, held by real processes.

A second window (another process, or the same one) is refused with one line
naming the holder; the command line still reads and writes beside it; the
lock goes with its process, however that ends. The window itself takes it in
``kiosk.ui.app.run_gui`` (``tests/gui/test_one_kiosk_window.py``).
"""

from __future__ import annotations

import inspect
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kiosk.cli.main import main
from kiosk.ops import window_lock
from kiosk.ops.window_lock import KioskAlreadyOpen, hold_window_lock
from kiosk.paths import kiosk_lock_path_for
from kiosk.storage.repository import Repository

_HOLDER = """
import sys
from pathlib import Path
from kiosk.ops.window_lock import hold_window_lock
lock = hold_window_lock(Path(sys.argv[1]))
print("held", flush=True)
sys.stdin.readline()
lock.release()
"""


@contextmanager
def window_in_another_process(db: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding ``db``'s window lock, as a running kiosk window does, until the block ends."""
    process = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "held"
        yield process
    finally:
        if process.poll() is None:
            assert process.stdin is not None
            process.stdin.write("\n")
            process.stdin.flush()
        process.wait(timeout=60)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite"
    with Repository(path) as repo:
        repo.employees.add("0012", "张伟")
    return path


def test_a_second_window_on_the_file_is_refused_in_one_line_until_the_first_closes(db: Path) -> None:
    with window_in_another_process(db) as first:
        with pytest.raises(KioskAlreadyOpen) as refused:
            hold_window_lock(db)
        assert str(refused.value) == (
            f"Another kiosk window (process {first.pid}) has {db} open; close it first (one window per database "
            "file), or give this one its own database with --db."
        )
        assert refused.value.exit_code == 5
    with hold_window_lock(db) as lock:  # the first window closed
        assert lock.held and lock.path == kiosk_lock_path_for(db) == db.with_name("office.sqlite.kiosk.lock")
        assert lock.path.stat().st_mode & 0o777 == 0o600
    assert not lock.held


def test_two_windows_in_one_process_are_refused_too(db: Path) -> None:
    with hold_window_lock(db), pytest.raises(KioskAlreadyOpen, match=f"process {os.getpid()}"):
        hold_window_lock(db)


def test_another_database_beside_it_is_another_lock(db: Path, tmp_path: Path) -> None:
    with hold_window_lock(db), hold_window_lock(tmp_path / "door-2.sqlite") as second:
        assert second.held


def test_the_command_line_reads_and_writes_beside_a_kiosk_window(db: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("KIOSK_DB", raising=False)
    out = tmp_path / "staff.csv"
    with window_in_another_process(db):
        assert main(["shift", "add", "--db", str(db), "--name", "白班", "--start", "08:30", "--end", "17:30"]) == 0
        assert main(["roster", "export", "--db", str(db), "--out", str(out)]) == 0
        with Repository(db) as workstation:  # what `kiosk admin --db` opens: no window lock
            assert [shift.name for shift in workstation.shifts.all()] == ["白班"]
    assert "张伟" in out.read_text(encoding="utf-8-sig")
    assert "error" not in capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX; Windows frees a dead process's locks alike")
def test_the_lock_goes_with_its_process_even_after_a_kill(db: Path) -> None:
    with window_in_another_process(db) as first:
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=60)
        with hold_window_lock(db) as lock:  # no stale lock to clear by hand
            assert lock.held


def test_the_lock_has_a_windows_branch_beside_the_posix_one() -> None:
    """Windows cannot run here: at least the code says what it does there (msvcrt's byte-range lock)."""
    source = inspect.getsource(window_lock)
    assert 'if sys.platform == "win32":' in source
    assert "msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)" in source and "msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)" in source
    assert "fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)" in source
