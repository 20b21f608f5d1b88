"""Numpydoc on the public API: every public function or method of two or more arguments has a ``Parameters``
section, and a ``Returns`` (or ``Yields``) section unless it returns nothing."""
import importlib
import inspect
import pkgutil

import pytest

import ldnmodels


def _public_callables():
    for info in pkgutil.walk_packages(ldnmodels.__path__, "ldnmodels."):
        if info.name.rpartition(".")[2].startswith("_"):
            continue
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if getattr(obj, "__module__", None) != module.__name__:
                continue                                  # documented where it is defined
            if inspect.isfunction(obj):
                yield f"{module.__name__}.{name}", obj
            elif inspect.isclass(obj):
                for attribute, member in vars(obj).items():
                    function = getattr(member, "__func__", member)   # classmethods and staticmethods
                    if not attribute.startswith("_") and inspect.isfunction(function):
                        yield f"{module.__name__}.{name}.{attribute}", function


def _needs_sections(function) -> bool:
    signature = inspect.signature(function)
    arguments = [p for p in signature.parameters.values() if p.name not in ("self", "cls")
                 and p.kind is not p.VAR_KEYWORD]
    return len(arguments) >= 2


CALLABLES = [(name, function) for name, function in _public_callables() if _needs_sections(function)]


def test_the_sweep_finds_the_api():
    names = {name for name, _ in CALLABLES}
    assert "ldnmodels.model.simulation.simulate" in names and "ldnmodels.model.regimen.Regimen.daily" in names


@pytest.mark.parametrize("name, function", CALLABLES, ids=[name for name, _ in CALLABLES])
def test_public_function_documents_its_parameters_and_result(name, function):
    doc = inspect.getdoc(function) or ""
    assert "Parameters\n----------" in doc, f"{name}: no numpydoc Parameters section"
    returns_nothing = inspect.signature(function).return_annotation in (None, "None")
    assert returns_nothing or "Returns\n-------" in doc or "Yields\n------" in doc, f"{name}: no Returns section"
