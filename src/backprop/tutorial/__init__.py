"""The tutorial's engine: the 2-2-2 network of logistic neurons, in the tutorial's names.

    network      the parameters w1..w8, biases, the training example
    published    the tutorial's printed values (data/published-values.csv), digits as printed
    forward      net and logistic out of every neuron, E_o1, E_o2, E_total
    backward     every chain-rule factor and dE_total/dp
    fast         the training loop on plain floats (or NumPy arrays, one network per element)
    training     one gradient-descent update, and training with an error history
    walkthrough  the whole example as one named table, in the tutorial's order
    sweep        many networks trained at once (one per learning rate or start)
    gradcheck    central differences: a slope of E_total without the chain rule

May import: the standard library, NumPy, backprop._validate. Nothing else of backprop.
"""
