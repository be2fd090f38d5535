"""Offline-first sync of a kiosk file with the company server."""
