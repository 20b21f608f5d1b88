"""The package's shape: layers that import only downwards, no cycles, small modules, no private names shared."""
import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ldnmodels"
MAX_MODULE_LINES = 450  # the aim is about 400; past this a module is two


def test_layer_contracts_hold():
    """import-linter's contracts in pyproject.toml: layers, the model's one-way order, no cycles."""
    cli = pytest.importorskip("importlinter.cli")
    assert cli.lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_the_contracts_would_catch_an_upward_import(tmp_path):
    """The layer contract is not vacuous: a copy of the package whose model imports the teaching layer breaks it."""
    pytest.importorskip("importlinter")
    copy = tmp_path / "ldnmodels"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    regimen = copy / "model" / "regimen.py"
    regimen.write_text(regimen.read_text() + "\nfrom ..teaching import readability  # noqa\n")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    code = ("import sys; sys.path.insert(0, '.'); import ldnmodels; assert ldnmodels.__file__.startswith(sys.argv[1]); "
            "from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))")
    run = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "ldnmodels.model.regimen -> ldnmodels.teaching.readability" in run.stdout


def _modules():
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_module_is_small(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{path.relative_to(ROOT)} has {lines} lines; split it by responsibility"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_private_name_is_imported_from_another_module(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    private = [f"{node.module}.{alias.name}" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
               and node.level and not (node.module or "").startswith("_")
               for alias in node.names if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert not private, f"{path.relative_to(ROOT)} imports private names {private}: make them public"


def test_the_package_face_imports_no_server_stack_and_simulating_no_heavy_scipy():
    """``import ldnmodels`` needs neither JupyterLab nor Voila nor ipywidgets (they are extras or lazy), and
    ``simulate()`` loads none of SciPy's signal, stats or optimize modules: they were most of a notebook kernel's
    start-up (0.8 s of 2.2 s) and ~50 MB of its memory (``python -X importtime -c "import ldnmodels"`` shows it)."""
    code = ("import sys, ldnmodels; ldnmodels.simulate(ldnmodels.Regimen.daily(4.5, days=3), hours=72); "
            "heavy = [m for m in ('jupyterlab', 'voila', 'ipywidgets', 'matplotlib', 'scipy.signal', 'scipy.stats', "
            "'scipy.optimize') if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == ""


def test_a_lecture_page_s_kernel_loads_no_heavy_scipy():
    """What a lecture page runs (an explorer, the exercise boxes) loads none of SciPy's signal, stats or optimize
    modules either: the fits import ``scipy.optimize`` inside the fitting functions, and the normal and chi-square
    distributions come from ``scipy.special``. Each idle kernel of the app's pool is ~45 MB smaller for it."""
    code = ("import sys; from ldnmodels import widgets; from ldnmodels.teaching.exercises import boxes; "
            "widgets.plasma_explorer(dose_mg=50.0, days=7); boxes('01'); "
            "print(','.join(m for m in ('scipy.signal', 'scipy.stats', 'scipy.optimize') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                         env={**os.environ, "MPLBACKEND": "Agg"})
    assert out.stdout.strip().splitlines()[-1:] in ([], [""]), out.stdout


def test_every_module_is_reached_as_ldn_dot_its_name():
    """``ldn.<module>`` reaches every module of every layer, so module names are unique across the layers."""
    import ldnmodels as ldn
    files = [p for layer in ldn.LAYERS for p in (PACKAGE / layer).iterdir()
             if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()]
    names = [p.stem if p.suffix == ".py" else p.name for p in files]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    assert set(ldn.MODULES) == set(names)
    assert ldn.population.__name__ == "ldnmodels.analyses.population"


def test_ruff_is_clean():
    """The linter configured in pyproject.toml finds nothing (`.venv/bin/ruff check .` shows what it would say)."""
    pytest.importorskip("ruff")
    run = subprocess.run([sys.executable, "-m", "ruff", "check", "--quiet", str(ROOT)], capture_output=True, text=True,
                         cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr


def _module_graph(package: Path) -> dict[str, set[str]]:
    """Module -> the package modules it imports (relative imports resolved; the face ``ldnmodels`` left out)."""
    root = package.parent
    modules = {}
    for path in package.rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {name: set() for name in modules}
    for name, path in modules.items():
        package_parts = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = (".".join(package_parts[: len(package_parts) - (node.level - 1)] + ([node.module] if node.module
                                                                                          else []))
                        if node.level else node.module or "")
                targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name and target != package.name:
                    graph[name].add(target)
    return graph


def test_no_module_imports_one_that_imports_it_back():
    """No import cycle among the package's modules, a package's ``__init__`` and its own submodules included (the
    import-linter contract covers siblings only; the face ``ldnmodels/__init__`` re-exports everything and is left
    out). A submodule that needs its package's function imports it from the module that defines it."""
    import graphlib

    try:
        tuple(graphlib.TopologicalSorter(_module_graph(PACKAGE)).static_order())
    except graphlib.CycleError as cycle:
        pytest.fail(f"import cycle: {' -> '.join(cycle.args[1])}")


def test_the_cycle_check_is_not_vacuous(tmp_path):
    copy = tmp_path / "ldnmodels"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    defaults = copy / "analyses" / "hypotheses" / "defaults.py"
    defaults.write_text(defaults.read_text() + "\nfrom . import compare  # noqa\n")
    import graphlib

    with pytest.raises(graphlib.CycleError):
        tuple(graphlib.TopologicalSorter(_module_graph(copy)).static_order())
