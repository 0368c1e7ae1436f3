"""The recap after chapter 5: the four equations of backpropagation on one screen, and a key
from the engine's names to the symbols.

    EQUATIONS                the four, each (what it gives, the engine name it is shown for)
    equation(k)              LaTeX of equation k (1..4) as SymPy derives it, for o1, h1, w5,
                             w1 and b2
    code_names()             every name the engine's two layer functions compute, in order
    key_table(params, ex)    those names, the derivative each is, and its value
"""
from .. import _validate
from ..derive import source
from ..derive.symbolic import Latex, aligned
from ..tutorial import backward as engine
from ..tutorial.network import TUTORIAL_EXAMPLE, TUTORIAL_PARAMS

EQUATIONS = (
    ("the delta of an output neuron", ("delta_o1",)),
    ("the delta of a hidden neuron, from the deltas after it", ("delta_h1",)),
    ("the gradient of a weight: the delta it leads into, times what it carries",
     ("dE_dw5", "dE_dw1")),
    ("the gradient of a bias: the deltas of the neurons it feeds", ("dE_db2",)),
)


def equation(k):
    """Equation k (1 to 4) in the book's notation, derived by SymPy (derive.source)."""
    k = _validate.count("k", k, minimum=1, maximum=len(EQUATIONS))
    lines = [source.equation(name).replace(" = ", " &= ", 1) for name in EQUATIONS[k - 1][1]]
    return aligned(lines) if len(lines) > 1 else Latex(lines[0].replace("&", ""))


def code_names():
    """[name] of everything output_layer and hidden_layer compute, in their order."""
    return [name for fn in (engine.output_layer, engine.hidden_layer)
            for name, _ in source.computed(fn)]


def key_table(params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """Each engine name, the derivative it stands for, and its value at params, example."""
    return source.key(code_names(), engine.backward(params, example).as_dict())
