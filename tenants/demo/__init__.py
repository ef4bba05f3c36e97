"""Demo data for the seed papers' three regions: fictional cases on realistic dates.

Loading is idempotent — what already exists is left alone — so `make run` can load it on
every start without duplicating anything.
"""
