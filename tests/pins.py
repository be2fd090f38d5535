"""The cost of the PIN hashes the tests make."""

TEST_SCRYPT_N = 2**10
"""scrypt cost for PINs hashed in the tests: 1/64 of the shipped 2**16 (about 3 ms instead of 0.21 s).

The suite checks and sets a few hundred PINs (lockouts take many wrong ones), which
at the shipped cost is about a minute of CPU, for nothing any test asserts: the
hash, the key, the salt and the verification are the same code at any cost, and
each hash records its own ``n``. Django's test settings lower the password hasher
the same way. Tests marked ``production_pin_cost`` (the hash format and the
shipped parameters) and every real ``kiosk`` subprocess keep the shipped cost."""
