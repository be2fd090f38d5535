"""Settings: one spec per setting (default, unit, range, help), the files, the company/machine merge."""
