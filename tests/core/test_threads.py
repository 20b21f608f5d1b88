"""Tiny linear algebra on one BLAS thread, restored afterwards."""
import numpy as np
from threadpoolctl import threadpool_info

import ldnmodels as ldn
from ldnmodels.core.threads import single_threaded_blas


def blas_threads():
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_blas_runs_on_one_thread_inside_and_as_before_outside():
    np.dot(np.ones((2, 2)), np.ones((2, 2)))          # make sure numpy's BLAS is loaded
    before = blas_threads()
    assert before, "numpy's BLAS should be visible to threadpoolctl"
    with single_threaded_blas():
        assert set(blas_threads()) == {1}
    assert blas_threads() == before


def test_simulate_gives_the_same_answer_with_the_limit():
    reg = ldn.Regimen.daily(4.5, days=3)
    a = ldn.simulate(reg, hours=72.0, step_h=0.5).pain_nrs
    with single_threaded_blas():
        b = ldn.simulate(reg, hours=72.0, step_h=0.5).pain_nrs
    np.testing.assert_array_equal(a, b)
