"""The JavaScript engine (explorers/static/engine.js) in Chromium against the Python engine.

Random networks, examples and learning rates (seeded), a few of them extreme: every number
of forward, backward, one update under each bias and hidden-delta option, and training for
10,000 updates must agree to 1e-12 relative. Most agree to the last bit; the rest differ
where CPython's `gap ** 2` (the C library's pow, off by one unit in the last place for
about 1 value in 1,000) and engine.js's gap * gap (correctly rounded) part ways, or where
Math.exp and the C library's exp round differently.

All cases run in one page.evaluate call per test: the page's engine is fast, the trip is
not. The Python engine's 2.4 million updates take most of the test's time.
"""
import json
import math
import random

import pytest

from backprop import (BIAS_SLOTS, BIASES, HIDDEN_DELTAS, WEIGHTS, Example, Params, backward,
                      forward, logistic, train, update)
from backprop.explorers.landscape_explorer import descend, landscape

from sitecheck import engine_page

pytestmark = pytest.mark.without_site  # Chromium is enough: the page is blank

VECTOR = WEIGHTS + BIAS_SLOTS
CASES = 240
UPDATES = 10_000
HISTORIES = 12  # cases whose whole error history is compared, not only SAMPLES
# The training errors compared besides the last: the start, the first steps, then sparser.
SAMPLES = (0, 1, 2, 10, 100, 1_000, 5_000, UPDATES)
OPTIONS = [(b, h) for b in BIASES for h in HIDDEN_DELTAS]
RELATIVE = 1e-12


def random_case(rng, k):
    """Case k: the sliders' ranges, eta from 0.01 to 5; every 7th extreme (saturated
    neurons, exp overflowing, targets at 0 or 1, eta from 1e-4 to 100). The options in
    turn, so that the extreme cases meet each of them too."""
    extreme = k % 7 == 6
    scale, inputs, etas = (60.0, 15.0, (-4, 2)) if extreme else (3.0, 1.0, (-2, 0.7))
    p = {name: rng.uniform(-scale, scale) for name in VECTOR}
    if k % 3 == 0:  # the tutorial's form: one bias per layer
        p["b_h2"], p["b_o2"] = p["b_h1"], p["b_o1"]
    ex = {"i1": rng.uniform(-inputs, inputs), "i2": rng.uniform(-inputs, inputs)}
    for t in ("t1", "t2"):
        ex[t] = rng.choice((0.0, 1.0)) if extreme else rng.random()
    biases, hidden_deltas = OPTIONS[k % len(OPTIONS)]
    return {"p": p, "ex": ex, "eta": 10 ** rng.uniform(*etas), "biases": biases,
            "hidden_deltas": hidden_deltas, "history": k < HISTORIES}


def python_results(case):
    p, ex, eta = Params(**case["p"]), Example(**case["ex"]), case["eta"]
    run = train(p, ex, eta, UPDATES, case["biases"], case["hidden_deltas"])
    return {
        "forward": forward(p, ex).as_dict(),
        "backward": backward(p, ex).as_dict(),
        "updates": [update(p, ex, eta, b, h).as_dict() for b, h in OPTIONS],
        "train": {"params": run.params.as_dict(), "final": run.final.as_dict(),
                  "errors": [float(run.errors[k]) for k in SAMPLES]},
        "history": run.errors.tolist() if case["history"] else [],
    }


# As JSON text: Playwright's own serialisation of 200,000 numbers takes seconds, and
# JSON's shortest round-trip digits give back every double exactly (only -0 becomes 0,
# which compares equal anyway; NaN and infinities cannot occur, both engines refuse them).
JS_RESULTS = """({cases, options, updates, samples}) => JSON.stringify(cases.map((c) => {
  const t = engine.train(c.p, c.ex, c.eta, updates,
                         {biases: c.biases, hidden_deltas: c.hidden_deltas});
  return {
    forward: engine.forward(c.p, c.ex),
    backward: engine.backward(c.p, c.ex),
    updates: options.map(([biases, hidden_deltas]) =>
      engine.update(c.p, c.ex, c.eta, {biases, hidden_deltas})),
    train: {params: t.params, final: t.final, errors: samples.map((k) => t.errors[k])},
    history: c.history ? Array.from(t.errors) : [],
  };
}))"""


