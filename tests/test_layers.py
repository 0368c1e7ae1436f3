"""The package's import rule (issue 13), checked on the source with ast.

    _validate  <  tutorial  <  nn  <  display  <  derive  <  explorers  <  chapters

1. A module imports only from its own layer or the layers below it. cli sits with the
   tutorial (it prints the tutorial's example); __init__ and __main__ are the top.
2. No module imports another module's private names (`from x import _name`), or reads
   them as attributes (`module._name`, `obj._name` where `_name` is not defined in the
   module itself; `self._name` may come from a base class); IPython's and SymPy's hook
   methods (`_repr_*_`, `_print`) are allowed.
3. Nothing in the package imports chapters/ (not even another chapter): only the
   notebooks (and tests) do.
"""
import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "src" / "backprop"
ORDER = ("_validate", "tutorial", "nn", "display", "derive", "explorers", "chapters", "top")
ROOT = {"_validate": "_validate", "cli": "tutorial", "__init__": "top", "__main__": "top"}
HOOKS = {"_print"}  # SymPy's printer protocol


def modules():
    """{dotted name under backprop: path}."""
    return {".".join(p.relative_to(PKG).with_suffix("").parts): p
            for p in sorted(PKG.rglob("*.py"))}


def layer(name):
    """The layer of a dotted module or package under backprop ("" is the package)."""
    head = name.split(".")[0]
    if "." not in name and head in ROOT:
        return ROOT[head]
    if head in ORDER:
        return head
    raise AssertionError(f"backprop.{name} is in no layer: add it to tests/test_layers.py")


def imports(name, path):
    """[(line, imported module under backprop, [names])] for each backprop import."""
    tree = ast.parse(path.read_text(), str(path))
    package = name.split(".")[:-1] if not name.endswith("__init__") else name.split(".")[:-1]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.split(".")[0] == "backprop":
                target = node.module.partition(".")[2]
            else:
                continue
            names = [a.name for a in node.names]
            if target == "":  # from . import x: each x is a module
                out += [(node.lineno, n, []) for n in names]
            elif target in ("tutorial", "nn", "display", "derive", "explorers", "chapters"):
                out += [(node.lineno, f"{target}.{n}", []) for n in names]
            else:
                out.append((node.lineno, target, names))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name.partition(".")[2], []) for a in node.names
                    if a.name.split(".")[0] == "backprop"]
    return out


def defined(tree):
    """Every name a module defines anywhere: functions, classes, attributes, variables."""
    names = set()
    for n in ast.walk(tree):
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(n.name)
        elif isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store):
            names.add(n.attr)
        elif isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
            names.add(n.id)
    return names


def violations():
    found = []
    for name, path in modules().items():
        mine = layer(name)
        for line, target, names in imports(name, path):
            where = f"src/backprop/{path.relative_to(PKG)}:{line}"
            theirs = layer(target)
            if mine != "top" and ORDER.index(theirs) > ORDER.index(mine):
                found.append(f"{where}: {name} ({mine}) imports {target} ({theirs}), a layer "
                             f"above it")
            if theirs == "chapters" and mine != "top":
                found.append(f"{where}: {name} imports {target}: only notebooks import "
                             f"chapters/")
            for n in names:
                if n.startswith("_") and not n.startswith("__"):
                    found.append(f"{where}: {name} imports the private name {target}.{n}")
        tree = ast.parse(path.read_text())
        own = defined(tree)
        for n in ast.walk(tree):
            if isinstance(n, ast.Attribute) and n.attr.startswith("_") \
                    and not n.attr.startswith("__") and not (n.attr.startswith("_repr_")
                                                            and n.attr.endswith("_")) \
                    and n.attr not in HOOKS and n.attr not in own \
                    and not (isinstance(n.value, ast.Name) and n.value.id in ("self", "cls")):
                found.append(f"src/backprop/{path.relative_to(PKG)}:{n.lineno}: {name} reads "
                             f"{ast.unparse(n)}, another module's private name")
    return found


def test_every_module_has_a_layer():
    for name in modules():
        layer(name)


def test_layers_import_only_layers_below_and_no_private_names():
    found = violations()
    assert not found, "the import rule (tests/test_layers.py) is broken:\n" + "\n".join(found)


@pytest.mark.slow
@pytest.mark.parametrize("bad, expected", [
    ("from ..chapters.ch06_training import outputs_figure\n", "only notebooks import"),
    ("from ..explorers import controls\n", "a layer above it"),
    ("from .mlp import _per_layer\n", "private name"),
    ("def f(net):\n    return net._data\n", "another module's private name"),
])
def test_the_rule_catches(tmp_path, monkeypatch, bad, expected):
    """The check fails loudly, naming the module and the import, on each kind of break."""
    import shutil
    copy = tmp_path / "backprop"
    shutil.copytree(PKG, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / "nn" / "gradcheck.py"
    target.write_text(target.read_text() + "\n" + bad)
    monkeypatch.setattr(__import__(__name__), "PKG", copy)
    found = violations()
    assert any("gradcheck" in f and expected in f for f in found), found
