"""The last errors and warnings, kept in memory for the admin's "Recent problems" view.

The kiosk screen says only a short sentence in the screen's language when
something breaks ("Face recognition is not working right now…"); the
technical details (SQLite's message, file paths, exception text) go to the log.
:class:`RecentErrors` is a logging handler on the ``kiosk`` logger that keeps
the newest of those records, so an admin can read them on the kiosk itself
without a terminal. Nothing here is stored on disk: the log file (if any) is
the record, this is a window onto its latest lines.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass, replace
from datetime import datetime

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

    def __init__(self, level: int = logging.WARNING, kept: int = KEPT) -> None:
        super().__init__(level)
        self._entries: deque[RecentError] = deque(maxlen=kept)

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


def attach_recent_errors(logger_name: str = "kiosk") -> RecentErrors:
    """A fresh :class:`RecentErrors` listening to ``logger_name`` and its children (detach with :func:`detach`)."""
    handler = RecentErrors()
    logging.getLogger(logger_name).addHandler(handler)
    return handler


def detach(handler: RecentErrors, logger_name: str = "kiosk") -> None:
    logging.getLogger(logger_name).removeHandler(handler)