def pairs(python, js, where=""):
    """(where, Python's number, JavaScript's) for every number of two nested results."""
    if isinstance(python, dict):
        assert set(js) == set(python), f"{where}: keys differ: {set(js) ^ set(python)}"
        for key in python:
            yield from pairs(python[key], js[key], f"{where}.{key}")
    elif isinstance(python, list):
        assert len(js) == len(python), where
        for i, (a, b) in enumerate(zip(python, js)):
            yield from pairs(a, b, f"{where}[{i}]")
    else:
        yield where, float(python), float(js)


def relative(a, b):
    return 0.0 if a == b else abs(a - b) / max(abs(a), abs(b))


@pytest.fixture(scope="module")
def page(browser):
    with engine_page(browser) as page:
        yield page


def compare(python, js):
    """{"numbers", "identical", "worst": (relative difference, where)} over all pairs."""
    numbers = identical = 0
    worst = (0.0, None)
    for where, a, b in pairs(python, js):
        numbers += 1
        identical += a == b
        worst = max(worst, (relative(a, b), where), key=lambda w: w[0])
    return {"numbers": numbers, "identical": identical, "worst": worst}


def test_engine_js_computes_what_the_python_engine_computes(page):
    rng = random.Random(14)
    cases = [random_case(rng, k) for k in range(CASES)]
    js = json.loads(page.evaluate(JS_RESULTS, {"cases": cases, "options": OPTIONS,
                                               "updates": UPDATES, "samples": list(SAMPLES)}))
    python = [python_results(case) for case in cases]
    parts = {}
    for part in ("forward", "backward", "updates", "train", "history"):
        parts[part] = compare([r[part] for r in python], [r[part] for r in js])
    summary = "; ".join(f"{part}: {r['identical']:,} of {r['numbers']:,} numbers bit-identical, "
                        f"largest relative difference {r['worst'][0]:.2g} at {r['worst'][1]}"
                        for part, r in parts.items())
    print(f"\n{CASES} cases: {summary}")
    for part, r in parts.items():
        assert r["worst"][0] <= RELATIVE, f"{part}: {summary}"


def test_landscape_and_descent_path_match_the_landscape_explorers(page):
    rng = random.Random(15)
    cases = []
    for k in range(12):
        case = random_case(rng, k)
        names = rng.sample(WEIGHTS + ("b1", "b2"), 2)
        cases.append({**case, "pair": names, "xs": [rng.uniform(-3, 3) for _ in range(7)],
                      "ys": [rng.uniform(-3, 3) for _ in range(5)], "updates": 200})
    js = page.evaluate("""(cases) => cases.map((c) => {
      const path = engine.descend(c.p, c.ex, c.pair, c.eta, c.updates);
      return {grid: Array.from(engine.landscape(c.p, c.ex, c.pair, c.xs, c.ys)),
              points: Array.from(path.points), errors: Array.from(path.errors),
              params: path.params};
    })""", cases)
    python = []
    for c in cases:
        p, ex = Params(**c["p"]), Example(**c["ex"])
        path = descend(p, ex, tuple(c["pair"]), c["eta"], c["updates"])
        grid = landscape(p, ex, tuple(c["pair"]), c["xs"], c["ys"])
        python.append({"grid": grid.ravel().tolist(),
                       "points": path.points.ravel().tolist(), "errors": path.errors.tolist(),
                       "params": path.params.as_dict()})
    result = compare(python, js)
    assert result["worst"][0] <= RELATIVE, result


def test_layered_and_logistic_match_params_layered_and_python_logistic(page):
    weights = dict(zip(WEIGHTS, (0.15, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55)))
    xs = [-800.0, -709.79, -709.78, -30.0, -1e-9, 0.0, 0.7, 36.9, 800.0]  # exp overflows first
    js = page.evaluate("([given, xs]) => [engine.layered(given), xs.map(engine.logistic)]",
                       [{**weights, "b1": 0.35, "b2": 0.6}, xs])
    assert js[0] == Params.layered(**weights, b1=0.35, b2=0.6).as_dict()
    assert js[1] == [logistic(x) for x in xs]


# Bad input, given to both engines: the same refusal, word for word. Each entry: what is
# called, and a change to the tutorial-like start below.
START = {"p": {**dict(zip(VECTOR, (0.15, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55, 0.35, 0.35,
                                    0.6, 0.6)))},
         "ex": {"i1": 0.05, "i2": 0.1, "t1": 0.01, "t2": 0.99}, "eta": 0.5, "updates": 10,
         "options": {}}
