"""`python -m backprop`: the worked example step by step, for readers checking their arithmetic.

    python -m backprop [--set NAME=VALUE ...] [--biases B] [--hidden-deltas H] [--json]
    python -m backprop train --updates N [same options]

N is at most training.MAX_UPDATES (100,000,000: about 3 minutes); a run longer than a
second shows a progress bar on stderr when that is a terminal.
"""
import argparse
import json
import os
import sys

from tqdm import tqdm

from . import _validate
from .tutorial.network import (TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA, WEIGHTS,
                               INPUTS, TARGETS)
from .tutorial.published import TUTORIAL, TUTORIAL_URL, check
from .tutorial.training import BIASES, HIDDEN_DELTAS, MAX_UPDATES, train
from .tutorial.walkthrough import SECTIONS, walkthrough, flat

SETTABLE = WEIGHTS + ("b1", "b2") + INPUTS + TARGETS + ("eta",)


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, no usage dump: the message names the parameter
        raise ValueError(message)


class _Once(argparse.Action):
    """An option that may be given only once: a second --updates would silently win."""

    def __call__(self, parser, namespace, values, option_string=None):
        if getattr(namespace, self.dest, None) is not None:
            raise ValueError(f"{option_string} is given twice; give it once")
        setattr(namespace, self.dest, values)


def _common(after_train=False):
    """The options of the walkthrough and of train, given before or after `train`.

    After `train`, an option left out must not reset one given before it (a subparser's
    defaults overwrite the parser's), so there it has no default, and its --set values
    are kept apart, to be added to those given before.
    """
    def default(value):
        return argparse.SUPPRESS if after_train else value

    common = _Parser(add_help=False)
    common.add_argument("--set", action="append", default=default([]), metavar="NAME=VALUE",
                        dest="set_after_train" if after_train else "set",
                        help=f"change a given value; NAME is one of {', '.join(SETTABLE)}")
    common.add_argument("--biases", default=default("frozen"),
                        help=f"one of {', '.join(BIASES)}")
    common.add_argument("--hidden-deltas", default=default("original"),
                        help=f"one of {', '.join(HIDDEN_DELTAS)}: which w5..w8 carry the "
                             "output deltas back")
    common.add_argument("--json", action="store_true", default=default(False),
                        help="print JSON instead of a table")
    return common


def _parser():
    parser = _Parser(prog="python -m backprop", parents=[_common()],
                     description=f"Recompute '{TUTORIAL}' ({TUTORIAL_URL}) step by step.")
    sub = parser.add_subparsers(dest="command")
    t = sub.add_parser("train", parents=[_common(after_train=True)],
                       help="train for N updates")
    t.add_argument("--updates", required=True, action=_Once,
                   help=f"number of updates, a whole number in [1, {MAX_UPDATES}] (the "
                        "longest takes about 3 minutes)")
    return parser


def _given(settings):
    """(params, example, eta) from the tutorial's values changed by --set NAME=VALUE."""
    values = {}
    for item in settings:
        name, sep, text = item.partition("=")
        if not sep or name not in SETTABLE:
            raise ValueError(f"--set {item!r}: NAME must be one of {', '.join(SETTABLE)}")
        if name in values:
            raise ValueError(f"--set {item!r}: {name} is already set; give each NAME once")
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
    n = _validate.count("--updates", args.updates, minimum=1, maximum=MAX_UPDATES)
    params, example, eta = given
    # disable=None: no bar unless stderr is a terminal; delay: none for a short run.
    with tqdm(total=n, unit="update", unit_scale=True, delay=1.0, disable=None,
              leave=False, file=sys.stderr) as bar:
        run = train(params, example, eta, n, args.biases, args.hidden_deltas,
                    errors_at=(0, 1, n), progress=bar.update)
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
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        if "train" not in argv and any(a.split("=")[0] == "--updates" for a in argv):
            raise ValueError("--updates belongs to the train command: "
                             "python -m backprop train --updates N")
        args = _parser().parse_args(argv)
        _validate.choice("--biases", args.biases, BIASES)
        _validate.choice("--hidden-deltas", args.hidden_deltas, HIDDEN_DELTAS)
        given = _given(args.set + getattr(args, "set_after_train", []))
        print((_train if args.command == "train" else _walkthrough)(args, given))
    except ValueError as e:
        print(f"python -m backprop: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader's pager or `head` closed the pipe: nothing left to say, no traceback.
        # stdout goes to devnull so the interpreter's own flush at exit fails quietly too.
        sys.stdout = open(os.devnull, "w")
        return 1
    return 0
