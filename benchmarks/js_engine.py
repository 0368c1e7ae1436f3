"""The page's engine: engine.js in Chromium against the Python engine, one network.

    .venv/bin/python benchmarks/js_engine.py [--repeats N] [--updates N] [--batch N]

The tutorial's 2-2-2 network, its example and eta = 0.5, biases frozen, the error history
recorded (into one reused Float64Array on the JavaScript side, as an explorer would):

    engine      backprop.train, timed in Python
    engine.js   train() of src/backprop/explorers/static/engine.js in headless Chromium
                (tests/browser's page: blank, on 127.0.0.1, every other origin blocked),
                timed in the page with performance.now() over --batch runs in a row,
                since Chromium coarsens that clock to 0.1 ms, a tenth of one run

Interleaved rounds, one run of each per round (the page's a batch, divided by its
length); each contender's median. Before timing, both error histories must agree to
1e-12 relative (they are bit-identical but where CPython's `** 2` and JavaScript's x * x
round apart). Skipped, with a line, where tests/browser cannot run Chromium.
"""
from _common import header, parser, table  # first: sets threads
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from backprop import TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX, TUTORIAL_ETA as ETA, train

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from sitecheck import CHROMIUM, CHROMIUM_ARGS, engine_page, why_not_runnable  # noqa: E402

TARGET_US = 0.1  # per update: JAX jit's 0.12 on one network is the fastest peer

SETUP_JS = """([p, ex, eta, updates]) => {
  window.args = [p, ex, eta, updates];
  window.buffer = new Float64Array(updates + 1);
  return Array.from(engine.train(p, ex, eta, updates).errors);
}"""
# One timed batch: `batch` trainings in a row, milliseconds each.
BATCH_JS = """(batch) => {
  const [p, ex, eta, updates] = window.args;
  const start = performance.now();
  for (let k = 0; k < batch; k++) engine.train(p, ex, eta, updates, {errors: window.buffer});
  return (performance.now() - start) / batch;
}"""


def main():
    p = parser(__doc__, repeats=15)
    p.add_argument("--updates", type=int, default=10_000)
    p.add_argument("--batch", type=int, default=25,
                   help="trainings per timed batch in the page (default 25)")
    args = p.parse_args()
    n = args.updates
    header("the page's engine", f"the tutorial's 2-2-2 network, {n:,} updates, error "
                                "history recorded", args.repeats)
    reason = why_not_runnable(site=False)
    if reason is not None:
        print(f"   skipped: {reason}")
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with engine_page(browser) as page:
            print(f"   Chromium {browser.version}")
            reference = train(P, EX, ETA, n).errors
            js = np.array(page.evaluate(SETUP_JS, [P.as_dict(), vars(EX), ETA, n]))
            worst = float(np.max(np.abs(js - reference) / np.abs(reference)))
            if worst > 1e-12:
                raise SystemExit(f"engine.js's error history differs from the engine's by "
                                 f"{worst:.2g} relative: not the same computation")
            print(f"   check: the error histories agree to {worst:.1e} relative, "
                  f"{int(np.sum(js == reference)):,} of {n + 1:,} errors bit-identical")
            for _ in range(4):  # warm-up: V8 optimises train's loop within the first runs
                page.evaluate(BATCH_JS, args.batch)
            times = {"engine": [], "engine.js": []}
            for _ in range(args.repeats):
                start = time.perf_counter()
                train(P, EX, ETA, n)
                times["engine"].append(time.perf_counter() - start)
                times["engine.js"].append(page.evaluate(BATCH_JS, args.batch) / 1000)
        browser.close()
    rows = {name: statistics.median(t) for name, t in times.items()}
    table(rows, "engine", "us per update", 1e6 / n)
    us = rows["engine.js"] * 1e6 / n
    print(f"   target: engine.js at most {TARGET_US} us per update: "
          f"{'met' if us <= TARGET_US else 'missed'} ({us:.3f} us)")


if __name__ == "__main__":
    main()
