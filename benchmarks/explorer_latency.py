"""How long a reader waits: slider change to updated output, in both explorers of chapter 6.

    .venv-bench/bin/python benchmarks/explorer_latency.py [--repeats N]

Training explorer at 10,000 updates: the median over N slider moves, next to the engine's
training alone measured in the same run (so the ratio says what the redraw costs,
whatever the machine's speed). Landscape explorer at its default 500 updates: a change
that only moves the path (eta), and one that changes the slice drawn (a held weight),
which needs a new contour map: contourpy's bands written as SVG with the axes and the
colour bar, about 11 ms (matplotlib took about 105-130 ms to draw the same map).
"""
from _common import header, parser  # first: sets threads
import statistics
import time

from backprop import TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA, train
from backprop.explorers.landscape_explorer import LandscapeExplorer
from backprop.explorers.training_explorer import TrainingExplorer

TARGET_MS = 50


def median_ms(action, repeats):
    times = []
    for k in range(repeats):
        start = time.perf_counter()
        action(k)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def training_explorer(repeats):
    explorer = TrainingExplorer(updates=10_000)
    slider = explorer.sliders["w5"]
    values = [0.40, 0.41]  # alternate, so every move is a real change

    def move(k):
        slider.value = values[k % 2]

    def engine(k):
        train(TUTORIAL_PARAMS.with_values(w5=values[k % 2]), TUTORIAL_EXAMPLE, TUTORIAL_ETA,
              10_000)

    latency = median_ms(move, repeats)
    training = median_ms(engine, repeats)
    print(f"   training explorer, 10,000 updates, median of {repeats} slider moves")
    print(f"     slider change to updated output: {latency:7.1f} ms  "
          f"(target: at most {TARGET_MS} ms)")
    print(f"     engine training alone:           {training:7.1f} ms")
    print(f"     redraw and tables:               {latency - training:7.1f} ms "
          f"({latency / training:.2f}x the training alone)")


def landscape_explorer(repeats):
    explorer = LandscapeExplorer()
    etas = [0.5, 0.6]
    # Every move to a new value of a held weight is a new slice: nothing cached.
    held = iter([0.10 + 0.002 * k for k in range(repeats)])

    def move_eta(k):
        explorer.eta.value = etas[k % 2]

    def move_held(k):
        explorer.sliders["w1"].value = next(held)

    path = median_ms(move_eta, repeats)
    new_map = median_ms(move_held, repeats)
    print(f"   landscape explorer, {explorer.updates.value:,} updates, median of {repeats} "
          "slider moves")
    print(f"     eta change (path over the cached map): {path:7.1f} ms")
    print(f"     held weight's change (new map):        {new_map:7.1f} ms  "
          "(contour map written as SVG)")


def main():
    repeats = parser(__doc__, repeats=31).parse_args().repeats
    header("explorer latency", "a slider change, from the new value to the redrawn "
                               "output", repeats, "slider moves")
    training_explorer(repeats)
    landscape_explorer(repeats)


if __name__ == "__main__":
    main()
