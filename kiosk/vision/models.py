"""Loading dlib's models from the ``face_recognition_models`` package.

Nothing is downloaded at run time: the three model files ship inside that
package. They are loaded once, on first use, because loading takes about a
second and the CLI's ``--help`` should not pay for it.
"""

from __future__ import annotations

import functools
import logging
import warnings
from dataclasses import dataclass

from kiosk.errors import ModelError

log = logging.getLogger("kiosk.vision")


@dataclass(frozen=True)
class DlibModels:
    """The dlib objects the vision code needs (typed loosely: dlib has no stubs)."""

    detector: object
    shape_predictor_68: object
    encoder: object


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
