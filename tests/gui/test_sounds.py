"""Sound backend choice: the WAV files play without QtMultimedia where the OS can."""

from __future__ import annotations

import pytest

from kiosk.ui import sounds
from kiosk.ui.prompts import Sound


@pytest.mark.parametrize(
    ("available", "backend"),
    [({"paplay", "aplay"}, "paplay"), ({"aplay"}, "aplay"), (set(), "beep")],
)
def test_linux_picks_the_first_player_it_finds(monkeypatch, available, backend) -> None:
    monkeypatch.setattr(sounds, "QSoundEffect", None)
    monkeypatch.setattr(sounds.sys, "platform", "linux")
    monkeypatch.setattr(sounds.shutil, "which", lambda name: f"/usr/bin/{name}" if name in available else None)
    player = sounds.SoundPlayer()
    assert player.backend == backend


def test_disabled_player_plays_nothing(qtbot) -> None:
    player = sounds.SoundPlayer(enabled=False)
    player.play(Sound.SUCCESS)
    assert player.last_played is Sound.NONE


def test_sound_files_exist_for_every_cue() -> None:
    for cue in (Sound.SUCCESS, Sound.FAILURE):
        assert (sounds.SOUNDS_DIR / f"{cue.value}.wav").stat().st_size > 1000
