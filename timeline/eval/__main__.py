"""``python -m timeline.eval``: see ``timeline.eval.commands``."""

import sys

from timeline.eval.commands import main

sys.exit(main())
