"""Voilà's configuration for ``make app`` (``voila notebooks --Voila.config_file_paths=app``).

It lives here, not in the repository root: a ``voila.py`` there would shadow the voila package for
``python -m voila``. Measured by ``benchmarks/bench_voila.py``; the README gives the figures.

* **Preheated kernels** (the default, for the lecture's pages; ``POOL=all`` for every notebook's): Voilà keeps one
  kernel per page that has already run it, so a page opens at once, figures included (1.3–2.3 s here against 4–8 s
  when the notebook runs on opening). The price is memory: one idle kernel per page (measured idle with
  ``benchmarks/bench_idle_kernels.py``: 0.96 GB for the server with the seven lecture pages' kernels, 114–128 MB
  each; 2.66 GB with all eighteen, 115–191 MB), and after each visit the pool starts a kernel and runs the page
  again at once, so a second visitor of the same page within a few seconds waits for that kernel to start and run it
  (3–7 s here, as for "run all" in the README). Pages without a pool kernel run when opened: the "ldn" template
  sends a page's opening Markdown cells before its kernel has started (notebook 09's title in 0.6 s here) and each
  later cell's text as soon as the kernel reaches it, under a one-line progress banner, and the figures once the
  page has run (4–23 s here; notebook 09 the longest).
* ``POOL=none`` (or ``LDN_VOILA_MODE=progressive``; for a server shared by a class, where a warm kernel per page
  per visitor cannot be kept): no pool; each page shows its text at once and its cells as they run.
* **Culling**, both modes: a kernel whose page was closed is shut down once it has been idle, without a
  connection, for two minutes (Jupyter server's culler; checked every 30 s). Without it every visit left its
  kernel running: the page's shutdown request on closing is refused unless the page got an ``_xsrf`` cookie,
  which the hook below sets where Voilà allows a hook (not with preheated kernels). A kernel handed to a page is
  not culled before that page could connect (``app/kernels.py``).
"""
import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import voila.app  # before app/ joins the path below: there "voila" would be this file

c = get_config()  # noqa: F821 - provided by traitlets when Voilà loads this file

# The "ldn" template (app/share/jupyter/voila/templates/ldn) is Voilà's lab template without the Font Awesome
# stylesheets it loads from a CDN: nothing a page loads may leave the machine. The classic (Jinja) index page
# replaces the JupyterLab-based one, whose widget manager fails on a page without a kernel (console errors, a 404).
_HERE = Path(globals().get("__file__", "app/voila.py")).resolve().parent
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    part for part in (str(_HERE / "share" / "jupyter"), os.environ.get("JUPYTER_PATH", "")) if part)
c.VoilaConfiguration.template = "ldn"

# The front page's body, written from the notebooks at start-up into a folder of its own that joins the template
# (app/front_page.py); nothing is written into the checkout.
sys.path.insert(0, str(_HERE))
from front_page import write_template  # noqa: E402

_GENERATED = Path(tempfile.mkdtemp(prefix="ldn-app-"))
atexit.register(shutil.rmtree, _GENERATED, ignore_errors=True)
write_template(_HERE.parent / "notebooks", _GENERATED)
os.environ["JUPYTER_PATH"] = os.pathsep.join((str(_GENERATED), os.environ["JUPYTER_PATH"]))
c.VoilaConfiguration.classic_tree = True

MODE = os.environ.get("LDN_VOILA_MODE", "preheat")
if MODE not in ("preheat", "progressive"):
    raise ValueError(f"LDN_VOILA_MODE must be 'preheat' or 'progressive', got {MODE!r}")
#: Which pages get a preheated kernel (``make app POOL=...``): the lecture's (the default: what a lesson opens,
#: about 1.4 GB less than all), every notebook's, or none (the progressive mode).
POOL = os.environ.get("LDN_POOL") or "lecture"
if POOL not in ("lecture", "all", "none"):
    raise ValueError(f"LDN_POOL (make app POOL=...) must be 'lecture', 'all' or 'none', got {POOL!r}")
