"""Give memory that NumPy has freed back to the operating system.

glibc's allocator keeps the freed blocks of a process's heap for reuse: after simulating a hundred patients at a time
a notebook kernel holds some 30 MB it no longer uses, and an app server keeps one such kernel per open page.
``malloc_trim`` returns them. Elsewhere (macOS, Windows, musl, the browser build) :func:`release_freed_memory` does
nothing.
"""
from __future__ import annotations

import ctypes
import functools
import sys

__all__ = ["release_freed_memory"]


@functools.cache
def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def release_freed_memory() -> bool:
    """Return the heap's free pages to the operating system (glibc's ``malloc_trim(0)``; ~3 ms after a big run,
    ~0.1 ms otherwise).

    Returns
    -------
    bool
        True where it could (Linux with glibc), False where it does nothing.
    """
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
