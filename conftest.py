"""Settings for every test run, the notebooks' (nbval) included, and the markers that sort the tests by what they
need (``make test-fast`` deselects ``notebook``, ``browser`` and ``slow``)."""
import os
from pathlib import Path

import pytest

# plotting.show refuses a figure whose series only hue tells apart (unreadable in greyscale); nbval's kernels
# inherit the variable, so every figure a notebook shows is checked
os.environ["LDN_CHECK_FIGURES"] = "1"

_BROWSER_TESTS = Path(__file__).resolve().parent / "tests" / "browser"


def pytest_collection_modifyitems(items):
    """Mark nbval's notebook cells ``notebook`` and everything under tests/browser ``browser``."""
    for item in items:
        path = Path(str(item.path))
        if path.suffix == ".ipynb":
            item.add_marker(pytest.mark.notebook)
        elif _BROWSER_TESTS in path.parents:
            item.add_marker(pytest.mark.browser)
