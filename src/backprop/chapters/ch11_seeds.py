"""Chapter 11's many seeds: one network trained from many random starts, side by side.

    train_seeds(sizes, X, T, eta, epochs, seeds)   K logistic networks, full batch -> Seeds
    Seeds.margins, .succeeded(margin), .network(i)  reading the runs
    classify_runs(runs, margin, gap)   succeeded / failed, or ValueError if a run sits near
                                       the line between them
    failure_kinds(runs, margin)        the failed runs grouped by the examples they miss
    seeds_figure(runs, margin), describe_seeds_figure(runs, margin)   every error curve
    seed_outputs_table(runs, seeds)    what chosen runs answer for each example
    stuck_and_slow(runs, margin)       the failed runs that miss two examples, and all
    seed_facts, rescue_facts           the numbers in the text

train_seeds trains the K networks together with the engine's nn.Stacked (MLP.train, full
batch, the tutorial's logistic neurons and squared error, the mean over the examples, one
leading network axis). Each network starts from MLP.random(sizes, "logistic", seed=s), so
run i is the run `MLP.random(sizes, "logistic", seed=seeds[i]).train(X, T, eta, epochs)`
would make; tests check the two agree to 1e-9 after thousands of epochs (they differ only
in the order of a few sums, in the last bit).

Success is judged with a margin, so that no count rests on a knife edge: a run succeeds
when every output is on its target's side of 0.5 by at least `margin`. classify_runs also
insists that no run comes within `gap` of that line, so the count it gives is the same on
every machine.
"""
from dataclasses import dataclass

import numpy as np
from matplotlib.lines import Line2D

from .. import _validate
from ..display.error_histories import plot_indices
from ..display.style import DARK_GREY, LIGHT_BLUE, RUN_COLORS, SMALL, styled
from ..display.figures import chart
from ..display.tables import Table
from ..nn.mlp import MLP
from ..nn.stacked import Stacked

MAX_SEEDS = 10_000
MAX_EPOCHS = 1_000_000
SUCCESS_COLOR, FAILURE_COLORS = LIGHT_BLUE, (RUN_COLORS[1], RUN_COLORS[3], RUN_COLORS[2])
FAILURE_STYLES = ("-", "--", ":")


@dataclass(frozen=True)
class Seeds:
    """K networks trained side by side, one per seed.

    seeds[i]: network i's seed; errors[i, k]: its E over all examples after k epochs;
    outputs[i, n]: its output for example n after the last epoch; targets[n]: example n's
    target; W[l][i], b[l][i]: its weights and biases after the last epoch.
    """

    seeds: np.ndarray
    errors: np.ndarray
    outputs: np.ndarray
    targets: np.ndarray
    W: list
    b: list

    def __len__(self):
        return len(self.seeds)

    @property
    def epochs(self):
        return self.errors.shape[1] - 1

    @property
    def margins(self):
        """Per run, its worst example: how far the output is on the target's side of 0.5
        (negative when on the wrong side). 0.5 - out for a target of 0, out - 0.5 for 1."""
        side = np.where(self.targets >= 0.5, 1.0, -1.0)
        return np.min(side * (self.outputs - 0.5), axis=1)

    def succeeded(self, margin):
        """A boolean per run: every output on its target's side of 0.5 by at least margin."""
        margin = _validate.in_range("margin", margin, 0.0, 0.5)
        return self.margins >= margin

    def index(self, seed):
        """The position of `seed` among the runs."""
        where = np.flatnonzero(self.seeds == _validate.count("seed", seed))
        if not len(where):
            raise ValueError(f"seed must be one of the trained seeds "
                             f"({self.seeds.min()} to {self.seeds.max()}), got {seed!r}")
        return int(where[0])

    def network(self, seed):
        """The trained network of `seed`, as an MLP."""
        i = self.index(seed)
        return MLP([W[i] for W in self.W], [b[i] for b in self.b], "logistic")


def train_seeds(sizes, X, T, eta, epochs, seeds):
    """Seeds: a logistic network of `sizes` from each seed, trained full batch, all at once.

    sizes: [n_in, n_1, ..., 1] (one output); X: (examples, n_in); T: (examples, 1) with
    targets in [0, 1]; eta > 0; epochs in [1, 1,000,000]; seeds: distinct whole numbers,
    at most 10,000 of them.
    """
    seeds = list(seeds) if not isinstance(seeds, (str, bytes)) else None
    if not seeds or len(seeds) > MAX_SEEDS:
        raise ValueError(f"seeds must list 1 to {MAX_SEEDS:,} whole numbers")
    seeds = [_validate.count("seeds", s) for s in seeds]
    if len(set(seeds)) != len(seeds):
        raise ValueError("seeds must be distinct, got a seed twice")
    nets = Stacked([MLP.random(sizes, "logistic", seed=s) for s in seeds])
    if nets.sizes[-1] != 1:
        raise ValueError(f"sizes must end in 1 (one output neuron), got {nets.sizes}")
    X, T = nets.checked(X, T)
    epochs = _validate.count("epochs", epochs, minimum=1, maximum=MAX_EPOCHS)
    history = nets.train(X, T, eta, epochs, shuffle=False)
    return Seeds(np.array(seeds), history.epochs.T.copy(), nets.predict(X)[:, :, 0],
                 T[:, 0].copy(), nets.W, nets.b)


