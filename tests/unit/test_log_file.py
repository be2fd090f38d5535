"""The log file beside the database: timestamped lines, private files, rotation, and Recent problems after a restart."""

from __future__ import annotations

import logging
import os
import re
import stat
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.cli.main import main
from kiosk.logs import (
    LOG_FILE_BACKUPS,
    PrivateRotatingFileHandler,
    attach_recent_errors,
    detach,
    install_log_file,
    log_file,
    log_files,
    read_recent_problems,
    remove_log_file,
)
from kiosk.paths import log_path_for
from kiosk.storage.repository import Repository

LINE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d (INFO|WARNING|ERROR) kiosk\.[a-z.]+: .+$")
"""A record's first line: local time with milliseconds and UTC offset, level, logger, message."""


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_log_lives_beside_the_database(tmp_path: Path) -> None:
    assert log_path_for(tmp_path / "attendance.sqlite") == tmp_path / "attendance.log"
    assert log_path_for(tmp_path / "door.db") == tmp_path / "door.log"
    assert log_path_for(tmp_path / "odd.log") == tmp_path / "odd.log.log"  # never the database itself


@pytest.mark.expected_log("kiosk.camera")
@pytest.mark.expected_log("other.library")
def test_lines_are_timestamped_and_the_file_is_private_and_made_only_when_needed(tmp_path: Path) -> None:
    path = tmp_path / "attendance.log"
    old_umask = os.umask(0)  # a careless umask must not make it readable
    try:
        with log_file(path):
            assert not path.exists()  # nothing logged yet: no file
            logging.getLogger("kiosk.camera").debug("per-frame detail, never in the file")
            logging.getLogger("kiosk.camera").info("opened camera %d", 0)
            logging.getLogger("other.library").warning("not ours")
            try:
                raise OSError(28, "No space left on device")
            except OSError:
                logging.getLogger("kiosk.camera").exception("camera lost\nsecond line")
    finally:
        os.umask(old_umask)
    assert _mode(path) == 0o600
    lines = path.read_text(encoding="utf-8").splitlines()
    assert LINE.match(lines[0]) and lines[0].endswith(" INFO kiosk.camera: opened camera 0")
    assert LINE.match(lines[1])
    assert lines[1].endswith(" ERROR kiosk.camera: camera lost: OSError: [Errno 28] No space left on device")
    assert lines[2] == "    second line"
    assert lines[3] == "    Traceback (most recent call last):"
    assert all(line.startswith("    ") for line in lines[2:])
    assert not any("per-frame" in line or "not ours" in line for line in lines)


def test_a_log_file_readable_by_others_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "attendance.log"
    path.write_text("")
    os.chmod(path, 0o644)
    with log_file(path):
        logging.getLogger("kiosk.ops").info("something")
    assert _mode(path) == 0o600


def test_the_log_rotates_into_a_few_private_files_of_bounded_size(tmp_path: Path) -> None:
    path = tmp_path / "attendance.log"
    handler = PrivateRotatingFileHandler(path, max_bytes=2_000, backups=3)
    handler.setLevel(logging.INFO)
    logger = logging.getLogger("kiosk.rotation-test")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        for number in range(200):
            logger.info("check-in %03d of someone who came to work", number)
    finally:
        logger.removeHandler(handler)
        handler.close()
        logger.setLevel(logging.NOTSET)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["attendance.log", "attendance.log.1", "attendance.log.2", "attendance.log.3"]
    for name in files:
        assert _mode(tmp_path / name) == 0o600
        assert (tmp_path / name).stat().st_size <= 2_000
    newest = (tmp_path / "attendance.log").read_text().splitlines()
    assert newest[-1].endswith("check-in 199 of someone who came to work")
    # The rotated files hold the lines just before, oldest in .3; nothing older survives.
    kept = [line for name in reversed(files[1:]) for line in (tmp_path / name).read_text().splitlines()]
    numbers = [int(re.search(r"check-in (\d+)", line)[1]) for line in [*kept, *newest]]  # type: ignore[index]
    assert numbers == list(range(numbers[0], 200)) and numbers[0] > 0
    # The shipped handler keeps the same shape: the current file and LOG_FILE_BACKUPS older ones.
    assert [p.name for p in log_files(path)] == ["attendance.log.3", "attendance.log.2", "attendance.log.1",
                                                 "attendance.log"]
    assert LOG_FILE_BACKUPS == 4


