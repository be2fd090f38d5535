"""Salvage: every readable row of a damaged database file, copied into a fresh one.

A database SQLite calls malformed (a truncated file, a bad sector, a page
overwritten) cannot be opened by the kiosk, nor exported. Most of its rows
usually still read: the ``sqlite3`` shell's ``.dump`` gets back whatever its
table scans reach before they hit the damage. :func:`salvage` does the same,
and a little more, table by table:

* it reads a table in rowid order in batches, and row by row near a damaged
  page, so a row just before the damage is never lost with its batch
  (Python's :mod:`sqlite3` steps one row ahead, so a plain scan loses it);
* past the damage it reads the table from its other end downwards (as
  ``.dump`` retries), and then probes rowids at growing distances to find
  readable rows between, so a damaged page in the middle costs only its own rows.

The fresh file is made by the kiosk's own migrations at the damaged file's
schema version, filled, then migrated to this program's version: the result
is a normal kiosk database. Events whose employee row was lost get an
inactive placeholder employee ("salvaged-12"), so no check-in is dropped for
want of its person; rows that still refer to something lost are dropped and
counted. The damaged file is never written: it is copied (with its ``-wal``)
to a temporary folder and read there.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.errors import InputError, StorageError
from kiosk.paths import make_private_dir, make_private_file
from kiosk.storage.models import utc_text
from kiosk.storage.schema import SCHEMA_VERSION, migrate, new_uid
from kiosk.storage.sqlite import Transactions, connect

log = logging.getLogger("kiosk.ops")

BATCH_ROWS = 500
"""Rows read per query while the table reads cleanly."""

MAX_PROBES = 64
"""Rowid probes past one damaged stretch (distances 1, 2, 4, … 2**63: every rowid a table can hold)."""

Row = tuple[Any, ...]


@dataclass
class TableSalvage:
    """What was read of one table: rows copied, rows refused, and the rowid stretches that could not be read."""

    table: str
    copied: int = 0
    unreadable: list[tuple[int | None, int | None]] = field(default_factory=list)
    """Rowid stretches (first, last; None: open-ended) inside which nothing could be read."""
    dropped: int = 0
    """Rows read but not kept: they refer to something lost, or break the table's rules."""
    failed: str | None = None
    """Why the table could not be read at all (None: at least its scan started)."""

    @property
    def complete(self) -> bool:
        return not self.unreadable and not self.dropped and self.failed is None

    def describe(self) -> str:
        """One line: ``events: 3062 rows copied; unreadable: rowids 3063-…``."""
        if self.failed is not None:
            return f"{self.table}: nothing could be read ({self.failed})"
        parts = [f"{self.table}: {self.copied} rows copied"]
        if self.unreadable:
            ranges = ", ".join(_stretch(first, last) for first, last in self.unreadable)
            parts.append(f"unreadable: rowids {ranges}")
        if self.dropped:
            parts.append(f"{self.dropped} rows dropped (they refer to lost rows or break the table's rules)")
        return "; ".join(parts)


def _stretch(first: int | None, last: int | None) -> str:
    return f"{'…' if first is None else first}-{'…' if last is None else last}"


@dataclass
class SalvageReport:
    """The outcome of :func:`salvage`, per table in the order they were copied."""

    source: Path
    output: Path
    schema_version: int
    tables: list[TableSalvage]
    placeholders: int = 0
    """Inactive employees made up for check-ins whose employee row was lost."""

    @property
    def complete(self) -> bool:
        return all(table.complete for table in self.tables)


def salvage(damaged: Path, output: Path, *, actor: str = "cli") -> SalvageReport:
    """Copy every readable row of ``damaged`` into the new database ``output``; see the module docstring.

    ``output`` must not exist. Refused with one line: a missing source, a
    source whose first page is unreadable (nothing can be found without it),
    one that is not a kiosk database, and one from a newer kiosk.
    """
    if not damaged.is_file():
        raise InputError(f"database not found: {damaged}")
    if output.exists():
        raise InputError(f"{output} exists; give a new file name for the salvaged database")
    make_private_dir(output.parent)
    with tempfile.TemporaryDirectory(prefix="kiosk-salvage-") as folder:
        copy = Path(folder) / "damaged.sqlite"
        shutil.copyfile(damaged, copy)
        wal = damaged.with_name(damaged.name + "-wal")
        if wal.is_file():
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        source = sqlite3.connect(copy, isolation_level=None)
        try:
            source.execute("PRAGMA writable_schema=ON")  # as .dump: a schema naming a lost page still loads
            version, tables = _source_schema(damaged, source)
            report = SalvageReport(damaged, output, version, [])
            _fill(source, output, version, tables, report)
        finally:
            source.close()
    _finish(output, report, actor)
    return report


