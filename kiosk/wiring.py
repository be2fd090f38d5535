"""The composition root: the one Qt-free place that wires the engine's parts together.

The GUI, the CLI and the tests build an engine, the attendance rules and the
PIN fallback here, and ask here which settings are in force: the machine's
own file, under HR's company-wide values when the kiosk follows a server.
Nothing below this layer decides that, so it is decided once.
"""

from __future__ import annotations

import enum
import logging
import random
from collections.abc import Callable
from datetime import datetime

from kiosk.attendance.pin_checkin import PinCheckIn
from kiosk.attendance.scan import AttendanceRules
from kiosk.engine import Engine, EngineConfig
from kiosk.errors import KioskError
from kiosk.privacy import RetentionSchedule
from kiosk.settings.merge import with_company, with_machine
from kiosk.settings.specs import Settings
from kiosk.storage.repository import Repository
from kiosk.sync.company_settings import company_values
from kiosk.sync.device import event_device_id
from kiosk.vision.detect import FaceAnalyzer
from kiosk.vision.encoder import Encoder

log = logging.getLogger("kiosk.settings")


def create_rules(repo: Repository, settings: Settings, clock: Callable[[], datetime]) -> AttendanceRules:
    """The attendance rules ``settings`` call for (cooldown, time before a check-out, device id)."""
    return AttendanceRules(
        repo, clock, cooldown_s=settings.cooldown_s, device_id=event_device_id(repo, settings.device_id),
        checkout_after_min=settings.checkout_after_min,
    )  # fmt: skip


def create_engine(
    repo: Repository,
    settings: Settings,
    clock: Callable[[], datetime],
    analyzer: FaceAnalyzer | None = None,
    config: EngineConfig | None = None,
    encoder: Encoder | None = None,
    rng: random.Random | None = None,
) -> Engine:
    """Wire an engine: the one place the GUI, the CLI and the tests build it.

    ``encoder``: how encodings are computed; by default synchronously, so a
    replay is reproducible frame by frame. The live kiosk passes a
    :class:`~kiosk.vision.encoder.ProcessEncoder`. ``rng``: what draws the
    head-movement challenges (default :class:`random.SystemRandom`).
    """
    engine = Engine(
        repo, create_rules(repo, settings, clock), settings, analyzer=analyzer, config=config, encoder=encoder,
        rng=rng,
    )  # fmt: skip
    engine.retention = RetentionSchedule(repo, clock, settings.template_retention_days)
    return engine


def create_pin_checkin(repo: Repository, settings: Settings, clock: Callable[[], datetime]) -> PinCheckIn:
    """The code + PIN fallback, over the same attendance rules as a face check-in."""
    return PinCheckIn(repo, create_rules(repo, settings, clock), clock)


def effective_settings(machine: Settings, repo: Repository | None, *, managed: bool = True) -> Settings:
    """The settings in force: ``machine`` (its file and ``KIOSK_*``), under the company's values in ``repo``.

    ``managed``: whether this machine follows HR's company-wide settings (it
    syncs with a server, or works on the server itself). A kiosk on its own
    passes False, and so does a caller without a database (``repo`` None):
    then the file alone counts. Raises :class:`~kiosk.errors.StorageError`
    if the database cannot be read.
    """
    if repo is None or not managed:
        return machine
    return with_company(machine, company_values(repo))


class SettingsMode(enum.Enum):
    """Which settings the Settings page edits, and where it saves them."""

    OWN = "own"
    """A kiosk on its own: every setting, saved to its file."""
    MANAGED = "managed"
    """A kiosk with a company server: company-wide settings are HR's and shown
    read-only; per-machine ones are saved to its file."""
    COMPANY = "company"
    """The HR workstation on the server: company-wide settings only, saved on the server."""


class SettingsState:
    """A running kiosk's settings: its own (the file's), the mode, and what is in force now.

    The state machine the window follows: it starts :attr:`SettingsMode.OWN`;
    :meth:`follow_company` makes it MANAGED for good; :meth:`refresh` reads the
    company values again (after a sync round); :meth:`apply_edit` takes what an
    admin saved. Each returns the settings now in force, or ``None`` when they
    did not change, so the window rebuilds only when it must.
    """

    def __init__(self, machine: Settings) -> None:
        self.machine = machine
        """The kiosk's own settings, as its file has them (company-wide fields included, unused while managed)."""
        self.current = machine
        """What the kiosk runs with now."""
        self.mode = SettingsMode.OWN

    def follow_company(self, repo: Repository) -> Settings | None:
        """From now on run with HR's company-wide values held in ``repo``; the settings if they changed."""
        self.mode = SettingsMode.MANAGED
        return self.refresh(repo)

    def refresh(self, repo: Repository) -> Settings | None:
        """Read the company values again; the new settings if they changed.

        A database that cannot be read right now leaves the settings as they
        are (logged) until the next round.
        """
        try:
            effective = effective_settings(self.machine, repo, managed=self.mode is SettingsMode.MANAGED)
        except KioskError as exc:
            log.warning("company settings not read: %s", exc)
            return None
        return self._use(effective)

    def apply_edit(self, edited: Settings) -> Settings | None:
        """An admin saved ``edited``; a managed kiosk takes only its per-machine fields."""
        if self.mode is SettingsMode.MANAGED:
            self.machine = with_machine(self.machine, edited)
            # The company-wide values stay as they are; the next round brings any news.
            return self._use(with_machine(self.current, edited), force=True)
        self.machine = edited.validated()
        return self._use(self.machine, force=True)

    def _use(self, settings: Settings, *, force: bool = False) -> Settings | None:
        settings = settings.validated()
        if settings == self.current and not force:
            return None
        self.current = settings
        return settings
