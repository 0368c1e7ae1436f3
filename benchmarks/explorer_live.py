"""How long a reader of the site waits: slider change to redrawn chart, in the page.

    .venv/bin/python benchmarks/explorer_live.py [--repeats N]

Chapter 6's training explorer, chapter 5's pass explorer (the hidden layer's: the
diagram, all eight bars and both tables) and chapter 6b's landscape explorer on the site
`make book` built, in headless Chromium with every request off 127.0.0.1 blocked (as
tests/browser/): a slider's handle is focused and ArrowRight / ArrowLeft pressed in turn,
the training at 10,000 updates, the landscape at its default 500. Timed in the page, from
the keydown to (a) the display's redraw done (the computation and the new SVG and tables
in the DOM) and (b) a task after the next frame's callbacks, once the new picture is
painted. The landscape twice: w5 (on the map's axis: only the path is drawn again, the map
is cached) and w1 (held: a new 61 x 61 grid, colour bar and axes, the canvas painted
again). Beside them, engine.js's train() alone for the same 10,000 updates, timed in the
same browser, so the difference is what drawing costs. Needs Chromium and the built site.
"""
from _common import header, parser  # first: sets threads
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from sitecheck import (CHROMIUM, CHROMIUM_ARGS, HEIGHT, SITE, WIDTH, Visit, open_page,  # noqa: E402
                       serve, settle, why_not_runnable)

TARGET_MS = 16  # one frame at 60 Hz
# (what, page, the display's element, the slider moved, back and forth or only up)
EXPLORERS = (("training explorer", "book/06_training.html", ".backprop-training-live", "w5", True),
             ("pass explorer", "book/05_hidden_layer.html", ".backprop-pass-live", "w5", True),
             # w5 is on the map's axis: only the path is drawn again, the map is cached.
             ("landscape explorer, w5 (the path)", "book/06b_learning_rate.html",
              ".backprop-landscape-live", "w5", True),
             # w1 only ever up: each press a new slice, never one the page has cached.
             ("landscape explorer, w1 (a new map)", "book/06b_learning_rate.html",
              ".backprop-landscape-live", "w1", False))

# Arms the timers for one key press: window.__armed resolves with [ms to redraw, ms to the
# next frame].
ARM_JS = """(selector) => { window.__armed = new Promise((resolve) => {
  const live = document.querySelector(selector);
  let t0 = null;
  const down = (event) => { t0 = event.timeStamp; };
  document.addEventListener("keydown", down, { capture: true, once: true });
  new MutationObserver((_, observer) => {
    const drawn = performance.now();
    observer.disconnect();
    // The next frame's callbacks, then a task: the frame with the new chart is painted.
    requestAnimationFrame(() => setTimeout(() => resolve([drawn - t0, performance.now() - t0])));
  }).observe(live, { attributes: true, attributeFilter: ["data-draws"] });
}); }"""

# engine.js's train alone (its text given as window.__backprop_esm), 10,000 updates.
ENGINE_JS = """async ({repeats}) => {
  const esm = window.__backprop_esm;
  const url = URL.createObjectURL(new Blob([esm], {type: "text/javascript"}));
  const engine = await import(url);
  const p = engine.layered({w1: .15, w2: .2, w3: .25, w4: .3, w5: .4, w6: .45, w7: .5,
                            w8: .55, b1: .35, b2: .6});
  const ex = {i1: .05, i2: .1, t1: .01, t2: .99};
  const errors = new Float64Array(10001);
  const times = [];
  for (let k = 0; k < repeats + 1; k++) {
    const t0 = performance.now();
    engine.train(p, ex, 0.5, 10000, {errors});
    times.push(performance.now() - t0);
  }
  return times.slice(1);
}"""


def median(values):
    return statistics.median(values)


def key_presses(browser, origin, blocked, path, live, slider, repeats, back=True):
    """([ms to redraw], [ms to the painted frame], the state after the last press): the
    slider's handle moved by ArrowRight and ArrowLeft in turn (back=False: ArrowRight
    only), repeats times after one to warm up."""
    context, page = open_page(browser, origin, blocked,
                              viewport={"width": WIDTH, "height": HEIGHT})
    page.goto(f"{origin}/{path}", wait_until="load")
    settle(page, Visit(path))
    page.wait_for_selector(f"{live}[data-draws]")
    root = page.locator(".widget-subarea").filter(has=page.locator(live))
    handle = root.get_by_role("slider", name=slider, exact=True)
    handle.scroll_into_view_if_needed()
    handle.focus()
    redraw, frame = [], []
    for k in range(repeats + 1):  # the first press warms up
        page.evaluate(ARM_JS, live)
        page.keyboard.press("ArrowRight" if k % 2 == 0 or not back else "ArrowLeft")
        drawn, painted = page.evaluate("() => window.__armed")
        if k:
            redraw.append(drawn)
            frame.append(painted)
    state = page.evaluate(f"() => document.querySelector('{live}').dataset.state")
    context.close()
    return redraw, frame, state


def main():
    args = parser(__doc__, repeats=41).parse_args()
    header("explorers on the static site: slider change to redrawn display",
           "one slider step with the keyboard (training: 10,000 updates), headless Chromium",
           args.repeats, runs="key presses")
    reason = why_not_runnable()
    if reason is not None:
        print(f"   skipped: {reason}")
        return
    from playwright.sync_api import sync_playwright

    blocked, timings = [], {}
    with serve(SITE) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for what, path, live, slider, back in EXPLORERS:
            timings[what] = key_presses(browser, origin, blocked, path, live, slider,
                                        args.repeats, back)
        # engine.js alone, in a blank page of the same origin.
        context, page = open_page(browser, origin, blocked)
        page.goto(f"{origin}/_static/anywidget-amd.js")
        engine_path = Path(__file__).resolve().parents[1] / "src/backprop/explorers/static/engine.js"
        page.evaluate("(text) => { window.__backprop_esm = text; }",
                      engine_path.read_text(encoding="utf8"))
        train = page.evaluate(ENGINE_JS, {"repeats": args.repeats})
        context.close()
        browser.close()
    if blocked:
        print(f"   note: requests blocked (the site should need none): {blocked}")
    for what, (redraw, frame, state) in timings.items():
        print(f"   {what}, state after the last press: {state}")
        print(f"     keydown to redrawn display:          {median(redraw):6.1f} ms  "
              f"(target: at most {TARGET_MS} ms)")
        print(f"     keydown to the frame painted:        {median(frame):6.1f} ms")
    redraw = timings["training explorer"][0]
    print(f"   engine.js train alone:                 {median(train):6.1f} ms "
          f"({1000 * median(train) / 10_000:.3f} us an update)")
    print(f"   training: drawing and the widget manager: {median(redraw) - median(train):6.1f} ms")


if __name__ == "__main__":
    main()
