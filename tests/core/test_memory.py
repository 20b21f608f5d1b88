import subprocess
import sys

import pytest

from ldnmodels.core.memory import release_freed_memory

#: In a process of its own: allocate 160 MB in 64 KB arrays (glibc's heap, not mmap), keep every tenth so the freed
#: ones sit between live ones (glibc cannot give them back by itself), free the rest and print resident memory (MB)
#: before and after release_freed_memory.
_SCRIPT = """
import numpy as np, psutil
from ldnmodels.core.memory import release_freed_memory
blocks = [np.ones(8192) for _ in range(2500)]
kept = blocks[::10]
del blocks
before = psutil.Process().memory_info().rss / 2**20
assert release_freed_memory()
after = psutil.Process().memory_info().rss / 2**20
print(before, after)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_freed_heap_memory_goes_back_to_the_system():
    before, after = map(float, subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True,
                                              check=True).stdout.split())
    assert before - after > 100, (before, after)  # of the ~140 MB freed


def test_it_says_whether_it_could():
    assert release_freed_memory() is sys.platform.startswith("linux")
