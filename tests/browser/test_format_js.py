"""The page's Python formats (explorers/static/format.js) in Chromium against Python's own.

The views that compute in the page must print every number exactly as the Python
explorers do: f"{x:.{d}f}", f"{x:.{d}e}", f"{x:.{p}g}" and f"{x:+.{p}g}" at random values
of every size and sign, and at the values where JavaScript's toFixed and toExponential
part from Python: exact ties (Python rounds them to even) and -0.0 (Python keeps its sign).
"""
import random

import pytest

from sitecheck import engine_page

pytestmark = pytest.mark.without_site  # Chromium is enough: the page is blank

LOAD_JS = """async () => {
  const text = await (await fetch("/format.js")).text();
  const url = URL.createObjectURL(new Blob([text + "\\nexport { fixed, exponential, general };"],
                                           { type: "text/javascript" }));
  window.format = await import(url);
}"""

FORMAT_JS = """(cases) => cases.map(([x, d]) => [
  format.fixed(x, d), format.exponential(x, d), format.general(x, d + 1),
  format.general(x, d + 1, true)])"""

# Exact ties at some precision, each with its negative: Python rounds them to even.
TIES = [0.5, 1.5, 2.5, 0.125, 0.375, 0.03125, 0.0009765625, 2 ** -20, 1234.5, 0.000244140625]


def cases():
    rng = random.Random(14)
    values = [0.0, -0.0, 1.0, *TIES, *(-t for t in TIES)]
    values += [rng.choice((-1, 1)) * 10 ** rng.uniform(-9, 4) for _ in range(400)]
    values += [rng.randint(-300, 300) / 100 for _ in range(100)]  # the sliders' values
    return [(x, d) for x in values for d in range(10)]


def test_format_js_prints_numbers_as_python_does(browser):
    every = cases()
    with engine_page(browser) as page:
        page.evaluate(LOAD_JS)
        shown = page.evaluate(FORMAT_JS, every)
    for (x, d), got in zip(every, shown, strict=True):
        want = [f"{x:.{d}f}", f"{x:.{d}e}", f"{x:.{d + 1}g}", f"{x:+.{d + 1}g}"]
        assert got == want, (x, d)
