"""Benchmarks against stock Material built in the same run: page weight, Lighthouse, build and check cost.
`make bench` runs run.py; README.md beside it says how, and holds the figures the last run wrote.

Benchmarks may import anything in site_tools; nothing imports them.
"""
