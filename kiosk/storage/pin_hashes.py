"""Where PIN hashes are kept: ``repo.pin_hashes`` stores, reads and clears them, and names the PIN key.

Storage only: hashing, verifying and the key file are
:class:`kiosk.security.pins.PinStore`'s, which hands this finished hashes and
key fingerprints. Personal PIN hashes live in ``employees.pin_hash``, the
admin's in the ``settings`` table; the PIN itself is never stored.
"""

from __future__ import annotations

import logging

from kiosk.storage.models import Employee
from kiosk.storage.schema import FINGERPRINT_SETTING
from kiosk.storage.settings_table import UPSERT_SETTING_SQL
from kiosk.storage.tables import Tables, employee_record, one

log = logging.getLogger("kiosk.storage")

_KEYED_HASHES_SQL = (
    "SELECT EXISTS (SELECT 1 FROM settings WHERE substr(value, 1, ?) = ?) "
    "OR EXISTS (SELECT 1 FROM employees WHERE substr(pin_hash, 1, ?) = ?) AS keyed"
)
"""Whether a database holds any keyed PIN hash (admin or personal); parameters: the length
of ``<scheme>$`` and that text, twice (either engine)."""


class PinHashes:
    """The stored PIN hashes of one repository (``repo.pin_hashes``)."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def store(self, employee_id: int, pin_hash: str, actor: str = "admin") -> None:
        """Store ``pin_hash`` as the employee's personal PIN, audited as ``set_pin``."""
        with self._tables.tx.writing() as db:
            row = self._tables.employee_row(db, employee_id)
            db.table("employees").update(employee_id, {"pin_hash": pin_hash})
            self._tables.audit(db, actor, "set_pin", f"{row['code']}: personal PIN set")

    def record(self, code: str) -> tuple[Employee, str | None] | None:
        """The employee with ``code`` (surrounding spaces ignored) and their stored PIN hash, or ``None``.

        Active or not: whether an inactive employee's PIN counts is the caller's rule.
        """
        with self._tables.tx.reading() as db:
            row = one(db, "SELECT * FROM employees WHERE code = ?", [code.strip()])
        return (employee_record(row), row["pin_hash"]) if row is not None else None

    def clear_all(self, actor: str, *, fingerprint: str | None) -> int:
        """The storage half of replacing the PIN key: clear every personal PIN; return how many were cleared.

        One transaction, audited as ``pin_key_replaced``. On a server,
        ``fingerprint`` (the new key's) replaces :data:`FINGERPRINT_SETTING`,
        since every other machine now needs that key (kiosks are told at
        sync); pass ``None`` for a file.
        """
        with self._tables.tx.writing() as db:
            cleared = int(db.execute("UPDATE employees SET pin_hash = NULL WHERE pin_hash IS NOT NULL").rowcount)
            if fingerprint is not None:
                db.execute(UPSERT_SETTING_SQL, [FINGERPRINT_SETTING, fingerprint])
            self._tables.audit(db, actor, "pin_key_replaced", f"new PIN key file; {cleared} personal PINs cleared")
        log.warning("PIN key replaced by %s; %d personal PINs cleared", actor, cleared)
        return cleared

    def any_keyed(self, scheme: str) -> bool:
        """True if any stored PIN hash (admin or personal) is of ``scheme``, i.e. needs the key file."""
        with self._tables.tx.reading() as db:
            row = one(db, _KEYED_HASHES_SQL, [len(scheme) + 1, scheme + "$"] * 2)
        return bool(row and row["keyed"])

    def claim_fingerprint(self, fingerprint: str) -> str | None:
        """Record ``fingerprint`` as the key's if none is recorded; return the one recorded now.

        The first machine to set a PIN on a server names the key (see
        :data:`FINGERPRINT_SETTING`); of two machines claiming at once, one
        wins and both get its fingerprint. A read-only repository records
        nothing (``None`` if none is recorded).
        """
        with self._tables.tx.reading() as db:
            row = one(db, "SELECT value FROM settings WHERE key = ?", [FINGERPRINT_SETTING])
        if row is None and not self._tables.read_only:
            with self._tables.tx.writing() as db:
                db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING",
                    [FINGERPRINT_SETTING, fingerprint],
                )
                row = one(db, "SELECT value FROM settings WHERE key = ?", [FINGERPRINT_SETTING])
        return str(row["value"]) if row else None
