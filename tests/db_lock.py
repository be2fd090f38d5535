"""A second process holding an SQLite database's write lock, for "database is busy" tests.

The lock is real (another process's ``BEGIN IMMEDIATE`` on the same file, as an
export tool, a backup or a second kiosk would hold it) and is released when the
test says so, not after some number of seconds, so no test depends on timing.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
conn.close()
"""


class WriteLock:
    """Handle on the holding process: :meth:`release` lets go (idempotent)."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    def release(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.write("\n")
            self.process.stdin.flush()
            self.process.wait(timeout=60)
        assert self.process.returncode == 0


@contextmanager
def write_lock(db: Path) -> Iterator[WriteLock]:
    """Hold ``db``'s write lock in another process until :meth:`WriteLock.release` or the block ends."""
    process = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    lock = WriteLock(process)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "locked"
        yield lock
    finally:
        if process.poll() is None:
            lock.release()
