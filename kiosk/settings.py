"""One settings object for the whole kiosk.

Every field has a default, a unit and a line of help (``FIELD_HELP``). Settings
load from a JSON file next to the database, then ``KIOSK_<FIELD>`` environment
variables override them, and :meth:`Settings.validated` checks ranges at
start-up so a typo fails loudly instead of silently changing behaviour.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from dataclasses import dataclass, fields
from datetime import time
from pathlib import Path
from typing import Any

from kiosk.errors import InputError
from kiosk.matching import STRICTNESS, MatchPolicy
from kiosk.vision.config import DetectorConfig

STRICTNESS_LEVELS = ("relaxed", "normal", "strict")
LANGUAGES = ("en", "zh_CN")


@dataclass(frozen=True)
class Settings:
    """Every tunable of the kiosk, with its default."""

    strictness: str = "normal"
    cooldown_s: float = 60.0
    liveness_required: bool = True
    liveness_timeout_s: float = 8.0
    camera: str = "0"
    language: str = "en"
    sounds: bool = True
    pin_fallback: bool = True
    failed_attempts_before_pin: int = 3
    device_id: str = "kiosk-1"
    detect_width: int = 320
    upsample: int = 1
    workday_start: str = ""
    store_photos: bool = False

    def validated(self) -> Settings:
        """Return self, or raise :class:`InputError` naming the first bad field."""
        if self.strictness not in STRICTNESS_LEVELS:
            raise InputError(f"strictness must be one of {', '.join(STRICTNESS_LEVELS)}, not {self.strictness!r}")
        if self.language not in LANGUAGES:
            raise InputError(f"language must be one of {', '.join(LANGUAGES)}, not {self.language!r}")
        if not 0 <= self.cooldown_s <= 3600:
            raise InputError(f"cooldown_s must be between 0 and 3600 seconds, not {self.cooldown_s}")
        if not 1 <= self.liveness_timeout_s <= 60:
            raise InputError("liveness_timeout_s must be between 1 and 60 seconds")
        if not 1 <= self.failed_attempts_before_pin <= 20:
            raise InputError("failed_attempts_before_pin must be between 1 and 20")
        if not 160 <= self.detect_width <= 4096:
            raise InputError("detect_width must be between 160 and 4096 pixels")
        if not 0 <= self.upsample <= 2:
            raise InputError("upsample must be 0, 1 or 2")
        if self.workday_start:
            _parse_hhmm(self.workday_start)
        if not self.device_id.strip():
            raise InputError("device_id must not be empty")
        return self

    @property
    def match_policy(self) -> MatchPolicy:
        """The open-set matching thresholds this ``strictness`` stands for."""
        return STRICTNESS[self.strictness]

    @property
    def detector_config(self) -> DetectorConfig:
        """How hard the face detector looks (``detect_width``, ``upsample``)."""
        return DetectorConfig(detect_width=self.detect_width, upsample=self.upsample)

    @property
    def workday_start_time(self) -> time | None:
        """``workday_start`` as a local time of day, or None when unset (no late flags)."""
        if not self.workday_start:
            return None
        hours, minutes = _parse_hhmm(self.workday_start)
        return time(hours, minutes)

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied and validated."""
        return dataclasses.replace(self, **changes).validated()

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


FIELD_HELP: dict[str, str] = {
    "strictness": "How sure a face match must be: relaxed, normal (default, right for most sites) or strict.",
    "cooldown_s": "Seconds during which a second scan of the same person is ignored (60: covers a double scan, not a real return).",
    "liveness_required": "Require a blink before a face check-in counts. Turning this off lets a printed photo check in.",
    "liveness_timeout_s": "Seconds to wait for a blink before saying 'not recognised — try again' (8: most people blink every 2–6 s).",
    "camera": "Camera index (0, 1, …) or the path of a video file to use as the camera.",
    "language": "Screen language: en or zh_CN.",
    "sounds": "Play a sound on success and on failure.",
    "pin_fallback": "After repeated failures, offer check-in with employee code and personal PIN (recorded as source 'pin').",
    "failed_attempts_before_pin": "Failed face attempts before the PIN fallback is offered (3).",
    "device_id": "Name of this kiosk, written on every attendance event.",
    "detect_width": "Frames are shrunk to this width in pixels before face detection (320: a quarter of the cost of 640, still finds 80 px faces).",
    "upsample": "Times the detector doubles the shrunk frame (1 finds faces down to ~40 px there; 0 is 4x cheaper).",
    "workday_start": "Local start of the working day as HH:MM, for late-arrival flags in reports; empty for none.",
    "store_photos": "Keep enrollment face photos in the database (off: only the 128-number templates are kept).",
}


def _parse_hhmm(text: str) -> tuple[int, int]:
    try:
        hours, minutes = (int(part) for part in text.split(":"))
    except ValueError:
        raise InputError(f"workday_start must look like 09:00, not {text!r}") from None
    if not (0 <= hours < 24 and 0 <= minutes < 60):
        raise InputError(f"workday_start must look like 09:00, not {text!r}")
    return hours, minutes


def _coerce(name: str, raw: Any, default: Any) -> Any:
    if isinstance(default, bool):
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise InputError(f"{name} must be true or false, not {raw!r}")
    try:
        return type(default)(raw)
    except (TypeError, ValueError):
        raise InputError(f"{name} must be a {type(default).__name__}, not {raw!r}") from None


def default_data_dir() -> Path:
    """Per-user folder for the database and settings file."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "kiosk"


def resolve_db_path(cli_value: str | Path | None) -> Path:
    """``--db`` if given, else ``$KIOSK_DB``, else the per-user default."""
    if cli_value:
        return Path(cli_value)
    if os.environ.get("KIOSK_DB"):
        return Path(os.environ["KIOSK_DB"])
    return default_data_dir() / "attendance.sqlite"


def settings_path_for(db_path: Path) -> Path:
    """Settings live beside the database, so one kiosk folder holds everything."""
    return db_path.with_name(db_path.stem + ".settings.json")


def load_settings(path: Path | None, environ: dict[str, str] | None = None) -> Settings:
    """Defaults, then the JSON file (if any), then ``KIOSK_<FIELD>`` variables."""
    environ = dict(os.environ) if environ is None else environ
    values: dict[str, Any] = {}
    defaults = Settings()
    if path is not None and path.is_file():
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"settings file {path} is not valid JSON ({exc}); fix or delete it") from None
        if not isinstance(stored, dict):
            raise InputError(f"settings file {path} must hold a JSON object")
        values.update({k: v for k, v in stored.items() if k in FIELD_HELP})
    for field in fields(Settings):
        env_value = environ.get(f"KIOSK_{field.name.upper()}")
        if env_value is not None:
            values[field.name] = env_value
    coerced = {name: _coerce(name, raw, getattr(defaults, name)) for name, raw in values.items()}
    return Settings(**coerced).validated()


def save_settings(settings: Settings, path: Path) -> None:
    """Write settings atomically (temp file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(settings.validated().to_json(), indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
