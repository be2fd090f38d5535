"""The one gateway to the attendance database: a repository made of small helper objects.

:class:`Repository` opens the database (an SQLite file or a PostgreSQL server)
and offers each group of tables as one helper, as a browser tab offers
``tab.zoom`` and ``tab.search``:

* ``repo.employees`` (:class:`~kiosk.storage.employees.Employees`): add, enroll, change, find, erase;
* ``repo.templates`` (:class:`~kiosk.storage.templates.Templates`): face templates and the matching gallery;
* ``repo.events`` (:class:`~kiosk.storage.events.Events`): check-ins, decided and written in one
  transaction, and an admin's corrections;
* ``repo.audit`` (:class:`~kiosk.storage.audit.AuditLog`): the audit log;
* ``repo.settings`` (:class:`~kiosk.storage.settings_table.SettingsTable`): the settings table;
* ``repo.pin_hashes`` (:class:`~kiosk.storage.pin_hashes.PinHashes`): stored PIN hashes and the
  PIN key's fingerprint (the hashing itself is :class:`kiosk.security.pins.PinStore`'s).

Every write runs in a single transaction that is committed before the method
returns, and every administrative change writes its audit entry inside that
same transaction, so the log can never disagree with the data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from kiosk.storage import postgres
from kiosk.storage.audit import AuditLog
from kiosk.storage.calendar_days import CalendarDays
from kiosk.storage.doors import Doors
from kiosk.storage.employees import Employees
from kiosk.storage.enrollment_requests import EnrollmentRequests
from kiosk.storage.events import Events
from kiosk.storage.leave import LeaveBook
from kiosk.storage.pin_hashes import PinHashes
from kiosk.storage.roster import Roster
from kiosk.storage.schema import migrate, require_current
from kiosk.storage.settings_table import SettingsTable
from kiosk.storage.shifts import Shifts
from kiosk.storage.sqlite import DEFAULT_BUSY_TIMEOUT_S, INTERACTIVE_BUSY_TIMEOUT_S, Transactions, connect
from kiosk.storage.sync_state import SyncState
from kiosk.storage.tables import Database, Tables, utc_now
from kiosk.storage.templates import Templates

__all__ = ["Repository"]

log = logging.getLogger("kiosk.storage")


class Repository:
    """Opens (or creates) the database at ``path``, switches it to WAL and migrates it.

    ``path`` may instead be a ``postgresql://`` URL (see :mod:`kiosk.storage.postgres`):
    the same tables on a company's server, migrated the same way, with the same
    transaction guarantees. Then ``files_base`` names the local companions
    (settings and PIN key files are named after it as after a database file);
    :func:`kiosk.storage.location.open_repository` picks one in the per-user folder.

    ``busy_timeout_s`` is how long a statement waits for another program's
    lock before giving up with :class:`~kiosk.errors.StorageError` (see
    :data:`~kiosk.storage.sqlite.DEFAULT_BUSY_TIMEOUT_S`). ``clock``
    stamps audit entries and creation times; it must return an aware datetime.
    A locked or corrupt file raises :class:`~kiosk.errors.StorageError`.

    ``read_only=True`` (exports, reports from the command line) never creates,
    converts or migrates a file: a missing file, a foreign SQLite file, an
    empty file or an older schema is refused with a one-line error instead.
    """

    SCREEN_BUSY_TIMEOUT_S = INTERACTIVE_BUSY_TIMEOUT_S
    """How long a connection used by a screen waits for another program's lock, in
    seconds: short, so the GUI never stalls; the caller says "busy" and retries."""

    def __init__(
        self,
        path: str | Path,
        *,
        busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S,
        clock: Callable[[], datetime] = utc_now,
        read_only: bool = False,
        files_base: Path | None = None,
    ) -> None:
        self.read_only = read_only
        self._tx: Transactions | postgres.PostgresTransactions
        db: Database
        if postgres.is_server_url(path):
            url = str(path).strip()
            #: The server's URL without its password, for messages; the file path for SQLite.
            self.location = postgres.display_url(url)
            if files_base is None:
                raise ValueError("a server repository needs files_base for its settings and PIN key files")
            self.path = files_base
            #: The full URL (credentials included) for opening a second connection, e.g. the vision thread's.
            self.server_url: str | None = url
            db = postgres.connect(url, busy_timeout_s, read_only=read_only)
            self._tx = postgres.PostgresTransactions(db, url, busy_timeout_s=busy_timeout_s, read_only=read_only)
        else:
            self.path = Path(path)
            self.server_url = None
            self.location = str(self.path)
            db = connect(self.path, busy_timeout_s, read_only=read_only)
            self._tx = Transactions(db, self.path)
        self.engine = db.dialect.name
        try:
            if read_only:
                require_current(self._tx)
            else:
                migrate(self._tx)
        except BaseException:
            db.close()
            raise
        tables = Tables(self._tx, clock, self.engine, read_only)
        self.employees = Employees(tables)
        """Employees: add, enroll, change, find, list, erase their face data."""
        self.templates = Templates(tables)
        """Face templates and the gallery they make for matching."""
        self.events = Events(tables)
        """Attendance events: check-ins (decided in one transaction) and corrections."""
        self.audit = AuditLog(tables)
        """The audit log."""
        self.settings = SettingsTable(tables)
        """The settings table (text values by key)."""
        self.pin_hashes = PinHashes(tables)
        """Stored PIN hashes and the server's PIN key fingerprint (hashing: :class:`kiosk.security.pins.PinStore`)."""
        self.sync_state = SyncState(tables)
        """A kiosk file's sync bookkeeping: what a sync round reads and writes locally."""
        # HR's payroll tables (schema version 5).
        self.shifts = Shifts(tables)
        """Shifts, and who works which from when."""
        self.calendar = CalendarDays(tables)
        """The company's own calendar dates (days off, workdays)."""
        self.leave = LeaveBook(tables)
        """Employees' leave, never overlapping."""
        self.roster = Roster(tables)
        """Staff and their shifts from a roster file, all or nothing."""
        # The company server's doors and their enrollment requests (schema version 6).
        self.doors = Doors(tables)
        """The doors HR registered on the server: a login bound to its device id."""
        self.enrollment_requests = EnrollmentRequests(tables)
        """Enrollments made at the doors, waiting for HR's approval."""
        log.info("opened attendance database %s", self.location)

    def close(self) -> None:
        """Close the connection; the repository cannot be used afterwards."""
        self._tx.db.close()

    def checkpoint(self) -> bool:
        """Write the WAL back into the database file and empty it (``wal_checkpoint(TRUNCATE)``; a no-op on a server).

        The kiosk window does this as it shuts down (a service stop), so the file
        it leaves is complete by itself. False if another program's read kept
        it from finishing; the last connection to close checkpoints then.
        """
        return True if self.read_only else self._tx.purge_wal()

    def set_busy_timeout(self, seconds: float) -> None:
        """Wait at most ``seconds`` for another program's lock from now on; after that a
        statement raises :class:`~kiosk.errors.DatabaseBusy` (a screen sets a short one)."""
        self._tx.set_busy_timeout(seconds)

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
