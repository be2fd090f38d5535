"""The real face analyser, recorded: each frame goes through dlib once per test run.

Many tests replay the same real frames (``blink-0012.mp4`` alone is analysed by
the liveness, engine, CLI and GUI tests). :class:`RecordedAnalyzer` runs the
real :class:`~kiosk.vision.detect.FaceAnalyzer` on a frame the first time it
sees it and replays what dlib found when the same pixels come again. A frame is
known by a hash of its pixels, never by its file or index, so a cache miss is
simply the real analyser at work: this is a recording of real faces, not a mock.

dlib's models are shared by every analyser in the process
(:func:`kiosk.vision.models.load_models` loads them once) and are not
thread-safe, so all recorded analysers share one lock and hold it while dlib
runs; the GUI tests call them from the vision worker thread.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np

from kiosk.settings.specs import Settings
from kiosk.vision.config import DetectorConfig
from kiosk.vision.detect import FaceAnalyzer
from kiosk.vision.types import Box, Face

FrameKey = tuple[bytes, tuple[int, ...], str]
"""A frame's identity: SHA-256 of its pixels, its shape and its dtype."""

_T = TypeVar("_T")

_KNOWN_KEYS: dict[int, tuple[weakref.ref[np.ndarray], FrameKey]] = {}
"""``id`` -> (the array, its key) for frames whose pixels cannot change (see :func:`frame_key`)."""
_KNOWN_KEYS_LOCK = threading.Lock()


def frame_key(rgb: np.ndarray) -> FrameKey:
    """Identify a frame by its content.

    Hashing a 640×480 frame costs about 0.6 ms (SHA-256, which current CPUs
    run in hardware; blake2b took 1.5 ms), and a replayed frame is looked up
    several times (detect, describe, encode) in every test that plays it: the
    suite hashed about 17,000 frames, 40 s of CPU. So the key of a frame that
    cannot change, a read-only array owning its pixels (every frame of
    ``video_frames``), is remembered for as long as that array lives.
    """
    frozen = not rgb.flags.writeable and rgb.base is None
    if frozen:
        with _KNOWN_KEYS_LOCK:
            known = _KNOWN_KEYS.get(id(rgb))
        if known is not None and known[0]() is rgb:
            return known[1]
    pixels = np.ascontiguousarray(rgb)
    key = hashlib.sha256(memoryview(pixels).cast("B")).digest(), tuple(pixels.shape), pixels.dtype.str
    if frozen:
        identity = id(rgb)

        def forget(_gone: weakref.ref[np.ndarray]) -> None:
            with _KNOWN_KEYS_LOCK:
                if (entry := _KNOWN_KEYS.get(identity)) is not None and entry[0] is _gone:
                    del _KNOWN_KEYS[identity]

        with _KNOWN_KEYS_LOCK:
            _KNOWN_KEYS[identity] = (weakref.ref(rgb, forget), key)
    return key


def _face_key(face: Face) -> tuple[Box, bytes]:
    return face.box, np.ascontiguousarray(face.landmarks, dtype=np.float32).tobytes()


def _fresh(face: Face) -> Face:
    """A copy the caller may keep or change without touching the recording."""
    return dataclasses.replace(face, landmarks=face.landmarks.copy())


@dataclasses.dataclass
class RecordingStats:
    """How often the recording answered (``hits``), how often the real analyser ran
    (``misses``) and how long that took (``real_s``, for the run's summary only)."""

    hits: int = 0
    misses: int = 0
    real_s: float = 0.0
    shared: int = 0
    """Answers another test process of the same run had already recorded."""


