"""The import paths from before the layers keep working (ldnmodels/compat.py)."""
import importlib
import subprocess
import sys

import pytest

from ldnmodels.compat import FORMER_MODULES


@pytest.mark.parametrize("old", sorted(FORMER_MODULES))
def test_every_former_path_imports_and_holds_the_public_names_of_its_parts(old):
    module = importlib.import_module(f"ldnmodels.{old}")
    for target in FORMER_MODULES[old]:
        part = importlib.import_module(target)
        for name in getattr(part, "__all__", ()):
            assert getattr(module, name) is getattr(part, name), f"ldnmodels.{old}.{name}"


def test_a_moved_module_is_the_module_itself():
    assert importlib.import_module("ldnmodels.titration") is importlib.import_module("ldnmodels.analyses.titration")


def test_a_split_module_is_its_main_module_so_ldn_dot_name_never_changes_meaning():
    """Importing the former path first must not make ``ldn.trials`` another object (a patch would miss)."""
    import ldnmodels as ldn
    former = importlib.import_module("ldnmodels.trials")
    assert former is ldn.trials is importlib.import_module("ldnmodels.analyses.trials")


def test_split_modules_answer_old_imports():
    from ldnmodels.structures import ensemble, receptor_structures  # noqa: F401 (the import is the test)
    from ldnmodels.trials import TrialDesign, power_curve  # noqa: F401


def test_an_unknown_path_still_fails():
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("ldnmodels.no_such_module")


def test_python_dash_m_with_a_former_path_runs_the_new_module():
    run = subprocess.run([sys.executable, "-m", "ldnmodels.cli", "--version"], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.startswith("ldnmodels "), run.stderr
