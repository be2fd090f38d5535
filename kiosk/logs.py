"""The kiosk's log file, and the last errors and warnings for the admin's "Recent problems" view.

The kiosk screen says only a short sentence in the screen's language when
something breaks ("Face recognition is not working right now…"); the
technical details (SQLite's message, file paths, exception text) go to the log.

* :func:`install_log_file` writes the ``kiosk`` loggers to a rotating file
  beside the database (:func:`kiosk.paths.log_path_for`): one timestamped line
  per record (local time with its UTC offset), created private (0600) like
  the database, :data:`LOG_FILE_BACKUPS` older files of
  :data:`LOG_FILE_MAX_BYTES` each. The GUI and the CLI install it at start-up.
* :class:`RecentErrors` is a logging handler on the ``kiosk`` logger that keeps
  the newest warnings and errors, so an admin can read them on the kiosk itself
  without a terminal. It starts from the log file's newest problems
  (:func:`read_recent_problems`), so a restart (or the crash that caused it)
  does not wipe them.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path

from kiosk.paths import PRIVATE_FILE_MODE

KEPT = 50
"""Records kept (50: a few hours of a recurring fault, collapsed, fit a screen's scroll; older ones are in the log)."""


@dataclass(frozen=True)
class RecentError:
    """One logged problem. ``last_at`` is the kiosk computer's local time of the newest repeat."""

    first_at: datetime
    last_at: datetime
    level: str
    logger: str
    message: str
    repeats: int = 1
    """How many times in a row the same logger said the same thing (a camera retrying every few seconds)."""


class RecentErrors(logging.Handler):
    """Keeps the newest :data:`KEPT` warnings and errors; repeats in a row are collapsed into one entry.

    Thread-safe: workers log from their threads while the GUI reads :meth:`entries`.
    """

    def __init__(self, level: int = logging.WARNING, kept: int = KEPT, earlier: Iterable[RecentError] = ()) -> None:
        super().__init__(level)
        self._entries: deque[RecentError] = deque(earlier, maxlen=kept)
        self.log_path: Path | None = None
        """The log file the earlier entries were read from (None: memory only)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
            if record.exc_info and record.exc_info[1] is not None:
                exc = record.exc_info[1]
                message = f"{message}: {type(exc).__name__}: {exc}"
        except Exception:  # a bad format string must not break logging
            self.handleError(record)
            return
        at = datetime.fromtimestamp(record.created).astimezone()
        with self._entries_lock():
            last = self._entries[-1] if self._entries else None
            if last is not None and (last.logger, last.message, last.level) == (record.name, message, record.levelname):
                self._entries[-1] = replace(last, last_at=at, repeats=last.repeats + 1)
            else:
                self._entries.append(RecentError(at, at, record.levelname, record.name, message))

    def _entries_lock(self) -> _Held:
        return _Held(self)

    def entries(self) -> list[RecentError]:
        """Newest first."""
        with self._entries_lock():
            return list(reversed(self._entries))

    def clear(self) -> None:
        with self._entries_lock():
            self._entries.clear()


class _Held:
    """``with``: hold the handler's own lock (``logging.Handler.acquire``/``release``)."""

    def __init__(self, handler: logging.Handler) -> None:
        self._handler = handler

    def __enter__(self) -> None:
        self._handler.acquire()

    def __exit__(self, *exc_info: object) -> None:
        self._handler.release()


def attach_recent_errors(logger_name: str = "kiosk", earlier_from: Path | None = None) -> RecentErrors:
    """A fresh :class:`RecentErrors` listening to ``logger_name`` and its children (detach with :func:`detach`).

    ``earlier_from``: a log file whose newest problems it starts with (logged before this start).
    """
    earlier = read_recent_problems(earlier_from) if earlier_from is not None else []
    handler = RecentErrors(earlier=earlier)
    handler.log_path = earlier_from
    logging.getLogger(logger_name).addHandler(handler)
    return handler


def detach(handler: RecentErrors, logger_name: str = "kiosk") -> None:
    logging.getLogger(logger_name).removeHandler(handler)


# --------------------------------------------------------------------- the log file

LOG_FILE_MAX_BYTES = 2 * 1024 * 1024
"""Size at which the log file is rotated, in bytes (2 MB: about a month of a busy
kiosk's INFO lines, one sync round a minute included, and quick to read back)."""

LOG_FILE_BACKUPS = 4
"""Rotated files kept beside the current one (``.1`` newest … ``.4`` oldest): 10 MB in all,
a few months of history for whoever looks into a fault, never a full disk."""

LOG_FILE_LEVEL = logging.INFO
"""What the file keeps: INFO and above (check-ins, camera lost and back, backups), never DEBUG's per-frame detail."""

_LINE = re.compile(r"^(\d{4}-\d\d-\d\dT\S+) (DEBUG|INFO|WARNING|ERROR|CRITICAL) (\S+): (.*)$")
"""A record's first line in the file: time, level, logger and the message's first line."""

_PROBLEM_LEVELS = frozenset({"WARNING", "ERROR", "CRITICAL"})

_TAIL_BYTES = 256 * 1024
"""How much of each log file's end :func:`read_recent_problems` reads (a few thousand lines)."""


class LogFileFormatter(logging.Formatter):
    """``2026-11-23T08:55:01.123+08:00 WARNING kiosk.camera: camera lost: …``, one record per line.

    The time is the computer's local time with its UTC offset, so lines stay
    in order and unambiguous across a time-zone or daylight-saving change. A
    message's further lines and an exception's traceback follow, indented by
    four spaces; an exception's type and text also end the first line, so the
    first line alone says what happened.
    """

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        first, *rest = message.splitlines() or [""]
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            first = f"{first}: {type(error).__name__}: {' '.join(str(error).split())}"
            rest.extend(self.formatException(record.exc_info).splitlines())
        at = datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="milliseconds")
        return "\n".join([f"{at} {record.levelname} {record.name}: {first}", *("    " + line for line in rest)])


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A :class:`RotatingFileHandler` whose files are created 0600 and opened only once there is something to write.

    Rotation renames files, so every rotated file keeps the mode it was created
    with. Several kiosk processes may append to one file (the kiosk and a
    ``kiosk backup`` from cron): appends stay whole lines; a rotation while
    another process writes may put a few of its lines in the older file.
    """

    def __init__(self, path: Path, max_bytes: int = LOG_FILE_MAX_BYTES, backups: int = LOG_FILE_BACKUPS) -> None:
        super().__init__(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", delay=True)
        self._complained = False

    def _open(self) -> TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
        if sys.platform != "win32":
            try:
                info = os.fstat(fd)
                if info.st_mode & 0o077 and info.st_uid == os.getuid():
                    os.fchmod(fd, PRIVATE_FILE_MODE)
            except OSError:
                pass  # still log; the database's own checks say what is wrong with the folder
        return open(fd, "a", encoding="utf-8", errors="backslashreplace")  # the handler closes it

    def handleError(self, record: logging.LogRecord) -> None:
        """One line on stderr the first time the file cannot be written (a full disk), not a traceback per record."""
        if not self._complained:
            self._complained = True
            error = sys.exc_info()[1]
            sys.stderr.write(f"kiosk: cannot write the log file {self.baseFilename}: {error}\n")

    def close(self) -> None:
        """Close; lines a full disk refused stay unwritten (said once by :meth:`handleError`), never an exception."""
        try:
            super().close()
        except OSError as error:
            if not self._complained:
                self._complained = True
                sys.stderr.write(f"kiosk: cannot write the log file {self.baseFilename}: {error}\n")


def install_log_file(path: Path, logger_name: str = "kiosk") -> PrivateRotatingFileHandler:
    """Write ``logger_name`` and its children, from INFO up, to the rotating file ``path`` (remove with
    :func:`remove_log_file`). The file appears with the first record, so a command that logs nothing leaves none."""
    handler = PrivateRotatingFileHandler(path)
    handler.setLevel(LOG_FILE_LEVEL)
    handler.setFormatter(LogFileFormatter())
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    if logger.getEffectiveLevel() > LOG_FILE_LEVEL:
        logger.setLevel(LOG_FILE_LEVEL)
    return handler


def remove_log_file(handler: logging.Handler, logger_name: str = "kiosk") -> None:
    logging.getLogger(logger_name).removeHandler(handler)
    handler.close()


@contextmanager
def log_file(path: Path, logger_name: str = "kiosk") -> Iterator[PrivateRotatingFileHandler]:
    """:func:`install_log_file` for the length of a ``with`` block; the logger's level is restored after."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    handler = install_log_file(path, logger_name)
    try:
        yield handler
    finally:
        remove_log_file(handler, logger_name)
        logger.setLevel(level)


