"""A zygote for ``kill -9`` during ``kiosk sync``: import once, fork a child per round.

Run as a script, it imports the kiosk's CLI (with psycopg and the storage
layer) once, then for every job read as one JSON line from stdin (``{"db":
…, "server": …}``) forks a child that runs ``kiosk sync --db DB --server
URL`` exactly as the command line does, prints the child's pid, reaps it and
prints how it ended. Forking skips the interpreter start-up and imports
(seconds on a loaded 2-core machine), so a handful of kills cost well under
that. The zygote opens no connection and runs no threads, so each child
starts clean.
"""

from __future__ import annotations

from typing import Any

from zygote import serve

from kiosk.cli.main import main as kiosk_main


def _sync(job: dict[str, Any]) -> int:
    return kiosk_main(["sync", "--db", job["db"], "--server", job["server"], "--json"])


if __name__ == "__main__":
    serve(_sync)
