"""Head pose (yaw, pitch, roll in degrees) from 68 landmarks.

Uses ``cv2.solvePnP`` against a generic 3-D face (six points: nose tip, chin,
outer eye corners, mouth corners) and a pinhole camera whose focal length is
the image width. The generic model is off by a few degrees for any one person,
which is fine for telling "front" from "turned left": the enrollment wizard's
ranges are 15° wide or more.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from kiosk.vision.types import Pose

# Generic face model in millimetres, in camera axes for a face looking straight
# at the lens: x to the image's right, y down, z away from the camera.
_MODEL_POINTS = np.array(
    [
        (0.0, 0.0, 0.0),  # nose tip (30)
        (0.0, 63.6, 12.5),  # chin (8)
        (-43.3, -32.7, 26.0),  # outer corner of the eye on the image's left (36)
        (43.3, -32.7, 26.0),  # outer corner of the eye on the image's right (45)
        (-28.9, 28.9, 24.1),  # mouth corner on the image's left (48)
        (28.9, 28.9, 24.1),  # mouth corner on the image's right (54)
    ],
    dtype=np.float64,
)
_LANDMARK_IDS = (30, 8, 36, 45, 48, 54)


def estimate_pose(landmarks: np.ndarray, frame_width: int, frame_height: int) -> Pose:
    """Estimate head pose from a (68, 2) landmark array in frame pixels."""
    image_points = landmarks[list(_LANDMARK_IDS)].astype(np.float64)
    focal = float(frame_width)
    camera = np.array(
        [[focal, 0, frame_width / 2.0], [0, focal, frame_height / 2.0], [0, 0, 1]],
        dtype=np.float64,
    )
    # Start the solver from "frontal, half a metre away": without a guess the
    # iterative solver sometimes lands on the mirrored, upside-down solution.
    rvec_guess = np.zeros((3, 1), dtype=np.float64)
    tvec_guess = np.array([[0.0], [0.0], [500.0]], dtype=np.float64)
    ok, rvec, _tvec = cv2.solvePnP(
        _MODEL_POINTS, image_points, camera, np.zeros(4), rvec_guess, tvec_guess,
        useExtrinsicGuess=True, flags=cv2.SOLVEPNP_ITERATIVE,
    )
    if not ok:
        return Pose(0.0, 0.0, 0.0)
    rotation, _ = cv2.Rodrigues(rvec)
    # R = Rz(roll) · Ry(yaw) · Rx(pitch); a frontal face is the identity.
    pitch = math.degrees(math.atan2(rotation[2, 1], rotation[2, 2]))
    yaw = math.degrees(math.asin(max(-1.0, min(1.0, -rotation[2, 0]))))
    roll = math.degrees(math.atan2(rotation[1, 0], rotation[0, 0]))
    # Camera y points down, so a face tilting up has negative pitch here; the
    # sign is flipped so that "up" is positive. Turning towards the image's
    # right (the subject's own left) is a negative rotation about camera y.
    return Pose(yaw=round(-yaw, 1), pitch=round(-pitch, 1), roll=round(roll, 1))


def turn_ratio(landmarks: np.ndarray) -> float:
    """How far the head is turned, from the image alone: a dimensionless ratio, same sign as yaw.

    The nose tip's (landmark 30) horizontal offset from the midpoint of the
    outer eye corners (36, 45), divided by the distance between those corners.
    Positive when the nose points towards the image's right edge, which is
    the subject's own left (as :attr:`Pose.yaw`).

    Why besides :func:`estimate_pose`: fitting six points of a generic face
    gives near-frontal faces anything from -31° to +26° of yaw (a smile moves
    the mouth corners, a beard the chin), while this ratio stays within
    -0.09..+0.13 on the same faces and reaches 0.19-0.50 on real turns
    (``benchmarks/enrollment_angles.py``). 0.0 if the eye corners coincide.
    """
    nose_x = float(landmarks[30, 0])
    left_eye_x, right_eye_x = float(landmarks[36, 0]), float(landmarks[45, 0])
    eye_span = right_eye_x - left_eye_x
    if abs(eye_span) < 1e-6:
        return 0.0
    return (nose_x - (left_eye_x + right_eye_x) / 2.0) / eye_span
