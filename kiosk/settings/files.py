"""The settings file beside the database: loading, environment overrides, and audited saving.

Settings load from a JSON file next to the database (:func:`load_settings`),
then ``KIOSK_<FIELD>`` environment variables override them, and the result is
validated at start-up: a typo or an absurd value fails with one line naming
the field instead of silently changing behaviour. Changes made on the admin
screen go through :func:`save_settings_change`, which writes the file
(private, atomically) and audits every changed field with its old and new
value. What each setting is lives in :mod:`kiosk.settings.specs`.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

from kiosk.errors import InputError
from kiosk.paths import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE
from kiosk.settings.merge import change_detail, changed_fields
from kiosk.settings.specs import (
    RETIRED_KEYS,
    SPECS,
    Settings,
    SettingValue,
    _coerced,
)


class AuditTrail(Protocol):
    """Where an admin's change is recorded (the repository's ``audit`` helper)."""

    def record(self, actor: str, action: str, detail: str) -> None: ...


class Audited(Protocol):
    """Anything with an audit trail, such as a :class:`~kiosk.storage.repository.Repository`.

    Settings sit below storage, so they name what they need of it, not the class.
    """

    @property
    def audit(self) -> AuditTrail: ...

log = logging.getLogger("kiosk.settings")


def load_settings(path: Path | None, environ: Mapping[str, str] | None = None) -> Settings:
    """Defaults, then the JSON file (if any), then ``KIOSK_<FIELD>`` variables.

    Unknown keys in the file are ignored (with a warning, unless they are
    :data:`RETIRED_KEYS`), so an older or newer file still loads. Any value
    that cannot be used raises one :class:`InputError` naming the field and
    where the value came from.
    """
    environ = os.environ if environ is None else environ
    values: dict[str, SettingValue] = {}
    if path is not None and path.is_file():
        for name, raw in _read_settings_file(path).items():
            if name in SPECS:
                values[name] = _coerced(name, raw, f"settings file {path}; fix or delete it")
            elif name not in RETIRED_KEYS:
                log.warning("settings file %s: ignoring unknown setting %r", path, name)
    for name in SPECS:
        variable = f"KIOSK_{name.upper()}"
        if variable in environ:
            values[name] = _coerced(name, environ[variable], f"environment variable {variable}")
    return Settings(**values).validated()  # type: ignore[arg-type]


def save_settings(settings: Settings, path: Path) -> None:
    """Write settings atomically (temp file, then rename)."""
    _write_then(settings, path, lambda: None)


def save_settings_change(
    repo: Audited, old: Settings, new: Settings, path: Path, actor: str = "admin"
) -> list[str]:
    """Save ``new`` to ``path`` and audit each field that differs from ``old``.

    Each changed field becomes one audit entry, action ``change_setting``,
    detail ``"<field>: <old> -> <new>"`` (values as Python literals, e.g.
    ``liveness_required: True -> False``). The file is written to a temporary
    name first and only renamed into place once the audit entries are stored,
    so a locked database leaves the old file untouched. Returns the changed
    field names. Raises :class:`InputError` for invalid settings,
    :class:`~kiosk.errors.StorageError` if the audit cannot be written and
    :class:`OSError` if the file cannot.
    """
    changes = changed_fields(old, new.validated())

    def audit() -> None:
        for name, before, after in changes:
            repo.audit.record(actor, "change_setting", change_detail(name, before, after))

    _write_then(new, path, audit)
    if changes:
        log.info("settings changed by %s: %s", actor, ", ".join(name for name, _, _ in changes))
    return [name for name, _, _ in changes]


def _write_then(settings: Settings, path: Path, before_replace: Callable[[], None]) -> None:
    """Write ``settings`` to a temporary file, call ``before_replace``, then rename it to ``path``.

    The temporary file is created private (0600) before anything is written
    to it, so the settings file never exists readable by other users: like
    the database and the PIN key beside it, it is the kiosk user's alone.
    """
    text = json.dumps(settings.validated().to_json(), indent=2, ensure_ascii=False)
    path.parent.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    try:
        tmp.unlink(missing_ok=True)  # a leftover of a crash may be older and readable by others
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_FILE_MODE)
        with open(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        before_replace()
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _read_settings_file(path: Path) -> dict[str, Any]:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        raise InputError(f"settings file {path} is not valid JSON ({exc}); fix or delete it") from None
    if not isinstance(stored, dict):
        raise InputError(f"settings file {path} must hold a JSON object, not a {type(stored).__name__}")
    return stored


