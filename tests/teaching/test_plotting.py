"""The plotting namespace: it re-exports each plotting module's names unchanged, and the modules stay small.

What each builder draws is tested beside its module: test_plotting_style.py, test_plotting_timecourses.py,
test_plotting_regimens.py and test_plotting_evidence.py.
"""
import ast
from pathlib import Path

import pytest

from ldnmodels.teaching import plotting, plotting_evidence, plotting_regimens, plotting_style, plotting_timecourses

TEACHING = Path(plotting.__file__).parent
MODULES = (plotting_style, plotting_timecourses, plotting_regimens, plotting_evidence)


def test_the_namespace_re_exports_each_name_of_its_modules_without_copying():
    defined = [name for module in MODULES for name in module.__all__]
    assert sorted(plotting.__all__) == sorted(defined)
    assert len(set(defined)) == len(defined), "a name defined in two plotting modules"
    for module in MODULES:
        for name in module.__all__:
            assert getattr(plotting, name) is getattr(module, name), name


def test_the_names_callers_use_are_still_there():
    used = {"STYLE", "PRESENTATION_STYLE", "COLORS", "PANELS", "style", "use_presentation", "presentation_on",
            "figure_png", "show", "set_legend_label", "set_panels_label", "reference_linewidth", "text_size",
            "plasma_figure", "update_plasma", "blockade_figure", "update_blockade", "summary_figure",
            "panels_figure", "update_panels", "concentration_gap_figure", "signaling_versus_blockade_figure",
            "schedules_figure", "update_schedules", "day_profile_figure", "update_day_profile",
            "population_bands_figure", "power_figure", "evidence_figure", "replicates_figure"}
    assert used <= set(plotting.__all__)
    assert not {"dose_occupancy_figure", "update_dose_occupancy", "direct_model_figure"} & set(dir(plotting))


def _plotting_sources():
    return sorted(TEACHING.glob("plotting*.py"))


@pytest.mark.parametrize("path", _plotting_sources(), ids=lambda p: p.name)
def test_plotting_modules_are_short_and_import_no_private_names(path):
    source = path.read_text()
    assert len(source.splitlines()) <= 400
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            assert not [alias.name for alias in node.names if alias.name.startswith("_")], (path.name, node.module)
