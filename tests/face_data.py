"""Names in the face data folder that tests parametrise over.

Parametrising happens at collection, before any fixture runs, so these names
are written out here instead of being globbed from a path; the tests reach the
files themselves through the ``faces`` fixture, and
``test_the_photo_videos_are_all_there`` checks this list against the folder.
"""

from __future__ import annotations

PHOTO_VIDEOS = (
    "photo-0001_00_01_03.mp4",
    "photo-0002_01_01_03.mp4",
    "photo-0003_01_01_03.mp4",
    "photo-0005_00_01_03.mp4",
    "photo-0007_01_01_03.mp4",
)
"""NUAA printed-photo attacks (``video/photo-*.mp4``): a photo cannot blink."""
