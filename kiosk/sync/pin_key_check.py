"""Can this kiosk check the PINs it pulled from its server? Asked after every sync round.

PIN hashes are keyed with a PIN key file kept beside each database, never in
it (:mod:`kiosk.storage.keyfile`), so a kiosk that pulls personal and admin PIN
hashes from its company server also needs a copy of the key they were made
with. Without it every employee would hear "wrong PIN" (a different key) or
get no PIN check at all (no key) and nobody would know why. A keyed hash
carries nothing that names its key, so the server keeps the fingerprint of
its key (:data:`~kiosk.storage.keyfile.FINGERPRINT_SETTING`, written by the
first machine that sets a PIN there) and the kiosk compares its own key's
fingerprint with it. The key itself never goes to the server: a copy of the
database alone must stay useless for guessing PINs.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from kiosk.security.keyfile import FINGERPRINT_SETTING, PinKeyError, key_fingerprint, read_key
from kiosk.storage.postgres import translate_sql
from kiosk.storage.repository import KEYED_HASHES_PARAMS, KEYED_HASHES_SQL, Repository

if TYPE_CHECKING:  # kiosk.sync imports this module
    from kiosk.sync.server import Server


class PinKeyProblem(enum.Enum):
    """Why PIN hashes this kiosk shares with its server cannot be checked here."""

    MISSING = "missing"
    """No usable PIN key file beside the kiosk's database (missing, unreadable or damaged)."""
    DIFFERENT = "different"
    """A key file, but not the one the server's PINs are made with (another fingerprint)."""


def pin_key_problem(local: Repository, server: Server) -> PinKeyProblem | None:
    """What keeps this kiosk from checking the keyed PIN hashes it shares with ``server``, or ``None``.

    Asked only when both hold keyed hashes (a round copies the server's down,
    so the kiosk then holds them too): a company without PINs, or a kiosk that
    has pulled none yet, needs no key. Two small reads, no hash travels for
    this: a round runs every minute at every door. ``DIFFERENT`` needs the
    server's recorded fingerprint; a server where no PIN was set since
    fingerprints were introduced can only be told ``MISSING``.
    """
    with server.transaction() as cursor:
        cursor.execute(translate_sql(KEYED_HASHES_SQL), KEYED_HASHES_PARAMS)
        theirs = cursor.fetchone()
        cursor.execute("SELECT value FROM settings WHERE key = %s", [FINGERPRINT_SETTING])
        row = cursor.fetchone()
    if not (theirs and theirs[0]) or not local.has_keyed_hashes():
        return None
    try:
        key = read_key(local.pin_key_path)
    except PinKeyError:
        return PinKeyProblem.MISSING
    if row is not None and row[0] != key_fingerprint(key):
        return PinKeyProblem.DIFFERENT
    return None


def describe(problem: PinKeyProblem, local: Repository) -> str:
    """The one-line warning (English, for the log and ``kiosk sync``); the kiosk screen says its own."""
    why = {
        PinKeyProblem.MISSING: "is missing or unusable",
        PinKeyProblem.DIFFERENT: "is not the server's (another key)",
    }[problem]
    return (
        f"PINs from the server cannot be checked at this kiosk: its PIN key file {local.pin_key_path} {why}; "
        "copy the server's PIN key file there (README, 'Several doors')."
    )
