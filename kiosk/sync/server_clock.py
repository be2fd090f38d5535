"""How far the kiosk's clock is from the server's, measured once a round.

A kiosk whose clock is more than two minutes off its server's flags the
check-ins it stamps (:mod:`kiosk.attendance.clock_check`). The round reads the
server's clock between two readings of its own and keeps the difference in
the kiosk's file (:meth:`~kiosk.storage.sync_state.SyncState.record_server_clock`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from kiosk.storage.repository import Repository
from kiosk.sync.server import Server

log = logging.getLogger("kiosk.sync")


def measure_server_clock(local: Repository, server: Server, now: Callable[[], datetime]) -> float:
    """The server's clock minus the kiosk's (``now``), in seconds, stored in ``local``'s file.

    The server's reading is compared with the middle of the kiosk's two
    readings around it, so the round trip (milliseconds on a LAN) hardly counts.
    """
    before = now()
    with server.transaction() as cursor:
        cursor.execute("SELECT clock_timestamp()")
        fetched = cursor.fetchone()
    after = now()
    assert fetched is not None
    server_now: datetime = fetched[0]
    offset = (server_now - (before + (after - before) / 2)).total_seconds()
    local.sync_state.record_server_clock(offset)
    log.debug("server %s clock is %+.1f s from this kiosk's", server.name, offset)
    return offset
