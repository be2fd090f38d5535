"""The kiosk window as systemd runs it: READY, keep-alives from the GUI thread, and a clean stop on SIGTERM.

A real ``python -m kiosk`` process, offscreen, with subject 0012 enrolled and
``blink-0012.mp4`` as its camera, talks to a datagram socket standing in for
systemd's ``$NOTIFY_SOCKET``. Once it has checked 0012 in, SIGTERM must stop
it with exit code 0: workers stopped, the WAL written back into the database
file, the check-in kept. Then ``serve_as_service`` in this process: what it
installs, and that it takes it all back.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.ops.service import ServiceNotifier
from kiosk.ui.app import serve_as_service

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM and Unix sockets are POSIX")


def _kiosk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], input=stdin, capture_output=True, text=True,
                          check=True, timeout=300)


def _datagrams(sock: socket.socket, until: float) -> list[list[str]]:
    received = []
    while time.monotonic() < until:
        try:
            received.append(sock.recv(4096).decode().split("\n"))
        except TimeoutError:
            break
    return received


@posix_only
def test_sigterm_stops_the_service_cleanly_after_ready_and_keep_alives(tmp_path: Path, faces: Path) -> None:
    db = tmp_path / "office.sqlite"
    stills = [str(p) for p in sorted((faces / "webcam/nuaa/live/0012").glob("*.jpg"))[:3]]
    _kiosk("enroll", "--db", str(db), "--consent", "--name", "张伟", "--code", "0012", *stills)
    _kiosk("reset-admin-pin", "--db", str(db), stdin="258046\n258046\n")
    with tempfile.TemporaryDirectory(prefix="kn-", dir="/tmp") as folder, \
            socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as manager:
        manager.bind(str(Path(folder) / "notify"))
        manager.settimeout(1)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "NOTIFY_SOCKET": str(Path(folder) / "notify"),
               "WATCHDOG_USEC": "1000000"}
        env.pop("KIOSK_DB", None)
        gui = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--db", str(db), "--camera", str(faces / "video/blink-0012.mp4"),
             "--language", "en"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 120
            seen: list[list[str]] = []
            events = 0
            while time.monotonic() < deadline and gui.poll() is None:
                seen += _datagrams(manager, time.monotonic() + 1)
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
                    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
                if events and sum(d == ["WATCHDOG=1"] for d in seen) >= 2:
                    break
            assert gui.poll() is None, gui.communicate()[1][-2000:]
            assert seen[0] == ["READY=1", f"MAINPID={gui.pid}", "STATUS=kiosk window up"]
            assert sum(d == ["WATCHDOG=1"] for d in seen) >= 2
            assert events == 1
            gui.send_signal(signal.SIGTERM)
            _, stderr = gui.communicate(timeout=60)
            stopped = _datagrams(manager, time.monotonic() + 1)
        finally:
            if gui.poll() is None:
                gui.kill()
                gui.wait()
    assert gui.returncode == 0, stderr[-2000:]
    assert "Traceback" not in stderr
    assert ["STOPPING=1", "STATUS=shutting down"] in stopped
    wal = db.with_name(db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT e.code, v.kind FROM events v JOIN employees e ON e.id = v.employee_id").fetchall() \
            == [("0012", "in")]


def test_serve_as_service_installs_nothing_without_a_manager_and_takes_its_signals_back(qtbot) -> None:
    app = QApplication.instance()
    before = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGINT)}
    undo = serve_as_service(app, ServiceNotifier({}))
    try:
        if sys.platform == "win32":
            assert {n: signal.getsignal(n) for n in before} == before  # Windows: nothing to catch
        else:
            assert all(signal.getsignal(n) is not before[n] for n in before)
    finally:
        undo()
    assert {number: signal.getsignal(number) for number in before} == before
    assert signal.set_wakeup_fd(-1) == -1  # the wake-up descriptor was given back too


def test_on_windows_serve_as_service_touches_no_signal(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    before = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGINT)}
    undo = serve_as_service(QApplication.instance(), ServiceNotifier({"NOTIFY_SOCKET": "/run/x"}, platform="win32"))
    assert {number: signal.getsignal(number) for number in before} == before
    undo()
