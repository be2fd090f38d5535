"""Running unattended: backups, the service, the log, health checks (empty for now)."""
