"""The lab's estimators against the relevant parts of scikit-learn's estimator checks.

Chosen checks: the parameter conventions (get_params / set_params, clone,
nothing done in __init__, fit returns self and does not touch parameters), the
fitted-state contract (NotFittedError before fit, n_features_in_, wrong number
of features at predict), and input validation (NaN / inf, 1-D X, empty data,
dtypes). Checks about sparse input, sample-weight equivalence or pandas
objects are not in scope.
"""

from __future__ import annotations

import warnings

import pytest
from sklearn.base import is_classifier, is_regressor
from sklearn.utils import estimator_checks as ec

from analyser.lab import (
    AdaBoostClassifier,
    DecisionTreeClassifier,
    DecisionTreeRegressor,
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    LinearRegression,
    MLPClassifier,
    MLPRegressor,
    NearestNeighbourClassifier,
    RandomForestClassifier,
    RandomForestRegressor,
    Ridge,
    SoftmaxRegression,
)

# small settings so that the checks run fast
ESTIMATORS = [
    LinearRegression(),
    Ridge(alpha=0.1),
    SoftmaxRegression(),
    DecisionTreeClassifier(max_depth=4),
    DecisionTreeRegressor(max_depth=4),
    RandomForestClassifier(n_estimators=5, random_state=0),
    RandomForestRegressor(n_estimators=5, random_state=0),
    AdaBoostClassifier(n_estimators=5),
    GradientBoostingClassifier(n_estimators=5),
    GradientBoostingRegressor(n_estimators=5),
    MLPClassifier(hidden_layer_sizes=(5,), max_iter=5, random_state=0),
    MLPRegressor(hidden_layer_sizes=(5,), max_iter=5, random_state=0),
    NearestNeighbourClassifier(),
]

CHECKS = [
    ec.check_parameters_default_constructible,
    ec.check_no_attributes_set_in_init,
    ec.check_get_params_invariance,
    ec.check_set_params,
    ec.check_estimator_cloneable,
    ec.check_estimator_repr,
    ec.check_estimators_fit_returns_self,
    ec.check_dont_overwrite_parameters,
    ec.check_estimators_overwrite_params,
    ec.check_estimators_unfitted,
    ec.check_fit_check_is_fitted,
    ec.check_n_features_in,
    ec.check_n_features_in_after_fitting,
    ec.check_fit2d_predict1d,
    ec.check_fit1d,
    ec.check_estimators_nan_inf,
    ec.check_estimators_empty_data_messages,
    ec.check_estimators_dtypes,
    ec.check_fit_score_takes_y,
    ec.check_estimators_pickle,
    ec.check_fit_idempotent,
    ec.check_methods_subset_invariance,
]


def _id(value):
    return type(value).__name__ if not callable(value) or hasattr(value, "get_params") else value.__name__


@pytest.mark.parametrize("check", CHECKS, ids=_id)
@pytest.mark.parametrize("estimator", ESTIMATORS, ids=_id)
def test_estimator_check(estimator, check):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check(type(estimator).__name__, estimator)


CLASSIFIERS = [e for e in ESTIMATORS if is_classifier(e)]
REGRESSORS = [e for e in ESTIMATORS if is_regressor(e)]


@pytest.mark.parametrize("check", [ec.check_classifiers_classes,
                                   ec.check_classifiers_regression_target, ec.check_supervised_y_no_nan], ids=_id)
@pytest.mark.parametrize("estimator", CLASSIFIERS, ids=_id)
def test_classifier_check(estimator, check):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check(type(estimator).__name__, estimator)


@pytest.mark.parametrize("check", [ec.check_regressors_int,
                                   ec.check_regressors_no_decision_function, ec.check_supervised_y_no_nan], ids=_id)
@pytest.mark.parametrize("estimator", REGRESSORS, ids=_id)
def test_regressor_check(estimator, check):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check(type(estimator).__name__, estimator)


def test_every_public_estimator_is_checked():
    import analyser.lab as lab

    public = {name for name in lab.__all__ if hasattr(getattr(lab, name), "fit") and name[0].isupper()}
    public -= {"GridSearch"}  # a meta-estimator, tested in test_lab_model_selection
    assert public == {type(e).__name__ for e in ESTIMATORS}
