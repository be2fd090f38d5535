"""Attendance rules: what a scan or a PIN means, and what a day adds up to."""
