"""The digits network: one epoch of mini-batch training, the engine's MLP against peers.

    .venv-bench/bin/python benchmarks/digits_epoch.py [--repeats N]

The network of the digits chapter: 64 inputs, 32 tanh neurons, 10 softmax outputs,
cross-entropy averaged over each mini-batch; its training set (1,348 images, seed 0),
mini-batches of 16 in the rows' order (no shuffling, so every contender sees the same
batches), eta = 0.05, plain gradient descent; all start from the same weights
(MLP.random(..., seed=0)). Contenders (each skipped with a line if its package is
missing):

    engine         MLP.train(X, T, eta, 1, batch_size=16, shuffle=False); this also
                   measures E over the whole training set before and after the epoch,
                   as its History records
    PyTorch eager  nn.Sequential(Linear, Tanh, Linear) in float64, CrossEntropyLoss,
                   optim.SGD: the usual training loop
    scikit-learn   MLPClassifier(tanh, solver="sgd", momentum=0, alpha=0), one
                   partial_fit over the set

Before timing, each contender's weights after the epoch must match the engine's to 1e-9.
"""
from _common import header, medians, optional, parser, table  # first: sets threads
import numpy as np

from backprop import MLP
from backprop.nn import datasets

SIZES, ACTS, LOSS = [64, 32, 10], ["tanh", "softmax"], "cross_entropy"
BATCH, ETA, SEED = 16, 0.05, 0


def start():
    return MLP.random(SIZES, ACTS, LOSS, seed=SEED)


def engine(data):
    def run(net):
        net.train(data.X_train, data.T_train, ETA, 1, batch_size=BATCH, shuffle=False)
        return net.W, net.b
    return start, run


def pytorch(torch, data):
    f64 = torch.float64
    X = torch.tensor(data.X_train, dtype=f64)
    y = torch.tensor(data.labels_train, dtype=torch.long)
    first = start()

    def setup():
        model = torch.nn.Sequential(torch.nn.Linear(64, 32), torch.nn.Tanh(),
                                    torch.nn.Linear(32, 10)).to(f64)
        with torch.no_grad():
            for layer, W, b in zip((model[0], model[2]), first.W, first.b):
                layer.weight.copy_(torch.tensor(W))
                layer.bias.copy_(torch.tensor(b))
        return model

    def run(model):
        loss_fn = torch.nn.CrossEntropyLoss()
        optimizer = torch.optim.SGD(model.parameters(), lr=ETA)
        losses = []
        for i in range(0, len(X), BATCH):
            optimizer.zero_grad()
            loss = loss_fn(model(X[i:i + BATCH]), y[i:i + BATCH])
            loss.backward()
            optimizer.step()
            losses.append(loss.detach())
        return ([model[0].weight.detach().numpy(), model[2].weight.detach().numpy()],
                [model[0].bias.detach().numpy(), model[2].bias.detach().numpy()])
    return setup, run


def sklearn(neural_network, data):
    first = start()

    def setup():
        clf = neural_network.MLPClassifier(
            hidden_layer_sizes=(32,), activation="tanh", solver="sgd", alpha=0.0,
            batch_size=BATCH, learning_rate="constant", learning_rate_init=ETA,
            momentum=0.0, nesterovs_momentum=False, shuffle=False, max_iter=1)
        # The first partial_fit sets the model up (random weights, label binarizer);
        # then the engine's starting weights replace its own.
        clf.partial_fit(data.X_train[:BATCH], data.labels_train[:BATCH],
                        classes=np.arange(10))
        clf.coefs_ = [W.T.copy() for W in first.W]
        clf.intercepts_ = [b.copy() for b in first.b]
        return clf

    def run(clf):
        clf.partial_fit(data.X_train, data.labels_train)
        return [W.T for W in clf.coefs_], clf.intercepts_
    return setup, run


def main():
    args = parser(__doc__, repeats=15).parse_args()
    data = datasets.digits(seed=SEED)
    n = len(data.X_train)
    header("digits network", f"one epoch: {n:,} images, 64-32-10 tanh/softmax, "
                             f"cross-entropy, batches of {BATCH}, eta {ETA}", args.repeats)
    runs = {"engine": engine(data)}
    torch = optional("torch", "PyTorch")
    if torch:
        runs["PyTorch eager"] = pytorch(torch, data)
    nn = optional("sklearn.neural_network", "scikit-learn")
    if nn:
        runs["scikit-learn"] = sklearn(nn, data)

    setup, run = runs["engine"]
    W_ref, b_ref = run(setup())
    worst = 0.0
    for name, (setup, run) in runs.items():
        W, b = run(setup())
        diff = max(np.abs(a - r).max() for a, r in zip([*W, *b], [*W_ref, *b_ref]))
        if diff > 1e-9:
            raise SystemExit(f"{name}'s weights after the epoch differ from the engine's "
                             f"by {diff:.2e}: not the same computation")
        worst = max(worst, diff)
    print(f"   check: every contender's weights after the epoch match the engine's to 1e-9 "
          f"(largest difference {worst:.1e})")
    if torch:
        print(f"   PyTorch uses {torch.get_num_threads()} threads")

    times = medians(runs, args.repeats)
    table(times, "engine", "ms per epoch", 1e3)


if __name__ == "__main__":
    main()
