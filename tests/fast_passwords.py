"""Passwords hashed with argon2id's cheapest parameters in the test processes.

The service hashes with argon2id's recommended parameters (``tenants/users/signin.py``),
slow on purpose: a fifth of a second of one core for every sign-in, which the page tests
(hundreds of sign-ins) spent more on than on anything they test. The same argon2id with the
least time and memory gives the same answers: a right password matches, a wrong one does
not, a hash made with other parameters is still checked and then replaced by one of the
hasher's own (as the service does when its parameters change).

Tests only, in the test processes: a service a test starts as a process of its own
(``ledger serve``, the CLI) hashes with the service's parameters.
"""

from __future__ import annotations

from argon2 import PasswordHasher

from tenants.users import signin

CHEAPEST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def install() -> None:
    signin.HASHER = CHEAPEST
