"""The ``kiosk`` command: one-line errors, non-zero exits, nothing half-written.

Most tests run the command in this process through :func:`kiosk.cli.main`, as
sqlite-utils tests its CLI with ``CliRunner``: they check the return code and
what was printed. The command's face analyser is then the run's recorded one
(see ``tests/recorded.py``). Two tests start real processes, through the
installed ``kiosk`` script and ``python -m kiosk``, for the install path.
"""

from __future__ import annotations

import getpass
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from kiosk.cli.main import main
from kiosk.enrollment.session import templates_from_images
from kiosk.storage.repository import Repository


@dataclass(frozen=True)
class Result:
    """What one run of the command returned and printed."""

    returncode: int
    stdout: str
    stderr: str


Kiosk = Callable[..., Result]


@pytest.fixture
def kiosk(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, recorded_analyzers) -> Kiosk:
    """``kiosk(*args, env_db=None)`` runs the command in-process; ``env_db`` becomes ``$KIOSK_DB``."""

    def run(*args: str, env_db: Path | None = None) -> Result:
        if env_db is None:
            monkeypatch.delenv("KIOSK_DB", raising=False)
        else:
            monkeypatch.setenv("KIOSK_DB", str(env_db))
        capsys.readouterr()  # only this run's output
        try:
            returncode = main(list(args))
        except SystemExit as exit_:  # argparse refuses bad options this way
            returncode = exit_.code if isinstance(exit_.code, int) else 1
        out, err = capsys.readouterr()
        return Result(returncode, out, err)

    return run


def run_process(command: list[str], env_db: Path | None = None) -> Result:
    """Run a real ``kiosk`` process; ``env_db`` becomes ``$KIOSK_DB``."""
    env = dict(os.environ)
    env.pop("KIOSK_DB", None)
    if env_db is not None:
        env["KIOSK_DB"] = str(env_db)
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env, timeout=600)
    return Result(result.returncode, result.stdout, result.stderr)


def _one_line_error(result: Result, needle: str) -> None:
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.startswith("kiosk: error:")]
    assert len(lines) == 1 and needle in lines[0], result.stderr


def _enroll(kiosk: Kiosk, db: Path, name: str, code: str, *images: str, flags: tuple[str, ...] = ()) -> Result:
    """``kiosk enroll --db DB --consent [FLAGS] --name NAME --code CODE IMAGES``."""
    return kiosk("enroll", "--db", str(db), "--consent", *flags, "--name", name, "--code", code, *images)


def _first_live(faces: Path, subject: str) -> str:
    return str(sorted((faces / "webcam/nuaa/live" / subject).glob("*.jpg"))[0])


def test_installed_command_and_python_m_kiosk(tmp_path, faces) -> None:
    """The install path, in real processes: the ``kiosk`` script enrolls, ``python -m kiosk`` finds them."""
    db = tmp_path / "k.sqlite"
    image = _first_live(faces, "0012")
    script = shutil.which("kiosk", path=str(Path(sys.executable).parent))
    assert script is not None, f"no kiosk script beside {sys.executable}: run `uv sync`"
    result = run_process([script, "enroll", "--db", str(db), "--consent", "--name", "张伟", "--code", "0012", image])
    assert result.returncode == 0, result.stderr
    assert result.stdout == "enrolled 张伟 (0012) with 1 templates\n"

    result = run_process([sys.executable, "-m", "kiosk", "identify", image, "--json"], env_db=db)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert (payload["employee_code"], payload["name"], payload["accepted"]) == ("0012", "张伟", True)
    assert payload["faces"] == 1


def test_enroll_identify_and_run_video(tmp_path, faces, kiosk: Kiosk) -> None:
    db = tmp_path / "k.sqlite"
    images = [str(p) for p in sorted((faces / "webcam/nuaa/live/0012").glob("*.jpg"))]
    result = kiosk("enroll", "--db", str(db), "--consent", "--name", "张伟", "--code", "0012", *images)
    assert result.returncode == 0, result.stderr
    assert "enrolled 张伟 (0012) with 12 templates" in result.stdout

    result = kiosk("identify", images[0], "--json", env_db=db)  # database from $KIOSK_DB
    assert result.returncode == 0, result.stderr
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


