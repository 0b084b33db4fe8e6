"""``python -m newsgraph``: the command line, as the ``newsgraph`` script runs it."""
import sys

from .cli import main

sys.exit(main())
