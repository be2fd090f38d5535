"""The ``kiosk`` command: one-line errors, non-zero exits, nothing half-written."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def kiosk(*args: str, env_db: Path | None = None) -> subprocess.CompletedProcess[str]:
    import os

    env = dict(os.environ)
    env.pop("KIOSK_DB", None)
    if env_db is not None:
        env["KIOSK_DB"] = str(env_db)
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, env=env, timeout=600)


def _one_line_error(result: subprocess.CompletedProcess[str], needle: str) -> None:
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.startswith("kiosk: error:")]
    assert len(lines) == 1 and needle in lines[0], result.stderr


def test_enroll_identify_and_run_video(tmp_path, faces) -> None:
    db = tmp_path / "k.sqlite"
    images = [str(p) for p in sorted((faces / "webcam/nuaa/live/0012").glob("*.jpg"))]
    result = kiosk("enroll", "--db", str(db), "--name", "张伟", "--code", "0012", *images)
    assert result.returncode == 0, result.stderr
    assert "enrolled 张伟 (0012) with 12 templates" in result.stdout

    result = kiosk("identify", images[0], "--json", env_db=db)  # database from $KIOSK_DB
    assert json.loads(result.stdout)["employee_code"] == "0012"

    result = kiosk("run-video", "--db", str(db), str(faces / "video/blink-0012.mp4"),
                   "--start", "2026-11-23T08:55:00+08:00", "--json")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(e["type"], e["employee_code"], e["name"], e["live"]) for e in lines] == [("in", "0012", "张伟", True)]

    out = tmp_path / "events.csv"
    result = kiosk("export", "--db", str(db), "--from", "2026-11-23", "--to", "2026-11-23", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf") and "张伟".encode() in text


def test_duplicate_face_is_refused_and_nothing_written(tmp_path, faces) -> None:
    db = tmp_path / "k.sqlite"
    image = str(sorted((faces / "webcam/nuaa/live/0003").glob("*.jpg"))[0])
    assert kiosk("enroll", "--db", str(db), "--name", "A", "--code", "1", image).returncode == 0
    result = kiosk("enroll", "--db", str(db), "--name", "B", "--code", "2", image)
    _one_line_error(result, "already belongs to A (1)")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT code FROM employees").fetchall() == [("1",)]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("enroll", "--name", "X", "--code", "9", "{faces}/stills/misc/camera.png"), "no face found"),
        (("enroll", "--name", "X", "--code", "9", "{faces}/stills/ageitgey/two_people.jpg"), "faces of similar size"),
        (("enroll", "--name", "X", "--code", "9", "{faces}/nope.jpg"), "image not found"),
        (("enroll", "--name", "X", "--code", "9", "{faces}/README.md"), "not a readable image"),
        (("liveness", "{faces}/README.md"), "not a readable video"),
        (("liveness", "{faces}/video/missing.mp4"), "video not found"),
        (("export", "--from", "2026-13-01", "--to", "2026-11-30", "--out", "{tmp}/x.csv"), "--from must be a date"),
        (("export", "--from", "2026-11-30", "--to", "2026-11-01", "--out", "{tmp}/x.csv"), "is before"),
        (("evaluate", "{tmp}"), "needs at least two sub-folders"),
    ],
)
def test_bad_input_gets_one_line_and_writes_nothing(tmp_path, faces, args, needle) -> None:
    db = tmp_path / "k.sqlite"
    if args[0] == "export":
        kiosk("enroll", "--db", str(db), "--name", "A", "--code", "1",
              str(sorted((faces / "webcam/nuaa/live/0003").glob("*.jpg"))[0]))
    before = sorted(p.name for p in tmp_path.iterdir())
    filled = [a.format(faces=faces, tmp=tmp_path) for a in args]
    result = kiosk(filled[0], *(["--db", str(db)] if filled[0] in ("enroll", "export") else []), *filled[1:])
    _one_line_error(result, needle)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_corrupt_database_and_corrupt_video(tmp_path, faces) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    result = kiosk("identify", "--db", str(bad), str(sorted((faces / "webcam/nuaa/live/0003").glob("*.jpg"))[0]))
    _one_line_error(result, "damaged")
    assert bad.read_bytes() == b"this is not a database" * 100

    broken = tmp_path / "broken.mp4"
    broken.write_bytes((faces / "video/blink-0012.mp4").read_bytes()[:2000])
    result = kiosk("liveness", str(broken), "--json")
    _one_line_error(result, "not a readable video")


def test_locked_database(tmp_path, faces) -> None:
    db = tmp_path / "k.sqlite"
    image = str(sorted((faces / "webcam/nuaa/live/0003").glob("*.jpg"))[0])
    assert kiosk("enroll", "--db", str(db), "--name", "A", "--code", "1", image).returncode == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = kiosk("enroll", "--db", str(db), "--name", "B", "--code", "2",
                       str(sorted((faces / "webcam/nuaa/live/0001").glob("*.jpg"))[0]))
        _one_line_error(result, "")
        assert "lock" in result.stderr.lower() or "busy" in result.stderr.lower()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT code FROM employees").fetchall() == [("1",)]
