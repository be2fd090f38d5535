"""Entry point for the frozen build: the same ``kiosk`` command as ``uv run kiosk``."""

import multiprocessing
import sys

from kiosk.cli.main import main

if __name__ == "__main__":
    # The live kiosk encodes faces in a spawned process (kiosk/vision/encoder.py);
    # a frozen executable must recognise that child start-up and run it instead
    # of the kiosk again.
    multiprocessing.freeze_support()
    sys.exit(main())
