"""The ``settings`` table: ``repo.settings`` reads and writes text values by key.

Company-wide settings, the admin PIN hash and sync bookkeeping all live here;
what a key means is for :mod:`kiosk.settings` and :mod:`kiosk.sync` to say.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kiosk.errors import InputError
from kiosk.storage.tables import Tables, one, required

UPSERT_SETTING_SQL = (
    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"
)
"""Store one setting, ``[key, value]``, replacing what the key held (either engine). Inside
storage only; other layers call :func:`store_setting` or ``repo.settings``."""


def store_setting(db: Any, key: str, value: str) -> None:
    """Store ``value`` under ``key`` through ``db``, inside the caller's transaction.

    For code that must write a setting on a connection it already holds (a
    backup notes itself in the copy it is writing); everything else uses
    :meth:`SettingsTable.set`.
    """
    db.execute(UPSERT_SETTING_SQL, [key, value])


class SettingsTable:
    """The ``settings`` table of one repository (``repo.settings``)."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def get(self, key: str, default: str | None = None) -> str | None:
        """The stored value for ``key``, or ``default`` if it was never set."""
        with self._tables.tx.reading() as db:
            row = one(db, "SELECT value FROM settings WHERE key = ?", [key])
        return row["value"] if row else default

    def set(self, key: str, value: str) -> None:
        """Store ``value`` (text) under ``key``, replacing any previous value."""
        key = required(key, "setting name")
        if not isinstance(value, str):
            raise InputError(f"The setting {key} must be text, not {type(value).__name__}.")
        with self._tables.tx.writing() as db:
            db.execute(UPSERT_SETTING_SQL, [key, value])

    def starting_with(self, prefix: str) -> dict[str, str]:
        """Every stored ``key -> value`` whose key starts with ``prefix`` (taken literally, not as a pattern)."""
        with self._tables.tx.reading() as db:
            rows = list(db.query("SELECT key, value FROM settings WHERE substr(key, 1, ?) = ?", [len(prefix), prefix]))
        return {str(row["key"]): str(row["value"]) for row in rows}

    def change(self, values: Mapping[str, str], actor: str, details: Sequence[str]) -> None:
        """Store ``values`` and one ``change_setting`` audit entry per line of ``details``, all in one transaction.

        Either every value and its audit entry are written or none is (a
        refused write leaves the old settings and no audit entry).
        """
        with self._tables.tx.writing() as db:
            for key, value in values.items():
                db.execute(UPSERT_SETTING_SQL, [required(key, "setting name"), value])
            for detail in details:
                self._tables.audit(db, actor, "change_setting", detail)
