"""What an admin page may use of the running kiosk: one typed object instead of the whole window.

Admin pages run in the GUI thread. They read and write through the GUI
thread's :class:`~kiosk.storage.repository.Repository`, tell time with the
kiosk's clock, and ask the window for the few things only it can do (apply
settings, reload the engine, switch camera, go back to the admin home).
Nothing else of the window is within their reach, so a page cannot start
threads, touch the camera pipeline or skip the admin gate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from kiosk.ops.doctor import CheckResult
from kiosk.security.admin_gate import AdminGate
from kiosk.settings.specs import Settings
from kiosk.storage.repository import Repository
from kiosk.wiring import SettingsMode


def _own() -> SettingsMode:
    return SettingsMode.OWN


@dataclass(frozen=True)
class AdminContext:
    """The running kiosk as admin pages see it.

    Settings change while the app runs (the settings page applies them), so
    the context reads them through :attr:`current_settings` every time rather
    than holding a copy.
    """

    repo: Repository
    """The GUI thread's connection (the vision thread has its own)."""
    db_path: Path
    """The database file; the settings file lives beside it."""
    clock: Callable[[], datetime]
    """The kiosk's clock: aware local time (tests pass a fixed one)."""
    current_settings: Callable[[], Settings]
    apply_settings: Callable[[Settings], None]
    """Use these settings from now on (the caller has saved and audited them)."""
    reload_engine: Callable[[], None]
    """Rebuild the kiosk's engine before its next frame (after templates changed)."""
    use_camera: Callable[[int | str | Path], None]
    """Read frames from this camera index or video path from now on."""
    show_admin_home: Callable[[], None]
    """Leave the page for the admin home."""
    gate: AdminGate
    """The window's admin gate (already open): changing the admin PIN goes through it,
    so a wrong current PIN counts toward the same lockout as at the door."""
    settings_mode: Callable[[], SettingsMode] = field(default=_own)
    """Who sets what now (a kiosk becomes :attr:`SettingsMode.MANAGED` once it syncs with a server)."""
    machine_settings: Callable[[], Settings] | None = None
    """The kiosk's own settings, as its file has them, under the company's
    (:attr:`SettingsMode.MANAGED`); None where they are :attr:`current_settings`."""
    camera_check: Callable[[], CheckResult] | None = None
    """The running camera's state for System check (it never opens the device a second time);
    None where there is no camera (the HR workstation)."""

    @property
    def settings(self) -> Settings:
        """The settings the kiosk runs with now."""
        return self.current_settings()

    @property
    def zone(self) -> tzinfo:
        """The kiosk's time zone, taken from its clock."""
        return self.clock().tzinfo or UTC
