"""Re-execute notebooks in place, top to bottom in a fresh kernel.

Usage: python tools/execute_notebooks.py [NOTEBOOK ...]   (default: every notebook in book/)

The committed outputs are what the site shows and what nbval checks, so they must come
from a clean run with this environment's Python, never from an interactive session.

Each Markdown cell's MyST inline expressions, {eval}`glue["E_total:.9f"]`, are evaluated in
the same kernel once every cell has run, and stored in the cell's metadata as
jupyterlab-myst stores them (`user_expressions`): JupyterLab shows them before Run All and
the site (tools/sphinx_ext/stored_eval.py) shows them with no kernel.
"""
import argparse
import json
import sys
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient
from traitlets.config import Config

from backprop.display import prose

ROOT = Path(__file__).resolve().parent.parent
KERNEL = "python3"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
KERNELSPEC = {"name": KERNEL, "display_name": "Python 3 (ipykernel)", "language": "python"}


class Client(NotebookClient):
    """nbclient's client, which also stores the Markdown cells' inline expressions."""

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        cell = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        # After the last cell every number is known: a Markdown cell may name one computed
        # further down (backprop.display.prose), and each name has one value.
        if cell_index == len(self.nb.cells) - 1:
            for markdown in self.nb.cells:
                if markdown.cell_type == "markdown":
                    await self.store_expressions(markdown)
        return cell

    async def store_expressions(self, cell):
        """cell.metadata.user_expressions: what the kernel returns for each of the cell's
        inline expressions, in order, as jupyterlab-myst asks for and stores them."""
        found = prose.expressions(cell.source)
        if not found:
            cell.metadata.pop("user_expressions", None)
            return
        msg_id = self.kc.execute("", silent=True, store_history=False,
                                 user_expressions={str(k): e for k, e in enumerate(found)})
        reply = await self.async_wait_for_reply(msg_id)
        try:
            cell.metadata["user_expressions"] = prose.user_expressions(
                found, reply["content"]["user_expressions"])
        except ValueError as error:
            raise RuntimeError(f"the Markdown cell starting {cell.source[:60]!r}: {error}") from None


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
    client = Client(
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
