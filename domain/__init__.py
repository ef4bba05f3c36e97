"""The pure domain of Partnership Ledger: aggregates, events and rules.

Nothing here performs I/O or imports Flask, psycopg or kombu, so every rule can be
exercised in memory and replayed identically from stored events.
"""
