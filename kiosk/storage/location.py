"""Where the database is, and opening it: a file path or a ``postgresql://`` URL.

:func:`resolve_location` turns ``--db``, ``$KIOSK_DB`` or the per-user
default into a :class:`DatabaseLocation`; :func:`open_repository` is the one
entry point the CLI and the app open it through, creating, writing or only
reading it. The engines themselves are :mod:`kiosk.storage.sqlite` and
:mod:`kiosk.storage.postgres`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from kiosk.errors import StorageError
from kiosk.paths import default_data_dir, make_private_dir, resolve_db_path
from kiosk.storage.sqlite import DEFAULT_BUSY_TIMEOUT_S

if TYPE_CHECKING:
    from kiosk.storage.repository import Repository

log = logging.getLogger("kiosk.storage")


# --------------------------------------------------------------------- choosing the engine


@dataclass(frozen=True)
class DatabaseLocation:
    """Where the attendance data lives: an SQLite file, or a PostgreSQL server (``url``).

    ``path`` is the file; for a server it is the base its local companions are
    named after (settings ``<base>.settings.json``, PIN key ``<base>.key``), in
    the per-user data folder (see :func:`kiosk.storage.postgres.server_files_base`).
    """

    path: Path
    url: str | None = None

    @property
    def is_server(self) -> bool:
        return self.url is not None

    def __str__(self) -> str:
        from kiosk.storage.postgres import display_url

        return display_url(self.url) if self.url else str(self.path)


def resolve_location(cli_value: str | Path | None) -> DatabaseLocation:
    """``--db`` if given, else ``$KIOSK_DB``, else the per-user file; a ``postgresql://`` URL names a server."""
    from kiosk.storage.postgres import is_server_url, server_files_base

    value = cli_value if cli_value else os.environ.get("KIOSK_DB") or None
    if value is not None and is_server_url(str(value)):
        url = str(value).strip()
        return DatabaseLocation(server_files_base(url, default_data_dir()), url)
    return DatabaseLocation(resolve_db_path(value))


def open_repository(
    location: str | Path | DatabaseLocation | None,
    access: Literal["create", "write", "read"] = "write",
    *,
    busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S,
    clock: Callable[[], datetime] | None = None,
) -> Repository:
    """Open the repository at ``location`` (a file path, a ``postgresql://`` URL, or ``None`` for
    ``$KIOSK_DB`` / the per-user file), the one way the CLI and the app open a database.

    ``create`` makes a missing file (and its private folder); ``write`` needs an
    existing file; ``read`` never creates, converts or migrates anything (on a
    server the session is read-only as well). A server is always "existing":
    its database must have been created by its administrator, and is migrated
    on a writable open. Every failure is a one-line :class:`StorageError`.
    """
    from kiosk.storage.repository import Repository

    where = location if isinstance(location, DatabaseLocation) else resolve_location(location)
    options: dict[str, Any] = {"busy_timeout_s": busy_timeout_s, "read_only": access == "read"}
    if clock is not None:
        options["clock"] = clock
    if where.url is not None:
        make_private_dir(where.path.parent)  # for the settings and PIN key files
        return Repository(where.url, files_base=where.path, **options)
    if access != "create" and not where.path.is_file():
        raise StorageError(f"database not found: {where.path}; enroll someone first or pass --db")
    if access == "create":
        make_private_dir(where.path.parent)
    return Repository(where.path, **options)
