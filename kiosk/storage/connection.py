"""Opening the SQLite file, write transactions, and turning sqlite3 errors into ours.

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

import sqlite_utils

from kiosk.errors import StorageError

log = logging.getLogger("kiosk.storage")

#: How long a statement waits for another connection's lock, in seconds.
#: A few seconds rides out a concurrent export or backup (which holds locks for
#: milliseconds) without leaving someone at the door staring at a frozen screen.
DEFAULT_BUSY_TIMEOUT_S = 5.0


def describe_error(path: Path, error: sqlite3.Error) -> StorageError:
    """A one-line :class:`StorageError` for ``error`` raised on the database at ``path``."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return StorageError(
            f"The attendance database {path} is locked by another program; "
            "close other kiosk windows or tools using it and try again."
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StorageError(
            f"The attendance database {path} is damaged or is not a kiosk database ({error}); "
            "restore it from a backup or choose another file."
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StorageError(
            f"The attendance database {path} cannot be written ({error}); "
            "check the file and folder permissions and free disk space."
        )
    return StorageError(f"The attendance database {path} refused the operation ({error}); try again.")


def connect(path: Path, busy_timeout_s: float) -> sqlite_utils.Database:
    """Open ``path`` (creating it if absent), verify it is readable SQLite, switch to WAL.

    Nothing is written to an existing file that turns out to be corrupt: the
    header is read before any pragma that would change the file.
    """
    if path.is_dir():
        raise StorageError(f"{path} is a folder, not a database file; give a file path such as {path / 'kiosk.db'}.")
    if not path.parent.is_dir():
        raise StorageError(f"The folder {path.parent} does not exist; create it or choose another database path.")
    try:
        conn = sqlite3.connect(str(path), timeout=busy_timeout_s, check_same_thread=False)
    except sqlite3.Error as error:
        raise describe_error(path, error) from error
    try:
        # Reading the schema cookie forces SQLite to parse the file header, so a
        # text file or random bytes fail here, before anything is written.
        conn.execute("PRAGMA schema_version").fetchone()
        check = conn.execute("PRAGMA quick_check(1)").fetchone()
        if check is None or check[0] != "ok":
            raise StorageError(
                f"The attendance database {path} is damaged ({check[0] if check else 'no answer'}); "
                "restore it from a backup or choose another file."
            )
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            log.warning("database %s stays in journal mode %s (WAL not supported here)", path, mode)
        # FULL rather than NORMAL: in WAL mode NORMAL may lose the last commits
        # on power loss, and a check-in the screen confirmed must survive that.
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        return sqlite_utils.Database(conn)
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

    def __init__(self, db: sqlite_utils.Database, path: Path) -> None:
        self.db = db
        self.path = path
        self._lock = threading.RLock()

    @contextmanager
    def reading(self) -> Iterator[sqlite_utils.Database]:
        """Run reads under the lock; sqlite3 errors become :class:`StorageError`."""
        with self._lock:
            try:
                yield self.db
            except sqlite3.Error as error:
                raise describe_error(self.path, error) from error

    @contextmanager
    def writing(self) -> Iterator[sqlite_utils.Database]:
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