def test_duplicate_face_is_refused_and_nothing_written(tmp_path, faces, kiosk: Kiosk) -> None:
    db = tmp_path / "k.sqlite"
    image = _first_live(faces, "0003")
    assert kiosk("enroll", "--db", str(db), "--consent", "--name", "A", "--code", "1", image).returncode == 0
    result = kiosk("enroll", "--db", str(db), "--consent", "--name", "B", "--code", "2", image)
    _one_line_error(result, "already belongs to A (1)")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT code FROM employees").fetchall() == [("1",)]


def test_enroll_records_the_consent_with_the_time_and_the_operator(tmp_path, faces, kiosk: Kiosk) -> None:
    db = tmp_path / "k.sqlite"
    before = datetime.now(UTC)
    assert _enroll(kiosk, db, "A", "1", _first_live(faces, "0003")).returncode == 0
    after = datetime.now(UTC)
    with sqlite3.connect(db) as conn:
        [(consent_at,)] = conn.execute("SELECT consent_at FROM employees").fetchall()
        audit = conn.execute("SELECT actor, action, detail FROM audit_log ORDER BY id").fetchall()
    assert before <= datetime.fromisoformat(consent_at) <= after
    operator = f"cli:{getpass.getuser()}"
    assert [row[:2] for row in audit] == [(operator, "add_employee"), (operator, "replace_templates")]
    assert f"consent_at={consent_at}" in audit[0][2]


def test_enroll_never_takes_over_an_existing_code_without_replace(tmp_path, faces, kiosk: Kiosk) -> None:
    """Enrolling Obama under 张伟's code used to rename 张伟's past check-ins to Obama."""
    db = tmp_path / "k.sqlite"
    obama = str(faces / "stills/ageitgey/obama.jpg")
    assert _enroll(kiosk, db, "张伟", "0012", _first_live(faces, "0012")).returncode == 0
    assert _enroll(kiosk, db, "A", "1", _first_live(faces, "0003")).returncode == 0

    def employees() -> list[tuple[int, str, str, int]]:
        with sqlite3.connect(db) as conn:
            return conn.execute(
                "SELECT e.id, e.code, e.name, count(t.id) FROM employees e LEFT JOIN templates t "
                "ON t.employee_id = e.id GROUP BY e.id ORDER BY e.id"
            ).fetchall()

    before = employees()
    result = _enroll(kiosk, db, "Barack Obama", "0012", obama)
    _one_line_error(result, "code 0012 already belongs to 张伟; choose another code, or add --replace")
    assert result.returncode == 2 and employees() == before
    # --replace may re-enroll 0012, but not with the face of the employee under code 1 ...
    result = _enroll(kiosk, db, "Barack Obama", "0012", _first_live(faces, "0003"), flags=("--replace",))
    _one_line_error(result, "already belongs to A (1)")
    assert employees() == before
    # ... and with a face that is nobody else's it does, keeping the employee's id (and history).
    result = _enroll(kiosk, db, "Barack Obama", "0012", obama, flags=("--replace",))
    assert result.returncode == 0, result.stderr
    assert employees() == [(before[0][0], "0012", "Barack Obama", 1), before[1]]


