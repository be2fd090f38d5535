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

# Generic face model in millimetres (x right, y up, z towards the camera).
_MODEL_POINTS = np.array(
    [
        (0.0, 0.0, 0.0),  # nose tip (30)
        (0.0, -63.6, -12.5),  # chin (8)
        (-43.3, 32.7, -26.0),  # subject's right eye, outer corner (36)
        (43.3, 32.7, -26.0),  # subject's left eye, outer corner (45)
        (-28.9, -28.9, -24.1),  # right mouth corner (48)
        (28.9, -28.9, -24.1),  # left mouth corner (54)
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
    # Image y grows downwards; the model's y grows upwards, so flip the model.
    model = _MODEL_POINTS * np.array([1.0, -1.0, -1.0])
    ok, rvec, _tvec = cv2.solvePnP(
        model, image_points, camera, np.zeros(4), flags=cv2.SOLVEPNP_ITERATIVE
    )
    if not ok:
        return Pose(0.0, 0.0, 0.0)
    rotation, _ = cv2.Rodrigues(rvec)
    # Decompose R = Rz(roll) · Ry(yaw) · Rx(pitch).
    sy = math.hypot(rotation[0, 0], rotation[1, 0])
    pitch = math.degrees(math.atan2(rotation[2, 1], rotation[2, 2]))
    yaw = math.degrees(math.atan2(-rotation[2, 0], sy))
    roll = math.degrees(math.atan2(rotation[1, 0], rotation[0, 0]))
    # Bring pitch into (-90, 90]: a frontal face gives ±180 with the flipped model.
    if pitch > 90:
        pitch -= 180
    elif pitch < -90:
        pitch += 180
    # solvePnP's yaw grows towards the image's left edge; flip it so positive
    # means the face turns towards the image's right (the subject's own left).
    return Pose(yaw=round(-yaw, 1), pitch=round(-pitch, 1), roll=round(roll, 1))
