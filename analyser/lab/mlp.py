"""A fully connected network trained by backpropagation and mini-batch SGD.

Forward: A_0 = X, Z_l = A_{l-1} W_l + b_l, A_l = g(Z_l); the output layer is a
softmax (classifier) or the identity (regressor).
Backward: delta_L = dLoss/dZ_L = (P - Y) / m (cross-entropy after softmax, or
half squared error), dW_l = A_{l-1}^T delta_l + alpha W_l, db_l = sum_i delta_l,
delta_{l-1} = (delta_l W_l^T) * g'(Z_{l-1}).
The parameters live in one flat vector so that the lab's `SGD` optimiser
(momentum, stopping criterion) trains the network unchanged.
"""

from __future__ import annotations

import numpy as np

from analyser.lab._base import (
    BaseEstimator,
    ClassifierMixin,
    RegressorMixin,
    check_is_fitted,
    encode_classes,
    fit_data,
    predict_data,
)
from analyser.lab.optim import SGD, Objective
from analyser.lab.softmax import cross_entropy, softmax


def _relu(Z):
    return np.maximum(Z, 0.0)


def _sigmoid(Z):
    return 0.5 * (1.0 + np.tanh(0.5 * Z))  # = 1 / (1 + e^-z), without overflow


def _relu_slope(A):
    return (A > 0).astype(A.dtype)


def _sigmoid_slope(A):
    return A * (1.0 - A)


def _tanh_slope(A):
    return 1.0 - A**2


# activation -> (g, g' written in terms of the activation A = g(Z)); named
# functions, not lambdas, so that a fitted network pickles
_ACTIVATIONS = {
    "relu": (_relu, _relu_slope),
    "sigmoid": (_sigmoid, _sigmoid_slope),
    "logistic": (_sigmoid, _sigmoid_slope),
    "tanh": (np.tanh, _tanh_slope),
}


class _Network:
    def __init__(self, sizes, activation, classification, alpha):
        if activation not in _ACTIVATIONS:
            raise ValueError(f"activation must be one of {sorted(_ACTIVATIONS)}, got {activation!r}")
        self.sizes = sizes
        self.g, self.dg = _ACTIVATIONS[activation]
        self.classification = classification
        self.alpha = alpha
        self.shapes = [(a, b) for a, b in zip(sizes[:-1], sizes[1:])]
        self.size = sum(a * b + b for a, b in self.shapes)

    def unpack(self, flat):
        """(W_l, b_l) views into the flat vector."""
        layers, at = [], 0
        for a, b in self.shapes:
            W = flat[at : at + a * b].reshape(a, b)
            at += a * b
            layers.append((W, flat[at : at + b]))
            at += b
        return layers

    def init(self, rng):
        flat = np.empty(self.size)
        for W, b in self.unpack(flat):
            # Glorot uniform: bound sqrt(6 / (fan_in + fan_out))
            bound = np.sqrt(6.0 / (W.shape[0] + W.shape[1]))
            W[...] = rng.uniform(-bound, bound, W.shape)
            b[...] = rng.uniform(-bound, bound, b.shape)
        return flat

    def forward(self, flat, X):
        activations = [X]
        layers = self.unpack(flat)
        for i, (W, b) in enumerate(layers):
            Z = activations[-1] @ W + b
            if i < len(layers) - 1:
                Z = self.g(Z)
            elif self.classification:
                Z = softmax(Z)
            activations.append(Z)
        return activations

    def loss(self, flat, X, target):
        out = self.forward(flat, X)[-1]
        penalty = 0.5 * self.alpha * sum(float(np.sum(W**2)) for W, _ in self.unpack(flat))
        if self.classification:
            return cross_entropy(out, target) + penalty
        return 0.5 * float(np.mean(np.sum((out - target) ** 2, axis=1))) + penalty

    def gradient(self, flat, X, target):
        activations = self.forward(flat, X)
        layers = self.unpack(flat)
        grad = np.empty_like(flat)
        grads = self.unpack(grad)
        m = len(X)
        out = activations[-1]
        if self.classification:
            delta = out.copy()
            delta[np.arange(m), target] -= 1.0
        else:
            delta = out - target
        delta /= m
        for i in range(len(layers) - 1, -1, -1):
            W = layers[i][0]
            gW, gb = grads[i]
            gW[...] = activations[i].T @ delta + self.alpha * W
            gb[...] = delta.sum(axis=0)
            if i:
                delta = (delta @ W.T) * self.dg(activations[i])
        return grad


