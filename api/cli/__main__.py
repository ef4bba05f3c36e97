"""``python -m api.cli``: the ``ledger`` command without its console script, for a checkout
whose script points at another copy (a second working tree sharing one environment)."""

from api.cli import main

main()
