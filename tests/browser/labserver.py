"""JupyterLab as `make lab` runs it, for the JupyterLab test and the JupyterLab benchmark.

lab_server() starts JupyterLab (with jupyterlab-myst, from requirements.txt) on 127.0.0.1
at a free port: tools/lab/overrides.json as its settings, the notebooks trusted, as root
with --allow-root. It serves a copy of book/ (Lab saves what it runs) and keeps its state
(signatures, settings, workspaces) in a temporary folder. open_and_run() opens one
chapter and runs all its cells.
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from sitecheck import ROOT

START_SECONDS = 120  # a ceiling for JupyterLab to start, not a timed assertion
RUN_MS = 300_000  # a ceiling for Run All

# The notebook is open and its kernel started.
OPEN_JS = "() => window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel?.status === 'idle'"
# Run All is done when every code cell has run and the kernel is idle again.
DONE_JS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session?.kernel;
  const cells = [...panel.content.model.cells];
  return kernel?.status === "idle" && cells.every((c) => c.type !== "code"
    || (c.executionCount !== null && c.executionState !== "running"));
}"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def lab_server():
    """The URL of a JupyterLab serving a trusted copy of book/; RuntimeError if it does
    not start."""
    with tempfile.TemporaryDirectory(prefix="backprop-lab-") as home:
        home = Path(home)
        book = home / "book"
        shutil.copytree(ROOT / "book", book, ignore=shutil.ignore_patterns("conftest.py", ".*"))
        (home / "settings").mkdir()
        shutil.copy(ROOT / "tools" / "lab" / "overrides.json", home / "settings")
        env = {**os.environ, "JUPYTER_DATA_DIR": str(home / "data"),
               "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTER_CONFIG_DIR": str(home / "config")}
        jupyter = str(Path(sys.executable).with_name("jupyter"))
        subprocess.run([jupyter, "trust", *map(str, book.glob("*.ipynb"))], env=env, check=True,
                       capture_output=True)
        port = free_port()
        log = (home / "lab.log").open("w")
        server = subprocess.Popen(
            [jupyter, "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
             "--ServerApp.token=", "--ServerApp.password=", f"--ServerApp.root_dir={book}",
             f"--LabApp.app_settings_dir={home / 'settings'}",
             f"--LabApp.user_settings_dir={home / 'user'}",
             f"--LabApp.workspaces_dir={home / 'workspaces'}",
             "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: Run All, the model
             *(["--allow-root"] if os.geteuid() == 0 else [])],
            env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + START_SECONDS
            while True:
                try:
                    urllib.request.urlopen(f"{url}/api/status", timeout=5)
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(
                            f"JupyterLab did not start:\n{(home / 'lab.log').read_text()[-3000:]}")
                    time.sleep(0.5)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()


def open_notebook(page, lab, chapter):
    """Open book/<chapter>.ipynb, only it, and wait for its kernel."""
    page.goto(f"{lab}/lab/tree/{chapter}.ipynb?reset")
    page.wait_for_function(OPEN_JS, timeout=60_000)


def run_all(page):
    """Run All, and wait until every code cell has run."""
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(DONE_JS, timeout=RUN_MS)


def lab_slider(page, root, name):
    """The handle of the slider labelled `name` inside root: ipywidgets' sliders in
    JupyterLab have no accessible name."""
    slider = root.locator(".widget-slider").filter(
        has=page.locator(".widget-label", has_text=re.compile(f"^{re.escape(name)}$")))
    return slider.get_by_role("slider")
