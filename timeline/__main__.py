"""`python -m timeline ingest|export ...` (see timeline/cli.py)."""

import sys

from timeline.cli import main

if __name__ == "__main__":
    sys.exit(main())
