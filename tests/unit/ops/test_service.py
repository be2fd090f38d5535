"""sd_notify over a plain socket: one datagram per notification, and nothing at all without a service manager.

A real datagram socket stands in for systemd's ``$NOTIFY_SOCKET``.
"""

from __future__ import annotations

import os
import socket
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.ops.service import ServiceNotifier

pytestmark = pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs Unix datagram sockets")


@pytest.fixture
def manager() -> Iterator[tuple[str, socket.socket]]:
    """A listening datagram socket, as systemd's notify socket (a short path: sun_path holds 108 bytes)."""
    with tempfile.TemporaryDirectory(prefix="kn-", dir="/tmp") as folder:
        path = str(Path(folder) / "notify")
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.bind(path)
            sock.settimeout(5)
            yield path, sock


def _received(sock: socket.socket) -> list[str]:
    return sock.recv(4096).decode().split("\n")


def test_ready_alive_and_stopping_are_one_datagram_each(manager) -> None:
    path, sock = manager
    notifier = ServiceNotifier({"NOTIFY_SOCKET": path}, pid=4242, parent_pid=1)
    assert notifier.enabled
    assert notifier.ready("kiosk window up") is True
    assert _received(sock) == ["READY=1", "MAINPID=4242", "STATUS=kiosk window up"]
    assert notifier.alive() is True
    assert _received(sock) == ["WATCHDOG=1"]
    assert notifier.stopping() is True
    assert _received(sock) == ["STOPPING=1"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="abstract socket names are Linux only")
def test_an_abstract_socket_name_is_reached() -> None:
    name = f"kiosk-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(b"\0" + name.encode())
        sock.settimeout(5)
        assert ServiceNotifier({"NOTIFY_SOCKET": "@" + name}).alive() is True
        assert _received(sock) == ["WATCHDOG=1"]


def test_the_watchdog_interval_is_half_the_period_for_the_process_systemd_named(manager) -> None:
    path, _ = manager
    env = {"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "30000000"}
    assert ServiceNotifier(env, pid=10, parent_pid=1).watchdog_interval_s == 15.0
    # Under cage, systemd names cage (the kiosk's parent); the kiosk answers for it.
    assert ServiceNotifier({**env, "WATCHDOG_PID": "10"}, pid=10, parent_pid=1).watchdog_interval_s == 15.0
    assert ServiceNotifier({**env, "WATCHDOG_PID": "7"}, pid=10, parent_pid=7).watchdog_interval_s == 15.0
    # The kiosk's own children (the encoder process) inherit the variables and stay silent.
    assert ServiceNotifier({**env, "WATCHDOG_PID": "7"}, pid=11, parent_pid=10).watchdog_interval_s is None
    assert ServiceNotifier({**env, "WATCHDOG_USEC": "0"}, pid=10, parent_pid=1).watchdog_interval_s is None
    assert ServiceNotifier({**env, "WATCHDOG_USEC": "soon"}, pid=10, parent_pid=1).watchdog_interval_s is None
    assert ServiceNotifier({"WATCHDOG_USEC": "30000000"}).watchdog_interval_s is None  # no socket, no watchdog


def test_without_a_service_manager_every_call_is_a_no_op() -> None:
    notifier = ServiceNotifier({})
    assert not notifier.enabled
    assert (notifier.ready(), notifier.alive(), notifier.stopping()) == (False, False, False)
    assert ServiceNotifier({"NOTIFY_SOCKET": "relative/path"}).enabled is False


def test_on_windows_it_is_a_no_op_even_with_a_socket(manager) -> None:
    path, sock = manager
    notifier = ServiceNotifier({"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "30000000"}, platform="win32")
    assert not notifier.enabled
    assert notifier.watchdog_interval_s is None
    assert notifier.ready() is False
    sock.settimeout(0.2)
    with pytest.raises(TimeoutError):
        sock.recv(4096)


@pytest.mark.expected_log("kiosk.service", "cannot notify the service manager")
def test_a_manager_that_went_away_is_logged_once_and_never_raises(tmp_path, log_expectations) -> None:
    notifier = ServiceNotifier({"NOTIFY_SOCKET": str(tmp_path / "gone")})
    assert notifier.alive() is False
    assert notifier.alive() is False
    assert [r.getMessage().split(":")[0] for r in log_expectations.records] == [
        f"cannot notify the service manager at {tmp_path / 'gone'}"
    ]
