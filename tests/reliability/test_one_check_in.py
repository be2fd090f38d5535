"""Two kiosk processes that see one person at the same moment record ONE check-in.

Two real processes (spawned, each with its own connection) share one database
and register the same employee at the same instant, :data:`ROUNDS` times in
lockstep (a barrier before each round). Every round must write exactly one
event, "in" and "out" in turn, and tell the other process "cooldown". This
holds only if the rules read the person's last event and today's events in the
same write transaction that stores the decision (``BEGIN IMMEDIATE`` on a file,
the write lock on a server): read first and write later, and both processes
see no recent event and both write "in", 0.5 s apart or less.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import checkin_race

from kiosk.storage.repository import Repository

ROUNDS = 20
"""Rounds per run. With the reads outside the write transaction (before issue 16), every
one of the 20 rounds wrote two events on the 2-core test machine, on a file and on a server."""
WAIT_S = 120.0
"""Longest wait for both processes' results (spawning imports the kiosk's storage, ~2 s each)."""


def _race(location: str, files_base: Path | None) -> list[tuple[int, list[str]]]:
    """Run the two processes over ``location``; return each one's outcome kinds, per round."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    processes = [
        context.Process(
            target=checkin_race.race,
            args=(location, str(files_base) if files_base else None, "0012", ROUNDS, barrier, results),
        )
        for _ in range(2)
    ]
    for process in processes:
        process.start()
    try:
        reports = [results.get(timeout=WAIT_S) for _ in processes]
    finally:
        for process in processes:
            process.join(timeout=WAIT_S)
    for pid, kinds in reports:
        assert isinstance(kinds, list), f"process {pid} failed:\n{kinds}"
    return reports


def _check(repo: Repository, reports: list[tuple[int, list[str]]]) -> None:
    employee = repo.employees.find("0012")
    assert employee is not None
    events = repo.events.between(checkin_race.START, checkin_race.START + ROUNDS * checkin_race.STEP, employee.id)
    expected = ["in" if index % 2 == 0 else "out" for index in range(ROUNDS)]
    assert [event.kind for event in events] == expected
    assert [event.at_utc for event in events] == [
        checkin_race.START + index * checkin_race.STEP for index in range(ROUNDS)
    ]
    (_, first), (_, second) = reports
    assert [sorted(pair) for pair in zip(first, second, strict=True)] == [
        sorted([kind, "cooldown"]) for kind in expected
    ]


def test_two_processes_on_one_file_record_one_check_in_per_moment(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.db"
    with Repository(db) as repo:
        repo.employees.add("0012", "张伟")
    reports = _race(str(db), None)
    with Repository(db) as repo:
        _check(repo, reports)


def test_two_kiosks_on_one_server_record_one_check_in_per_moment(postgres_url: str, tmp_path: Path) -> None:
    with Repository(postgres_url, files_base=tmp_path / "hr") as repo:
        repo.employees.add("0012", "张伟")
    reports = _race(postgres_url, tmp_path / "kiosk")
    with Repository(postgres_url, files_base=tmp_path / "hr") as repo:
        _check(repo, reports)