if POOL == "none":
    MODE = "progressive"
NOTEBOOKS = _HERE.parent / "notebooks"


def pools(pool: str) -> dict:
    """Voilà's ``kernel_pools_config``: one preheated kernel for each page ``pool`` names, none for the others."""
    lecture = sorted(path.relative_to(NOTEBOOKS).as_posix() for path in (NOTEBOOKS / "lecture").glob("*.ipynb"))
    config = {"default": {"pool_size": 1 if pool == "all" else 0}}
    config.update({page: {"pool_size": 1} for page in lecture})
    config["glossary.ipynb"] = {"pool_size": 0}  # no code: nothing to preheat
    return config


def trust_pages() -> int:
    """Mark the kit's own pages trusted (what ``jupyter trust`` does), so that Voilà does not log "not trusted" for
    each page on each visit; returns how many were signed now. A trust database that cannot be written is skipped."""
    import nbformat
    from nbformat.sign import NotebookNotary

    signed = 0
    try:
        notary = NotebookNotary()
        for path in sorted(NOTEBOOKS.rglob("*.ipynb")):
            if ".ipynb_checkpoints" in path.parts:
                continue
            notebook = nbformat.read(path, as_version=4)
            if not notary.check_signature(notebook):
                notary.sign(notebook)
                signed += 1
    except Exception:  # noqa: BLE001 - a read-only home or a locked database: the pages still work, only the log warns
        pass
    return signed


trust_pages()

if MODE == "preheat":
    c.VoilaConfiguration.preheat_kernel = True
    c.VoilaConfiguration.default_pool_size = 1
    c.VoilaKernelManager.kernel_pools_config = pools(POOL)
    # Refill a used pool at once (Voilà's default is 1 s). A 20 s delay, meant to keep the refill off the first
    # visitor's slider moves, made the *next* visitor of the same page wait for it: 20 s instead of 1 s (measured).
    c.VoilaKernelManager.fill_delay = 1.0
else:
    c.VoilaConfiguration.progressive_rendering = True

    def _set_xsrf_cookie(request_handler, notebook, cwd):
        """Reading the token sets the ``_xsrf`` cookie that the page's shutdown beacon sends when it closes."""
        request_handler.xsrf_token  # noqa: B018

    c.VoilaConfiguration.prelaunch_hook = _set_xsrf_cookie

# Under load (twenty students opening pages at once on two cores) a kernel's outputs can arrive seconds after its
# reply; nbclient's default wait of 4 s then drops them and the page shows no widgets (measured: 10 of 20 pages).
c.VoilaExecutor.iopub_timeout = 60

# A preheated kernel handed to a page is safe from the culler until the page has had time to connect (app/kernels.py:
# without it, a culling pass between serving a page and its websocket connecting shut the kernel down).
from kernels import GraceKernelManager, with_live_pool  # noqa: E402

c.VoilaConfiguration.multi_kernel_manager_class = GraceKernelManager
# No dead preheated kernel is handed to a page: each is checked alive first, and replaced if not (app/kernels.py).
if not getattr(voila.app.voila_kernel_manager_factory, "ldn_live_pool", False):
    voila.app.voila_kernel_manager_factory = with_live_pool(voila.app.voila_kernel_manager_factory)
    voila.app.voila_kernel_manager_factory.ldn_live_pool = True
c.MappingKernelManager.cull_idle_timeout = 120
# Kernels talk to the server over Unix sockets named after the kernel, not TCP ports: with TCP, each kernel's five
# ports are picked free by the server and bound later by the kernel, and when the pool starts a kernel per notebook
# at once two kernels can be handed the same port ("Address already in use"; the kernel dies and a page that gets
# it stays blank: one of two fresh-clone test runs failed that way). Same machine only, which the app always is.
c.KernelManager.transport = "ipc"
c.MappingKernelManager.cull_interval = 30
c.MappingKernelManager.cull_connected = False
