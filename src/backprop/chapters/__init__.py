"""One module per chapter that needs one, named after the chapter(s) it serves.

    ch02_03_neurons           chapters 2 and 3: the logistic curve, errors of one neuron
    ch06_training             chapter 6 (and 8, 9): outputs, tables
    ch06b_learning_rate       chapter 6b: the learning-rate sweep's figure
    ch07_questions            chapter 7 (and 9): the readers' questions, the target figure
    ch08_biases               chapter 8: trained biases
    ch09_published_numbers    chapter 9: where the published numbers come from
    ch10_losses_activations   chapter 10: other losses and activations
    ch11_12_batches           chapters 11 and 12 (parameter_count also 13 and 14)
    ch11_seeds                chapter 11: XOR from many random starts, trained side by side
    ch12_depth                chapter 12: each layer's error signal, logistic against tanh, ReLU
    ch13_gradient_checking    chapter 13: the mistakes lab, gradient checks
    ch13_14_digits            chapters 13 (step-size figure) and 14: handwritten digits

Only the notebooks import these (tests may too); a chapter module never imports another:
what two chapters share lives in a layer below. May import every other layer.
"""
