"""Fitted and calibrated defaults: one shipped file the pipeline writes and every parameter class reads.

The last test is the point of it: change one sourced PK value where it lives, rerun the fit, and every fitted default
moves, with no other edit (in a temporary copy of the package; the shipped file is never written by tests).
"""
import ast
import dataclasses
import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ldnmodels import SOURCES, data
from ldnmodels.analyses import calibration, pipeline
from ldnmodels.core.sources import calibrated, fitted

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "ldnmodels"
#: Where each owner named in the file is defined.
OWNERS = {"PKParameters": "ldnmodels.model.pharmacokinetics", "ReceptorParameters": "ldnmodels.model.receptor_biophase",
          "DirectReceptorParameters": "ldnmodels.model.receptor_biophase",
          "BindingReceptorParameters": "ldnmodels.model.receptor_binding",
          "TissueReceptorParameters": "ldnmodels.model.receptor_tissue",
          "TwoPhaseReceptorParameters": "ldnmodels.model.receptor_two_phase",
          "InflammationParameters": "ldnmodels.model.inflammation", "SymptomParameters": "ldnmodels.model.symptoms",
          "SideEffectParameters": "ldnmodels.analyses.side_effects",
          "PopulationParameters": "ldnmodels.analyses.population"}
FITTED_OR_CALIBRATED = {key for key, source in SOURCES.items() if source.confidence in ("F", "C")}


def _owner(name):
    return getattr(importlib.import_module(OWNERS[name]), name)


def _parameter_classes():
    """Every dataclass with sourced fields defined in the model and analyses layers."""
    found = {}
    for path in sorted((PACKAGE / "model").glob("*.py")) + sorted((PACKAGE / "analyses").glob("*.py")):
        module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for value in vars(module).values():
            if (isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == module.__name__
                    and any("source" in f.metadata for f in dataclasses.fields(value))):
                found[value.__name__] = value
    return found


def test_every_row_is_the_default_of_its_class_with_its_source():
    rows = data.fitted_defaults()
    assert len({(row["owner"], row["field"]) for row in rows}) == len(rows) == 22
    for row in rows:
        cls = _owner(row["owner"])
        field = {f.name: f for f in dataclasses.fields(cls)}[row["field"]]
        assert field.default == float(row["value"]) == getattr(cls(), row["field"]), row
        assert field.metadata["source"] == row["source"], row
        expected = {"fit": "F", "calibration": "C"}[row["step"]]
        assert SOURCES[row["source"]].confidence == expected, row
        assert row["produced_by"].startswith({"fit": pipeline.FIT_SCRIPT, "calibration": pipeline.CALIBRATION_SCRIPT}[
            row["step"]]) and len(row["date"]) == 10, row


def test_every_fitted_or_calibrated_field_reads_the_file():
    """No parameter class carries a fitted or calibrated number of its own (PopulationParameters shares two rows)."""
    by_field = {}
    for row in data.fitted_defaults():
        by_field.setdefault(row["field"], []).append(row)
    classes = _parameter_classes()
    assert set(OWNERS) <= set(classes)
    checked = 0
    for cls in classes.values():
        for f in dataclasses.fields(cls):
            if f.metadata.get("source") in FITTED_OR_CALIBRATED:
                candidates = [r for r in by_field.get(f.name, []) if r["owner"] == cls.__name__] or [
                    r for r in by_field.get(f.name, []) if r["step"] == "calibration"]
                assert len(candidates) == 1, f"{cls.__name__}.{f.name}"
                assert f.default == float(candidates[0]["value"]), f"{cls.__name__}.{f.name}"
                checked += 1
    assert checked == 22 + 2


def test_no_fitted_or_calibrated_number_is_typed_into_the_package():
    """``sourced(<number>, <a fitted or calibrated source>)`` appears nowhere: such fields use fitted() or
    calibrated()."""
    typed = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "sourced" and len(node.args) >= 2
                    and isinstance(node.args[1], ast.Constant) and node.args[1].value in FITTED_OR_CALIBRATED):
                typed.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not typed


