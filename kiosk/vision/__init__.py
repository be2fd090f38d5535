"""Seeing faces: detection, landmarks, pose, quality, encodings and liveness."""
