"""Build a JupyterLite site (zero-install, runs in the browser) with the ldnmodels wheel and the notebooks.

Usage: python scripts/build_lite.py [--out build/lite]

The build needs no network beyond PyPI for the ipywidgets wheel it ships. In the student's browser,
JupyterLite loads Pyodide from its CDN; the notebooks then install ipywidgets and ldnmodels through
piplite from the wheels shipped here. Every page gets ``lite_pyodide_check.js``: when that CDN cannot be
reached, the page says so in words and names what to use instead.

Run it with the ``lite`` extra's environment (``make lite`` creates ``.venv-lite``), not the JupyterLab one.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(out: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        wheels = Path(tmp) / "wheels"
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(ROOT)],
                       check=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                        "-d", str(wheels), "ipywidgets>=8"], check=True)
        if out.exists():
            shutil.rmtree(out)
        contents = Path(tmp) / "contents"
        for path in sorted((ROOT / "notebooks").rglob("*.ipynb")):
            if ".ipynb_checkpoints" not in path.parts:
                target = contents / path.relative_to(ROOT / "notebooks")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(json.dumps(joined(json.loads(path.read_text(encoding="utf-8"))), indent=1,
                                             ensure_ascii=False) + "\n", encoding="utf-8")
        command = [sys.executable, "-m", "jupyter", "lite", "build", "--contents", str(contents),
                   "--output-dir", str(out), "--lite-dir", tmp]
        for wheel in sorted(wheels.glob("*.whl")):
            command += ["--piplite-wheels", str(wheel)]
        subprocess.run(command, check=True, cwd=tmp)
    add_pyodide_check(out)
    return out


def joined(notebook: dict) -> dict:
    """The notebook with every multi-line string as one string, as a Jupyter server sends it: JupyterLite serves
    the file as it is, and its table of contents fails on a Markdown output stored as a list of lines
    ("TypeError: e.replace is not a function")."""
    def text(value):
        return "".join(value) if isinstance(value, list) and all(isinstance(v, str) for v in value) else value

    for cell in notebook.get("cells", []):
        cell["source"] = text(cell.get("source", ""))
        for output in cell.get("outputs", []):
            if "text" in output:
                output["text"] = text(output["text"])
            for mime, value in output.get("data", {}).items():
                if not mime.endswith("json"):
                    output["data"][mime] = text(value)
    return notebook


def pyodide_url(out: Path) -> str:
    """The Pyodide address compiled into the kernel extension of the build in ``out``."""
    for script in sorted((out / "extensions").glob("@jupyterlite/pyodide-kernel-extension/static/*.js")):
        found = re.search(r"https://[^\"'`]+/pyodide\.m?js", script.read_text(encoding="utf-8", errors="ignore"))
        if found:
            return found.group(0)
    raise RuntimeError("no Pyodide URL found in the JupyterLite build's kernel extension")


def add_pyodide_check(out: Path) -> None:
    """Put the 'Python cannot start' check into every page of the build."""
    script = (ROOT / "scripts" / "lite_pyodide_check.js").read_text(encoding="utf-8")
    (out / "ldn-pyodide-check.js").write_text(script.replace("__PYODIDE_URL__", pyodide_url(out)), encoding="utf-8")
    for page in out.glob("*/index.html"):
        html = page.read_text(encoding="utf-8")
        if "ldn-pyodide-check.js" not in html and "</body>" in html:
            page.write_text(html.replace("</body>", '<script src="../ldn-pyodide-check.js"></script></body>'),
                            encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "lite")
    args = parser.parse_args()
    out = build(args.out.resolve())
    print(f"JupyterLite site in {out}: serve it with e.g. 'python -m http.server -d {out}' and open /lab/index.html")


if __name__ == "__main__":
    main()
