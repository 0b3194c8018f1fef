"""What every lab estimator shares: input validation and the fitted check.

The estimators subclass scikit-learn's `BaseEstimator` for its conventions only
(get_params / set_params / clone / repr); the algorithms are the lab's own.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin  # noqa: F401
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

__all__ = [
    "BaseEstimator",
    "ClassifierMixin",
    "RegressorMixin",
    "check_is_fitted",
    "fit_data",
    "predict_data",
    "encode_classes",
]


def fit_data(estimator, X, y, *, multi_output: bool = False):
    """Validate (X, y) for fit; sets `n_features_in_` as scikit-learn does."""
    X, y = validate_data(estimator, X, y, dtype=np.float64, multi_output=multi_output, y_numeric=False)
    return X, y


def predict_data(estimator, X):
    """Validate X for predict against what fit saw (same number of features)."""
    check_is_fitted(estimator)
    return validate_data(estimator, X, dtype=np.float64, reset=False)


def encode_classes(estimator, y):
    """Store `classes_` and return y as indices 0..K-1."""
    check_classification_targets(y)
    estimator.classes_, codes = np.unique(y, return_inverse=True)
    return codes


def as_weights(sample_weight, n: int) -> np.ndarray:
    if sample_weight is None:
        return np.ones(n)
    w = np.asarray(sample_weight, dtype=np.float64).reshape(-1)
    if w.shape[0] != n:
        raise ValueError(f"sample_weight has {w.shape[0]} entries for {n} samples")
    return w
