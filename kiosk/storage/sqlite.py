"""The SQLite engine: connections in WAL mode, write transactions with
``BEGIN IMMEDIATE``, private files. Opening by path or URL is
:func:`kiosk.storage.location.open_repository`.

Every failure that reaches a caller is a :class:`~kiosk.errors.StorageError`
whose message says what happened and what to do; ``sqlite3`` exceptions never
leak out of :mod:`kiosk.storage`.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from kiosk.errors import DatabaseBusy, DiskFull, StorageError
from kiosk.paths import free_bytes, make_private_file
from kiosk.storage.schema import SQLITE, Dialect

if TYPE_CHECKING:
    pass

log = logging.getLogger("kiosk.storage")

#: How long a statement waits for another connection's lock, in seconds.
#: A few seconds rides out a concurrent export or backup (which holds locks for
#: milliseconds) without leaving someone at the door staring at a frozen screen.
DEFAULT_BUSY_TIMEOUT_S = 5.0

#: How long a connection that serves a screen or the vision thread waits, in seconds.
#: Those must never stall: the GUI thread would freeze and the camera preview
#: stop. 0.2 s rides out the kiosk's own writes (milliseconds each); a longer
#: lock raises :class:`~kiosk.errors.DatabaseBusy`, and the screen says "busy"
#: and tries again, while the engine keeps the check-in pending and retries.
INTERACTIVE_BUSY_TIMEOUT_S = 0.2


#: Below this many free bytes on the database's disk, an I/O error of SQLite is taken for a full disk:
#: SQLite reports a WAL index (``-shm``, 32 KiB) it cannot size as ``disk I/O error``, not as full.
NEARLY_FULL_BYTES = 1024 * 1024


#: The size of a WAL index (``-shm``) any connection that has a WAL database open has made.
WAL_INDEX_BYTES = 32 * 1024


def describe_error(path: Path, error: sqlite3.Error) -> StorageError:
    """A one-line :class:`StorageError` for ``error`` raised on the database at ``path``.

    A full disk is :class:`~kiosk.errors.DiskFull`, naming the folder to free
    space in: ``SQLITE_FULL``, and any I/O error while that disk has less than
    :data:`NEARLY_FULL_BYTES` left.
    """
    text = str(error).lower()
    code = getattr(error, "sqlite_errorname", "")
    if code == "SQLITE_FULL" or "disk is full" in text or (code.startswith("SQLITE_IOERR") and _nearly_full(path)):
        return DiskFull(path.parent, f"the attendance database {path} cannot be written until then")
    if "locked" in text or "busy" in text:
        return DatabaseBusy(
            f"The attendance database {path} is locked by another program; "
            "close other kiosk windows or tools using it and try again."
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StorageError(
            f"The attendance database {path} is damaged or is not a kiosk database ({_one_line(error)}); "
            "restore it from a backup or choose another file."
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StorageError(
            f"The attendance database {path} cannot be written ({_one_line(error)}); "
            "check the file and folder permissions and free disk space."
        )
    return StorageError(f"The attendance database {path} refused the operation ({_one_line(error)}); try again.")


def _nearly_full(path: Path) -> bool:
    free = free_bytes(path.parent)
    return free is not None and free < NEARLY_FULL_BYTES


def _one_line(error: sqlite3.Error) -> str:
    """SQLite's message on one line (some reports, such as integrity checks, span several)."""
    return " ".join(str(error).split())


class SqliteDatabase(sqlite_utils.Database):
    """sqlite-utils' database, labelled with its :class:`~kiosk.storage.schema.Dialect` for the shared schema."""

    dialect: Dialect = SQLITE


def connect(path: Path, busy_timeout_s: float, *, read_only: bool = False) -> SqliteDatabase:
    """Open ``path``, verify it is readable SQLite, and (unless ``read_only``) switch to WAL.

    Writable: a missing file is created private (0600, see
    :func:`make_private_file`). Read-only: a missing file is an error, no
    statement may write, and nothing, not even the journal mode, is changed.
    Nothing is written to an existing file that turns out to be corrupt: the
    header is read before any pragma that would change the file.
    """
    if path.is_dir():
        raise StorageError(f"{path} is a folder, not a database file; give a file path such as {path / 'kiosk.db'}.")
    if not path.parent.is_dir():
        raise StorageError(f"The folder {path.parent} does not exist; create it or choose another database path.")
    if read_only and not path.is_file():
        raise StorageError(f"database not found: {path}; enroll someone first or pass --db")
    if not read_only:
        make_private_file(path)
        return _open(path, busy_timeout_s, read_only=False)
    # A WAL database is read through its index beside it (``-shm``, 32 KiB, made by the first
    # reader), and a full disk cannot hold one. A sized index means someone has the file open, and
    # reading through it needs no room. Without one, nobody else is using this WAL, and a connection
    # in exclusive locking mode reads the WAL with its index in memory, writing nothing beside the
    # file, so an export to another disk still works on a full one. It keeps other connections out
    # until it closes (a command's few seconds); with room on the disk it is never used.
    index = path.with_name(path.name + "-shm")
    indexed = index.is_file() and index.stat().st_size >= WAL_INDEX_BYTES
    if not indexed and _nearly_full(path):
        log.info("reading %s without a WAL index: its disk is full", path)
        return _open(path, busy_timeout_s, read_only=True, exclusive=True)
    return _open(path, busy_timeout_s, read_only=True)


