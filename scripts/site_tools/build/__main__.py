"""`python -m site_tools.build`: build, check and publish (run.py)."""

import sys

from site_tools.build.run import main
from site_tools.crashes import exit_code

sys.exit(exit_code(main, "site_tools.build"))
