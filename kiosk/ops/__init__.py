"""Running unattended: backup and restore, salvage, integrity, ``kiosk doctor``, daily maintenance, health, service."""