def test_two_enrolls_of_one_code_at_once_one_fails_clearly(tmp_path, faces, analyzer) -> None:
    """Two real processes: one enrolls, the other says the code is taken; never "last one wins"."""
    db = tmp_path / "k.sqlite"
    Repository(db).close()  # both find the database; neither has to create it
    env = {key: value for key, value in os.environ.items() if key != "KIOSK_DB"}

    def start(name: str, subject: str, *extra: str) -> subprocess.Popen[str]:
        command = [sys.executable, "-m", "kiosk", "enroll", "--db", str(db), "--consent", *extra,
                   "--name", name, "--code", "0012", _first_live(faces, subject)]
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)

    def finish(processes: list[subprocess.Popen[str]]) -> list[Result]:
        outputs = [process.communicate(timeout=600) for process in processes]
        return [Result(process.returncode, out, err) for process, (out, err) in zip(processes, outputs, strict=True)]

    results = finish([start("First", "0003"), start("Second", "0007")])
    [won] = [r for r in results if r.returncode == 0]
    [lost] = [r for r in results if r.returncode != 0]
    winner = "First" if "First" in won.stdout else "Second"
    _one_line_error(lost, f"code 0012 already belongs to {winner}")
    assert lost.stdout == ""
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT code, name FROM employees").fetchall() == [("0012", winner)]
        assert conn.execute("SELECT count(*) FROM templates").fetchall() == [(1,)]

    # Two --replace at once are serialised: both succeed, and the result is wholly one of them.
    results = finish([start("Third", "0001", "--replace"), start("Fourth", "0002", "--replace")])
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    with sqlite3.connect(db) as conn:
        [(name, vector)] = conn.execute("SELECT e.name, t.vector FROM employees e JOIN templates t "
                                        "ON t.employee_id = e.id").fetchall()
    subject = {"Third": "0001", "Fourth": "0002"}[name]
    [expected] = templates_from_images(analyzer, [_first_live(faces, subject)])
    assert np.allclose(np.frombuffer(vector, "<f4"), expected.encoding, atol=1e-5)  # the name's own face


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("enroll", "--name", "X", "--code", "9", "{faces}/stills/ageitgey/obama.jpg"), "needs the employee's consent"),
        # dogs, no person: camera.png's cameraman (in profile behind his camera) is found by a photo's second look.
        (("enroll", "--consent", "--name", "X", "--code", "9", "{faces}/stills/dlib-faces/dogs.jpg"), "no face found"),
        (("enroll", "--consent", "--name", "X", "--code", "9", "{faces}/stills/ageitgey/two_people.jpg"),
         "faces of similar size"),
        (("enroll", "--consent", "--name", "X", "--code", "9", "{faces}/nope.jpg"), "image not found"),
        (("enroll", "--consent", "--name", "X", "--code", "9", "{faces}/README.md"), "not a readable image"),
        (("liveness", "{faces}/README.md"), "not a readable video"),
        (("liveness", "{faces}/video/missing.mp4"), "video not found"),
        (("export", "--from", "2026-13-01", "--to", "2026-11-30", "--out", "{tmp}/x.csv"), "--from must be a date"),
        (("export", "--from", "2026-11-30", "--to", "2026-11-01", "--out", "{tmp}/x.csv"), "is before"),
        (("evaluate", "{tmp}"), "needs at least two sub-folders"),
    ],
)
def test_bad_input_gets_one_line_and_writes_nothing(tmp_path, faces, kiosk: Kiosk, args, needle) -> None:
    db = tmp_path / "k.sqlite"
    if args[0] == "export":
        enrolled = _enroll(kiosk, db, "A", "1", _first_live(faces, "0003"))
        assert enrolled.returncode == 0
    before = sorted(p.name for p in tmp_path.iterdir())
    filled = [a.format(faces=faces, tmp=tmp_path) for a in args]
    result = kiosk(filled[0], *(["--db", str(db)] if filled[0] in ("enroll", "export") else []), *filled[1:])
    _one_line_error(result, needle)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_corrupt_database_and_corrupt_video(tmp_path, faces, kiosk: Kiosk) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    result = kiosk("identify", "--db", str(bad), _first_live(faces, "0003"))
    _one_line_error(result, "damaged")
    assert bad.read_bytes() == b"this is not a database" * 100

    broken = tmp_path / "broken.mp4"
    broken.write_bytes((faces / "video/blink-0012.mp4").read_bytes()[:2000])
    result = kiosk("liveness", str(broken), "--json")
    _one_line_error(result, "not a readable video")


def test_locked_database(tmp_path, faces, kiosk: Kiosk) -> None:
    db = tmp_path / "k.sqlite"
    enrolled = kiosk("enroll", "--db", str(db), "--consent", "--name", "A", "--code", "1", _first_live(faces, "0003"))
    assert enrolled.returncode == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = kiosk("enroll", "--db", str(db), "--consent", "--name", "B", "--code", "2", _first_live(faces, "0001"))
        _one_line_error(result, "")
        assert "lock" in result.stderr.lower() or "busy" in result.stderr.lower()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT code FROM employees").fetchall() == [("1",)]
