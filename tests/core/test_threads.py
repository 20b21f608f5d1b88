"""Tiny linear algebra on one BLAS thread, restored afterwards."""
import numpy as np
import pytest
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


def test_simulate_solves_on_one_thread_and_gives_the_callers_setting_back(monkeypatch):
    """simulate() limits BLAS itself (a caller's limit around it would test nothing): inside its solve BLAS has one
    thread, even when the caller allows two, and afterwards the caller's two are back."""
    from threadpoolctl import threadpool_limits

    from ldnmodels.model import simulation
    inside = []
    real = simulation.mechanisms

    def spy(*args, **kwargs):
        inside.append(set(blas_threads()))
        return real(*args, **kwargs)
    monkeypatch.setattr(simulation, "mechanisms", spy)
    np.dot(np.ones((2, 2)), np.ones((2, 2)))
    with threadpool_limits(limits=2, user_api="blas"):
        outside = blas_threads()
        if set(outside) != {2}:
            pytest.skip(f"BLAS here cannot run two threads ({outside}): one thread inside would prove nothing")
        ldn.simulate(ldn.Regimen.daily(4.5, days=3), hours=72.0, step_h=0.5)
        assert blas_threads() == outside
    assert inside == [{1}]