def _runs(runs):
    return _validate.instance("runs", runs, Seeds)


def classify_runs(runs, margin, gap):
    """(succeeded, failed): the seeds of each, as lists.

    A run succeeds when every output is on its target's side of 0.5 by at least margin.
    Raises ValueError if any run's worst margin lies within gap of that threshold: such a
    count could change with the last bits of the arithmetic.
    """
    runs = _runs(runs)
    margin = _validate.in_range("margin", margin, 0.0, 0.5)
    gap = _validate.in_range("gap", gap, 0.0, 0.5)
    close = np.abs(runs.margins - margin) < gap
    if close.any():
        near = ", ".join(f"seed {s} ({m:.3f})" for s, m in
                         zip(runs.seeds[close], runs.margins[close]))
        raise ValueError(f"gap {gap:g}: these runs' worst margins lie within {gap:g} of "
                         f"margin {margin:g}, so the count is not robust: {near}")
    ok = runs.succeeded(margin)
    return [int(s) for s in runs.seeds[ok]], [int(s) for s in runs.seeds[~ok]]


def failure_kinds(runs, margin):
    """{examples missed: [seeds]} for the failed runs, the most common kind first.

    "Examples missed" is a tuple of the (1-based) examples whose output is not on the
    target's side of 0.5 by margin.
    """
    runs = _runs(runs)
    margin = _validate.in_range("margin", margin, 0.0, 0.5)
    side = np.where(runs.targets >= 0.5, 1.0, -1.0)
    kinds = {}
    for i in np.flatnonzero(~runs.succeeded(margin)):
        missed = tuple(int(n) + 1 for n in
                       np.flatnonzero(side * (runs.outputs[i] - 0.5) < margin))
        kinds.setdefault(missed, []).append(int(runs.seeds[i]))
    return dict(sorted(kinds.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def _examples(missed, n):
    """"example 3", "examples 2 and 4", "examples 1, 2 and 4", "all 4 examples"."""
    if len(missed) == n:
        return f"all {n} examples"
    if len(missed) == 1:
        return f"example {missed[0]}"
    return f"examples {', '.join(map(str, missed[:-1]))} and {missed[-1]}"


def _groups(runs, margin):
    """[(label, seeds, colour, style)]: the successes, then up to three kinds of failure."""
    ok, _ = classify_runs(runs, margin, 0.0)
    groups = [(f"succeeded ({len(ok)})", ok, SUCCESS_COLOR, "-")]
    kinds = list(failure_kinds(runs, margin).items())
    for j, (missed, seeds) in enumerate(kinds[:len(FAILURE_COLORS)]):
        if j == len(FAILURE_COLORS) - 1 and len(kinds) > len(FAILURE_COLORS):
            seeds = [s for _, more in kinds[j:] for s in more]
            label = f"failed otherwise ({len(seeds)})"
        else:
            label = f"failed, {_examples(missed, len(runs.targets))} missed ({len(seeds)})"
        groups.append((label, seeds, FAILURE_COLORS[j], FAILURE_STYLES[j]))
    return groups


@styled
def seeds_figure(runs, margin, references=()):
    """Every run's E over all examples against epochs, log y axis: the successes pale
    blue, the failures by kind in stronger colours on top. references: (value, label)
    pairs drawn as dashed grey levels."""
    runs = _runs(runs)
    fig, ax = chart((7.2, 4.8), yscale="log", grid="y")
    k = plot_indices(runs.epochs)
    handles = []
    for label, seeds, color, style in _groups(runs, margin):
        width = 0.8 if color == SUCCESS_COLOR else 1.6
        for s in seeds:
            ax.plot(k, runs.errors[runs.index(s)][k], color=color, linestyle=style,
                    linewidth=width, gid=f"seed-{s}")
        handles.append(Line2D([], [], color=color, linestyle=style, linewidth=2, label=label))
    for value, label in references:
        ax.axhline(_validate.positive("references", value), color=DARK_GREY,
                   linestyle=(0, (4, 3)), linewidth=1.0, gid=f"reference-{value:g}")
        ax.annotate(label, (runs.epochs, value), xytext=(-4, 4), textcoords="offset points",
                    ha="right", va="bottom", fontsize=SMALL)
    ax.set_xlim(0, runs.epochs)
    ax.xaxis.set_major_formatter("{x:,.0f}")
    ax.set_xlabel("epochs (full batch: one update each)")
    ax.set_ylabel("E over the four examples (log scale)")
    ax.grid(True, which="major", axis="y")
    fig.legend(handles=handles, frameon=False, loc="lower center",
               ncols=2)
    fig.tight_layout(rect=(0, 0.12, 1, 1))
    return fig


def describe_seeds_figure(runs, margin, references=()):
    """Alt text for seeds_figure, from the same runs: how many of each kind, where each
    kind's errors end."""
    runs = _runs(runs)
    parts = [f"Line chart of the error E over the four examples, on a logarithmic scale, "
             f"against epochs 0 to {runs.epochs:,}, one line for each of {len(runs)} "
             f"networks trained from different random seeds."]
    for label, seeds, _, _ in _groups(runs, margin):
        if not seeds:
            continue
        ends = runs.errors[[runs.index(s) for s in seeds], -1]
        parts.append(f"{label[0].upper()}{label[1:]}: ending between {ends.min():.2g} and "
                     f"{ends.max():.2g}.")
    for value, label in references:
        parts.append(f"A dashed line marks {value:g} ({label}).")
    return " ".join(parts)


def seed_outputs_table(runs, seeds, X):
    """Each example's inputs, target, and the output of the run of each seed (4 decimals)."""
    runs = _runs(runs)
    X = _validate.array("X", X, (len(runs.targets), "inputs"))
    cols = [runs.index(s) for s in seeds]
    rows = []
    for n, (x, t) in enumerate(zip(X, runs.targets)):
        inputs = "(" + ", ".join(f"{v:g}" for v in x) + ")"
        rows.append((n + 1, inputs, f"{t:g}", *(f"{runs.outputs[i, n]:.4f}" for i in cols)))
    return Table(["example", "inputs", "target", *(f"out, seed {s}" for s in seeds)], rows)


def hidden_table(runs, seed, X):
    """What the run of `seed` computes for each example: its inputs, target, each hidden
    neuron's output (h1, h2, ...) and the network's output, 3 decimals."""
    runs = _runs(runs)
    net = runs.network(seed)
    if len(net.W) != 2:
        raise ValueError(f"seed's network must have one hidden layer, got sizes {net.sizes}")
    X = _validate.array("X", X, (len(runs.targets), net.sizes[0]))
    p = net.forward(X)
    rows = []
    for n, (x, t) in enumerate(zip(X, runs.targets)):
        inputs = "(" + ", ".join(f"{v:g}" for v in x) + ")"
        rows.append((n + 1, inputs, f"{t:g}", *(f"{h:.3f}" for h in p.outs[0][n]),
                     f"{p.output[n, 0]:.3f}"))
    hidden = [f"`out_h{j + 1}`" for j in range(net.sizes[1])]
    return Table(["example", "inputs", "target", *hidden, "`out_o1`"], rows)


def largest_hidden_slope(runs, seed, X, examples):
    """The largest slope out_h (1 - out_h) of any first-layer neuron of the run of `seed`,
    over the given (1-based) examples: how much of a delta that layer can pass back."""
    runs = _runs(runs)
    net = runs.network(seed)
    X = _validate.array("X", X, (len(runs.targets), net.sizes[0]))
    rows = [_validate.count("examples", n, minimum=1, maximum=len(X)) - 1 for n in examples]
    if not rows:
        raise ValueError("examples must list at least one example number")
    out = net.forward(X[rows]).outs[0]
    return float((out * (1 - out)).max())


def stuck_and_slow(runs, margin):
    """(stuck, slow): the failed runs' seeds that miss exactly two examples, and those that
    miss every example (failure_kinds)."""
    kinds = failure_kinds(runs, margin)
    stuck = [s for missed, group in kinds.items() if len(missed) == 2 for s in group]
    slow = [s for missed, group in kinds.items() if len(missed) == len(runs.targets)
            for s in group]
    return stuck, slow


def seed_facts(runs, margin):
    """{name: value} for the text: how many runs succeed by margin and how many fail each
    way, the closest margins on each side, and one seed of each kind."""
    runs = _runs(runs)
    ok = runs.succeeded(margin)
    stuck, slow = stuck_and_slow(runs, margin)
    return {"n_seeds": len(runs), "last_seed": int(runs.seeds.max()), "margin": margin,
            "below": 0.5 - margin, "above": 0.5 + margin,
            "closest_ok": float(runs.margins[ok].min()),
            "closest_fail": float(runs.margins[~ok].max()),
            "n_ok": int(ok.sum()), "n_failed": int((~ok).sum()),
            "n_stuck": len(stuck), "n_slow": len(slow), "slow_seed": slow[0],
            "stuck_seed": stuck[0], "ok_seed": int(runs.seeds[ok][0])}


def rescue_facts(runs, longer, wider, margin, X):
    """{name: value} for the text: the failed runs of `runs` trained on (`longer`), how
    many of them then succeed by margin and where the others' E ends; how many runs of
    `wider` succeed; and the largest slope of the first stuck run's hidden layer on the
    examples it misses."""
    longer, wider = _runs(longer), _runs(wider)
    rescued = longer.succeeded(margin)
    still_E = longer.errors[~rescued, -1]
    missed, stuck = next((missed, group) for missed, group in failure_kinds(runs, margin).items()
                         if len(missed) == 2)
    return {"longer_epochs": longer.epochs, "n_rescued": int(rescued.sum()),
            "n_still": int((~rescued).sum()), "rescued_seed": int(longer.seeds[rescued][0]),
            "still_low": float(still_E.min()), "still_high": float(still_E.max()),
            "wider_ok": int(wider.succeeded(margin).sum()),
            "stuck_slope": largest_hidden_slope(runs, stuck[0], X, missed)}
