"""Bad input at the edges: bytes that are not UTF-8, dates at the calendar's ends,
impossible paths, huge images, damaged files. Each gets one line, a non-zero
exit and no write; none may end in a traceback.

The commands run in this process through :func:`kiosk.cli.main`, like
``tests/unit/test_cli.py``.
"""

from __future__ import annotations

import io
import os
import sqlite3
import struct
import zlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.cli.main import main
from kiosk.errors import InputError
from kiosk.storage.models import AttendanceEvent
from kiosk.storage.repository import Repository
from kiosk.vision.image import MAX_IMAGE_PIXELS, image_size, load_rgb

NOT_UTF8 = os.fsdecode(b"\xff")
"""What Python makes of a command-line byte that is not UTF-8: a lone surrogate."""

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def kiosk(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, recorded_analyzers) -> Run:
    """``kiosk(*args)`` runs the command in-process: (exit code, stdout, stderr)."""
    monkeypatch.delenv("KIOSK_DB", raising=False)

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _one_line(result: tuple[int, str, str], needle: str) -> None:
    code, out, err = result
    assert code != 0, (out, err)
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("kiosk: error: ") and needle in err, err


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A kiosk database with one employee (code 0012) and one check-in on 2026-11-23."""
    db = tmp_path / "office.sqlite"
    with Repository(db) as repo:
        employee = repo.employees.add("0012", "张伟")
        repo.events.add(AttendanceEvent(None, employee.id, "in", datetime(2026, 11, 23, 1, 0, tzinfo=UTC), 480,
                                       None, True, "face", "kiosk-1"))
    return db


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _events(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM events").fetchone()[0]


@pytest.mark.parametrize(
    "args",
    [
        ("export", "--from", "2026-11-01", "--to", "2026-11-30", "--out", "{tmp}/x.csv", "--employee", NOT_UTF8),
        ("export", "--from", "2026-11-01", "--to", "2026-11-30", "--out", "{tmp}/x.csv", "--summary",
         "--department", NOT_UTF8),
        ("pin-checkin", "--code", NOT_UTF8),
        ("enroll", "--consent", "--name", NOT_UTF8, "--code", "9", "{faces}/stills/ageitgey/obama.jpg"),
        ("enroll", "--consent", "--name", "X", "--code", "9" + NOT_UTF8, "{faces}/stills/ageitgey/obama.jpg"),
    ],
    ids=["export-employee", "export-department", "pin-checkin-code", "enroll-name", "enroll-code"],
)
def test_text_that_is_not_utf8_is_refused(tmp_path, faces, office, kiosk: Run, monkeypatch, args) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # pin-checkin reads its PIN from stdin
    before = _files(tmp_path)
    filled = [a.format(tmp=tmp_path, faces=faces) for a in args]
    _one_line(kiosk(filled[0], "--db", str(office), *filled[1:]), "is not valid UTF-8")
    assert _files(tmp_path) == before


@pytest.mark.parametrize(
    ("start", "needle"),
    [
        ("9999-12-31T23:59:59+00:00", "too close to the ends of the calendar"),
        ("0001-01-01T00:00:00+08:00", "too close to the ends of the calendar"),
        ("2026-11-23T08:55:00+23:59", "UTC offset outside"),
    ],
)
def test_run_video_start_at_the_edges(tmp_path, faces, office, kiosk: Run, start, needle) -> None:
    before = _files(tmp_path)
    result = kiosk("run-video", "--db", str(office), str(faces / "video/blink-0012.mp4"), "--start", start)
    _one_line(result, needle)
    assert result[0] == InputError.exit_code
    assert _files(tmp_path) == before and _events(office) == 1


@pytest.mark.parametrize(
    ("first", "last", "rows"),
    [("9999-12-30", "9999-12-31", 0), ("0001-01-01", "0001-01-02", 0), ("0001-01-01", "9999-12-31", 1)],
)
@pytest.mark.parametrize("summary", [False, True])
def test_export_at_the_calendars_edges(tmp_path, office, kiosk: Run, first, last, rows, summary) -> None:
    """Valid dates, however far out: the export answers (an empty range is empty) instead of overflowing."""
    out = tmp_path / "out.csv"
    result = kiosk("export", "--db", str(office), "--from", first, "--to", last, "--out", str(out),
                   *(["--summary"] if summary else []))
    assert result == (0, f"wrote {rows} {'row' if rows == 1 else 'rows'} to {out}\n", "")
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == 1 + rows


@pytest.mark.parametrize(
    "args",
    [
        ("export", "--from", "2026-11-01", "--to", "2026-11-30", "--out", "{tmp}/x.csv"),
        ("identify", "{faces}/stills/ageitgey/obama.jpg"),
        ("run-video", "{faces}/video/blink-0012.mp4"),
        ("pin-checkin", "--code", "0012"),
        ("enroll", "--consent", "--name", "X", "--code", "9", "{faces}/stills/ageitgey/obama.jpg"),
    ],
    ids=lambda args: args[0],
)
def test_database_under_a_file(tmp_path, faces, kiosk: Run, monkeypatch, args) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    before = _files(tmp_path)
    filled = [a.format(tmp=tmp_path, faces=faces) for a in args]
    _one_line(kiosk(filled[0], "--db", str(tmp_path / "notes.txt" / "office.sqlite"), *filled[1:]), "notes.txt")
    assert _files(tmp_path) == before


def test_settings_number_too_large_for_a_float(tmp_path, office, kiosk: Run) -> None:
    (tmp_path / "office.settings.json").write_text('{"detect_width": 1e400}')
    result = kiosk("export", "--db", str(office), "--from", "2026-11-01", "--to", "2026-11-30",
                   "--out", str(tmp_path / "x.csv"), "--summary")
    _one_line(result, "detect_width")
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.expected_log("kiosk.storage", "integrity check")
def test_damaged_database_is_one_line(tmp_path, office, kiosk: Run, caplog) -> None:
    """A valid header followed by garbage: SQLite's multi-line integrity report stays in the log."""
    with Repository(office) as repo:  # enough rows for several pages
        employee = repo.employees.find("0012")
        assert employee is not None
        for minute in range(1500):
            repo.events.add(AttendanceEvent(None, employee.id, "in", datetime(2026, 1, 1, tzinfo=UTC)
                                           + timedelta(minutes=minute), 480, None, True, "face", "kiosk-1"))
    data = office.read_bytes()
    page = 4096
    # Garble the events table and everything after it; the pages before it, the schema's among them (more
    # than one page since schema 5), stay whole, so SQLite opens the file and its integrity check finds the rest.
    raw = sqlite3.connect(office)
    [(events_root,)] = raw.execute("SELECT rootpage FROM sqlite_master WHERE name = 'events'").fetchall()
    raw.close()
    kept = (events_root - 1) * page
    assert len(data) > kept + 4 * page
    damaged = data[:kept] + np.random.default_rng(0).bytes(len(data) - kept)
    office.write_bytes(damaged)
    result = kiosk("export", "--db", str(office), "--from", "2026-01-01", "--to", "2026-01-02",
                   "--out", str(tmp_path / "x.csv"))
    _one_line(result, "office.sqlite is damaged (database disk image is malformed); restore it from a backup")
    assert office.read_bytes() == damaged and not (tmp_path / "x.csv").exists()
    assert "btreeInitPage" in caplog.text  # the details, for whoever restores it


