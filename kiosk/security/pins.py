"""PINs over a repository: keyed scrypt hashes of the admin's and employees' PINs, and the PIN key.

:class:`PinStore` is the crypto; ``repo.pin_hashes`` (:mod:`kiosk.storage.pin_hashes`)
only keeps what it hands over: hashes, and on a server the key's fingerprint.
The hash format and its costs are in :mod:`kiosk.security.hashing`, the key
file in :mod:`kiosk.security.keyfile`.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from kiosk.paths import key_path_for
from kiosk.security.hashing import KEYED_SCHEME, check_pin_format, hash_secret, needs_key, verify_secret
from kiosk.security.keyfile import PinKeyError, create_key, key_fingerprint, read_key
from kiosk.storage.models import Employee
from kiosk.storage.repository import Repository

log = logging.getLogger("kiosk.security")


class PinStore:
    """Hashes and checks PINs for the database ``repo`` opened, with the PIN key file beside it.

    Cheap to make (it holds only ``repo``): ``PinStore(repo).hash(pin)``.
    """

    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    @property
    def key_path(self) -> Path:
        """The PIN key file beside the database (see :mod:`kiosk.security.keyfile`)."""
        return key_path_for(self.repo.path)

    def hash(self, pin: str) -> str:
        """A keyed scrypt hash of ``pin``, for storing (the admin's or an employee's).

        The key file is created (0600) if there is none and no keyed hash is
        stored yet; if keyed hashes exist, a missing or damaged key file raises
        :class:`~kiosk.security.keyfile.PinKeyError` instead, because a new key would
        silently invalidate every PIN. The key is read from the file on every
        use, not cached, so a key replaced by ``reset-admin-pin --new-key``
        takes effect in a running kiosk too.

        On a server, a key other than the one its PINs are made with is
        refused the same way (:meth:`_claim_key_fingerprint`): a PIN hashed
        with it would check nowhere else.
        """
        if self.repo.read_only or self.has_keyed_hashes() or self.key_path.exists():
            key = read_key(self.key_path)
        else:
            key = create_key(self.key_path)
        if self.repo.server_url is not None:
            self._claim_key_fingerprint(key)
        return hash_secret(pin, key=key)

    def verify(self, pin: str, stored: str) -> bool:
        """True if ``pin`` matches the stored hash ``stored`` (keyed or older unkeyed).

        A keyed hash with the key file missing or unreadable raises
        :class:`~kiosk.security.keyfile.PinKeyError`: never a quiet "wrong PIN".
        """
        key = read_key(self.key_path) if needs_key(stored) else None
        return verify_secret(pin, stored, key=key)

    def set_employee_pin(self, employee_id: int, pin: str, actor: str = "admin") -> None:
        """Store a scrypt hash of the employee's personal PIN (see :func:`check_pin_format`).

        The PIN itself is not kept.
        """
        check_pin_format(pin)
        pin_hash = self.hash(pin)  # slow on purpose, so done before taking the write lock
        self.repo.pin_hashes.store(employee_id, pin_hash, actor)

    def verify_employee_pin(self, code: str, pin: str) -> Employee | None:
        """The active employee whose code and PIN match, or ``None``.

        An unknown code, an inactive employee or a missing PIN still costs one
        scrypt run, so response time does not reveal which codes exist.
        """
        found = self.repo.pin_hashes.record(code)
        # Only an active employee's PIN counts; everyone else is checked against the dummy hash.
        pin_hash = found[1] if found is not None and found[0].active else None
        matched = self.verify(pin, pin_hash or _dummy_hash())
        if found is not None and pin_hash and matched:
            return found[0]
        log.info("PIN check failed for code %r", code)
        return None

    def replace_key(self, actor: str) -> int:
        """Write a new PIN key file and clear every personal PIN; returns how many were cleared.

        The recovery from a lost or damaged key file, and nothing else: every
        keyed hash made with the old key stops matching, so the personal PINs
        go (admins set them again in Staff) and the caller sets a new admin
        PIN at once. Audited as ``pin_key_replaced``.
        """
        key = create_key(self.key_path, replace=True)
        # Every other machine of a server now needs this key (kiosks are told at sync).
        fingerprint = key_fingerprint(key) if self.repo.server_url is not None else None
        return self.repo.pin_hashes.clear_all(actor, fingerprint=fingerprint)

    def has_keyed_hashes(self) -> bool:
        """True if any stored PIN hash (admin or personal) needs the key file."""
        return self.repo.pin_hashes.any_keyed(KEYED_SCHEME)

    def _claim_key_fingerprint(self, key: bytes) -> None:
        """On a server: record ``key``'s fingerprint if none is recorded, and refuse any other key.

        The first machine to set a PIN on a server names the key (see
        :data:`~kiosk.storage.schema.FINGERPRINT_SETTING`); kiosks compare
        theirs with it at every sync. Raises
        :class:`~kiosk.security.keyfile.PinKeyError` for a different key.
        """
        fingerprint = key_fingerprint(key)
        stored = self.repo.pin_hashes.claim_fingerprint(fingerprint)
        if stored is not None and stored != fingerprint:
            raise PinKeyError(
                f"The PIN key file {self.key_path} is not the one this server's PINs are made with; "
                "copy the key file from the machine that set them (README, 'Several doors')."
            )


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """An unkeyed hash at today's cost that unknown codes are checked against (no key file needed)."""
    return hash_secret("timing-equaliser", key=None)
