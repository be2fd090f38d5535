"""``python -m kiosk`` and the ``kiosk`` command."""

from __future__ import annotations

import sys

from kiosk.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
