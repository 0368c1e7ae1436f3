"""Re-execute notebooks in place, top to bottom in a fresh kernel.

Usage: python tools/execute_notebooks.py [NOTEBOOK ...]   (default: every notebook in book/)

The committed outputs are what the site shows and what nbval checks, so they must come
from a clean run with this environment's Python, never from an interactive session.
"""
import argparse
import json
import sys
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient
from traitlets.config import Config

ROOT = Path(__file__).resolve().parent.parent
KERNEL = "python3"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
KERNELSPEC = {"name": KERNEL, "display_name": "Python 3 (ipykernel)", "language": "python"}


def book_notebooks():
    skip = {"_build", ".ipynb_checkpoints"}
    return sorted(p for p in (ROOT / "book").rglob("*.ipynb") if not skip & set(p.parts))


def check_kernel():
    # A user-level kernelspec named python3 could point at another interpreter;
    # jupyter_client itself swaps a bare "python"/"python3"/"python3.X" for sys.executable.
    argv = KernelSpecManager().get_kernel_spec(KERNEL).argv
    bare = {"python", f"python{sys.version_info[0]}", "python{}.{}".format(*sys.version_info)}
    if argv[0] not in bare | {sys.executable}:
        sys.exit(f"kernel {KERNEL!r} runs {argv[0]}, not this environment's {sys.executable}")


def execute(path):
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = KERNELSPEC
    # nbclient adds the state of the widgets this run creates, and leaves an old one alone
    # when it creates none: a page would then promise widgets it never shows.
    nb.metadata.pop("widgets", None)
    client = NotebookClient(
        nb,
        kernel_name=KERNEL,
        timeout=600,
        store_widget_state=True,  # lets the static site render widgets
        record_timing=False,  # timestamps would make every re-run a diff
        resources={"metadata": {"path": str(path.parent)}},  # cwd as in nbval and Lab
        # Encrypted kernel channels; also stops ipykernel warning about plain TCP.
        config=Config({"KernelManager": {"transport_encryption": "auto"}}),
    )
    client.execute()
    nbformat.write(stable_widget_ids(nb), path)


def stable_widget_ids(nb):
    """The notebook with its widget model ids renumbered in creation order.

    ipywidgets gives every model a random id; renumbering makes a re-run that changed
    nothing leave the file unchanged (and git quiet).
    """
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    text = json.dumps(nb)
    for k, old in enumerate(list(state)):
        text = text.replace(old, f"{k + 1:032x}")
    return nbformat.from_dict(json.loads(text))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args()
    check_kernel()
    for path in args.notebooks or book_notebooks():
        print(f"executing {path}", flush=True)
        execute(Path(path).resolve())


if __name__ == "__main__":
    main()
