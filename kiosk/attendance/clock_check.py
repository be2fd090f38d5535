"""Whether the kiosk's clock can be believed: a check-in stamped by a doubtful clock is kept, and flagged.

A kiosk PC with a dead CMOS battery wakes up in 2000 (or on its firmware's
build date), one with NTP off drifts, and an admin may set the wrong day.
Nothing stops a check-in for that: the person was there, and losing the record
would be worse than a wrong time. But the time is not trusted either. The
clock is *suspect* when it reads

* more than :data:`MAX_BEHIND_LOG` earlier than the newest time a kiosk's clock
  stamped in the log (face and PIN check-ins; manual and imported punches
  carry times people typed): clocks do not run backwards;
* before the running version's release day (:data:`kiosk.RELEASE_DATE`);
* more than :data:`MAX_SERVER_OFFSET` away from the company server's clock, as
  the last sync round measured it (:mod:`kiosk.sync.server_clock`).

Then each check-in it stamps carries the ``clock_suspect`` flag
(:class:`~kiosk.storage.models.EventFlag`) for HR to confirm or correct on the
Corrections page, admins see a red line, and retention erases nothing
(:mod:`kiosk.privacy`). A clock that jumps *forward* with no server to compare
with cannot be told from a quiet fortnight; the server rule catches it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import kiosk
from kiosk.errors import KioskError
from kiosk.storage.repository import Repository

MAX_BEHIND_LOG = timedelta(minutes=10)
"""How far behind the log's newest clock reading the clock may be before it is suspect: more
than two kiosks' clocks drift apart in weeks without NTP, less than any real clock fault."""

MAX_SERVER_OFFSET = timedelta(minutes=2)
"""How far from the server's clock a kiosk may be: a late or early minute changes nobody's
pay, a two-minute error starts to (a punch at 08:31 is late, at 08:29 it is not)."""


class ClockDoubt(enum.StrEnum):
    """Why the clock is suspect (each is one rule of the module docstring)."""

    BEHIND_LOG = "behind_log"
    BEFORE_RELEASE = "before_release"
    OFF_SERVER = "off_server"


@dataclass(frozen=True)
class ClockVerdict:
    """What the rules say about one reading of the clock, and the facts they used."""

    reading: datetime
    doubts: tuple[ClockDoubt, ...] = ()
    newest_logged: datetime | None = None
    """The newest time a kiosk's clock stamped in the log (UTC), if any."""
    server_offset_s: float | None = None
    """The server's clock minus the kiosk's at the last sync, in seconds, if measured."""
    released: date | None = None

    @property
    def suspect(self) -> bool:
        return bool(self.doubts)

    def describe(self) -> str:
        """One English line for logs and messages: which rules failed, with their numbers."""
        reasons = []
        if ClockDoubt.BEHIND_LOG in self.doubts and self.newest_logged is not None:
            newest = self.newest_logged.astimezone(self.reading.tzinfo).isoformat(sep=" ", timespec="minutes")
            reasons.append(f"it is earlier than a check-in already recorded at {newest}")
        if ClockDoubt.BEFORE_RELEASE in self.doubts:
            reasons.append(f"it is earlier than the release of this version ({self.released})")
        if ClockDoubt.OFF_SERVER in self.doubts and self.server_offset_s is not None:
            reasons.append(f"it is {abs(self.server_offset_s):.0f} s "
                           f"{'behind' if self.server_offset_s > 0 else 'ahead of'} the server's clock")
        shown = self.reading.isoformat(sep=" ", timespec="minutes")
        return f"the clock reads {shown}, but " + "; ".join(reasons) if reasons else f"the clock reads {shown}"


def release_date() -> date:
    """The running version's release day: no correct clock reads earlier (:data:`kiosk.RELEASE_DATE`)."""
    return kiosk.RELEASE_DATE


def judge_clock(
    reading: datetime,
    newest_logged: datetime | None,
    server_offset_s: float | None,
    *,
    released: date | None = None,
) -> ClockVerdict:
    """Apply the three rules to ``reading`` (aware) and return the verdict.

    ``newest_logged``: the log's newest clock reading; ``server_offset_s``: the
    last measured offset to the server; ``released``: the release day (default
    :func:`release_date`). Judge a reading when it is taken: a check-in written
    later (after a full disk) may find newer events from other doors by then.
    """
    released = released or release_date()
    doubts = []
    if newest_logged is not None and newest_logged - reading > MAX_BEHIND_LOG:
        doubts.append(ClockDoubt.BEHIND_LOG)
    if reading.date() < released:
        doubts.append(ClockDoubt.BEFORE_RELEASE)
    if server_offset_s is not None and abs(server_offset_s) > MAX_SERVER_OFFSET.total_seconds():
        doubts.append(ClockDoubt.OFF_SERVER)
    return ClockVerdict(reading, tuple(doubts), newest_logged, server_offset_s, released)


def check_clock(repo: Repository, reading: datetime) -> ClockVerdict:
    """The verdict on ``reading`` against ``repo``'s log and its last sync (two small reads)."""
    return judge_clock(reading, repo.events.newest_clocked_at(), repo.sync_state.server_clock_offset())


class ClockSuspect(KioskError):
    """Refused because the clock is suspect, where a wrong time would do harm that cannot be undone
    (erasing biometrics early). ``verdict`` says why; nothing was changed."""

    def __init__(self, verdict: ClockVerdict, refused: str) -> None:
        self.verdict = verdict
        super().__init__(f"{refused}: the computer's clock looks wrong ({verdict.describe()}); "
                         "set the clock, then try again")
