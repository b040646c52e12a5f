"""Benchmarks: how long building results takes, as a ratio to a floor measured in the same run.

Run with ``make bench`` (``python -m bench``); see bench/README.md.
"""
