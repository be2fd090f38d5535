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

from kiosk.errors import StorageError
from kiosk.settings.specs import SPECS
from kiosk.storage.repository import Repository
from kiosk.storage.schema import DEVICE_ID_KEY


def generated_device_id(repo: Repository) -> str:
    """The id generated for this kiosk file, which schema version 4 made with the file (only read here,
    so a kiosk can start while another program holds the database)."""
    stored = repo.settings.get(DEVICE_ID_KEY)
    if not stored:
        raise StorageError(f"The attendance database {repo.path} has lost its device id; restore it from a backup.")
    return stored


def event_device_id(repo: Repository, configured: str) -> str:
    """The id to stamp on events: the admin's name for the kiosk, else the generated one.

    A kiosk working directly on a server database (``--db postgresql://…``)
    has no database of its own to keep a generated id in, so it uses its
    configured name: name each such kiosk (README, "Several doors").
    """
    if (configured and configured != SPECS["device_id"].default) or repo.engine != "sqlite":
        return configured
    return generated_device_id(repo)
