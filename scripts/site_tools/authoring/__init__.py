"""Tools for contributors: `make page` (new_page.py), `make lint` (lint.py, with the Markdown lint and
spelling configs and the project word list beside it) and `make report` (readability_report.py).

They may import the shared modules of site_tools and site_tools.checks.
"""
