"""A full disk costs no record: a decided check-in waits for space and is written once it returns.

The disk is real: a small tmpfs mounted for the test (``mount -t tmpfs``, so
the tests need root, as CI runs them) and filled to the last byte with a
file, which is deleted to "free space". The engine runs over a real video as
in the kiosk's vision thread; the command line runs in this process.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from clocks import CHINA
from pending import until_saving, walk_away

from kiosk.cli.main import main
from kiosk.engine import EventKind
from kiosk.enrollment.session import save_enrollment, templates_from_images
from kiosk.errors import DiskFull
from kiosk.ops.health import Problem, disk_warning
from kiosk.settings.specs import Settings
from kiosk.storage.models import AttendanceEvent
from kiosk.storage.repository import Repository
from kiosk.storage.sqlite import INTERACTIVE_BUSY_TIMEOUT_S
from kiosk.vision.types import Frame
from kiosk.wiring import create_engine

START = datetime(2026, 11, 23, 8, 55, tzinfo=CHINA)


class SmallDisk:
    """A tmpfs of a few MiB at ``root``: :meth:`fill` takes every free byte, :meth:`free` gives them back."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.filler = root / "filler"

    def fill(self) -> None:
        with open(self.filler, "ab", buffering=0) as stream:
            chunk = b"\0" * 4096
            try:
                while True:
                    stream.write(chunk)
            except OSError:
                pass
            try:
                while True:  # the last few bytes a page does not fill
                    stream.write(b"\0")
            except OSError:
                pass
        assert shutil.disk_usage(self.root).free == 0

    def free(self) -> None:
        self.filler.unlink()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    """A 4 MiB tmpfs under ``tmp_path``; skipped where it cannot be mounted (not root, no tmpfs)."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("needs root on Linux to mount a small tmpfs (mount -t tmpfs); CI runs the tests as root")
    root = tmp_path / "disk"
    root.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(root)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield SmallDisk(root)
    finally:
        subprocess.run(["umount", "-l", str(root)], check=True)


@pytest.fixture(scope="module")
def templates_0012(faces, analyzer):
    return templates_from_images(analyzer, sorted((faces / "webcam/nuaa/live/0012").glob("*.jpg")))


def _stored(repo: Repository) -> list[tuple[str, datetime]]:
    return [(e.kind, e.at_utc) for e in repo.events.between(START - timedelta(days=1), START + timedelta(days=1))]


@pytest.mark.expected_log("kiosk.engine", "pending: disk full")
def test_a_check_in_on_a_full_disk_waits_and_is_written_once_space_returns(
    small_disk, video_frames, analyzer, templates_0012, log_expectations, caplog
) -> None:
    db = small_disk.root / "kiosk.sqlite"
    with Repository(db) as admin:
        save_enrollment(admin, code="0012", name="张伟", templates=templates_0012)
    frames = video_frames("blink-0012.mp4")
    elapsed = [0.0]
    with Repository(db, busy_timeout_s=INTERACTIVE_BUSY_TIMEOUT_S) as repo, Repository(db) as reader:
        engine = create_engine(repo, Settings(), clock=lambda: START + timedelta(seconds=elapsed[0]),
                               analyzer=analyzer)
        small_disk.fill()
        frame, reported, saving_s = until_saving(engine, frames, elapsed)
        assert saving_s is not None, "the subject was never identified and live"
        saving_at = START + timedelta(seconds=saving_s)
        # The person sees "Saving your check-in…" (the SAVING status) and walks away: no face any more.
        reported += walk_away(engine, frame, 30, 0.2, elapsed)
        assert reported == [] and engine.pending_check_ins == 1
        assert _stored(reader) == []
        [warning] = [r.getMessage() for r in caplog.records if r.name == "kiosk.engine" and "pending" in r.getMessage()]
        assert f"pending: disk full: free space on {small_disk.root};" in warning  # logged once, not per frame
        assert disk_warning(small_disk.root, 500) is not None
        assert disk_warning(small_disk.root, 500).problem is Problem.DISK_FULL

        small_disk.free()
        elapsed[0] += 0.2
        result = engine.process(Frame(frame.index + 31, np.zeros_like(frame.rgb), elapsed[0]))  # no face: no new scan
        [event] = result.events
        assert (event.kind, event.employee.code, event.live) == (EventKind.CHECKED_IN, "0012", True)
        assert engine.pending_check_ins == 0
        # Recorded at the moment the person was there, once.
        assert _stored(reader) == [("in", saving_at)]
        assert disk_warning(small_disk.root, 500).problem is Problem.DISK_LOW  # 4 MiB: still under 500 MB
        assert disk_warning(small_disk.root, 0) is None


def _office(db: Path) -> None:
    with Repository(db) as repo:
        employee = repo.employees.add("0012", "张伟", "生产部")
        at = datetime(2026, 11, 23, 9, 0, tzinfo=CHINA)
        repo.events.add(AttendanceEvent(None, employee.id, "in", at, 480, None, True, "face", "kiosk-1"))


def test_commands_on_a_full_disk_name_the_cause_and_exports_to_another_disk_still_work(
    small_disk, tmp_path, capsys, monkeypatch
) -> None:
    monkeypatch.delenv("KIOSK_DB", raising=False)
    db = small_disk.root / "office.sqlite"
    _office(db)
    small_disk.fill()
    before = sorted(path.name for path in small_disk.root.iterdir())

    # A write: the database cannot even make its WAL index (SQLite says "disk I/O error").
    code = main(["shift", "add", "--db", str(db), "--name", "白班", "--start", "08:30", "--end", "17:30"])
    assert code == DiskFull.exit_code
    # (The log file beside the database may say on its own line that it cannot be written either.)
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("kiosk: error:")]
    assert errors == [f"kiosk: error: disk full: free space on {small_disk.root}; "
                      f"the attendance database {db} cannot be written until then"]

    # A read-only export to another disk writes nothing beside the database, so it works at 0 bytes free.
    out = tmp_path / "events.csv"
    assert main(["export", "--db", str(db), "--from", "2026-11-23", "--to", "2026-11-23", "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote 1 row to {out}\n"
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert [row[:6] for row in rows[1:]] == [["2026-11-23", "09:00:00", "0012", "张伟", "生产部", "in"]]
    # Beside the database: at most the failed write's WAL index stub (3 bytes) and an empty log file.
    appeared = {path.name for path in small_disk.root.iterdir()} - set(before)
    assert appeared <= {"office.sqlite-shm", "office.log"}
    assert all((small_disk.root / name).stat().st_size < 1024 for name in appeared)

    # An export onto the full disk says so too.
    full_out = small_disk.root / "events.csv"
    args = ["export", "--db", str(db), "--from", "2026-11-23", "--to", "2026-11-23", "--out", str(full_out)]
    assert main(args) == DiskFull.exit_code
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("kiosk: error:")]
    assert errors == [f"kiosk: error: disk full: free space on {small_disk.root}; {full_out} was not written"]
    assert not full_out.exists()

    small_disk.free()
    assert main(["shift", "add", "--db", str(db), "--name", "白班", "--start", "08:30", "--end", "17:30"]) == 0


def test_an_export_on_a_full_disk_reads_through_a_running_kiosks_wal_index(small_disk, tmp_path, capsys) -> None:
    """While a kiosk has the file open (its WAL index sized), a reader needs no room: it shares the index."""
    db = small_disk.root / "office.sqlite"
    _office(db)
    with Repository(db) as kiosk:
        kiosk.events.between(START - timedelta(days=1), START)  # the kiosk has read: its index exists
        small_disk.fill()
        out = tmp_path / "events.csv"
        assert main(["export", "--db", str(db), "--from", "2026-11-23", "--to", "2026-11-23", "--out", str(out)]) == 0
        assert capsys.readouterr().out == f"wrote 1 row to {out}\n"
        small_disk.free()
        assert len(kiosk.events.between(START - timedelta(days=1), START + timedelta(days=1))) == 1
