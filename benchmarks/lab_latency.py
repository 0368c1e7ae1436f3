"""How long a reader of the notebooks waits: a key press to the painted frame, in JupyterLab.

    .venv/bin/python benchmarks/lab_latency.py [--repeats N] [--shots DIR]

JupyterLab runs as `make lab` runs it, on a trusted copy of book/ (tests/browser/
labserver.py), in headless Chromium. For each explorer its chapter is opened and run
(Run All, every cell done); then a control is focused and pressed in turn, repeats times
after one to warm up: the pass explorer (chapter 5), the training explorer (chapter 6, at
10,000 updates) and the landscape explorer (chapter 6b), each by its w5 slider's handle,
ArrowRight and ArrowLeft in turn; the mistakes lab (chapter 13) by Enter on its
"no mistake" button and on the first mistake's, in turn. Timed in the page, from the
keydown to (a) the redraw (the live view's data-draws changes; for the lab, the shown
verdict) and (b) a task after the next frame's callbacks, once the new picture is
painted. Also counted: <style> elements put into the document during the presses (each
makes Chromium style the whole notebook again). With --shots, JupyterLab with each explorer at
the top is saved as a PNG there, before the first press and after it.
"""
from _common import header, parser  # first: sets threads
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from labserver import lab_server, lab_slider, open_notebook, run_all  # noqa: E402
from sitecheck import CHROMIUM, CHROMIUM_ARGS, HEIGHT, WIDTH, why_not_runnable  # noqa: E402

TARGET_MS = 50  # issue 14's target for JupyterLab
SHOT_HEIGHT = 2000  # the screenshots' viewport: the pass explorer is about 1,700 px tall
LAB = ".widget-toggle-buttons"  # the mistakes lab's buttons
# (what, chapter, the element whose output is pressed in, a live view's element or None)
EXPLORERS = (("pass explorer", "05_hidden_layer", ".backprop-pass-live"),
             ("training explorer", "06_training", ".backprop-training-live"),
             ("landscape explorer", "06b_learning_rate", ".backprop-landscape-live"),
             ("mistakes lab", "13_gradient_checking", LAB))

# Arms the timers for one key press: window.__armed resolves with [ms to redraw, ms to the
# next frame, <style> elements added]. The redraw: the live view's data-draws changes, or
# (live null, the mistakes lab) the first <b> shown in root (the verdict) reads otherwise.
ARM_JS = """([root, live]) => { window.__armed = new Promise((resolve) => {
  let t0 = null, styles = 0;
  const down = (event) => { t0 = event.timeStamp; };
  document.addEventListener("keydown", down, { capture: true, once: true });
  const added = new MutationObserver((records) => records.forEach((r) => r.addedNodes
    .forEach((n) => { if (n.nodeName === "STYLE" || n.querySelector?.("style")) styles++; })));
  added.observe(document, { childList: true, subtree: true });
  const verdict = () => [...root.querySelectorAll("b")].find((b) => b.offsetParent)?.textContent;
  const before = live ? null : verdict();
  const watch = new MutationObserver(() => {
    if (!live && verdict() === before) return;
    const drawn = performance.now();
    watch.disconnect();
    // The next frame's callbacks, then a task: the frame with the new picture is painted.
    requestAnimationFrame(() => setTimeout(() => {
      added.disconnect();
      resolve([drawn - t0, performance.now() - t0, styles]);
    }));
  });
  if (live) watch.observe(live, { attributes: true, attributeFilter: ["data-draws"] });
  else watch.observe(root, { attributes: true, childList: true, subtree: true, characterData: true });
}); }"""


def screenshot(page, root, path):
    """The notebook's window with root at its top, in a viewport tall enough for the
    tallest explorer; then the reader's viewport again."""
    page.set_viewport_size({"width": WIDTH, "height": SHOT_HEIGHT})
    root.evaluate("(el) => el.scrollIntoView({ block: 'start' })")
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 300)))")
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    root.scroll_into_view_if_needed()


def presses(browser, lab, chapter, selector, repeats, shots=None, name=""):
    """([ms to redraw], [ms to the painted frame], <style> elements added in all)."""
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    open_notebook(page, lab, chapter)
    run_all(page)
    target = page.locator(selector)
    target.wait_for()
    root = page.locator(".jp-OutputArea-output").filter(has=target)
    root.scroll_into_view_if_needed()
    if selector == LAB:
        buttons = target.get_by_role("button")
        keys = [(buttons.nth(0), "Enter"), (buttons.nth(1), "Enter")]  # no mistake, the first
        live = None
    else:
        handle = lab_slider(page, root, "w5")
        keys = [(handle, "ArrowRight"), (handle, "ArrowLeft")]
        live = target.element_handle()
    if shots:
        screenshot(page, root, shots / f"{name}-before.png")
    redraw, frame, styles = [], [], 0
    for k in range(repeats + 1):  # the first press warms up
        control, key = keys[(k + 1) % 2 if live is None else k % 2]
        control.focus()
        page.evaluate(ARM_JS, [root.element_handle(), live])
        page.keyboard.press(key)
        drawn, painted, added = page.evaluate("() => window.__armed")
        if k:
            redraw.append(drawn)
            frame.append(painted)
            styles += added
        elif shots:  # after the warm-up press: one step away from the stored state
            screenshot(page, root, shots / f"{name}-after.png")
    context.close()
    return redraw, frame, styles


def main():
    p = parser(__doc__, repeats=21)
    p.add_argument("--shots", type=Path, help="save each explorer's PNGs before and after here")
    args = p.parse_args()
    header("explorers in JupyterLab: key press to painted frame",
           "one step of w5 with the keyboard (training: 10,000 updates), or one mistakes-lab "
           "button, after Run All; headless Chromium", args.repeats, runs="key presses")
    reason = why_not_runnable(site=False)
    if reason is not None:
        print(f"   skipped: {reason}")
        return
    from playwright.sync_api import sync_playwright

    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    timings = {}
    with lab_server() as lab, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for what, chapter, selector in EXPLORERS:
            timings[what] = presses(browser, lab, chapter, selector, args.repeats,
                                    args.shots, what.replace(" ", "-"))
        browser.close()
    for what, (redraw, frame, styles) in timings.items():
        print(f"   {what}:")
        print(f"     keydown to redrawn display:          {statistics.median(redraw):6.1f} ms")
        print(f"     keydown to the frame painted:        {statistics.median(frame):6.1f} ms  "
              f"(target: at most {TARGET_MS} ms)")
        print(f"     <style> elements added, all presses: {styles:6d}")


if __name__ == "__main__":
    main()
