"""The scripts' notebook runs (course book, slides, ``execute_notebooks.py``): a kernel of their own on Unix sockets,
so that runs started together cannot be handed the same TCP port."""
import importlib.util
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("run_notebook", ROOT / "scripts" / "run_notebook.py")
run_notebook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(run_notebook)


@pytest.mark.notebook
@pytest.mark.skipif(sys.platform == "win32", reason="Unix sockets")
def test_a_notebook_runs_in_its_folder_on_a_kernel_over_unix_sockets(tmp_path):
    code = ("import os\nfrom ipykernel.kernelapp import IPKernelApp\n"
            "print(IPKernelApp.instance().transport, os.getcwd())")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    run_notebook.run(notebook, tmp_path, store_widget_state=False)
    transport, cwd = notebook.cells[0].outputs[0]["text"].split()
    assert transport == "ipc" and Path(cwd) == tmp_path
    assert list(tmp_path.iterdir()) == []  # its sockets and connection file lived elsewhere, and are gone
