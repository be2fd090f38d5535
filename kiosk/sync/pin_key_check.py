"""Can this kiosk check the PINs it pulled from its server? Asked after every sync round.

PIN hashes are keyed with a PIN key file kept beside each database, never in
it (:mod:`kiosk.security.keyfile`), so a kiosk that pulls personal and admin PIN
hashes from its company server also needs a copy of the key they were made
with. Without it every employee would hear "wrong PIN" (a different key) or
get no PIN check at all (no key) and nobody would know why. A keyed hash
carries nothing that names its key, so the server keeps the fingerprint of
its key (:data:`~kiosk.storage.schema.FINGERPRINT_SETTING`, written by the
first machine that sets a PIN there) and the kiosk compares its own key's
fingerprint with it. The key itself never goes to the server: a copy of the
database alone must stay useless for guessing PINs.
"""

from __future__ import annotations

import enum

from kiosk.security.hashing import KEYED_SCHEME
from kiosk.security.keyfile import PinKeyError, key_fingerprint, read_key
from kiosk.security.pins import PinStore
from kiosk.storage.repository import Repository
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
    theirs = server.pin_key(KEYED_SCHEME)
    pins = PinStore(local)
    if not theirs.holds_keyed_hashes or not pins.has_keyed_hashes():
        return None
    try:
        key = read_key(pins.key_path)
    except PinKeyError:
        return PinKeyProblem.MISSING
    if theirs.fingerprint is not None and theirs.fingerprint != key_fingerprint(key):
        return PinKeyProblem.DIFFERENT
    return None


def describe(problem: PinKeyProblem, local: Repository) -> str:
    """The one-line warning (English, for the log and ``kiosk sync``); the kiosk screen says its own."""
    why = {
        PinKeyProblem.MISSING: "is missing or unusable",
        PinKeyProblem.DIFFERENT: "is not the server's (another key)",
    }[problem]
    return (
        f"PINs from the server cannot be checked at this kiosk: its PIN key file {PinStore(local).key_path} {why}; "
        "copy the server's PIN key file there (README, 'Several doors')."
    )
