"""`python -m backprop`: the worked example step by step, for readers checking their arithmetic.

    python -m backprop [--set NAME=VALUE ...] [--biases B] [--hidden-deltas H] [--json]
    python -m backprop train --updates N [same options]
"""
import argparse
import json
import sys

from . import _validate
from .network import (TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA, WEIGHTS, INPUTS,
                      TARGETS)
from .published import TUTORIAL, TUTORIAL_URL, check
from .training import BIASES, HIDDEN_DELTAS, train
from .walkthrough import SECTIONS, walkthrough, flat

SETTABLE = WEIGHTS + ("b1", "b2") + INPUTS + TARGETS + ("eta",)


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, no usage dump: the message names the parameter
        raise ValueError(message)


def _parser():
    common = _Parser(add_help=False)
    common.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help=f"change a given value; NAME is one of {', '.join(SETTABLE)}")
    common.add_argument("--biases", default="frozen", help=f"one of {', '.join(BIASES)}")
    common.add_argument("--hidden-deltas", default="original",
                        help=f"one of {', '.join(HIDDEN_DELTAS)}: which w5..w8 carry the "
                             "output deltas back")
    common.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser = _Parser(prog="python -m backprop", parents=[common],
                     description=f"Recompute '{TUTORIAL}' ({TUTORIAL_URL}) step by step.")
    sub = parser.add_subparsers(dest="command")
    t = sub.add_parser("train", parents=[common], help="train for N updates")
    t.add_argument("--updates", required=True, help="number of updates, a whole number >= 1")
    return parser


def _given(settings):
    """(params, example, eta) from the tutorial's values changed by --set NAME=VALUE."""
    values = {}
    for item in settings:
        name, sep, text = item.partition("=")
        if not sep or name not in SETTABLE:
            raise ValueError(f"--set {item!r}: NAME must be one of {', '.join(SETTABLE)}")
        values[name] = _validate.finite(name, text)
    eta = _validate.positive("eta", values.pop("eta", TUTORIAL_ETA))
    example = TUTORIAL_EXAMPLE.with_values(**{k: values.pop(k) for k in INPUTS + TARGETS
                                              if k in values})
    return TUTORIAL_PARAMS.with_values(**values), example, eta


def _row(key, value, compare):
    published, verdict = check(key, value) if compare else (None, "")
    line = f"  {key:<20}{value:>18.12f}"
    return line + (f"   published {published:<14} {verdict}" if published else "")


def _is_tutorial(args, given):
    return given == (TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA) and args.biases == "frozen"


def _walkthrough(args, given):
    table = walkthrough(*given, biases=args.biases, hidden_deltas=args.hidden_deltas)
    if args.json:
        return json.dumps(flat(table), indent=2)
    compare = _is_tutorial(args, given)
    lines = [f"{TUTORIAL}, recomputed ({TUTORIAL_URL})"]
    for section, values in table.items():
        lines += ["", SECTIONS[section]] + [_row(k, v, compare) for k, v in values.items()]
    return "\n".join(lines)


def _train(args, given):
    n = _validate.count("--updates", args.updates, minimum=1)
    params, example, eta = given
    run = train(params, example, eta, n, args.biases, args.hidden_deltas)
    result = {"E_total": run.errors[0], "E_after_1_update": run.errors[1],
              f"E_after_{n}": run.errors[n], f"out_o1_after_{n}": run.final.out_o1,
              f"out_o2_after_{n}": run.final.out_o2}
    if args.json:
        return json.dumps({**{k: float(v) for k, v in result.items()},
                           f"params_after_{n}": run.params.as_dict()}, indent=2)
    compare = _is_tutorial(args, given)
    head = (f"{n} updates, eta {eta}, biases {args.biases}, hidden deltas from the "
            f"{args.hidden_deltas} w5..w8")
    rows = [_row(k, float(v), compare) for k, v in result.items()]
    final = [_row(k, v, False) for k, v in run.params.as_dict().items()]
    return "\n".join([head, *rows, "", "Parameters after training", *final])


def main(argv=None):
    try:
        args = _parser().parse_args(argv)
        _validate.choice("--biases", args.biases, BIASES)
        _validate.choice("--hidden-deltas", args.hidden_deltas, HIDDEN_DELTAS)
        given = _given(args.set)
        print((_train if args.command == "train" else _walkthrough)(args, given))
    except ValueError as e:
        print(f"python -m backprop: error: {e}", file=sys.stderr)
        return 2
    return 0
