"""A course hub on one machine: JupyterHub, each student's own copy of the notebooks pulled by nbgitpuller.

``make hub`` starts it (``jupyterhub -f hub/jupyterhub_config.py``); ``tests/browser/test_course_hub.py`` starts it
with three students who log in, get their copy and run a notebook. The recipe, what it costs a user in memory and
what changes on a Kubernetes hub: ``docs/course_hub.md``.

This file is for trying a hub and for a small class on one machine you control: **every user is a process of the
account that runs the hub** (``SimpleLocalProcessSpawner``) and the login takes any name with one shared password
(``DummyAuthenticator``). A real course replaces both (see docs/course_hub.md). Settings, by environment variable:

``LDN_HUB_PASSWORD``
    the shared password (required: no hub without one).
``LDN_HUB_PORT``
    the port (default 8000).
``LDN_HUB_REPO``, ``LDN_HUB_BRANCH``
    the git repository and branch nbgitpuller pulls into each home (default: this checkout and its branch).
``LDN_HUB_STATE``
    where the hub keeps its database, cookie secret and the users' homes (default ``build/hub``).
``LDN_HUB_PROXY``
    the configurable-http-proxy command (default ``build/hub/node_modules/.bin/configurable-http-proxy``, where
    ``make hub`` installs it from the npm registry).
"""
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

c = get_config()  # noqa: F821 - provided by traitlets when JupyterHub loads this file

ROOT = Path(globals().get("__file__", "hub/jupyterhub_config.py")).resolve().parents[1]
STATE = Path(os.environ.get("LDN_HUB_STATE", ROOT / "build" / "hub")).resolve()
REPO = os.environ.get("LDN_HUB_REPO", str(ROOT))
BRANCH = os.environ.get("LDN_HUB_BRANCH") or subprocess.run(
    ["git", "-C", str(ROOT), "branch", "--show-current"], capture_output=True, text=True).stdout.strip() or "main"
#: The folder each student's copy goes in, inside their home, and the page they land on.
FOLDER = "ldnmodels"
FIRST_PAGE = "notebooks/00_start_here.ipynb"

password = os.environ.get("LDN_HUB_PASSWORD", "")
if len(password) < 8:
    raise ValueError("LDN_HUB_PASSWORD must be set to a password of at least 8 characters (make hub "
                     "LDN_HUB_PASSWORD=...): every student logs in with it")
STATE.mkdir(parents=True, exist_ok=True)

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(os.environ.get("LDN_HUB_PORT", "8000"))
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.ConfigurableHTTPProxy.command = [os.environ.get(
    "LDN_HUB_PROXY", str(STATE / "node_modules" / ".bin" / "configurable-http-proxy"))]

# Log-in: any user name, one shared password (replace for a real course: docs/course_hub.md)
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = password
c.Authenticator.allow_all = True

# Each user a JupyterLab server of this Python environment (ldnmodels installed), in a home of their own
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
if os.getuid() == 0:  # a container's root: Jupyter servers refuse root unless told
    c.Spawner.args = ["--allow-root"]
c.Spawner.environment = {"MPLBACKEND": "Agg"}
# the students' servers import the package from this checkout: where the hub's own environment asks Python not to
# write bytecode, neither do they (the spawner passes only the variables it is told to keep)
c.Spawner.env_keep.append("PYTHONDONTWRITEBYTECODE")
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120
# First visit: nbgitpuller clones the notebooks into the home; later visits merge new commits without overwriting
# the student's own changes. Then JupyterLab opens the first notebook.
c.Spawner.default_url = "/git-pull?" + urlencode({
    "repo": REPO, "branch": BRANCH, "targetpath": FOLDER, "urlpath": f"lab/tree/{FOLDER}/{FIRST_PAGE}"})