def _huge_png(path: Path, width: int, height: int) -> None:
    """A valid 1-bit greyscale PNG of ``width`` × ``height`` white pixels, a few hundred KB on disk."""
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b""))


def test_huge_image_is_refused_before_decoding(tmp_path, office, kiosk: Run) -> None:
    """30000 × 30000 pixels in under a megabyte: refused from the header, never decoded (it took 5.3 GB)."""
    big = tmp_path / "big.png"
    _huge_png(big, 30000, 30000)
    assert big.stat().st_size < 1_000_000
    assert image_size(big.read_bytes()[:64]) == (30000, 30000)
    before = _files(tmp_path)
    for args in (("enroll", "--consent", "--name", "X", "--code", "9", str(big)), ("identify", str(big))):
        _one_line(kiosk(args[0], "--db", str(office), *args[1:]), "30000 × 30000 pixels, more than 40 megapixels")
    assert _files(tmp_path) == before


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".bmp", ".pgm", ".ppm"])
def test_image_size_read_from_the_header(tmp_path, suffix) -> None:
    image = np.zeros((37, 53) if suffix == ".pgm" else (37, 53, 3), np.uint8)
    path = tmp_path / f"small{suffix}"
    assert cv2.imwrite(str(path), image)
    assert image_size(path.read_bytes()) == (53, 37)
    assert load_rgb(path).shape == (37, 53, 3)


def test_largest_allowed_image_still_loads(tmp_path) -> None:
    """The limit refuses only what is over it: exactly MAX_IMAGE_PIXELS decodes."""
    width = 8000
    height = MAX_IMAGE_PIXELS // width
    path = tmp_path / "limit.png"
    _huge_png(path, width, height)
    assert load_rgb(path).shape == (height, width, 3)
    _huge_png(path, width, height + 1)
    with pytest.raises(InputError, match="megapixels"):
        load_rgb(path)
