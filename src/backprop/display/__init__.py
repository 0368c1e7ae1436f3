"""Showing numbers: figures, tables, SVG charts, the network diagram, exercises.

    style        the look, set once: palette (Okabe-Ito, INK, greys), font sizes, the runs'
                 colours and dashes, matplotlib rcParams (RC) and the styled decorator
    numbers      number formats, one function each (significant, sci, fixed_decimals, ...)
    figures      matplotlib set-up, chart(), Image (SVG for the book)
    tables       Markdown tables of the tutorial's numbers, checked against the published
    svgchart     small SVG charts drawn without matplotlib (for the explorers)
    diagram      the 2-2-2 network drawn, with its labels and alt text
    chain_figure the chain rule's path through the diagram
    prose        Glue: numbers glued into the prose, with the digits the prose shows
    error_histories  error histories: error_curve and its alt text, and
                     reading a history (updates_to_reach, overtakes, decades_fallen)
    exercises    the chapters' exercises with hidden, checked answers

May import: backprop._validate, backprop.tutorial, backprop.nn.
"""
