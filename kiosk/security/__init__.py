"""Security: PIN hashing and the PIN key file, lockouts, the admin gate, the server roles."""