def _source_schema(path: Path, source: sqlite3.Connection) -> tuple[int, list[str]]:
    try:
        version = int(source.execute("PRAGMA user_version").fetchone()[0])
        tables = [str(row[0]) for row in source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    except sqlite3.DatabaseError as error:
        raise StorageError(
            f"{path}: not even its first page can be read ({' '.join(str(error).split())}); nothing to salvage. "
            "Restore a backup instead."
        ) from None
    if version == 0 or "events" not in tables:
        raise StorageError(f"{path} is not a kiosk database; nothing to salvage.")
    if version > SCHEMA_VERSION:
        raise StorageError(f"{path} was written by a newer kiosk (schema {version}); salvage it with that version.")
    return version, tables


def _fill(source: sqlite3.Connection, output: Path, version: int, tables: list[str], report: SalvageReport) -> None:
    """Create ``output`` at schema ``version`` and copy each table's readable rows into it."""
    make_private_file(output)
    db = connect(output, 5.0)
    try:
        migrate(Transactions(db, output), target=version)
    finally:
        db.close()
    target = sqlite3.connect(output, isolation_level=None)
    try:
        target.execute("PRAGMA foreign_keys=OFF")  # references are mended after every table is in
        target.execute("BEGIN")
        fresh = [str(row[0]) for row in target.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        for table in [name for name in fresh if name in tables]:
            report.tables.append(_copy_table(source, target, table))
        report.placeholders = _placeholders(target)
        _drop_dangling(target, report)
        target.execute("COMMIT")
    finally:
        target.close()


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(row[1]) for row in conn.execute(f'PRAGMA table_info("{table}")')]


def _copy_table(source: sqlite3.Connection, target: sqlite3.Connection, table: str) -> TableSalvage:
    result = TableSalvage(table)
    try:
        columns = [name for name in _columns(target, table) if name in set(_columns(source, table))]
    except sqlite3.DatabaseError as error:
        result.failed = " ".join(str(error).split())
        return result
    quoted = ", ".join(f'"{name}"' for name in columns)
    insert = f'INSERT OR REPLACE INTO "{table}" ({quoted}) VALUES ({", ".join("?" * len(columns))})'
    reader = _TableReader(source, table, quoted)
    for row in reader.rows():
        try:
            target.execute(insert, row[1:])
            result.copied += 1
        except sqlite3.IntegrityError:
            result.dropped += 1
    result.unreadable = reader.unreadable
    result.failed = reader.failed
    log.info("salvage: %s", result.describe())
    return result


LOWEST_ROWID, HIGHEST_ROWID = -(2**63), 2**63 - 1


class _TableReader:
    """Reads one table's rows around damaged pages (see the module docstring).

    :meth:`rows` yields ``(rowid, *columns)``; afterwards :attr:`unreadable`
    lists the rowid stretches that could not be read, and :attr:`failed` says
    why nothing at all could be.
    """

    def __init__(self, conn: sqlite3.Connection, table: str, columns: str) -> None:
        self.conn = conn
        self.select = f'SELECT rowid, {columns} FROM "{table}" WHERE rowid BETWEEN ? AND ?'
        self.unreadable: list[tuple[int | None, int | None]] = []
        self.failed: str | None = None
        self.damaged = False
        """Whether the last :meth:`_run` stopped at a read error (else it reached the end of its stretch)."""
        self.edge = 0
        """Where the last :meth:`_run` got to: the first rowid it did not read, in its direction."""
        self.read_any = False
        self.error = "damaged"
        """SQLite's message at the last read error."""

    def _fetch(self, low: int, high: int, descending: bool, limit: int) -> list[Row]:
        order = "DESC" if descending else "ASC"
        query = f"{self.select} ORDER BY rowid {order} LIMIT {limit}"
        rows: list[Row] = self.conn.execute(query, (low, high)).fetchall()
        return rows

    def rows(self) -> Iterator[Row]:
        yield from self._run(LOWEST_ROWID, HIGHEST_ROWID, descending=False)
        if not self.damaged:
            return
        low = self.edge if self.read_any else max(self.edge, 1)  # kiosk rowids start at 1
        yield from self._run(low, HIGHEST_ROWID, descending=True)  # as .dump retries: from the other end
        if not self.damaged:
            return
        high = self.edge
        while low <= high:
            hit = self._probe(low, high)
            if hit is None:
                self.unreadable.append((low, None if high == HIGHEST_ROWID else high))
                break
            if hit > low:
                self.unreadable.append((low, hit - 1))
            yield from self._run(hit, high, descending=False)
            if not self.damaged:
                break
            low = self.edge
        if not self.read_any:
            self.failed = self.error

    def _run(self, low: int, high: int, *, descending: bool) -> Iterator[Row]:
        """Rows of ``low``…``high`` in one direction until its end or a read error (see :attr:`damaged`)."""
        self.damaged = False
        while low <= high:
            try:
                batch = self._fetch(low, high, descending, BATCH_ROWS)
            except sqlite3.DatabaseError:
                batch = self._singly(low, high, descending)
            if batch:
                self.read_any = True
                yield from batch
                if descending:
                    high = batch[-1][0] - 1
                else:
                    low = batch[-1][0] + 1
            if self.damaged or not batch:
                break
        self.edge = high if descending else low

    def _singly(self, low: int, high: int, descending: bool) -> list[Row]:
        """Up to a batch of rows, one query each: a one-row query never steps onto the page after its row,
        so the rows right before the damage are read too (a batch would lose them with its error)."""
        rows: list[Row] = []
        while low <= high and len(rows) < BATCH_ROWS:
            try:
                found = self._fetch(low, high, descending, 1)
            except sqlite3.DatabaseError as error:
                self.damaged = True
                self.error = " ".join(str(error).split())
                break
            if not found:
                break
            rows.extend(found)
            if descending:
                high = found[0][0] - 1
            else:
                low = found[0][0] + 1
        return rows

    def _readable_from(self, start: int, high: int) -> int | bool | None:
        """The first rowid a one-row read from ``start`` gets (None: no row up to ``high``; False: a read error)."""
        try:
            found = self._fetch(start, high, False, 1)
        except sqlite3.DatabaseError:
            return False
        return int(found[0][0]) if found else None

    def _probe(self, low: int, high: int) -> int | None:
        """The first readable rowid past a damaged stretch starting at ``low`` (None: none up to ``high``).

        Reads from ``low`` + 0, 1, 3, 7, … until a read succeeds, then halves the
        last step back, so readable rows right after the damage are not skipped.
        """
        failed_at = low - 1
        for power in range(MAX_PROBES):
            start = low + (1 << power) - 1
            if start > high:
                return None
            got = self._readable_from(start, high)
            if got is False:
                failed_at = start
                continue
            if got is None:
                return None
            succeeded_at = start
            while succeeded_at - failed_at > 1:  # the earliest start that still reads
                middle = (failed_at + succeeded_at) // 2
                if self._readable_from(middle, high) is False:
                    failed_at = middle
                else:
                    succeeded_at = middle
            first = self._readable_from(succeeded_at, high)
            return first if isinstance(first, int) and not isinstance(first, bool) else None
        return None


def _placeholders(target: sqlite3.Connection) -> int:
    """Inactive employees for every ``employee_id`` that salvaged rows refer to but no salvaged employee has."""
    referring = [table for table in ("events", "templates", "leaves", "shift_assignments")
                 if "employee_id" in _columns(target, table)]
    if not referring:
        return 0
    missing = sorted({int(row[0]) for table in referring for row in target.execute(
        f'SELECT DISTINCT employee_id FROM "{table}" WHERE employee_id NOT IN (SELECT id FROM employees)')})
    now = utc_text(datetime.now(UTC))
    columns = set(_columns(target, "employees"))
    for employee_id in missing:
        values: dict[str, Any] = {"id": employee_id, "code": f"salvaged-{employee_id}",
                                  "name": f"(employee {employee_id}: unreadable)", "active": 0, "created_at": now}
        if "deactivated_at" in columns:
            values["deactivated_at"] = now
        if "uid" in columns:
            values["uid"] = new_uid()
        names, marks = ", ".join(values), ", ".join("?" * len(values))
        target.execute(f"INSERT INTO employees ({names}) VALUES ({marks})", list(values.values()))
    if missing:
        log.warning("salvage: %d placeholder employees for check-ins whose employee was unreadable", len(missing))
    return len(missing)


def _drop_dangling(target: sqlite3.Connection, report: SalvageReport) -> None:
    """Rows still referring to a lost row (a shift assignment whose shift is gone) are dropped and counted."""
    by_table = {table.table: table for table in report.tables}
    for table, rowid, _parent, _fk in target.execute("PRAGMA foreign_key_check").fetchall():
        target.execute(f'DELETE FROM "{table}" WHERE rowid = ?', [rowid])
        if table in by_table:
            by_table[table].dropped += 1
            by_table[table].copied -= 1


def _finish(output: Path, report: SalvageReport, actor: str) -> None:
    """Migrate the new file to this program's schema, check it, and audit the salvage in it."""
    from kiosk.storage.repository import Repository

    with Repository(output) as repo:
        lost = "; ".join(table.describe() for table in report.tables if not table.complete) or "every row read"
        repo.audit.record(actor, "salvage", f"from {report.source} (schema {report.schema_version}): {lost}")
    with sqlite3.connect(output) as conn:
        check = conn.execute("PRAGMA integrity_check").fetchall()
    if check != [("ok",)]:  # pragma: no cover - a fresh file written by SQLite itself
        raise StorageError(f"the salvaged database {output} fails its own integrity check: {check[0][0]}")
