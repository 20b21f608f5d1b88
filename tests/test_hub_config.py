"""The course hub's configuration (hub/jupyterhub_config.py), read as JupyterHub reads it: no hub without a
password, and each student lands on the first notebook of their own copy, pulled by nbgitpuller."""
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from traitlets.config.loader import PyFileConfigLoader

ROOT = Path(__file__).resolve().parents[1]


def hub_config(monkeypatch, tmp_path, password):
    monkeypatch.setenv("LDN_HUB_STATE", str(tmp_path))
    if password is None:
        monkeypatch.delenv("LDN_HUB_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("LDN_HUB_PASSWORD", password)
    return PyFileConfigLoader("jupyterhub_config.py", path=str(ROOT / "hub")).load_config()


@pytest.mark.parametrize("password", [None, "", "short"])
def test_no_hub_without_a_password_of_eight_characters(monkeypatch, tmp_path, password):
    with pytest.raises(ValueError, match="LDN_HUB_PASSWORD must be set to a password of at least 8 characters"):
        hub_config(monkeypatch, tmp_path, password)


def test_each_student_lands_on_the_first_notebook_of_their_own_copy(monkeypatch, tmp_path):
    config = hub_config(monkeypatch, tmp_path, "class-of-2026")
    url = urlsplit(config.Spawner.default_url)
    query = {key: value[0] for key, value in parse_qs(url.query).items()}
    assert url.path == "/git-pull" and query["repo"] == str(ROOT) and query["targetpath"] == "ldnmodels"
    assert query["urlpath"] == "lab/tree/ldnmodels/notebooks/00_start_here.ipynb"
    assert (ROOT / "notebooks" / "00_start_here.ipynb").exists()
    assert config.SimpleLocalProcessSpawner.home_dir_template == str(tmp_path / "home" / "{username}")
    assert config.JupyterHub.ip == "127.0.0.1"  # this recipe never listens beyond the machine
