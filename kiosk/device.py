"""This kiosk's device id: the name written on every event it records.

With several kiosks sending events to one server, each must say which door
it is. An admin may name the kiosk (the ``device_id`` setting, say
``north-door``); a kiosk left at the default name instead gets an id
generated once, ``kiosk-`` and 12 random hex digits, stored in its own
database so it survives restarts and never travels to another kiosk. Random
rather than derived from the host name, so two kiosks cloned from one disk
image still differ once each has opened its own file.
"""

from __future__ import annotations

import uuid

from kiosk.settings import SPECS
from kiosk.storage.repository import Repository

DEVICE_ID_KEY = "sync.device_id"
"""The database setting holding the generated id (``sync.`` keys never travel)."""


def generated_device_id(repo: Repository) -> str:
    """The id generated for this database, created on first use (one transaction, race-free)."""
    stored = repo.get_setting(DEVICE_ID_KEY)
    if stored:
        return stored
    with repo._tx.writing() as db:
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING",
            [DEVICE_ID_KEY, f"kiosk-{uuid.uuid4().hex[:12]}"],
        )
    return repo.get_setting(DEVICE_ID_KEY) or ""


def event_device_id(repo: Repository, configured: str) -> str:
    """The id to stamp on events: the admin's name for the kiosk, else the generated one.

    A kiosk working directly on a server database (``--db postgresql://…``)
    has no database of its own to keep a generated id in, so it uses its
    configured name: name each such kiosk (README, "Several doors").
    """
    if (configured and configured != SPECS["device_id"].default) or repo.engine != "sqlite":
        return configured
    return generated_device_id(repo)
