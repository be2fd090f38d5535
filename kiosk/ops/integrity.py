"""Is the database file sound? SQLite's full ``integrity_check``, and rebuilding damaged indexes.

The kiosk runs SQLite's ``quick_check`` whenever it opens the file
(:func:`kiosk.storage.sqlite.connect`), which is fast but only looks at the
file's structure. A changed byte inside a row passes it; the full
``integrity_check`` also compares every index with its table, so such a row
shows up as "row 101 missing from index events_time". The full check reads
the whole file (about a second for a year of check-ins), so it runs daily and
before each backup (:mod:`kiosk.ops.maintenance`, :mod:`kiosk.ops.backup`),
and in ``kiosk doctor``.

An index is derived data: ``REINDEX`` rebuilds it from its table
(:func:`rebuild_indexes`, ``kiosk doctor --repair``). Damage to a table itself
is beyond that; the way out is a backup (``kiosk restore``) or
``kiosk salvage``.

These functions work on the file with :mod:`sqlite3` directly, below the
repository: the repository refuses a damaged file on opening, and a check must
not migrate or write anything. SQLite's errors become one-line
:class:`~kiosk.errors.StorageError` messages here (:func:`describe_error`).
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kiosk.errors import DatabaseBusy, StorageError
from kiosk.storage.sqlite import DEFAULT_BUSY_TIMEOUT_S, describe_error

log = logging.getLogger("kiosk.ops")

MAX_PROBLEMS = 100
"""Problems ``integrity_check`` reports at most (its own default): enough to name every damaged index."""

_INDEX_PROBLEM = re.compile(r"(?:missing from index|entries in index|UNIQUE index) (\S+)$")
"""An ``integrity_check`` line about one index: "row 101 missing from index events_time",
"wrong # of entries in index events_time", "non-unique entry in UNIQUE index events_uid"."""

_TREE_PROBLEM = re.compile(r"^Tree (\d+) page")
"""A line about the b-tree with this root page ("Tree 3 page 3 cell 0: …"); an index's tree is rebuilt by REINDEX."""


@dataclass(frozen=True)
class IntegrityReport:
    """What ``PRAGMA integrity_check`` said about one database file.

    ``problems``: its lines (none when the file is sound), at most
    :data:`MAX_PROBLEMS`; an error that stopped the check is one more line.
    ``damaged_indexes``: the indexes named in them, which ``REINDEX`` can rebuild.
    """

    problems: tuple[str, ...] = ()
    damaged_indexes: tuple[str, ...] = ()
    index_only: bool = False
    """Every problem is in an index, so rebuilding those indexes makes the file sound."""

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """One line: "ok", or the first problem and how many there are."""
        if self.ok:
            return "ok"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        return f"{self.problems[0]}{more}"


@contextmanager
def open_file(path: Path, *, write: bool = False, busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S,
              ) -> Iterator[sqlite3.Connection]:
    """A plain :mod:`sqlite3` connection to the existing file ``path``, closed on exit.

    Never creates the file, and without ``write`` no statement may change it
    (``query_only``). ``mode=rw`` rather than ``ro``: the file must exist, and
    as the last connection to close a kiosk's file it still cleans up the
    ``-wal`` and ``-shm`` files, as :func:`kiosk.storage.sqlite.connect` explains.
    """
    if not path.is_file():
        raise StorageError(f"database not found: {path}")
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=rw", uri=True, timeout=busy_timeout_s,
                               isolation_level=None, check_same_thread=False)
    except sqlite3.Error as error:
        raise describe_error(path, error) from error
    try:
        if not write:
            conn.execute("PRAGMA query_only=ON")
        yield conn
    finally:
        conn.close()


def integrity_of(conn: sqlite3.Connection) -> IntegrityReport:
    """Run the full ``integrity_check`` on an open connection (see :class:`IntegrityReport`).

    A check that SQLite itself cannot finish (a damaged page it must follow)
    is reported as a problem, not raised; a busy database raises
    :class:`~kiosk.errors.DatabaseBusy` from the caller's :func:`describe_error`.
    """
    try:
        lines = [str(row[0]) for row in conn.execute(f"PRAGMA integrity_check({MAX_PROBLEMS})")]
    except sqlite3.OperationalError as error:
        if "locked" in str(error).lower() or "busy" in str(error).lower():
            raise
        lines = [f"the check stopped: {' '.join(str(error).split())}"]
    except sqlite3.DatabaseError as error:  # malformed: the check cannot finish
        lines = [f"the check stopped: {' '.join(str(error).split())}"]
    if lines == ["ok"]:
        return IntegrityReport()
    problems = tuple(line for chunk in lines for line in chunk.splitlines() if line.strip())
    roots = _index_roots(conn)
    indexes: list[str] = []
    about_index = 0
    for line in problems:
        name = None
        if match := _INDEX_PROBLEM.search(line):
            name = match[1]
        elif (match := _TREE_PROBLEM.match(line)) and int(match[1]) in roots:
            name = roots[int(match[1])]
        if name is not None:
            about_index += 1
            if name not in indexes:
                indexes.append(name)
    return IntegrityReport(problems, tuple(indexes), index_only=about_index == len(problems))


def _index_roots(conn: sqlite3.Connection) -> dict[int, str]:
    try:
        return {int(root): str(name) for name, root in
                conn.execute("SELECT name, rootpage FROM sqlite_master WHERE type = 'index'")}
    except sqlite3.Error:
        return {}


def check_integrity(path: Path, *, log_problems: bool = True) -> IntegrityReport:
    """The full integrity check of the database file ``path``; reads it all, writes nothing.

    A file SQLite cannot open at all (not a database, a damaged header) is a
    report with that one problem. Raises :class:`~kiosk.errors.StorageError`
    for a missing file and :class:`~kiosk.errors.DatabaseBusy` when another
    program holds it exclusively. ``log_problems``: log a damaged file as an
    error (for Recent problems); ``kiosk doctor`` reports it itself.
    """
    with open_file(path) as conn:
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        except sqlite3.DatabaseError as error:
            if isinstance(described := describe_error(path, error), DatabaseBusy):
                raise described from error
            return IntegrityReport((f"cannot be read: {' '.join(str(error).split())}",))
        try:
            report = integrity_of(conn)
        except sqlite3.Error as error:
            raise describe_error(path, error) from error
    if not report.ok and log_problems:
        log.error("integrity check of %s: %s", path, report.summary())
    return report


def rebuild_indexes(path: Path, names: tuple[str, ...]) -> IntegrityReport:
    """``REINDEX`` each of ``names`` in the file ``path``, then check it again; returns the new report.

    Takes the write lock for as long as the rebuild lasts (milliseconds to
    seconds); a kiosk writing meanwhile waits, as for any write. Raises
    :class:`~kiosk.errors.StorageError` when SQLite refuses (a table too
    damaged to read, or duplicates in a unique index).
    """
    with open_file(path, write=True) as conn:
        try:
            known = {str(row[0]) for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
            for name in names:
                if name not in known:
                    raise StorageError(f"{path} has no index {name!r} to rebuild")
                conn.execute(f'REINDEX "{name}"')
                log.info("rebuilt index %s of %s", name, path)
            return integrity_of(conn)
        except sqlite3.Error as error:
            raise describe_error(path, error) from error
