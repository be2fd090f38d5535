"""Loading dlib's models from the ``face_recognition_models`` package.

Nothing is downloaded at run time: the three model files ship inside that
package. They are loaded once, on first use, because loading takes about a
second and the CLI's ``--help`` should not pay for it.

The installed package (installer/kiosk.spec) ships the 68-point model
gzip-compressed, 69 MB instead of 95 MB; :func:`model_file` hands dlib a
decompressed copy that lasts only while dlib reads it.
"""

from __future__ import annotations

import functools
import gzip
import logging
import os
import shutil
import tempfile
import warnings
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, overload

import numpy as np

from kiosk.errors import ModelError

log = logging.getLogger("kiosk.vision")

# dlib ships no type stubs, so the few parts of its API the vision code uses are
# described here; dlib's own objects satisfy these protocols structurally.


class DlibRect(Protocol):
    """``dlib.rectangle``: a box in pixels, corners inclusive."""

    def left(self) -> int: ...
    def top(self) -> int: ...
    def right(self) -> int: ...
    def bottom(self) -> int: ...


class DlibPoint(Protocol):
    """``dlib.point``: one landmark in whole pixels."""

    @property
    def x(self) -> int: ...
    @property
    def y(self) -> int: ...


class DlibShape(Protocol):
    """``dlib.full_object_detection``: the 68 landmarks of one face."""

    def parts(self) -> Iterable[DlibPoint]: ...


class FaceDetector(Protocol):
    """``dlib.fhog_object_detector``: (RGB image, upsample count) → face boxes."""

    def __call__(self, image: np.ndarray, upsample_num_times: int, /) -> Iterable[DlibRect]: ...


class ShapePredictor(Protocol):
    """``dlib.shape_predictor``: (RGB image, face box) → landmarks."""

    def __call__(self, image: np.ndarray, box: DlibRect, /) -> DlibShape: ...


class FaceEncoder(Protocol):
    """``dlib.face_recognition_model_v1``: landmarks (or an aligned 150×150 chip) → the 128-d descriptor."""

    @overload
    def compute_face_descriptor(
        self, image: np.ndarray, face: DlibShape, num_jitters: int, /
    ) -> Sequence[float]: ...
    @overload
    def compute_face_descriptor(self, face_chip: np.ndarray, num_jitters: int, /) -> Sequence[float]: ...


@dataclass(frozen=True)
class DlibModels:
    """The dlib objects the vision code needs."""

    detector: FaceDetector
    shape_predictor_68: ShapePredictor
    encoder: FaceEncoder


COMPRESSED_SUFFIX = ".gz"
"""A model file may be shipped as ``<name>.dat.gz`` beside where ``<name>.dat`` would be."""


@contextmanager
def model_file(path: str | Path) -> Iterator[str]:
    """A path dlib can read the model at ``path`` from: ``path`` itself, or a copy of ``path.gz`` decompressed.

    The copy lives in memory on Linux (``memfd_create``) and in a temporary
    file elsewhere, and goes when the ``with`` block ends; the 68-point model
    takes about 0.6 s to decompress. A path that exists in neither form is
    handed on as it is, so dlib's own error names it.
    """
    path = Path(path)
    compressed = path.with_name(path.name + COMPRESSED_SUFFIX)
    if path.exists() or not compressed.exists():
        yield str(path)
        return
    if hasattr(os, "memfd_create") and Path("/proc/self/fd").is_dir():
        fd = os.memfd_create(path.name)
        try:
            with gzip.open(compressed, "rb") as source, open(fd, "wb", closefd=False) as target:
                shutil.copyfileobj(source, target, 1 << 20)
            yield f"/proc/self/fd/{fd}"
        finally:
            os.close(fd)
        return
    with tempfile.TemporaryDirectory(prefix="kiosk-model-") as folder:
        copy = Path(folder) / path.name
        with gzip.open(compressed, "rb") as source, copy.open("wb") as target:
            shutil.copyfileobj(source, target, 1 << 20)
        yield str(copy)


def _import_models() -> tuple[Any, Any]:
    """dlib and face_recognition_models (which still finds its files through pkg_resources)."""
    import dlib

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        import face_recognition_models as frm
    return dlib, frm


def _model_error(exc: BaseException) -> ModelError:
    return ModelError(f"could not load the face models ({exc}); reinstall with `uv sync`")


@functools.cache
def load_face_encoder() -> FaceEncoder:
    """Load only the ResNet encoder: all the encoder process needs (it is given aligned chips, not frames)."""
    try:
        dlib, frm = _import_models()
        encoder: FaceEncoder = dlib.face_recognition_model_v1(frm.face_recognition_model_location())
    except (ImportError, RuntimeError, OSError) as exc:
        raise _model_error(exc) from exc
    return encoder


@functools.cache
def load_models() -> DlibModels:
    """Load the HOG detector, the 68-point shape predictor and the ResNet encoder."""
    try:
        dlib, frm = _import_models()
        detector = dlib.get_frontal_face_detector()
        with model_file(frm.pose_predictor_model_location()) as path:
            predictor = dlib.shape_predictor(path)
    except (ImportError, RuntimeError, OSError, EOFError, zlib.error) as exc:  # the last two: a damaged .gz
        raise _model_error(exc) from exc
    encoder = load_face_encoder()
    log.debug("dlib models loaded")
    return DlibModels(detector=detector, shape_predictor_68=predictor, encoder=encoder)