class SharedRecording:
    """What dlib found, shared between the test processes of one run (pytest-xdist workers).

    Each answer is one pickle file in ``folder``, named by a hash of the
    method, the detector configuration and the input's key, written to a
    temporary name and renamed into place, so a reader never sees half a file.
    The folder belongs to this run only (pytest's temporary root for it), so
    nothing recorded outlives the run: it is still real dlib on these pixels.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def _path(self, name: str, config: DetectorConfig, key: object) -> Path:
        digest = hashlib.blake2b(repr((name, config, key)).encode(), digest_size=20).hexdigest()
        return self.folder / f"{digest}.pickle"

    def load(self, name: str, config: DetectorConfig, key: object) -> tuple[bool, object]:
        """``(True, answer)`` if some process of the run recorded it, else ``(False, None)``."""
        try:
            with open(self._path(name, config, key), "rb") as handle:
                return True, pickle.load(handle)
        except FileNotFoundError:
            return False, None

    def save(self, name: str, config: DetectorConfig, key: object, answer: object) -> None:
        path = self._path(name, config, key)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        with open(tmp, "wb") as handle:
            pickle.dump(answer, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)


class RecordedAnalyzer:
    """Same public interface as :class:`FaceAnalyzer`; each distinct input reaches dlib once.

    ``detect``, ``describe``, ``analyze``, ``analyze_still`` and ``encode`` are each recorded on
    their own inputs, so each returns exactly what the real method returned
    for those pixels. Encodings are keyed by frame, face box, landmarks and
    ``jitters`` (the encoder rebuilds dlib's shape from the landmarks alone).
    Thread-safe: every lookup and every real call holds ``lock``.
    """

    def __init__(
        self, config: DetectorConfig, lock: threading.RLock, shared: SharedRecording | None = None
    ) -> None:
        self.config = config
        self.stats = RecordingStats()
        self.shared = shared
        self._lock = lock
        self._real: FaceAnalyzer | None = None
        self._detected: dict[FrameKey, list[Box]] = {}
        self._described: dict[tuple[FrameKey, Box], Face] = {}
        self._analyzed_stills: dict[FrameKey, list[Face]] = {}
        self._encoded: dict[tuple[FrameKey, Box, bytes, int], np.ndarray] = {}

    @property
    def real(self) -> FaceAnalyzer:
        """The analyser behind the recording (built on first use; call it only under the lock)."""
        if self._real is None:
            self._real = FaceAnalyzer(self.config)
        return self._real

    def _recall(self, store: dict, name: str, key: object, compute: Callable[[], _T]) -> _T:
        with self._lock:
            if key in store:
                self.stats.hits += 1
                return store[key]
            if self.shared is not None:
                found, answer = self.shared.load(name, self.config, key)
                if found:
                    self.stats.shared += 1
                    store[key] = answer
                    return store[key]
            self.stats.misses += 1
            started = time.perf_counter()
            store[key] = compute()
            self.stats.real_s += time.perf_counter() - started
            if self.shared is not None:
                self.shared.save(name, self.config, key, store[key])
            return store[key]

    def detect(self, rgb: np.ndarray) -> list[Box]:
        """Every face box in the frame, as :meth:`FaceAnalyzer.detect` found it."""
        return self._detect(rgb, frame_key(rgb))

    def describe(self, rgb: np.ndarray, box: Box) -> Face:
        """Landmarks, pose and quality for one box, as :meth:`FaceAnalyzer.describe` found them."""
        return self._describe(rgb, frame_key(rgb), box)

    def analyze(self, rgb: np.ndarray) -> list[Face]:
        """Every face in the frame, as :meth:`FaceAnalyzer.analyze` finds them: ``describe`` on each ``detect`` box.

        Composed here from the two recorded calls, exactly as the real method
        composes them, so a video analysed whole (``kiosk liveness``) and the
        same video followed (the engine: HOG on one frame in five, landmarks on
        the rest) share their HOG frames, the expensive part, whichever ran first.
        """
        key = frame_key(rgb)
        return [self._describe(rgb, key, box) for box in self._detect(rgb, key)]

    def _detect(self, rgb: np.ndarray, key: FrameKey) -> list[Box]:
        return list(self._recall(self._detected, "detect", key, lambda: self.real.detect(rgb)))

    def _describe(self, rgb: np.ndarray, key: FrameKey, box: Box) -> Face:
        return _fresh(self._recall(self._described, "describe", (key, box), lambda: self.real.describe(rgb, box)))

    def analyze_still(self, rgb: np.ndarray) -> list[Face]:
        """Every face in a still image, as :meth:`FaceAnalyzer.analyze_still` found them.

        Where the first look finds a face the answer is :meth:`analyze`'s, so
        both share that recording; only a miss reaches the real second look.
        """
        faces = self.analyze(rgb)
        if faces:
            return faces
        faces = self._recall(
            self._analyzed_stills, "analyze_still", frame_key(rgb), lambda: self.real.analyze_still(rgb)
        )
        return [_fresh(face) for face in faces]

    def encode(self, rgb: np.ndarray, face: Face, jitters: int = 0) -> np.ndarray:
        """The 128-d encoding, as :meth:`FaceAnalyzer.encode` computed it."""
        key = (frame_key(rgb), *_face_key(face), jitters)
        return self._recall(self._encoded, "encode", key, lambda: self.real.encode(rgb, face, jitters)).copy()


class Recordings:
    """One :class:`RecordedAnalyzer` per detector configuration, for a whole test run."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._analyzers: dict[DetectorConfig, RecordedAnalyzer] = {}
        self._shared: SharedRecording | None = None

    def share_through(self, folder: Path) -> None:
        """Share every recording with the run's other test processes through ``folder``."""
        with self._lock:
            self._shared = SharedRecording(folder)
            for analyzer in self._analyzers.values():
                analyzer.shared = self._shared

    def for_config(self, config: DetectorConfig | None = None) -> RecordedAnalyzer:
        """The recorded analyser for ``config`` (default: the default detector)."""
        config = config or DetectorConfig()
        with self._lock:
            if config not in self._analyzers:
                self._analyzers[config] = RecordedAnalyzer(config, self._lock, self._shared)
            return self._analyzers[config]

    def for_settings(self, settings: Settings) -> RecordedAnalyzer:
        """Drop-in for :func:`kiosk.engine.create_analyzer`: the detector ``settings`` ask for."""
        return self.for_config(settings.detector_config)

    def summary(self) -> list[str]:
        """One line per detector configuration: replays, real calls and time spent in them."""
        with self._lock:
            return [
                f"{config}: {a.stats.hits} replayed, {a.stats.shared} from other processes, "
                f"{a.stats.misses} computed in {a.stats.real_s:.1f} s"
                for config, a in self._analyzers.items()
            ]
