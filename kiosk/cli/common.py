"""What every command shares: opening the database, the settings in force, dates, one-line output."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from kiosk.errors import InputError
from kiosk.paths import settings_path_for
from kiosk.settings.files import load_settings
from kiosk.settings.specs import Settings
from kiosk.storage.events import MAX_OFFSET_MINUTES, MIN_OFFSET_MINUTES
from kiosk.storage.models import offset_minutes
from kiosk.wiring import effective_settings

if TYPE_CHECKING:
    from kiosk.storage.location import DatabaseLocation
    from kiosk.storage.repository import Repository

log = logging.getLogger("kiosk.cli")


def parse_date(text: str, flag: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{flag} must be a date like 2026-11-23, not {text!r}") from None


START_HEADROOM = timedelta(days=1)
"""How far from the calendar's ends (years 1 and 9999) ``run-video --start`` must
stay: the video's frames are stamped start + their position, and a kiosk video
is far shorter than a day."""

TEXT_ARGUMENTS = ("name", "code", "department", "employee")
"""Options whose text is stored or compared with stored text, so must be valid UTF-8."""


def check_text_arguments(args: argparse.Namespace) -> None:
    """Refuse a name or code that is not valid UTF-8 (Python hands such bytes over as
    lone surrogates, which SQLite and the CSV writer cannot encode)."""
    for name in TEXT_ARGUMENTS:
        value = getattr(args, name, None)
        if not isinstance(value, str):
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            option = f"--{name.replace('_', '-')}"
            raise InputError(f"{option} is not valid UTF-8 text; check the terminal's character encoding") from None


def parse_start(text: str | None) -> datetime:
    if text is None:
        return datetime.now().astimezone()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(f"--start must be an ISO time like 2026-11-23T08:55:00+08:00, not {text!r}") from None
    try:
        moment = moment if moment.tzinfo else moment.astimezone()
        (moment - START_HEADROOM).astimezone(UTC)
        (moment + START_HEADROOM).astimezone(UTC)
    except (OverflowError, ValueError):
        raise InputError(f"--start {text} is too close to the ends of the calendar; give a real time") from None
    offset = offset_minutes(moment)
    if not MIN_OFFSET_MINUTES <= offset <= MAX_OFFSET_MINUTES:
        raise InputError(f"--start {text} has a UTC offset outside -12:00 … +14:00; give a real time zone")
    return moment


def location_of(args: argparse.Namespace) -> DatabaseLocation:
    """Where ``--db`` (else ``$KIOSK_DB``, else the per-user file) points: a file or a server URL."""
    from kiosk.storage.location import resolve_location

    return resolve_location(getattr(args, "db", None))


def open_repo(args: argparse.Namespace, access: Literal["create", "write", "read"]) -> tuple[Path, Repository]:
    """The database of ``--db`` (a file or a ``postgresql://`` URL): ``create`` it (private folder
    and file) if missing, ``write`` an existing one, or only ``read`` it (never creating or converting)."""
    from kiosk.storage.location import open_repository

    repo = open_repository(getattr(args, "db", None), access)
    return repo.path, repo


def emit(args: argparse.Namespace, payload: dict, text: str) -> None:
    print(json.dumps(payload, ensure_ascii=False) if getattr(args, "json", False) else text, flush=True)


def settings_for(args: argparse.Namespace, repo: Repository | None = None) -> Settings:
    """The settings beside ``--db`` (or the defaults plus ``KIOSK_*`` without a database).

    With the open ``repo``, under the company-wide settings its database holds
    (HR's, on the server itself or pulled by a kiosk's sync): the rules a kiosk
    applies at the door are the ones the command applies. A kiosk on its own
    has none, and its file alone counts.
    """

    own = load_settings(settings_path_for(location_of(args).path))
    return effective_settings(own, repo)


def operator_name() -> str:
    """The OS user running the command: who confirmed consent, reset the PIN or erased data."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment nor in the password database
        return "unknown user"


def read_new_pin() -> tuple[str, str]:
    """The new PIN and its repetition: typed unseen at a terminal, else two lines of stdin."""
    if sys.stdin.isatty():
        return getpass.getpass("New admin PIN: "), getpass.getpass("Repeat the new admin PIN: ")
    return sys.stdin.readline().strip(), sys.stdin.readline().strip()


