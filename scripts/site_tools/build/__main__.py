"""`python -m site_tools.build`: build, check and publish (run.py)."""

import sys

from site_tools.build.run import main

sys.exit(main())
