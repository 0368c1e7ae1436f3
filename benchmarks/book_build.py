"""The reader's and the author's wait: building the site from clean, and checking it.

    .venv-bench/bin/python benchmarks/book_build.py [--repeats N]

    book build   jupyter-book build with `make book`'s flags into an empty temporary
                 --path-output (so nothing is reused), from the committed notebooks
    nbval        pytest book --nbval ...: every notebook re-executed in a fresh kernel
                 and its outputs compared, as `make test` does

Each is one command run as a subprocess; its exit status is printed with its time
(a failing build or check is reported, not hidden: the time is then of a failed run).
No peers: these are this project's own commands, timed so their cost stays visible.
"""
from _common import header, parser  # first: sets threads
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NBVAL = ["--nbval", "--nbval-current-env", "--nbval-sanitize-with",
         "tests/nbval_sanitize.cfg"]


def timed(command):
    """(seconds, exit status, last line of output) of one run of command in ROOT."""
    start = time.perf_counter()
    # The benchmarks run single-threaded; the commands should run as `make` runs them.
    env = {k: v for k, v in os.environ.items()
           if k not in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    text = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)  # no colours
    lines = [line.strip() for line in text.splitlines() if line.strip(" =")]
    summary = [line for line in lines if re.search(r"build succeeded|passed|failed", line)]
    return seconds, done.returncode, (summary or lines or [""])[-1]


def build():
    with tempfile.TemporaryDirectory(prefix="bench-book-") as out:
        return timed([str(BIN / "jupyter-book"), "build", ".", "--warningiserror",
                      "--keep-going", "--path-output", out])


def nbval():
    return timed([str(BIN / "pytest"), "-q", "-p", "no:cacheprovider", "book", *NBVAL])


def main():
    repeats = parser(__doc__, repeats=1).parse_args().repeats
    notebooks = len(list((ROOT / "book").glob("*.ipynb")))
    header("book build and notebook check", f"{notebooks} notebooks in book/", repeats,
           "runs each")
    for name, run in (("book build, from clean", build), ("nbval, every notebook", nbval)):
        results = [run() for _ in range(repeats)]
        seconds = statistics.median(r[0] for r in results)
        status, last = results[-1][1], results[-1][2]
        verdict = "ok" if status == 0 else f"FAILED (exit {status})"
        print(f"   {name:24s} {seconds:7.1f} s   {verdict}: {last[:100]}")


if __name__ == "__main__":
    main()
