"""Time for tests: the kiosk's zone and a clock that moves only when a test moves it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8))
"""The kiosk's zone in most tests: China Standard Time, UTC+8, no DST."""


class FakeClock:
    """Aware local time that moves only when a test moves it (``advance`` or set ``now``)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        """Move forward by ``timedelta(**delta)`` and return the new time."""
        self.now += timedelta(**delta)
        return self.now
