"""The schema migration that gives events their ``flags``: what HR should look at about a punch.

Kept beside :mod:`kiosk.storage.schema` (which appends it to ``MIGRATIONS``)
so that module stays readable; like every released migration it is never
edited, and a change is a new migration. Its number is its place in that list.
"""

from __future__ import annotations

from typing import Any, Protocol


class SchemaDatabase(Protocol):
    """What this migration needs of a connection (as :class:`kiosk.storage.schema.SchemaDatabase`;
    not imported from there, which imports this module)."""

    dialect: Any

    def execute(self, sql: str, parameters: Any = ...) -> Any: ...


def event_flags(db: SchemaDatabase) -> None:
    """``events.flags``: comma-separated codes, ``''`` for none (``clock_suspect``: the kiosk's clock
    looked wrong when it stamped the punch; see :class:`kiosk.storage.models.EventFlag`).

    Text rather than a column per flag, so a new flag needs no migration; the
    same statement on SQLite and PostgreSQL, and existing events get ``''``.
    On a server the ``events_stamp`` trigger stamps a cleared flag like any
    correction, so it travels down to the kiosks, and the flags travel with
    the other event fields both ways (:data:`kiosk.storage.sync_state.EVENT_FIELDS`).
    """
    db.execute("ALTER TABLE events ADD COLUMN flags TEXT NOT NULL DEFAULT ''")
