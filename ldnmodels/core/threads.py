"""Tiny linear algebra runs on one BLAS thread.

The kit's matrices are 3×3 to 6×6. A multi-threaded BLAS (OpenBLAS by default) wakes its thread pool for each call;
on a shared server where every core is busy, those threads spin-wait for cores and a microsecond product takes
milliseconds. :func:`single_threaded_blas` limits BLAS to one thread around the hot paths (with ``threadpoolctl``,
restoring the previous setting afterwards), so users never have to set environment variables.
"""
from __future__ import annotations

import contextlib
from functools import lru_cache

__all__ = ["single_threaded_blas"]


@lru_cache(maxsize=1)
def _controller():
    from threadpoolctl import ThreadpoolController  # after numpy/scipy have loaded their BLAS
    return ThreadpoolController()


def single_threaded_blas():
    """A context manager limiting BLAS to one thread (a no-op where ``threadpoolctl`` is unavailable, e.g. in the
    browser build, which has no threads anyway)."""
    try:
        return _controller().limit(limits=1, user_api="blas")
    except ImportError:
        return contextlib.nullcontext()