def _open(path: Path, busy_timeout_s: float, *, read_only: bool, exclusive: bool = False) -> SqliteDatabase:
    try:
        if read_only:
            # mode=rw (not ro): the file must exist and is never created, and as
            # the last connection to close it still cleans up a kiosk's -wal and
            # -shm, which a mode=ro connection would leave behind. query_only
            # (below) makes every write fail.
            conn = sqlite3.connect(
                path.resolve().as_uri() + "?mode=rw", uri=True, timeout=busy_timeout_s, check_same_thread=False
            )
        else:
            conn = sqlite3.connect(str(path), timeout=busy_timeout_s, check_same_thread=False)
    except sqlite3.Error as error:
        raise describe_error(path, error) from error
    try:
        if exclusive:
            conn.execute("PRAGMA locking_mode=EXCLUSIVE")  # before the first read: no -shm is ever made
        # Reading the schema cookie forces SQLite to parse the file header, so a
        # text file or random bytes fail here, before anything is written.
        conn.execute("PRAGMA schema_version").fetchone()
        check = conn.execute("PRAGMA quick_check(1)").fetchone()
        if check is None or check[0] != "ok":
            # quick_check's report spans lines (pages, b-tree errors): the log
            # keeps it, the message stays one line.
            log.error("integrity check of %s failed: %s", path, check[0] if check else "no answer")
            raise StorageError(
                f"{path} is damaged (database disk image is malformed); "
                "restore it from a backup or choose another file."
            )
        # Deleted face templates and PIN hashes are overwritten with zeros, not
        # left in free pages of the file or the WAL, whatever SQLite's build default.
        conn.execute("PRAGMA secure_delete=ON")
        conn.execute("PRAGMA foreign_keys=ON")
        if read_only:
            conn.execute("PRAGMA query_only=ON")
            return SqliteDatabase(conn)
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            log.warning("database %s stays in journal mode %s (WAL not supported here)", path, mode)
        # FULL rather than NORMAL: in WAL mode NORMAL may lose the last commits
        # on power loss, and a check-in the screen confirmed must survive that.
        conn.execute("PRAGMA synchronous=FULL")
        return SqliteDatabase(conn)
    except StorageError:
        conn.close()
        raise
    except sqlite3.Error as error:
        conn.close()
        raise describe_error(path, error) from error


class Transactions:
    """Serialises use of one connection across threads and wraps writes.

    The GUI thread and the vision worker may share a repository; one
    re-entrant lock per connection keeps their statements from interleaving.
    """

    def __init__(self, db: SqliteDatabase, path: Path) -> None:
        self.db = db
        self.path = path
        self._lock = threading.RLock()

    def set_busy_timeout(self, seconds: float) -> None:
        """Wait at most ``seconds`` for another connection's lock from now on
        (see :data:`INTERACTIVE_BUSY_TIMEOUT_S` and :data:`DEFAULT_BUSY_TIMEOUT_S`)."""
        if not seconds >= 0:
            raise ValueError(f"busy timeout must be 0 s or more, not {seconds}")
        with self._lock:
            self.db.conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    @contextmanager
    def reading(self) -> Iterator[SqliteDatabase]:
        """Run reads under the lock; sqlite3 errors become :class:`StorageError`."""
        with self._lock:
            try:
                yield self.db
            except sqlite3.Error as error:
                raise describe_error(self.path, error) from error

    def purge_wal(self) -> bool:
        """Copy the WAL into the database and empty it, so erased rows leave no old page copies behind.

        ``secure_delete`` zeroes deleted rows in the current page versions, but
        the WAL still holds the pages as they were before. A TRUNCATE checkpoint
        writes them back and truncates the WAL to zero bytes. Another
        connection reading at that moment makes it give up after the busy
        timeout; returns False then, and the old frames are overwritten as the
        WAL is reused.
        """
        with self._lock:
            try:
                busy, _log_frames, _done = self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            except sqlite3.Error as error:
                log.warning("could not purge the WAL of %s: %s", self.path, error)
                return False
        if busy:
            log.info("WAL of %s not purged now: another connection is reading", self.path)
        return not busy

    @contextmanager
    def writing(self) -> Iterator[SqliteDatabase]:
        """One write transaction, committed on success and rolled back on any exception.

        ``BEGIN IMMEDIATE`` takes the write lock up front, so a lock held
        elsewhere shows up here (after the busy timeout) rather than half way
        through, and two writers can never deadlock upgrading read locks.
        """
        with self._lock:
            conn = self.db.conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise describe_error(self.path, error) from error
            try:
                yield self.db
                conn.execute("COMMIT")
            except BaseException as error:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(error, sqlite3.Error):
                    raise describe_error(self.path, error) from error
                raise


# --------------------------------------------------------------------- choosing the engine


