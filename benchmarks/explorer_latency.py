"""How long a reader waits: slider change to updated output, training explorer at 10,000 updates.

    .venv/bin/python benchmarks/explorer_latency.py [--repeats N]

Prints the median over N slider moves, next to the engine's training alone measured in the
same run (so the ratio says what the redraw costs, whatever the machine's speed).
"""
import argparse
import statistics
import time

from backprop import TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA, train
from backprop.training_explorer import TrainingExplorer


def median_ms(action, repeats):
    times = []
    for k in range(repeats):
        start = time.perf_counter()
        action(k)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=31)
    repeats = parser.parse_args().repeats
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
    print(f"training explorer, 10,000 updates, median of {repeats} slider moves")
    print(f"  slider change to updated output: {latency:7.1f} ms  (target: at most 100 ms)")
    print(f"  engine training alone:           {training:7.1f} ms")
    print(f"  redraw and tables:               {latency - training:7.1f} ms "
          f"({latency / training:.2f}x the training alone)")


if __name__ == "__main__":
    main()
