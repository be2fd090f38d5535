"""Telling systemd how the kiosk service is doing: ready, alive, stopping (``sd_notify`` with a plain socket).

The Debian package runs the kiosk window as ``kiosk.service``
(installer/linux/debian/kiosk.service): ``Type=notify``, ``WatchdogSec=30``,
``NotifyAccess=all``, with the kiosk inside the cage compositor. systemd passes
``$NOTIFY_SOCKET`` (a datagram socket; a leading ``@`` means Linux's abstract
namespace) and ``$WATCHDOG_USEC``; the kiosk then sends

* ``READY=1`` with ``MAINPID=<its pid>`` once its window is up: the kiosk, not
  cage, becomes the service's main process, so a service stop sends SIGTERM to
  the kiosk (``KillMode=mixed``), which shuts down cleanly, and cage ends with it;
* ``WATCHDOG=1`` from a timer on the GUI thread every half watchdog period
  (15 s): a GUI frozen for 30 s misses it and systemd restarts the service;
* ``STOPPING=1`` when it starts shutting down.

No libsystemd and nothing new to install: the protocol is one datagram of
``KEY=value`` lines. Without ``$NOTIFY_SOCKET`` (a kiosk started by hand, the
tests) and on Windows every call is a no-op that returns False. Nothing here
imports Qt; kiosk/ui/app.py wires the timer and the signals.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
from collections.abc import Mapping

log = logging.getLogger("kiosk.service")


class ServiceNotifier:
    """Sends service-manager notifications, if this process runs under one that asked for them.

    ``environ``, ``pid`` and ``parent_pid`` default to this process's; tests pass their own.
    """

    def __init__(
        self,
        environ: Mapping[str, str] | None = None,
        *,
        pid: int | None = None,
        parent_pid: int | None = None,
        platform: str = sys.platform,
    ) -> None:
        environ = os.environ if environ is None else environ
        self.pid = os.getpid() if pid is None else pid
        self._parent_pid = os.getppid() if parent_pid is None else parent_pid
        self._address = self._socket_address(environ.get("NOTIFY_SOCKET", ""), platform)
        self.watchdog_interval_s = self._watchdog_interval(environ) if self._address else None
        """Seconds between keep-alives (half ``$WATCHDOG_USEC``), or None when no watchdog is asked for."""
        self._failed = False

    @staticmethod
    def _socket_address(value: str, platform: str) -> str | bytes | None:
        if not value or platform == "win32" or not hasattr(socket, "AF_UNIX"):
            return None
        if value.startswith("@"):
            return b"\0" + value[1:].encode()  # Linux abstract namespace
        return value if value.startswith("/") else None

    def _watchdog_interval(self, environ: Mapping[str, str]) -> float | None:
        """Half of ``$WATCHDOG_USEC``, if the watchdog is meant for this process.

        ``$WATCHDOG_PID`` names the process systemd started: under cage that is
        cage, and the kiosk is its child, so the kiosk also answers when it is
        cage's child. The kiosk's own children (the encoder process) see a
        parent that is not named and stay silent.
        """
        try:
            period_us = int(environ.get("WATCHDOG_USEC", ""))
        except ValueError:
            return None
        watchdog_pid = environ.get("WATCHDOG_PID", "")
        if watchdog_pid and watchdog_pid not in (str(self.pid), str(self._parent_pid)):
            return None
        return period_us / 2 / 1e6 if period_us > 0 else None

    @property
    def enabled(self) -> bool:
        """True when a service manager listens (``$NOTIFY_SOCKET`` is set, and this is not Windows)."""
        return self._address is not None

    def notify(self, *fields: str) -> bool:
        """Send ``KEY=value`` fields in one datagram; True if it was sent.

        A failure is logged once (a manager that went away would otherwise be
        reported every 15 s), never raised: the kiosk keeps working without it.
        """
        if self._address is None:
            return False
        message = "\n".join(fields).encode()
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | getattr(socket, "SOCK_CLOEXEC", 0)) as sock:
                sock.sendto(message, self._address)
        except OSError as error:
            if not self._failed:
                log.warning("cannot notify the service manager at %s: %s", self._address, error)
            self._failed = True
            return False
        return True

    def ready(self, status: str = "") -> bool:
        """The window is up: READY=1, this process as the service's main process, and a status line."""
        return self.notify("READY=1", f"MAINPID={self.pid}", *([f"STATUS={status}"] if status else []))

    def alive(self) -> bool:
        """A watchdog keep-alive (send it from the thread that must not freeze)."""
        return self.notify("WATCHDOG=1")

    def stopping(self, status: str = "") -> bool:
        """The kiosk began shutting down."""
        return self.notify("STOPPING=1", *([f"STATUS={status}"] if status else []))
