"""Evaluation-format commands.

    python -m timeline.eval timexes IN.jsonl OUT.jsonl       # TE3 Task A predictions
    python -m timeline.eval event-times IN.jsonl OUT.jsonl   # TimeBank-EventTime predictions

Each reads documents in the format of ../shared/eval/README.md and never reads the gold
fields.  The subcommands live in timeline/eval_timexes.py and timeline/eval_events.py.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = {
    "timexes": ("timeline.eval_timexes", "Tag temporal expressions (TIMEX3) in each document."),
    "event-times": ("timeline.eval_events", "Date each listed event (interval of days + label)."),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m timeline.eval", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (_, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        p.add_argument("input", help="documents, one JSON object per line")
        p.add_argument("output", help="predictions, one JSON object per line")
        p.add_argument("--model", default="en_core_web_sm", help="spaCy pipeline name")
    args = parser.parse_args(argv)
    module = importlib.import_module(COMMANDS[args.command][0])
    return module.run(args.input, args.output, model=args.model)


if __name__ == "__main__":
    sys.exit(main())
