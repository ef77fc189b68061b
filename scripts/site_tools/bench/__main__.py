"""`python -m site_tools.bench`: every benchmark (run.py)."""

import sys

from site_tools.bench.run import main

sys.exit(main())
