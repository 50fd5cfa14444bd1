"""Evaluation-format commands.

    python -m timeline.eval timexes IN.jsonl OUT.jsonl       # TE3 Task A predictions
    python -m timeline.eval event-times IN.jsonl OUT.jsonl   # TimeBank-EventTime predictions
    python -m timeline.eval gva IN.jsonl OUT.jsonl [--mentions]  # GVA local news: events per article
    python -m timeline.eval actor-timelines DOCS.jsonl TARGETS.jsonl OUT.jsonl [--role agent]
                                                             # SemEval-2015 Task 4 timelines

Each reads documents in the format of ../shared/eval/README.md and never reads the gold
fields.  The subcommands live in timeline/eval/timexes.py, timeline/eval/event_times.py and
timeline/eval/actor_timelines.py.
"""

from __future__ import annotations

import argparse
import importlib

COMMANDS = {
    "timexes": ("timeline.eval.timexes", "Tag temporal expressions (TIMEX3) in each document."),
    "event-times": ("timeline.eval.event_times", "Date each listed event (interval of days + label)."),
    "gva": ("timeline.eval.gva", "Events of each local-news article (GVA dev split), in product order."),
    "actor-timelines": ("timeline.eval.actor_timelines",
                        "Dated, ordered events of each target entity (SemEval-2015 Task 4)."),
}
# Positional arguments of each command (default: input, output).
ARGUMENTS = {
    "actor-timelines": (("docs", "documents, one JSON object per line (t4 docs format)"),
                        ("targets", "(corpus, target) pairs, one JSON object per line; only "
                                    "'corpus' and 'target' are read (a timelines file is fine)"),
                        ("output", "predictions, one timeline per line (score_t4.py format)")),
}
_DEFAULT_ARGUMENTS = (("input", "documents, one JSON object per line"),
                      ("output", "predictions, one JSON object per line"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m timeline.eval", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (_, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        for arg, arg_help in ARGUMENTS.get(name, _DEFAULT_ARGUMENTS):
            p.add_argument(arg, help=arg_help)
        p.add_argument("--model", default="en_core_web_sm", help="spaCy pipeline name")
        if name == "gva":
            p.add_argument("--mentions", action="store_true",
                           help="list the mentions kept off the timeline after the timeline events")
        if name == "actor-timelines":
            p.add_argument("--role", choices=("any", "agent"), default="any",
                           help="the dashboard's 'Actor's role': every event of the target, or those it does")
    args = parser.parse_args(argv)
    module = importlib.import_module(COMMANDS[args.command][0])
    positional = [getattr(args, arg) for arg, _ in ARGUMENTS.get(args.command, _DEFAULT_ARGUMENTS)]
    extra = {"mentions": args.mentions} if args.command == "gva" else \
        {"role": args.role} if args.command == "actor-timelines" else {}
    return module.run(*positional, model=args.model, **extra)

