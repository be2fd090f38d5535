"""Does dlib release the GIL while it encodes? (It decides thread or process for the encoder.)

    uv run python benchmarks/encoder_gil.py ../shared/faces/video/blink-0012.mp4

Prints (1) how fast a pure-Python loop runs in a second thread while the main
thread encodes, as a fraction of its speed alone, and (2) how long one
68-point landmark fit takes alone, while another *thread* encodes, and while a
:class:`~kiosk.vision.encoder.ProcessEncoder` encodes. Other load on the
machine changes the absolute numbers, not the verdict.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from kiosk.camera import FrameSource
from kiosk.vision.detect import FaceAnalyzer, canonical_box
from kiosk.vision.encoder import ProcessEncoder


def main(video: Path) -> None:
    with FrameSource(video) as source:
        frames = [frame for _, frame in zip(range(40), source.frames(), strict=False)]
    analyzer = FaceAnalyzer()
    face = max(analyzer.analyze(frames[0].rgb), key=lambda f: f.box.area)
    rgb = frames[0].rgb

    count = [0]
    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            count[0] += 1

    spinner = threading.Thread(target=spin)
    spinner.start()
    time.sleep(0.3)
    before, started = count[0], time.perf_counter()
    time.sleep(1.0)
    alone = (count[0] - before) / (time.perf_counter() - started)
    before, started = count[0], time.perf_counter()
    for _ in range(5):
        analyzer.encode(rgb, face)
    during = (count[0] - before) / (time.perf_counter() - started)
    stop.set()
    spinner.join()
    print(f"python thread while the main thread encodes: {during / alone:.0%} of its speed alone")

    box = canonical_box(face.landmarks)

    def fit_ms(n: int = 30) -> float:
        started = time.perf_counter()
        for frame in frames[:n]:
            analyzer.describe(frame.rgb, box)
        return (time.perf_counter() - started) / n * 1000.0

    print(f"landmarks alone: {fit_ms():.1f} ms a frame")
    other = FaceAnalyzer()
    stop.clear()

    def encode_forever() -> None:
        while not stop.is_set():
            other.encode(rgb, face)

    encoding = threading.Thread(target=encode_forever)
    encoding.start()
    print(f"landmarks while another thread encodes: {fit_ms():.1f} ms a frame")
    stop.set()
    encoding.join()

    with ProcessEncoder.start() as process:
        started = time.perf_counter()
        fits = 0
        encodings = 0
        while time.perf_counter() - started < 3.0:
            if not process.busy:
                process.submit(rgb, face)
            encodings += len(process.collect())
            analyzer.describe(frames[fits % len(frames)].rgb, box)
            fits += 1
        print(f"landmarks while a process encodes: {(time.perf_counter() - started) / fits * 1000.0:.1f} ms a frame "
              f"({encodings} encodings meanwhile)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/faces/video/blink-0012.mp4"))
