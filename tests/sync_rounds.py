"""One sync round between a kiosk's file and the server, as ``kiosk sync`` runs it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from kiosk.engine import EventKind
from kiosk.settings.specs import Settings
from kiosk.storage.repository import Repository
from kiosk.sync.round import SyncResult, sync_once
from kiosk.sync.server import open_server
from kiosk.vision.detect import FaceAnalyzer
from kiosk.vision.types import Frame
from kiosk.wiring import create_engine

CHECK_IN_FRAMES = 60
"""Frames of a video a kiosk sees before the test says who it checked in: enough for one blink."""


def sync(kiosk: Path, url: str) -> SyncResult:
    """Open the server and the kiosk's file, run one round, close both."""
    server = open_server(url)
    try:
        with Repository(kiosk) as local:
            return sync_once(local, server)
    finally:
        server.close()


def check_in(
    kiosk: Path, video: str, at: datetime, video_frames: Callable[[str], Sequence[Frame]], analyzer: FaceAnalyzer
) -> str | None:
    """Run the kiosk's engine over the start of ``video``; the code it checked in, or None."""
    with Repository(kiosk) as repo:
        engine = create_engine(repo, Settings(), clock=lambda: at, analyzer=analyzer)
        for frame in video_frames(video)[:CHECK_IN_FRAMES]:
            for event in engine.process(frame).events:
                if event.kind in (EventKind.CHECKED_IN, EventKind.CHECKED_OUT):
                    return event.employee.code
    return None
