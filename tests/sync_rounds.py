"""One sync round between a kiosk's file and the server, as ``kiosk sync`` runs it."""

from __future__ import annotations

from pathlib import Path

from kiosk.storage.repository import Repository
from kiosk.sync.round import SyncResult, sync_once
from kiosk.sync.server import open_server


def sync(kiosk: Path, url: str) -> SyncResult:
    """Open the server and the kiosk's file, run one round, close both."""
    server = open_server(url)
    try:
        with Repository(kiosk) as local:
            return sync_once(local, server)
    finally:
        server.close()
