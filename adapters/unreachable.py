"""The errors that mean a store is away (restarting, unreachable, its pool exhausted), not that
anything is wrong with what was asked.

Named here, beside the stores, so every reader that must tell "away" from "broken" uses one
list: the pages and the API answer 503 with Retry-After (``api/problems.py``,
``api/web/errors.py``), and the costs download says the region's pots cannot be shown just now
(``api/tables/bodies.py``), which ``ledger report``/``export`` build with no web app loaded.
"""

from __future__ import annotations

import psycopg
import psycopg_pool
from eventsourcing import persistence

UNAVAILABLE = (
    persistence.OperationalError,
    persistence.InterfaceError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
    psycopg_pool.PoolTimeout,
)
