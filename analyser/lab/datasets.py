"""The course's toy datasets, generated from a seed (iris comes with scikit-learn)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Dataset:
    X: np.ndarray
    y: np.ndarray
    name: str
    task: str  # "regression" | "classification"
    feature_names: list[str] = field(default_factory=list)
    target_name: str = "y"
    description: str = ""


SALARY_NOISE = 8.0  # k EUR: the standard deviation around the true line


def salary(n: int = 373, seed: int = 0) -> Dataset:
    """Yearly salary (k EUR) against years of experience: a line plus noise.

    salary = 30 + 2.5 * years + eps, eps ~ N(0, 8^2), years ~ U(0, 35).
    """
    rng = np.random.default_rng(seed)
    years = rng.uniform(0, 35, n)
    pay = 30.0 + 2.5 * years + rng.normal(0, SALARY_NOISE, n)
    return Dataset(
        X=years[:, None], y=pay, name="salary", task="regression",
        feature_names=["years of experience"], target_name="salary (k EUR)",
        description="salary = 30 + 2.5 years + N(0, 8^2), years ~ U(0, 35)",
    )


def xnor(n: int = 500, noise: float = 0.35, seed: int = 0) -> Dataset:
    """Noisy XNOR: Gaussian blobs (std `noise`) around the four corners (+-1, +-1).

    The label is 1 when the corner's two signs agree (XNOR), 0 otherwise; no
    straight line separates the classes, two do.
    """
    rng = np.random.default_rng(seed)
    corners = rng.choice([-1.0, 1.0], size=(n, 2))
    X = corners + rng.normal(0, noise, (n, 2))
    y = (corners[:, 0] == corners[:, 1]).astype(int)
    return Dataset(
        X=X, y=y, name="xnor", task="classification", feature_names=["x1", "x2"], target_name="xnor",
        description=f"four Gaussian blobs (std {noise}) at (+-1, +-1), label = sign(x1) == sign(x2)",
    )


@dataclass
class LinearProblem:
    """y = x . theta + eps with x ~ N(0, I_d), eps ~ N(0, noise^2); the true theta is known.

    `sample` draws fresh data, so risks, bias and variance can be measured
    against the truth rather than estimated.
    """

    theta: np.ndarray
    noise: float

    @property
    def d(self) -> int:
        return len(self.theta)

    def sample(self, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        X = rng.normal(size=(n, self.d))
        return X, X @ self.theta + rng.normal(0, self.noise, n)

    def f(self, X: np.ndarray) -> np.ndarray:
        """The noise-free target."""
        return X @ self.theta


def linear_problem(d: int = 100, noise: float = 1.0, seed: int = 0) -> LinearProblem:
    """The d' = 100 linear problem; theta ~ N(0, I/d) so that Var(x . theta) = 1."""
    rng = np.random.default_rng(seed)
    return LinearProblem(theta=rng.normal(0, 1 / np.sqrt(d), d), noise=noise)


def linear(n: int = 500, d: int = 100, noise: float = 1.0, seed: int = 0) -> Dataset:
    """n samples of the linear problem as a Dataset."""
    problem = linear_problem(d, noise, seed)
    X, y = problem.sample(n, np.random.default_rng(seed + 1))
    return Dataset(
        X=X, y=y, name="linear", task="regression", feature_names=[f"x{i}" for i in range(d)],
        description=f"y = x . theta + N(0, {noise}^2), d' = {d}",
    )


def iris() -> Dataset:
    """Fisher's iris (150 flowers, 4 measurements, 3 species), bundled with scikit-learn."""
    from sklearn.datasets import load_iris

    data = load_iris()
    return Dataset(
        X=np.asarray(data.data, dtype=np.float64), y=np.asarray(data.target), name="iris", task="classification",
        feature_names=list(data.feature_names), target_name="species",
        description="Fisher's iris, 3 species",
    )


DATASETS = {"salary": salary, "xnor": xnor, "linear": linear, "iris": iris}


def load(name: str, seed: int = 0) -> Dataset:
    """A dataset by name; iris ignores the seed."""
    from analyser.lab.errors import UnknownDatasetError

    if name not in DATASETS:
        raise UnknownDatasetError(name, sorted(DATASETS))
    return DATASETS[name]() if name == "iris" else DATASETS[name](seed=seed)
