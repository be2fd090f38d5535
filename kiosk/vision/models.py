"""Loading dlib's models from the ``face_recognition_models`` package.

Nothing is downloaded at run time: the three model files ship inside that
package. They are loaded once, on first use, because loading takes about a
second and the CLI's ``--help`` should not pay for it.
"""

from __future__ import annotations

import functools
import logging
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, overload

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


@functools.cache
def load_models() -> DlibModels:
    """Load the HOG detector, the 68-point shape predictor and the ResNet encoder."""
    try:
        import dlib

        with warnings.catch_warnings():
            # face_recognition_models still uses pkg_resources to find its files.
            warnings.simplefilter("ignore", UserWarning)
            warnings.simplefilter("ignore", DeprecationWarning)
            import face_recognition_models as frm

        detector = dlib.get_frontal_face_detector()
        predictor = dlib.shape_predictor(frm.pose_predictor_model_location())
        encoder = dlib.face_recognition_model_v1(frm.face_recognition_model_location())
    except (ImportError, RuntimeError, OSError) as exc:
        raise ModelError(
            f"could not load the face models ({exc}); reinstall with `uv sync`"
        ) from exc
    log.debug("dlib models loaded")
    return DlibModels(detector=detector, shape_predictor_68=predictor, encoder=encoder)
