"""Synthetic national-scale data, generated through the domain's own commands.

Going through the aggregates' commands (not hand-written rows) means every event is one the
ledger could really have recorded, so projections and use cases work on it unchanged.
"""
