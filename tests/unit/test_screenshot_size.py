"""The screenshot tools' shared ``--size WxH`` option."""

from __future__ import annotations

import pytest

from kiosk.ui.tools import screenshot


def test_size_is_width_by_height_in_pixels() -> None:
    assert screenshot.window_size("1024x600") == (1024, 600)
    assert screenshot.window_size("800X1280") == (800, 1280)


@pytest.mark.parametrize("text", ["1024", "10x", "x600", "0x600", "1024x-600", "big"])
def test_a_bad_size_is_one_line_from_argparse(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        screenshot.main(["video.mp4", "out.png", "--size", text])
    assert exit_info.value.code == 2
    error = capsys.readouterr().err
    assert f"argument --size: expected WIDTHxHEIGHT in pixels, such as 1024x600, not {text!r}" in error
