"""Face detection, landmarks and encodings over one RGB frame.

Detection runs dlib's HOG detector on a downscaled copy of the frame (cheap),
then maps the boxes back; landmarks and the 128-d encoding are computed on the
full-resolution frame (accurate). The encoding is the expensive step (about
15 ms a face on one core), so it is only computed when asked for.
"""

from __future__ import annotations

import logging
import math

import cv2
import numpy as np

from kiosk.vision.config import DetectorConfig
from kiosk.vision.models import DlibRect, DlibShape, load_models
from kiosk.vision.pose import estimate_pose
from kiosk.vision.quality import measure_quality
from kiosk.vision.types import Box, Face

log = logging.getLogger("kiosk.vision")


class FaceAnalyzer:
    """Finds faces in RGB frames and describes them.

    The analyser is not thread-safe (dlib objects are not); give each worker
    thread its own.
    """

    def __init__(self, config: DetectorConfig | None = None) -> None:
        self.config = config or DetectorConfig()
        self._models = load_models()

    def detect(self, rgb: np.ndarray, upsample: int | None = None) -> list[Box]:
        """Return every face box in the frame, in frame pixels.

        ``upsample``: HOG doublings of the shrunk frame (default: the
        configuration's ``upsample``); each one costs about four times more.
        """
        upsample = self.config.upsample if upsample is None else upsample
        height, width = rgb.shape[:2]
        scale = min(1.0, self.config.detect_width / float(width))
        small = rgb
        if scale < 1.0:
            small = cv2.resize(
                rgb, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA
            )
        rects = self._models.detector(np.ascontiguousarray(small), upsample)
        boxes = []
        for rect in rects:
            box = Box(rect.left(), rect.top(), rect.right(), rect.bottom()).scaled(1.0 / scale)
            box = box.clipped(width, height)
            if box.area > 0:
                boxes.append(box)
        return boxes

    def describe(self, rgb: np.ndarray, box: Box) -> Face:
        """Landmarks, pose and quality for one face box."""
        import dlib

        height, width = rgb.shape[:2]
        predictor = self._models.shape_predictor_68
        shape = predictor(rgb, dlib.rectangle(box.left, box.top, box.right, box.bottom))
        # Fit again on a box derived from the first fit. HOG boxes jump in size
        # by about ±9% between pyramid levels, and the eyelid points follow the
        # box: on blink-0012 a closed eye read as open with some boxes. The
        # derived box depends only on the face, not on the detection scale.
        shape = predictor(rgb, _canonical_rect(_points(shape)))
        landmarks = _points(shape)
        return Face(
            box=box,
            landmarks=landmarks,
            pose=estimate_pose(landmarks, width, height),
            quality=measure_quality(rgb, box),
        )

    def analyze(self, rgb: np.ndarray) -> list[Face]:
        """Detect and describe every face in the frame."""
        return [self.describe(rgb, box) for box in self.detect(rgb)]

    def analyze_still(self, rgb: np.ndarray) -> list[Face]:
        """Every face in a still image, looking harder when the first look finds none.

        For photos only (enrollment from images, ``kiosk identify``,
        ``kiosk evaluate``), never per camera frame: when :meth:`analyze`
        finds no face, detection runs again with ``config.still_upsample``
        doublings, which finds faces in strong side light and in small
        portraits at about four times the detection cost, paid only by images
        where nothing was found (see :class:`~kiosk.vision.config.DetectorConfig`).
        """
        faces = self.analyze(rgb)
        if faces or self.config.still_upsample <= self.config.upsample:
            return faces
        faces = [self.describe(rgb, box) for box in self.detect(rgb, self.config.still_upsample)]
        if faces:
            log.info("found %d face(s) in a still only with upsample %d", len(faces), self.config.still_upsample)
        return faces

    def encode(self, rgb: np.ndarray, face: Face, jitters: int = 0) -> np.ndarray:
        """The 128-d float32 encoding of ``face``.

        ``jitters`` extra randomly-perturbed copies are averaged in; 0 is what
        the kiosk uses per frame, enrollment may use more for steadier
        templates at ``jitters + 1`` times the cost.
        """
        descriptor = self._models.encoder.compute_face_descriptor(rgb, dlib_shape(face), jitters)
        return np.asarray(descriptor, dtype=np.float32)


_BOX_PER_JAW = 1.08
"""HOG box side / jaw width (landmarks 0–16), measured over 1,400 frames at four
detection scales: 1.07–1.09, so the canonical box is what HOG gives on average."""
_BOX_DROP_PER_JAW = -0.068
"""Box centre minus landmark centroid, vertically, in jaw widths (HOG boxes sit
slightly above the centroid because they include the brows, not the chin)."""


def _points(shape: DlibShape) -> np.ndarray:
    return np.array([(p.x, p.y) for p in shape.parts()], dtype=np.float32)


def dlib_shape(face: Face) -> DlibShape:
    """dlib's shape object rebuilt from the plain landmark points.

    ``Face`` carries only numpy landmarks across the vision boundary;
    the encoder wants a ``full_object_detection``, so it is rebuilt here
    (as face_recognition's ``api.py`` does) from the box and the 68 points.
    The points are whole pixels already (dlib fits integer coordinates), so
    the rebuilt shape is exactly the one the predictor returned.
    """
    import dlib

    box = face.box
    points = [dlib.point(int(x), int(y)) for x, y in np.rint(face.landmarks)]
    shape: DlibShape = dlib.full_object_detection(dlib.rectangle(box.left, box.top, box.right, box.bottom), points)
    return shape


def canonical_box(landmarks: np.ndarray) -> Box:
    """The box HOG would give, on average, for a face with these 68 landmarks (frame pixels, not clipped).

    It depends only on the face, so landmarks fitted on it are the same
    whichever box found the face; it is also where the face tracker
    (:mod:`kiosk.vision.follow`) fits the next frame's landmarks.
    """
    jaw = float(np.linalg.norm(landmarks[0] - landmarks[16]))
    cx = float(landmarks[:, 0].mean())
    cy = float(landmarks[:, 1].mean()) + _BOX_DROP_PER_JAW * jaw
    half = _BOX_PER_JAW * jaw / 2.0
    return Box(round(cx - half), round(cy - half), round(cx + half), round(cy + half))


def _canonical_rect(landmarks: np.ndarray) -> DlibRect:
    import dlib

    box = canonical_box(landmarks)
    rect: DlibRect = dlib.rectangle(box.left, box.top, box.right, box.bottom)
    return rect


def pick_subject(faces: list[Face], frame_width: int, frame_height: int) -> Face | None:
    """The face the kiosk is talking to: the largest one near the centre (see :func:`subject_index`)."""
    index = subject_index([face.box for face in faces], frame_width, frame_height)
    return faces[index] if index is not None else None


def subject_index(boxes: list[Box], frame_width: int, frame_height: int) -> int | None:
    """Index of the box of the face the kiosk is talking to: the largest one near the centre.

    Area is discounted by distance from the frame centre (a face at a corner
    counts for about half), so someone passing close to the lens at the edge
    does not steal the session from the person standing in front of it.
    """
    if not boxes:
        return None
    cx, cy = frame_width / 2.0, frame_height / 2.0
    half_diagonal = math.hypot(cx, cy)

    def score(index: int) -> float:
        box = boxes[index]
        fx, fy = box.center
        off_centre = math.hypot(fx - cx, fy - cy) / half_diagonal
        return box.area * (1.0 - 0.5 * off_centre)

    return max(range(len(boxes)), key=score)