def log_files(path: Path) -> list[Path]:
    """The log file and its rotated copies that exist, oldest first (``.4`` … ``.1``, then ``path``)."""
    rotated = [path.with_name(f"{path.name}.{number}") for number in range(LOG_FILE_BACKUPS, 0, -1)]
    return [candidate for candidate in [*rotated, path] if candidate.is_file()]


def read_recent_problems(path: Path, kept: int = KEPT, logger_prefix: str = "kiosk") -> list[RecentError]:
    """The newest ``kept`` warnings and errors of ``logger_prefix`` loggers in the log file ``path``
    and its rotated copies, oldest first, repeats in a row collapsed as :class:`RecentErrors` does.

    Reads only the end of each file, newest file first, until it has enough. A
    missing or unreadable file gives nothing: the log is a help, never a reason not to start.
    """
    entries: list[RecentError] = []
    for file in reversed(log_files(path)):
        try:
            older = _problems(_tail(file), logger_prefix)
        except OSError:
            continue
        entries = _collapsed([*older, *entries])
        if len(entries) >= kept:
            break
    return entries[-kept:]


def _tail(file: Path) -> list[str]:
    with file.open("rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(max(0, size - _TAIL_BYTES))
        data = handle.read()
    lines = data.decode("utf-8", errors="replace").splitlines()
    return lines[1:] if size > _TAIL_BYTES else lines  # the first may be cut


def _problems(lines: list[str], logger_prefix: str) -> list[RecentError]:
    found = []
    for line in lines:
        match = _LINE.match(line)
        if match is None or match[2] not in _PROBLEM_LEVELS:
            continue
        if match[3] != logger_prefix and not match[3].startswith(logger_prefix + "."):
            continue
        try:
            at = datetime.fromisoformat(match[1])
        except ValueError:
            continue
        found.append(RecentError(at, at, match[2], match[3], match[4]))
    return found


def _collapsed(entries: list[RecentError]) -> list[RecentError]:
    result: list[RecentError] = []
    for entry in entries:
        last = result[-1] if result else None
        if last is not None and (last.logger, last.message, last.level) == (entry.logger, entry.message, entry.level):
            result[-1] = replace(last, last_at=entry.last_at, repeats=last.repeats + entry.repeats)
        else:
            result.append(entry)
    return result
