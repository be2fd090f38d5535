"""The ``kiosk`` command: a thin layer of argparse over the engine."""
