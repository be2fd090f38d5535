"""Company-wide settings: HR sets them once on the server, and every kiosk applies them.

The settings declared :attr:`~kiosk.settings.specs.Scope.COMPANY` (attendance and
security policy: strictness, cooldown, liveness, PIN fallback, retention …)
must be the same at every door. HR sets them on the HR workstation (``kiosk
admin --db postgresql://…``, the Settings page), which stores each one in the
server's ``settings`` table under ``policy.<field>``, JSON-encoded (``60.0``,
``true``, ``"strict"``), and audits it there (action ``change_setting``, the
same detail as a kiosk's own change). No schema change: the table already
travels.

A kiosk with a server pulls them with every sync round (:func:`merge_pulled`)
into its own database, so they survive restarts while the server is down.
Each value is checked against its :class:`~kiosk.settings.specs.SettingSpec` on the
way in: a bad one (a hand-edited row, a newer version's range, a per-machine
name) is logged and ignored, and the kiosk keeps what it had. Every change a
round brings is one local audit entry with the actor ``server``, so a door's
audit log says why its rules changed. The kiosk then runs with its own file's
per-machine fields and the server's company-wide ones
(:func:`~kiosk.settings.merge.with_company`); a field HR never set stays as the
kiosk's file has it.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Mapping
from pathlib import Path

from kiosk.errors import InputError
from kiosk.paths import settings_path_for
from kiosk.settings.files import load_settings
from kiosk.settings.merge import POLICY_PREFIX, change_detail, changed_fields, encode_value, parse_company, policy_key
from kiosk.settings.specs import COMPANY_FIELDS, Settings, SettingValue
from kiosk.storage.repository import Repository
from kiosk.storage.sync_state import SettingsUpdate

log = logging.getLogger("kiosk.settings")


SERVER_ACTOR = "server"
"""Who a kiosk's audit log names for a setting changed by a sync round."""


def company_values(repo: Repository) -> dict[str, SettingValue]:
    """The company-wide values stored in ``repo`` (pulled from the server, or the server itself), checked."""
    return parse_company(repo.settings.starting_with(POLICY_PREFIX), repo.location)


def save_company_change(repo: Repository, old: Settings, new: Settings, actor: str) -> list[str]:
    """Store on ``repo`` (the server) every company-wide field in which ``new`` differs from ``old``, audited.

    One transaction: each value under ``policy.<field>`` and one audit entry
    per field (action ``change_setting``, detail ``"<field>: <old> -> <new>"``).
    Per-machine fields of ``new`` are not looked at: they belong to each
    kiosk's file. Returns the changed field names. Raises :class:`InputError`
    for invalid settings and :class:`~kiosk.errors.StorageError` if the server
    refuses the write (nothing is then stored).
    """
    changes = [change for change in changed_fields(old, new.validated()) if change[0] in COMPANY_FIELDS]
    if not changes:
        return []
    repo.settings.change(
        {policy_key(name): encode_value(after) for name, _, after in changes},
        actor,
        [change_detail(name, before, after) for name, before, after in changes],
    )
    names = [name for name, _, _ in changes]
    log.info("company settings changed by %s: %s", actor, ", ".join(names))
    return names


def machine_settings_for(db_path: Path) -> Settings:
    """The settings of the kiosk whose database is ``db_path``, from its file and ``KIOSK_*`` variables.

    Only for saying what a pulled value replaced: a file that cannot be read
    here is logged and the defaults stand in (the kiosk itself refuses to start
    on such a file).
    """
    try:
        return load_settings(settings_path_for(db_path))
    except InputError as exc:
        log.warning("%s", exc)
        return Settings()


def merge_pulled(
    stored: Mapping[str, str],
    server_rows: Mapping[str, str],
    own_settings: Callable[[], Settings],
    server_name: str,
) -> SettingsUpdate:
    """What bringing the server's ``policy.*`` rows into a kiosk's database changes, given the kiosk's ``stored`` ones.

    A round calls this inside the local transaction that applies the result
    (:meth:`~kiosk.storage.sync_state.SyncState.store_pulled_settings`). Each
    valid value that differs from the kiosk's copy is stored and audited (actor
    :data:`SERVER_ACTOR`, detail ``"<field>: <old> -> <new>"``; the old value is
    the kiosk's previous pulled one, or its own file's, from ``own_settings``,
    which is read only when needed). A value the spec refuses is logged and
    ignored, keeping the kiosk's copy. A field HR no longer sets on the server
    goes back to the kiosk's own. :attr:`~kiosk.storage.sync_state.SettingsUpdate.changed`
    says how many fields change.
    """
    mine = parse_company(stored, "this kiosk's database")
    theirs = parse_company(server_rows, f"server {server_name}")
    gone = [name for name in mine if policy_key(name) not in server_rows]
    own = functools.cache(own_settings)

    def before(name: str) -> SettingValue:
        value: SettingValue = mine[name] if name in mine else getattr(own(), name)
        return value

    values: dict[str, str] = {}
    removed: list[str] = []
    details: list[str] = []
    for name, value in theirs.items():
        if name in mine and mine[name] == value:
            continue
        old = before(name)
        values[policy_key(name)] = encode_value(value)
        if old != value:  # the server now holds what this kiosk already ran with: no news for the log
            details.append(change_detail(name, old, value))
    for name in gone:
        old = mine.pop(name)
        removed.append(policy_key(name))
        details.append(change_detail(name, old, before(name)))
    update = SettingsUpdate(values, removed, details)
    if update.changed:
        log.info("%d company settings changed from server %s", update.changed, server_name)
    return update
