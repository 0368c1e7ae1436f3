"""The matrix engine: any depth, batches, NumPy arrays with one row per example.

    activations  logistic, tanh, relu, identity, softmax: f and df
    losses       squared error, binary and categorical cross-entropy, Huber
    mlp          MLP: online / mini-batch / full-batch training
    stacked      Stacked: K networks of one shape trained together, a leading network axis
    datasets     the tutorial's example, XOR, moons, circles, handwritten digits
    gradcheck    backprop's gradients against central finite differences

May import: backprop._validate and backprop.tutorial (nothing that draws).
"""
