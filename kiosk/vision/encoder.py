"""The 128-d face encoding, kept off the per-frame path.

An encoding costs about 0.12 s on the prebuilt dlib (no BLAS); landmarks cost
about 0.003 s a fit. If both run in one thread, the blink detector is blind for
every encoding. A second *thread* does not help: dlib holds the GIL while it
encodes. Measured on the development machine (``benchmarks/encoder_gil.py``): a
pure-Python loop in another thread ran at 6% of its speed while the main thread
encoded, and one 68-point fit took 52 ms instead of 2.7 ms while another thread
encoded. So the live kiosk encodes in a separate *process*, started once and
fed 150×150 face chips (``dlib.get_face_chip``, 0.7 ms on the caller's side,
67 KB through a pipe instead of a whole frame); the descriptor computed from the
chip is bit-for-bit the one computed from the frame (dlib cuts the same chip
internally).

Two implementations of one small interface (:class:`Encoder`):

* :class:`SyncEncoder` encodes in the caller's thread the moment it is asked,
  so a replayed video gives the same votes on the same frames every time
  (``kiosk run-video``, the tests, the GUI in lockstep).
* :class:`ProcessEncoder` hands the chip to its process and returns at once;
  the result is collected on a later frame. It is what the live kiosk uses.

Both are real dlib. Importing this module loads neither dlib nor Qt.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Protocol

import numpy as np

from kiosk.errors import ModelError
from kiosk.vision.types import Face

log = logging.getLogger("kiosk.vision")

CHIP_SIZE = 150
"""Side of the aligned face chip in pixels: what dlib's ResNet encoder was trained on."""
CHIP_PADDING = 0.25
"""Padding around the face in the chip, as dlib's ``compute_face_descriptor`` uses internally."""


@dataclass(frozen=True)
class Encoding:
    """One finished encoding: the ``ticket`` :meth:`Encoder.submit` returned, and the 128-d float32 vector."""

    ticket: int
    vector: np.ndarray


class FaceAnalyzerLike(Protocol):
    """The part of :class:`~kiosk.vision.detect.FaceAnalyzer` the synchronous encoder uses."""

    def encode(self, rgb: np.ndarray, face: Face, jitters: int = 0) -> np.ndarray: ...


class Encoder(Protocol):
    """Encodes faces, now or later.

    :meth:`submit` returns a ticket; :meth:`collect` returns every encoding
    finished since the last call, each with its ticket. While :attr:`busy`,
    a caller that only needs a few encodings a second should wait rather than
    queue more (a queue would hand back votes about faces long gone).
    """

    @property
    def busy(self) -> bool: ...

    def submit(self, rgb: np.ndarray, face: Face) -> int: ...

    def collect(self) -> list[Encoding]: ...

    def close(self) -> None: ...


class SyncEncoder:
    """Encodes in the caller's thread, at once: reproducible frame by frame.

    The encoding is ready for :meth:`collect` on the very frame that submitted
    it, which is exactly what the engine did before encoders existed.
    """

    def __init__(self, analyzer: FaceAnalyzerLike) -> None:
        self.analyzer = analyzer
        self._next_ticket = 0
        self._done: list[Encoding] = []

    @property
    def busy(self) -> bool:
        return False

    def submit(self, rgb: np.ndarray, face: Face) -> int:
        self._next_ticket += 1
        self._done.append(Encoding(self._next_ticket, self.analyzer.encode(rgb, face)))
        return self._next_ticket

    def collect(self) -> list[Encoding]:
        done, self._done = self._done, []
        return done

    def close(self) -> None:
        self._done = []


def face_chip(rgb: np.ndarray, face: Face) -> np.ndarray:
    """The aligned 150×150 RGB chip dlib's encoder reads (uint8, contiguous)."""
    import dlib

    from kiosk.vision.detect import dlib_shape

    chip = dlib.get_face_chip(np.ascontiguousarray(rgb), dlib_shape(face), size=CHIP_SIZE, padding=CHIP_PADDING)
    return np.ascontiguousarray(chip, dtype=np.uint8)


def _serve(conn: Connection) -> None:
    """The encoder process: load the encoder once, then chip in, vector out, until told to stop."""
    try:
        from kiosk.vision.models import load_face_encoder

        encoder = load_face_encoder()
    except Exception as exc:  # reported to the parent, which raises ModelError
        conn.send(("failed", str(exc)))
        return
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the parent went away
        if message is None:
            return
        ticket, chip = message
        vector = np.asarray(encoder.compute_face_descriptor(chip, 0), dtype=np.float32)
        try:
            conn.send((ticket, vector))
        except OSError:  # BrokenPipeError: the parent closed while this one was encoding
            return