def test_a_default_declared_with_the_wrong_step_or_missing_is_an_error():
    assert fitted("PKParameters", "ka_per_h").default == data.fitted_default("PKParameters", "ka_per_h")
    with pytest.raises(ValueError, match="calibrated"):
        fitted("SymptomParameters", "opioid_weight")
    with pytest.raises(ValueError, match="fitted"):
        calibrated("PKParameters", "ka_per_h")
    with pytest.raises(KeyError, match="rerun"):
        data.fitted_default("PKParameters", "no_such_field")


def test_each_step_rewrites_only_its_own_rows(tmp_path):
    path = tmp_path / data.FITTED_DEFAULTS
    shutil.copy(PACKAGE / "data" / data.FITTED_DEFAULTS, path)
    shipped = data.fitted_defaults(path)
    corner = {name: values[-1] for name, values in calibration.GRID.items()}   # a made-up one-row grid
    row = {**corner, "log_likelihood": 0.0, "single_50mg_change_nrs": 0.0}
    calibrated_rows = pipeline.calibrated_default_rows([row], date="2031-01-01")
    data.write_fitted_defaults(calibrated_rows, "calibration", path)
    after = data.fitted_defaults(path)
    assert [r for r in after if r["step"] == "fit"] == [r for r in shipped if r["step"] == "fit"]
    assert [r for r in after if r["step"] == "calibration"] == calibrated_rows
    assert {r["field"]: float(r["value"]) for r in calibrated_rows} == corner
    fit_rows = [{**r, "value": "1", "date": "2031-01-02"} for r in shipped if r["step"] == "fit"]
    data.write_fitted_defaults(fit_rows, "fit", path)
    assert data.fitted_defaults(path) == fit_rows + calibrated_rows
    with pytest.raises(ValueError, match="step"):
        data.write_fitted_defaults(fit_rows, "calibration", path)
    assert path.read_text(encoding="utf-8").startswith("# Fitted and calibrated defaults")


def _run(code, copy_root, *args):
    run = subprocess.run([sys.executable, "-c", code, str(copy_root), *args], cwd=copy_root, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout


_IMPORT_COPY = ("import sys; sys.path.insert(0, sys.argv[1]); import ldnmodels; "
                "assert ldnmodels.__file__.startswith(sys.argv[1]); ")


@pytest.mark.slow
def test_changing_one_sourced_pk_value_and_rerunning_moves_every_fitted_default(tmp_path):
    """The measured clearance lives in label_pk_50mg.csv only; edit it there (94 -> 70 L/h, in a copy of the package),
    rerun the fit (one start per structure: seconds), and the three PK fits, the eleven receptor-structure fits and
    the two side-effect drives all change, the calibration's rows stay, and the classes read the new values."""
    copy = tmp_path / "ldnmodels"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    label = copy / "data" / "label_pk_50mg.csv"
    text = label.read_text(encoding="utf-8")
    assert text.count("\nnaltrexone_clearance,94,") == 1
    label.write_text(text.replace("\nnaltrexone_clearance,94,", "\nnaltrexone_clearance,70,"), encoding="utf-8")

    _run(_IMPORT_COPY + "from ldnmodels.analyses import pipeline; pipeline.rerun_fit(starts=(1.0,))", tmp_path)

    shipped = {(r["owner"], r["field"]): r for r in data.fitted_defaults()}
    written = data.fitted_defaults(copy / "data" / data.FITTED_DEFAULTS)
    assert [(r["owner"], r["field"]) for r in written] == list(shipped)
    fit_rows = [r for r in written if r["step"] == "fit"]
    assert len(fit_rows) == 16
    for row in fit_rows:
        assert row["value"] != shipped[row["owner"], row["field"]]["value"], row
    assert [r for r in written if r["step"] == "calibration"] == [r for r in shipped.values()
                                                                 if r["step"] == "calibration"]

    owners = json.dumps(OWNERS)
    read = json.loads(_run(_IMPORT_COPY + (
        "import importlib, json; owners = json.loads(sys.argv[2]); "
        "from ldnmodels import data, PKParameters; "
        "values = {r['owner'] + '.' + r['field']: getattr(getattr(importlib.import_module(owners[r['owner']]), "
        "r['owner'])(), r['field']) for r in data.fitted_defaults()}; "
        "values['clearance'] = PKParameters().naltrexone_cl_l_per_h; print(json.dumps(values))"), tmp_path, owners))
    assert read.pop("clearance") == 70.0
    assert read == {f"{r['owner']}.{r['field']}": float(r["value"]) for r in written}
