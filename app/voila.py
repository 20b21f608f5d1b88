"""Voilà's configuration for ``make app`` (``voila notebooks --Voila.config_file_paths=app``).

It lives here, not in the repository root: a ``voila.py`` there would shadow the voila package for
``python -m voila``. Measured by ``benchmarks/bench_voila.py``; the README gives the figures.

* **Preheated kernels** (the default): Voilà keeps one kernel per notebook that has already run it, so a page
  opens at once, figures included (1.3–2.3 s here against 4–8 s when the notebook runs on opening). The price
  is memory: one idle kernel per notebook (the idle server measured 2.3 GB with the eleven), and after each
  visit the pool runs the notebook again (``fill_delay`` later, so that the refill does not compete with the
  first slider moves).
* ``LDN_VOILA_MODE=progressive`` (for a server shared by a class, where a warm kernel per notebook per visitor
  cannot be kept): no pool; each page shows its text at once and its cells as they run.
* **Culling**, both modes: a kernel whose page was closed is shut down once it has been idle, without a
  connection, for two minutes (Jupyter server's culler; checked every 30 s). Without it every visit left its
  kernel running: the page's shutdown request on closing is refused unless the page got an ``_xsrf`` cookie,
  which the hook below sets where Voilà allows a hook (not with preheated kernels).
"""
import os

c = get_config()  # noqa: F821 - provided by traitlets when Voilà loads this file

MODE = os.environ.get("LDN_VOILA_MODE", "preheat")
if MODE not in ("preheat", "progressive"):
    raise ValueError(f"LDN_VOILA_MODE must be 'preheat' or 'progressive', got {MODE!r}")

if MODE == "preheat":
    c.VoilaConfiguration.preheat_kernel = True
    c.VoilaConfiguration.default_pool_size = 1
    c.VoilaKernelManager.fill_delay = 20.0
else:
    c.VoilaConfiguration.progressive_rendering = True

    def _set_xsrf_cookie(request_handler, notebook, cwd):
        """Reading the token sets the ``_xsrf`` cookie that the page's shutdown beacon sends when it closes."""
        request_handler.xsrf_token  # noqa: B018

    c.VoilaConfiguration.prelaunch_hook = _set_xsrf_cookie

c.MappingKernelManager.cull_idle_timeout = 120
c.MappingKernelManager.cull_interval = 30
c.MappingKernelManager.cull_connected = False
