"""National-scale benchmarks: every figure is printed beside a baseline measured in the same run.

Run ``python -m benchmarks --help``. Nothing here asserts a time: the point is to see, on the
machine at hand, how far the ledger is from what its own foundations could do.
"""
