"""The fork-per-job loop of the ``kill -9`` workloads (``crash_workload.py``, ``sync_workload.py``).

A workload script imports what its jobs need once, then calls :func:`serve`:
for every job read as one JSON line from stdin it forks a child that runs
the job and exits with its code, prints the child's pid, reaps it and prints
how it ended. Forking skips the interpreter start-up and imports (seconds on
a loaded 2-core machine), so each kill costs milliseconds.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import Any


def _reply(message: dict[str, int]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def serve(run: Callable[[dict[str, Any]], int]) -> None:
    """For each job line on stdin: fork a child running ``run(job)``, print ``{"pid"}``, reap it, print ``{"status"}``.

    The child always leaves through ``os._exit`` (1 if ``run`` raised), so it
    never returns into this loop to read the parent's jobs.
    """
    for line in sys.stdin:
        job = json.loads(line)
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = run(job)
            finally:
                sys.stdout.flush()
                os._exit(code)
        _reply({"pid": pid})
        _, status = os.waitpid(pid, 0)
        _reply({"status": status})
