"""Import paths from before the layers: ``ldnmodels.trials``, ``ldnmodels.cli``, ... keep working.

Until the package was split into layers its modules sat side by side (``ldnmodels/trials.py``). Code written then
imports them by those paths (``from ldnmodels.trials import TrialDesign, power_curve``; ``python -m ldnmodels.cli``).
:func:`install` puts a finder on ``sys.meta_path`` that answers those paths: a path whose module moved unchanged
gets that module itself; a path whose module was split (``trials`` into ``trials`` and ``trial_power``) gets its main
module, given the public names of the other parts. Run as a script (``python -m ldnmodels.cli``) an old path runs
its new module.
Every module of a layer is reached the same way by its short name (``import ldnmodels.hypotheses``), as
``ldn.<module>`` is. New code should import from the layers (``ldnmodels.analyses.trials``) or use
``ldn.<module>``.
"""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys

__all__ = ["FORMER_MODULES", "install"]

#: Old path (under ``ldnmodels``) -> the modules that hold its names now, the first the main one.
FORMER_MODULES = {
    **{name: (f"ldnmodels.core.{name}",) for name in ("bibliography", "constants", "linear", "metrics", "outputs",
                                                      "patients", "sources", "threads", "validation")},
    **{name: (f"ldnmodels.model.{name}",) for name in ("endorphin", "inflammation", "opioids", "pharmacokinetics",
                                                       "receptor_binding", "receptor_tissue", "receptor_two_phase",
                                                       "regimen", "simulation", "symptoms")},
    "receptor": ("ldnmodels.model.receptor", "ldnmodels.model.receptor_biophase"),
    "structures": ("ldnmodels.model.structures", "ldnmodels.analyses.ensembles"),
    **{name: (f"ldnmodels.analyses.{name}",) for name in ("calibration", "evidence", "experiments", "population",
                                                          "side_effects", "titration")},
    "analysis": ("ldnmodels.analyses.trial_statistics",),
    "trials": ("ldnmodels.analyses.trials", "ldnmodels.analyses.trial_power"),
    "fitting": ("ldnmodels.analyses.fitting", "ldnmodels.analyses.fitting_comparison"),
    "cli": ("ldnmodels.teaching.cli",),
}


class _FormerPathLoader(importlib.abc.Loader):
    def __init__(self, targets: tuple[str, ...]) -> None:
        self.targets = targets

    def create_module(self, spec):
        main, *others = [importlib.import_module(target) for target in self.targets]
        # the old path is the main module itself (so ldn.trials, ldnmodels.trials and ldnmodels.analyses.trials are
        # one object, and patching one patches all); the names that moved to its other parts are reachable from it
        for part in others:
            for name in getattr(part, "__all__", ()):
                if not hasattr(main, name):
                    setattr(main, name, getattr(part, name))
        return main

    def exec_module(self, module) -> None:
        """Nothing to run: the module already holds its names."""

    def get_code(self, fullname):
        """For ``python -m ldnmodels.<old path>``: run the new module as the main program."""
        return compile(f"import runpy\nrunpy.run_module({self.targets[0]!r}, run_name='__main__', alter_sys=True)\n",
                       f"<{fullname}: now {self.targets[0]}>", "exec")


class _FormerPathFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        package, _, name = fullname.rpartition(".")
        if package != "ldnmodels":
            return None
        if name in FORMER_MODULES:
            return importlib.util.spec_from_loader(fullname, _FormerPathLoader(FORMER_MODULES[name]))
        from . import MODULES  # ldnmodels.<module> for every module of a layer (ldnmodels.hypotheses, ...)

        if name in MODULES:
            return importlib.util.spec_from_loader(fullname, _FormerPathLoader((MODULES[name],)))
        return None


def install() -> None:
    """Answer the former import paths (idempotent)."""
    if not any(isinstance(finder, _FormerPathFinder) for finder in sys.meta_path):
        sys.meta_path.append(_FormerPathFinder())