@pytest.mark.expected_log("kiosk")
def test_recent_problems_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "attendance.log"
    with log_file(path):  # the kiosk's first run
        camera = logging.getLogger("kiosk.camera")
        for _ in range(3):
            camera.warning("camera lost: %s", "no camera found at index 0")
        logging.getLogger("kiosk.ops").info("backup written")  # not a problem
        logging.getLogger("kiosk.storage").error("save failed: disk I/O error")
        running = attach_recent_errors()
        try:
            logging.getLogger("kiosk.storage").error("after the window opened")
            in_memory = running.entries()
        finally:
            detach(running)
    # The kiosk restarts: Recent problems starts from the log.
    restarted = attach_recent_errors(earlier_from=path)
    try:
        entries = restarted.entries()
        assert [(e.logger, e.level, e.message, e.repeats) for e in entries] == [
            ("kiosk.storage", "ERROR", "after the window opened", 1),
            ("kiosk.storage", "ERROR", "save failed: disk I/O error", 1),
            ("kiosk.camera", "WARNING", "camera lost: no camera found at index 0", 3),
        ]
        assert entries[2].first_at < entries[2].last_at or entries[2].first_at == entries[2].last_at
        assert entries[0].last_at.tzinfo is not None
        assert restarted.log_path == path
        assert in_memory[0].message == "after the window opened"
        logging.getLogger("kiosk.camera").warning("camera lost again")  # and it keeps listening
        assert restarted.entries()[0].message == "camera lost again"
    finally:
        detach(restarted)


def test_problems_are_read_from_the_rotated_files_too_and_a_missing_log_is_no_problem(tmp_path: Path) -> None:
    path = tmp_path / "attendance.log"
    assert read_recent_problems(path) == []
    older = datetime(2026, 11, 23, 8, 0).astimezone().isoformat(timespec="milliseconds")
    newer = datetime(2026, 11, 24, 8, 0).astimezone().isoformat(timespec="milliseconds")
    (tmp_path / "attendance.log.1").write_text(f"{older} ERROR kiosk.storage: old trouble\n"
                                               f"{older} WARNING somebody.else: not ours\n")
    path.write_text(f"{newer} INFO kiosk.ops: fine\n{newer} WARNING kiosk.camera: new trouble\n"
                    "    a continuation line, not a record\n")
    assert [(e.message, e.first_at.isoformat(timespec="milliseconds")) for e in read_recent_problems(path)] == [
        ("old trouble", older), ("new trouble", newer),
    ]
    assert [e.message for e in read_recent_problems(path, kept=1)] == ["new trouble"]


def test_install_and_remove_leave_the_logger_as_it_was(tmp_path: Path) -> None:
    logger = logging.getLogger("kiosk")
    before = (logger.level, list(logger.handlers))
    handler = install_log_file(tmp_path / "a.log")
    assert handler in logger.handlers and logger.getEffectiveLevel() <= logging.INFO
    remove_log_file(handler)
    logger.setLevel(before[0])
    assert (logger.level, logger.handlers) == before


def test_the_cli_logs_beside_its_database_and_a_refused_command_leaves_no_file(tmp_path: Path, capsys) -> None:
    db = tmp_path / "office.sqlite"
    Repository(db).close()
    assert main(["backup", "--db", str(db), "--to", str(tmp_path / "backups")]) == 0
    capsys.readouterr()
    lines = (tmp_path / "office.log").read_text().splitlines()
    assert any(LINE.match(line) and " INFO kiosk.ops: backup of " in line for line in lines)
    assert _mode(tmp_path / "office.log") == 0o600
    assert logging.getLogger("kiosk").level == logging.NOTSET  # restored after the command
    # A command refused before it does anything writes nothing, not even a log file.
    other = tmp_path / "other"
    other.mkdir()
    assert main(["export", "--db", str(other / "none.sqlite"), "--from", "2026-13-01", "--to", "2026-11-30",
                 "--out", str(other / "x.csv")]) == 2
    assert list(other.iterdir()) == []
