"""`python -m site_tools.checks [SITE_DIR]`: every check on the sources and the built site (run.py)."""

import sys

from site_tools.checks.run import main
from site_tools.crashes import exit_code

sys.exit(exit_code(main, "site_tools.checks"))
