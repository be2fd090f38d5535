"""Attendance rules: what a recognised face (or PIN) means, and what a day adds up to.

Days are the kiosk's local days, computed from each event's stored UTC offset,
so a kiosk in China (UTC+8) closes its day at local midnight, not at 08:00.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kiosk.attendance.clock_check import ClockVerdict, check_clock, judge_clock
from kiosk.attendance.days import day_events, punch_directions, worked_pairs
from kiosk.errors import InputError
from kiosk.settings.specs import DEFAULT_CHECKOUT_AFTER_MIN, DEFAULT_COOLDOWN_S
from kiosk.storage.models import AttendanceEvent, Direction, Employee, EventFlag, EventSource, offset_minutes
from kiosk.storage.repository import Repository

log = logging.getLogger("kiosk.attendance")


class OutcomeKind(enum.StrEnum):
    """What a scan turned into. The values of IN and OUT are the stored event kinds."""

    CHECKED_IN = Direction.IN.value
    CHECKED_OUT = Direction.OUT.value
    COOLDOWN = "cooldown"


CheckInSource = EventSource
"""How an attendance event was taken: the stored event source (:class:`~kiosk.storage.models.EventSource`)."""


@dataclass(frozen=True)
class Outcome:
    """What :meth:`AttendanceRules.register` did.

    ``kind`` is CHECKED_IN, CHECKED_OUT or COOLDOWN (nothing written, ``event``
    is ``None``). ``seconds_since_last`` is the time since the person's previous
    event in seconds (``None`` if they have none), and ``previous`` is that
    event (a cooldown says "already checked in" or "out" from it).
    ``worked_today`` is the sum of today's closed in→out pairs up to and
    including this event.
    """

    kind: OutcomeKind
    employee: Employee
    event: AttendanceEvent | None
    seconds_since_last: float | None
    worked_today: timedelta | None
    previous: AttendanceEvent | None = None


class AttendanceRules:
    """Turns "this person was recognised now" into a stored check-in or check-out.

    The first event of a local day is always "in" (an "in" left open yesterday
    does not turn today's first scan into an "out"); after that each scan
    toggles. A scan within ``cooldown_s`` seconds of the person's previous
    event (either direction, in case the clock was stepped back) is a
    cooldown and writes nothing; so is a scan within ``checkout_after_min``
    minutes of an open check-in (the screen says "already checked in at
    08:57"), which keeps a check-out from following a check-in by accident.
    ``clock`` returns the kiosk's aware local time.
    Whether a non-live face may check in is the engine's policy; ``live`` is
    recorded with the event.

    A clock that looks wrong (:mod:`kiosk.attendance.clock_check`) never stops a
    check-in: the event is written with the ``clock_suspect`` flag for HR. If
    the clock went back past punches of the same day, the scan continues the
    person's day from its last punch (in after in is out), and the cooldowns
    count from the nearest punch in either direction.
    """

    def __init__(
        self,
        repo: Repository,
        clock: Callable[[], datetime],
        cooldown_s: float = DEFAULT_COOLDOWN_S,
        device_id: str = "kiosk-1",
        checkout_after_min: float = DEFAULT_CHECKOUT_AFTER_MIN,
    ) -> None:
        if cooldown_s < 0:
            raise InputError(f"The cooldown must be 0 s or more, not {cooldown_s}.")
        if checkout_after_min < 0:
            raise InputError(f"The time before a check-out must be 0 min or more, not {checkout_after_min}.")
        self.repo = repo
        self.clock = clock
        self.cooldown_s = cooldown_s
        self.checkout_after_min = checkout_after_min
        self.device_id = device_id

    def clock_flags(self, reading: datetime, employee: Employee | None = None) -> tuple[str, ...]:
        """The flags a check-in stamped ``reading`` by this clock gets: ``("clock_suspect",)`` when the
        rules of :mod:`kiosk.attendance.clock_check` doubt it, else none (two small reads)."""
        return _flags_for(check_clock(self.repo, reading), employee)

    def register(
        self,
        employee: Employee,
        *,
        distance: float | None,
        live: bool,
        source: CheckInSource = CheckInSource.FACE,
        at: datetime | None = None,
        uid: str | None = None,
        flags: tuple[str, ...] | None = None,
    ) -> Outcome:
        """Record a check-in/out for ``employee`` at ``at`` (default: now), or report a cooldown.

        ``flags`` go on the event written. By default a check-in stamped now
        is judged here (``clock_suspect`` if the clock looks wrong); one given
        its time ``at`` by the caller carries the flags the caller gives it
        (the engine judges the clock when it decides, see :meth:`clock_flags`;
        times from elsewhere are no reading of this clock).

        ``uid`` names the event to write. A retry of a decided check-in passes
        the same ``uid``: if an earlier attempt was committed after all (its
        answer lost with the connection), that event is the outcome and nothing
        more is written, whatever the cooldown would say.

        The person's last event and today's events are read in the same write
        transaction that stores the new event (:meth:`~kiosk.storage.events.Events.deciding`),
        so two kiosks (or kiosk programs on one file) that see the same person
        at the same moment write one check-in, not two: the second one reads
        the first one's event and answers with a cooldown.
        """
        if not employee.active:
            raise InputError(f"{employee.name} ({employee.code}) is deactivated and cannot check in.")
        judge_here = at is None and flags is None
        at = at if at is not None else self.clock()
        offset = offset_minutes(at)
        server_offset = self.repo.sync_state.server_clock_offset() if judge_here else None
        with self.repo.events.deciding() as view:
            if uid is not None and (written := view.with_uid(uid)) is not None:
                log.info("check-in %s of %s was already written", uid, employee.code)
                today = [event for event in day_events(view, employee.id, written.local_day) if event.at_utc <= at]
                return Outcome(OutcomeKind(written.kind), employee, written, None, worked_pairs(today)[0], written)
            if judge_here:
                flags = _flags_for(judge_clock(at, view.newest_clocked_at(), server_offset), employee)
            last = view.last_for(employee.id)
            since = (at - last.at_utc).total_seconds() if last else None
            day = day_events(view, employee.id, at.date())
            # Punches of this day already later than ``at``: the clock went back since they were stamped.
            # The person's state is then where their day ended, not where ``at`` falls in it.
            went_back = bool(day) and day[-1].at_utc > at
            before = day if went_back else [event for event in day if event.at_utc <= at]
            near = [event for event in (*day, last) if event is not None]
            nearest = min(near, key=lambda event: abs(at - event.at_utc), default=None)
            if nearest is not None and abs((at - nearest.at_utc).total_seconds()) < self.cooldown_s:
                log.debug("cooldown for %s: %.1f s since last event", employee.code, since or 0.0)
                return Outcome(OutcomeKind.COOLDOWN, employee, None, since, worked_pairs(before)[0], nearest)
            if before and punch_directions(before)[-1] is Direction.IN:
                # Either way round: after a clock jump back, a minute before the check-in is as soon.
                checked_in_for = abs((at - before[-1].at_utc).total_seconds())
                if checked_in_for < self.checkout_after_min * 60:
                    log.debug("%s checked in %.0f s ago; too soon to check out", employee.code, checked_in_for)
                    return Outcome(OutcomeKind.COOLDOWN, employee, None, since, worked_pairs(before)[0], before[-1])
                kind = OutcomeKind.CHECKED_OUT
            else:
                kind = OutcomeKind.CHECKED_IN
            event = view.add(
                AttendanceEvent(
                    id=None,
                    employee_id=employee.id,
                    kind=kind.value,
                    at_utc=at.astimezone(UTC),
                    utc_offset_minutes=offset,
                    distance=distance,
                    live=live,
                    source=CheckInSource(source).value,
                    device_id=self.device_id,
                    uid=uid,
                    flags=flags or (),
                )
            )
        # Committed: only now may the screen say "checked in".
        return Outcome(kind, employee, event, since, worked_pairs([*day, event])[0], last)


def _flags_for(verdict: ClockVerdict, employee: Employee | None) -> tuple[str, ...]:
    if not verdict.suspect:
        return ()
    who = f"of {employee.code} " if employee is not None else ""
    log.info("check-in %sflagged %s: %s", who, EventFlag.CLOCK_SUSPECT, verdict.describe())
    return (EventFlag.CLOCK_SUSPECT.value,)
