"""Run a notebook fresh in a kernel of its own that talks over Unix sockets, not TCP ports.

With TCP, the client picks five free ports and the kernel binds them a moment later; kernels started at the same
time (the slide build runs the lecture pages in parallel, beside the test suite's own kernels) can be handed the same
port, and the one that loses dies with "Address already in use" (a fresh clone's test run once failed so: the slide
build waited 60 s for the dead kernel). Sockets named after a folder of the run's own cannot meet another's. The app
does the same for its kernels (``app/voila.py``).
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient


def run(notebook: nbformat.NotebookNode, cwd: Path, store_widget_state: bool) -> nbformat.NotebookNode:
    """Execute every cell of ``notebook`` in place, from ``cwd`` (its folder), and return it."""
    with tempfile.TemporaryDirectory(prefix="ldn-kernel-") as folder:
        manager = AsyncKernelManager(kernel_name="python3", transport="ipc",
                                     connection_file=str(Path(folder) / "kernel.json"))
        NotebookClient(notebook, km=manager, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(cwd)}}, store_widget_state=store_widget_state).execute()
    return notebook
