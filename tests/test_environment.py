"""environment.yml (conda-forge, Binder) and pyproject.toml must list the same dependencies."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name_and_spec(requirement: str) -> tuple[str, str]:
    match = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", requirement)
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def _toml_string_list(text: str, key: str) -> list[str]:
    """The quoted strings of a ``key = [ ... ]`` array (tomllib is not in Python 3.10)."""
    block = re.search(rf"^{key}\s*=\s*\[(.*?)\]\s*$", text, flags=re.M | re.S)
    assert block, f"{key} not found in pyproject.toml"
    return re.findall(r'"([^"]+)"', re.sub(r"#.*", "", block.group(1)))


def _conda_dependencies() -> tuple[dict[str, str], list[str]]:
    text = (ROOT / "environment.yml").read_text()
    section = text.split("\ndependencies:\n", 1)[1]
    conda, pip, in_pip = {}, [], False
    for line in section.splitlines():
        stripped = line.split("#")[0].rstrip()
        if re.match(r"^\s*- pip:\s*$", stripped):
            in_pip = True
            continue
        item = re.match(r"^(\s*)- (.+)$", stripped)
        if not item:
            continue
        if in_pip and len(item.group(1)) > 2:
            pip.append(item.group(2).strip())
        else:
            in_pip = False
            name, spec = _name_and_spec(item.group(2))
            conda[name] = spec
    return conda, pip


def test_environment_yml_matches_pyproject():
    pyproject = (ROOT / "pyproject.toml").read_text()
    requirements = [requirement for key in ("dependencies", "lab", "app", "test", "docs", "hub")
                    for requirement in _toml_string_list(pyproject, key)]
    wanted = dict(_name_and_spec(r) for r in requirements if not r.startswith("ldnmodels["))
    conda, pip = _conda_dependencies()
    conda.pop("pip")
    python_spec = conda.pop("python")
    assert conda == wanted
    assert python_spec == re.search(r'requires-python\s*=\s*"([^"]+)"', pyproject).group(1)
    assert pip == ["-e ."]
    assert "conda-forge" in text_of("environment.yml")
    assert not any("jupyterlite" in name for name in conda)  # the lite extra lives in its own environment


def text_of(name: str) -> str:
    return (ROOT / name).read_text()
