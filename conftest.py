"""Settings for every test run, the notebooks' (nbval) included, and the markers that sort the tests by what they
need (``make test-fast`` deselects ``notebook``, ``browser`` and ``slow``)."""
import os
from pathlib import Path

import pytest

# plotting.show refuses a figure whose series only hue tells apart (unreadable in greyscale); nbval's kernels
# inherit the variable, so every figure a notebook shows is checked
os.environ["LDN_CHECK_FIGURES"] = "1"

_BROWSER_TESTS = Path(__file__).resolve().parent / "tests" / "browser"


#: Browser test files that share the app's servers (Voilà and JupyterLab, session fixtures): ``test_app_*.py``, and
#: one with a server of its own that mostly waits (``test_app_kernel_pool.py``): the worker that runs them waits on
#: pages while the others compute. (The kernel-culling tests start servers of their own too; another worker runs
#: them at the same time.)
APP_SERVER_FILES = "test_app_*.py"
#: Their one work unit under ``--dist loadfile`` (see ``pytest_xdist_make_scheduler``).
APP_SERVERS = "app servers"


def pytest_collection_modifyitems(items):
    """Mark nbval's notebook cells ``notebook`` and everything under tests/browser ``browser``, and put the browser
    tests first: those of the app's servers, then the others (whole builds of the book, the slides, JupyterLite),
    so that under xdist a worker starts each of them early while the others share the short tests."""
    order = {}
    for item in items:
        path = Path(str(item.path))
        if path.suffix == ".ipynb":
            item.add_marker(pytest.mark.notebook)
        elif _BROWSER_TESTS in path.parents:
            item.add_marker(pytest.mark.browser)
            app = path.match(APP_SERVER_FILES)
            if not app and {"voila_url", "lab_url"} & set(getattr(item, "fixturenames", ())):
                raise pytest.UsageError(f"{item.nodeid}: a browser test that uses voila_url or lab_url goes in a "
                                        f"tests/browser/{APP_SERVER_FILES} file (one worker runs those files, so "
                                        "each server starts once)")
            order[item] = 0 if app else 1
    items.sort(key=lambda item: order.get(item, 2))  # stable: each file's tests keep their order


def pytest_xdist_make_scheduler(config, log):
    """``--dist loadfile`` with the ``test_app_*.py`` browser files as one unit, so that one worker starts the app's
    servers once (``--dist loadgroup`` would do it with marks, but does not group under pytest 9.2:
    pytest-dev/pytest-xdist#1386)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class AppServersTogether(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            file = super()._split_scope(nodeid)
            return APP_SERVERS if Path(file).match(f"tests/browser/{APP_SERVER_FILES}") else file

    return AppServersTogether(config, log)