class ProcessEncoder:
    """Encodes in a separate process, so encodings never stall the per-frame thread.

    The process is started once: by :meth:`start`, which waits until it has
    loaded its model (about 1–2 s), or lazily by the first :meth:`collect` or
    :meth:`submit`, which do not wait: the encoder is :attr:`busy` until the
    model is loaded. (The live kiosk starts it lazily, on its first frame, so a
    kiosk window without a camera never starts one.) At most ``max_in_flight``
    requests are outstanding. Not thread-safe: one user thread at a time.
    :meth:`close` stops the process; it is also a daemon, so it never outlives
    the kiosk.
    """

    def __init__(self, max_in_flight: int = 1, ready_timeout_s: float = 60.0) -> None:
        """``max_in_flight``: 1, because the engine wants a *recent* face encoded,
        not a backlog, and one encoding at a time keeps the process to one core.
        ``ready_timeout_s``: how long the model may take to load (60 s: a cold
        disk on a slow PC) before :class:`~kiosk.errors.ModelError`."""
        self.max_in_flight = max_in_flight
        self.ready_timeout_s = ready_timeout_s
        self._conn: Connection | None = None
        self._process: BaseProcess | None = None
        self._launched_at = 0.0
        self._ready = False
        self._closed = False
        self._next_ticket = 0
        self._in_flight = 0

    @classmethod
    def start(cls, timeout_s: float = 60.0, max_in_flight: int = 1) -> ProcessEncoder:
        """Start the process and wait up to ``timeout_s`` until it has loaded its model."""
        encoder = cls(max_in_flight, timeout_s)
        conn = encoder._launch()
        if not conn.poll(timeout_s):
            encoder.close()
            raise ModelError(f"the face encoder process did not start within {timeout_s:.0f} s")
        encoder._receive_ready()
        return encoder

    def _launch(self) -> Connection:
        if self._closed:
            raise ModelError("the face encoder process is closed")
        if self._conn is None:
            # spawn, never fork: forking a process that runs Qt and dlib threads can deadlock the child.
            context = multiprocessing.get_context("spawn")
            parent_conn, child_conn = context.Pipe()
            process = context.Process(target=_serve, args=(child_conn,), name="kiosk-encoder", daemon=True)
            process.start()
            child_conn.close()
            self._conn, self._process = parent_conn, process
            self._launched_at = time.monotonic()
        return self._conn

    def _receive_ready(self) -> None:
        conn = self._launch()
        try:
            status, detail = conn.recv()
        except (EOFError, OSError):
            status, detail = "failed", "it exited"
        if status != "ready":
            self.close()
            raise ModelError(f"the face encoder process could not load its model ({detail}); reinstall with `uv sync`")
        self._ready = True
        log.info("encoder process %s ready after %.1f s", self.pid, time.monotonic() - self._launched_at)

    def _check_ready(self) -> bool:
        """Whether the model is loaded (starting the process if needed); never waits."""
        if not self._ready:
            conn = self._launch()
            if conn.poll():
                self._receive_ready()
            elif time.monotonic() - self._launched_at > self.ready_timeout_s:
                self.close()
                raise ModelError(f"the face encoder process did not start within {self.ready_timeout_s:.0f} s")
        return self._ready

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def busy(self) -> bool:
        """True while the model loads, or while ``max_in_flight`` encodings are outstanding."""
        return not self._check_ready() or self._in_flight >= self.max_in_flight

    def submit(self, rgb: np.ndarray, face: Face) -> int:
        """Send ``face``'s chip to the process; returns its ticket at once."""
        conn = self._launch()
        self._next_ticket += 1
        try:
            conn.send((self._next_ticket, face_chip(rgb, face)))
        except OSError as exc:
            raise ModelError("the face encoder process stopped; the kiosk restarts it") from exc
        self._in_flight += 1
        return self._next_ticket

    def collect(self) -> list[Encoding]:
        """Every encoding finished since the last call (never waits)."""
        if not self._check_ready():
            return []
        conn = self._launch()
        done = []
        try:
            while self._in_flight and conn.poll():
                ticket, vector = conn.recv()
                self._in_flight -= 1
                done.append(Encoding(ticket, vector))
        except (EOFError, OSError) as exc:
            raise ModelError("the face encoder process stopped; the kiosk restarts it") from exc
        return done

    def poll(self, timeout_s: float) -> bool:
        """Wait up to ``timeout_s`` until an encoding is ready to :meth:`collect`, without collecting it."""
        if not self._in_flight or not self._check_ready():
            return False
        return self._launch().poll(timeout_s)

    def wait(self, timeout_s: float) -> list[Encoding]:
        """Wait up to ``timeout_s`` for at least one encoding, then :meth:`collect` (tests and benchmarks)."""
        conn = self._launch()
        if self._in_flight:
            conn.poll(timeout_s)
        return self.collect()

    def close(self) -> None:
        """Stop the process: ask politely, wait 2 s, then terminate (it holds no files)."""
        conn, process = self._conn, self._process
        self._conn = self._process = None
        self._closed = True
        if conn is not None:
            with contextlib.suppress(OSError):  # the process already ended
                conn.send(None)
            conn.close()
        if process is not None:
            process.join(2.0)
            if process.is_alive():
                process.terminate()
                process.join(2.0)

    def __enter__(self) -> ProcessEncoder:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
