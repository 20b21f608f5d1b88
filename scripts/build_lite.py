"""Build a JupyterLite site (zero-install, runs in the browser) with the ldnmodels wheel and the notebooks.

Usage: python scripts/build_lite.py [--out build/lite]

The build needs no network beyond PyPI for the ipywidgets wheel it ships. In the student's browser,
JupyterLite loads Pyodide from its CDN; the notebooks then install ipywidgets and ldnmodels through
piplite from the wheels shipped here.
"""
from __future__ import annotations

import argparse
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
        command = [sys.executable, "-m", "jupyter", "lite", "build", "--contents", str(ROOT / "notebooks"),
                   "--output-dir", str(out), "--lite-dir", tmp]
        for wheel in sorted(wheels.glob("*.whl")):
            command += ["--piplite-wheels", str(wheel)]
        subprocess.run(command, check=True, cwd=tmp)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "lite")
    args = parser.parse_args()
    out = build(args.out.resolve())
    print(f"JupyterLite site in {out}: serve it with e.g. 'python -m http.server -d {out}' and open /lab/index.html")


if __name__ == "__main__":
    main()