BAD = [
    ("forward", {"p": {"w3": math.nan}}),
    ("train", {"p": {"b_o2": math.inf}}),
    ("backward", {"ex": {"i2": -math.inf}}),
    ("forward", {"ex": {"t1": 1.5}}),
    ("update", {"ex": {"t2": -0.25}}),
    ("update", {"eta": 0.0}),
    ("train", {"eta": -0.5}),
    ("train", {"updates": 2.5}),
    ("train", {"updates": -1.0}),
    ("train", {"updates": 1e9}),
    ("train", {"options": {"biases": "tied"}}),
    ("update", {"options": {"hidden_deltas": "new"}}),
    ("forward", {"p": {"w1": 1e300, "w2": -1e300}, "ex": {"i1": 1e10, "i2": 1e10}}),
    ("train", {"p": {"w3": 1e300, "w4": -1e300}, "ex": {"i1": 1e10, "i2": 1e10}}),
    ("update", {"p": {"w1": 1e-300, "w3": 1e-300}, "ex": {"i1": 1e300}, "eta": 1e20}),
    ("train", {"p": {"w2": 1e-300, "w4": 1e-300}, "ex": {"i2": -1e300}, "eta": 1e20}),
    ("backward", {"output_weights": [0.4, 0.45, 0.5]}),
    ("landscape", {"pair": ["w1", "w1"]}),
    ("landscape", {"pair": ["w1", "w9"]}),
    ("descend", {"pair": ["b1", "w2"], "eta": 0.0}),
    ("descend", {"updates": 0.5}),
]


def bad_call(name, change):
    call = {**START, "pair": ["w5", "b2"], "xs": [0.0, 1.0], "ys": [0.5], "output_weights": None}
    for key, value in change.items():
        call[key] = {**call[key], **value} if isinstance(value, dict) else value
    return call


def python_refusal(name, c):
    try:
        p, ex = Params(**c["p"]), Example(**c["ex"])
        if name == "forward":
            forward(p, ex)
        elif name == "backward":
            backward(p, ex, c["output_weights"])
        elif name == "update":
            update(p, ex, c["eta"], **c["options"])
        elif name == "train":
            train(p, ex, c["eta"], c["updates"], **c["options"])
        elif name == "landscape":
            landscape(p, ex, c["pair"], c["xs"], c["ys"])
        else:
            descend(p, ex, c["pair"], c["eta"], c["updates"])
    except ValueError as error:
        return str(error)
    raise AssertionError(f"Python accepted {name}({c})")


JS_REFUSALS = """(calls) => calls.map(([name, c]) => {
  const args = {
    forward: [c.p, c.ex], backward: [c.p, c.ex, c.output_weights ?? undefined],
    update: [c.p, c.ex, c.eta, c.options],
    train: [c.p, c.ex, c.eta, c.updates, c.options],
    landscape: [c.p, c.ex, c.pair, c.xs, c.ys], descend: [c.p, c.ex, c.pair, c.eta, c.updates],
  }[name];
  try { engine[name](...args); } catch (error) { return error.message; }
  return `accepted ${name}`;
})"""


def test_engine_js_refuses_bad_input_with_the_python_engines_message(page):
    calls = [(name, bad_call(name, change)) for name, change in BAD]
    js = page.evaluate(JS_REFUSALS, [list(call) for call in calls])
    for (name, call), message in zip(calls, js):
        assert message == python_refusal(name, call), (name, call)


@pytest.mark.parametrize("name, change, message", [
    pytest.param("forward", {"p": {"w1": "0.5"}}, "w1 must be a finite real number, got '0.5'",
                 id="a-string-for-a-number"),
    pytest.param("forward", {"p": None}, "p must be an object {w1, w2, w3, w4, w5, w6, w7, "
                                         "w8, b_h1, b_h2, b_o1, b_o2}, got null", id="no-params"),
    pytest.param("train", {"options": {"hiddenDeltas": "updated"}},
                 "unknown option 'hiddenDeltas'; known: biases, hidden_deltas, errors",
                 id="a-misspelt-option"),
    pytest.param("train", {"updates": 3, "options": {"errors": [0, 0, 0, 0]}},
                 "errors must be a Float64Array of at least updates + 1 = 4 numbers, got "
                 "[0.0, 0.0, 0.0, 0.0]", id="an-array-for-the-history"),
])
def test_engine_js_names_what_only_javascript_can_get_wrong(page, name, change, message):
    assert page.evaluate(JS_REFUSALS, [[name, bad_call(name, change)]])[0] == message
