r"""The plain-text view of the book's math: TeX read back as the tutorial writes it.

A displayed equation carries TeX for the page; a terminal, a diff of the stored notebook
or a screen reader gets its text/plain view, which should read as math, not as a Python
string of backslashes. plain(tex) covers the TeX the book writes (SymPy's printer and the
chapters' aligned equations):

    \frac{\partial E_{total}}{\partial w_{5}}   ->  ∂E_total/∂w5
    \delta_{o1} \cdot out_{h1}                   ->  δ_o1 · out_h1
    \begin{aligned} a &= b \\ &= c \end{aligned} ->  a = b
                                                       = c      (columns lined up)
"""
import re

_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}&_^]|[^\\{}&_^]")
# Commands that attach to what follows: the space after them is dropped (∂E_total).
_ATTACHED = {r"\partial": "∂", r"\left": "", r"\right": "", r"\displaystyle": "", r"\Big": ""}
_SYMBOLS = {r"\delta": "δ", r"\sigma": "σ", r"\eta": "η", r"\sum": "Σ", r"\log": "log",
            r"\tanh": "tanh", r"\cdot": " · ", r"\odot": " ⊙ ", r"\leq": " ≤ ", r"\quad": "  ",
            r"\qquad": "  ", r"\,": " ", r"\:": " ", r"\ ": " ", "\\\\": "\n"}
_MATRICES = ("matrix", "bmatrix", "pmatrix")


def plain(tex):
    """tex as readable text: Unicode symbols, a/b fractions, aligned columns padded."""
    text, _ = _sequence(_TOKEN.findall(tex), 0, stop=None)
    lines = [line[1:] if line.startswith("\0") else _squeeze(line) for line in text.split("\n")]
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def _squeeze(text):
    """One space between words, none inside brackets: what TeX's spacing looks like."""
    text = re.sub(r" {2,}", " ", text.strip())
    return re.sub(r"([(\[]) | ([)\]])", r"\1\2", text)


def _atomic(text):
    """Whether text reads as one factor (w5, ∂E_total, (t1 - out_o1)^2) without brackets."""
    while (inner := re.sub(r"\([^()]*\)|\[[^\[\]]*\]", "", text)) != text:
        text = inner
    return bool(text) and not re.search(r"[ +\-/·=,;]|^\d+[^\d.]", text)


def _wrap(text):
    return text if _atomic(text) or re.fullmatch(r"\([^()]*\)", text) else f"({text})"


def _sequence(tokens, i, stop):
    """Convert tokens from i up to the closing stop token; (text, index after it)."""
    out = []
    while i < len(tokens) and tokens[i] != stop:
        piece, i = _one(tokens, i)
        out.append(piece)
    return "".join(out), i + 1


def _argument(tokens, i):
    """One argument: a {group} or a single token; (text, index after it)."""
    while i < len(tokens) and tokens[i] == " ":
        i += 1
    if tokens[i] == "{":
        return _sequence(tokens, i + 1, stop="}")
    return _one(tokens, i)


def _one(tokens, i):
    token = tokens[i]
    if token == "{":
        return _sequence(tokens, i + 1, stop="}")
    if token == r"\frac":
        top, i = _argument(tokens, i + 1)
        bottom, i = _argument(tokens, i)
        return f"{_wrap(top)}/{_wrap(bottom)}", i
    if token in (r"\text", r"\operatorname"):
        return _argument(tokens, i + 1)
    if token == r"\begin":
        return _environment(tokens, i)
    if token in ("_", "^"):
        body, i = _argument(tokens, i + 1)
        if token == "_" and body.isdigit():
            return body, i  # w_{5} -> w5, the tutorial's spelling
        return token + _wrap(body), i
    if token in _ATTACHED:
        i += 1
        while i < len(tokens) and tokens[i] == " ":
            i += 1
        if token in (r"\left", r"\right") and tokens[i] == ".":
            i += 1  # \left. is an invisible delimiter
        return _ATTACHED[token], i
    return _SYMBOLS.get(token, token), i + 1


def _environment(tokens, i):
    """aligned: rows, columns padded; cases: {value for condition; ...}; matrix: a, b; c, d."""
    name, i = _argument(tokens, i + 1)
    rows, cells, cell, depth = [], [], [], 0
    while not (depth == 0 and tokens[i] == r"\end"):
        token = tokens[i]
        depth += {"{": 1, "}": -1, r"\begin": 1}.get(token, 0)
        depth -= token == r"\end"
        if depth == 0 and token in ("&", "\\\\"):
            cells.append(_squeeze(_sequence(cell, 0, stop=None)[0]))
            cell = []
            if token == "\\\\":
                rows.append(cells)
                cells = []
        else:
            cell.append(token)
        i += 1
    cells.append(_squeeze(_sequence(cell, 0, stop=None)[0]))
    rows.append(cells)
    _, i = _argument(tokens, i + 1)
    if name in _MATRICES:
        return "; ".join(", ".join(r) for r in rows), i
    if name == "cases":
        return "{" + "; ".join(" ".join(c for c in r if c) for r in rows) + "}", i
    widths = [max(len(r[k]) for r in rows if len(r) > k) for k in range(max(map(len, rows)))]
    lines = [" ".join(c.ljust(w) if k < len(r) - 1 else c
                      for k, (c, w) in enumerate(zip(r, widths))) for r in rows]
    return "\n" + "\n".join("\0" + line for line in lines) + "\n", i
