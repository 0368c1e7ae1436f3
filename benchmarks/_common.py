"""Shared by the benchmarks: timing, optional peers, and how results are printed.

On a shared machine absolute times are noise; what carries over is the ratio of two
implementations timed in the same run. So every benchmark times its contenders in
interleaved rounds (one run of each, then again), reports each one's median, and prints
each peer's median divided by the engine's.
"""
import argparse
import importlib
import os
import platform
import statistics
import time

# One thread each, unless the environment says otherwise. The work here is small
# matrices; on a shared 2-core machine, BLAS's and PyTorch's threads mostly wait for
# each other (one epoch of the digits network in PyTorch: 1.5 s with the default 2
# threads, 50 ms with 1). Set before NumPy loads: import this module first.
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
for _var in THREAD_VARS:
    os.environ.setdefault(_var, "1")


def parser(doc, repeats):
    p = argparse.ArgumentParser(description=doc.splitlines()[0])
    p.add_argument("--repeats", type=int, default=repeats,
                   help=f"timed runs of each contender (default {repeats}); the median counts")
    return p


def optional(module, peer=None):
    """The module, or None after printing that the peer (default: the module's package)
    is skipped."""
    try:
        return importlib.import_module(module)
    except ImportError:
        peer = peer or module.split(".")[0]
        print(f"   skipped: {peer} not installed (`make bench` installs it when it can)")
        return None


def medians(contenders, repeats):
    """{name: median seconds} for {name: contender}, timed in interleaved rounds.

    A contender is a zero-argument callable, or a pair (setup, run): setup() is not
    timed, and its result is what run takes (e.g. a freshly built network to train).
    Each contender runs once untimed first (warm-up: imports, caches, JIT compilation).
    """
    pairs = {name: c if isinstance(c, tuple) else (lambda: None, lambda _, c=c: c())
             for name, c in contenders.items()}
    for setup, run in pairs.values():
        run(setup())
    times = {name: [] for name in pairs}
    for _ in range(repeats):
        for name, (setup, run) in pairs.items():
            state = setup()
            start = time.perf_counter()
            run(state)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def machine():
    """One line: cores, CPU model, Python."""
    model = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            model = next(line.split(":", 1)[1].strip() for line in f
                         if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    threads = ", ".join(f"{v}={os.environ[v]}" for v in THREAD_VARS)
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}; {threads}"


def header(title, work, repeats, runs="interleaved runs each"):
    print(f"== {title}")
    print(f"   work: {work}")
    print(f"   {machine()}")
    print(f"   median of {repeats} {runs}")


def table(rows, engine, unit, scale):
    """Print each contender's median in `unit` (seconds * scale) and its ratio to the
    engine's: the contender's time over the engine's (above 1: the engine is faster).

    rows: {name: median seconds for one run}; e.g. unit "us per update" and
    scale 1e6 / updates.
    """
    base = rows[engine]
    width = max(len(n) for n in rows)
    print(f"   {'':{width}}  {unit:>16}  {'time / ' + engine + chr(39) + 's':>16}")
    for name, seconds in rows.items():
        print(f"   {name:{width}}  {seconds * scale:16.3g}  {seconds / base:16.3g}")