class _MLP(BaseEstimator):
    def __init__(
        self,
        hidden_layer_sizes: tuple[int, ...] = (100,),
        activation: str = "relu",
        alpha: float = 1e-4,
        batch_size: int = 32,
        learning_rate_init: float = 0.05,
        momentum: float = 0.9,
        max_iter: int = 200,
        tol: float = 1e-5,
        n_iter_no_change: int = 10,
        random_state: int | None = None,
    ):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.alpha = alpha
        self.batch_size = batch_size
        self.learning_rate_init = learning_rate_init
        self.momentum = momentum
        self.max_iter = max_iter
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.random_state = random_state

    def _train(self, X, target, n_outputs, classification):
        hidden = (self.hidden_layer_sizes,) if np.isscalar(self.hidden_layer_sizes) else tuple(self.hidden_layer_sizes)
        net = _Network([X.shape[1], *map(int, hidden), n_outputs], self.activation, classification, float(self.alpha))
        rng = np.random.default_rng(self.random_state)
        n = len(X)
        objective = Objective(
            loss=lambda flat: net.loss(flat, X, target),
            gradient=lambda flat, idx: net.gradient(flat, X[idx], target[idx]),
            n_samples=n,
        )
        optimiser = SGD(
            learning_rate=self.learning_rate_init,
            batch_fraction=min(1.0, max(1, int(self.batch_size)) / n),
            max_epochs=self.max_iter,
            tol=self.tol,
            n_iter_no_change=self.n_iter_no_change,
            momentum=self.momentum,
            random_state=int(rng.integers(2**31)),
        )
        result = optimiser.minimise(objective, net.init(rng))
        self._net, self._flat = net, result.theta
        self.coefs_ = [W.copy() for W, _ in net.unpack(result.theta)]
        self.intercepts_ = [b.copy() for _, b in net.unpack(result.theta)]
        self.loss_curve_ = result.history[1:]
        self.n_iter_ = result.n_epochs
        self.loss_ = result.history[-1]
        return self

    def _output(self, X):
        check_is_fitted(self)
        X = predict_data(self, X)
        return self._net.forward(self._flat, X)[-1]


class MLPClassifier(ClassifierMixin, _MLP):
    """Classifier network: hidden layers with `activation`, softmax output, cross-entropy."""

    def fit(self, X, y):
        X, y = fit_data(self, X, y)
        codes = encode_classes(self, y)
        return self._train(X, codes, len(self.classes_), classification=True)

    def predict_proba(self, X):
        return self._output(X)

    def predict(self, X):
        P = self.predict_proba(X)
        return self.classes_[np.argmax(P, axis=1)]


class MLPRegressor(RegressorMixin, _MLP):
    """Regression network: identity output, half squared error.

    The default step is smaller than the classifier's: a squared error has no
    bound on its gradient.
    """

    def __init__(
        self,
        hidden_layer_sizes: tuple[int, ...] = (100,),
        activation: str = "relu",
        alpha: float = 1e-4,
        batch_size: int = 32,
        learning_rate_init: float = 0.01,
        momentum: float = 0.9,
        max_iter: int = 200,
        tol: float = 1e-5,
        n_iter_no_change: int = 10,
        random_state: int | None = None,
    ):
        super().__init__(
            hidden_layer_sizes, activation, alpha, batch_size, learning_rate_init, momentum, max_iter, tol, n_iter_no_change, random_state
        )

    def fit(self, X, y):
        X, y = fit_data(self, X, y, multi_output=True)
        y = np.asarray(y, dtype=np.float64)
        self._one_output = y.ndim == 1
        target = y[:, None] if y.ndim == 1 else y
        return self._train(X, target, target.shape[1], classification=False)

    def predict(self, X):
        out = self._output(X)
        return out[:, 0] if self._one_output else out
