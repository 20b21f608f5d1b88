"""Build the course books: every notebook (executed fresh), the student handout, the glossary, one bibliography and
the API reference, with navigation, search, equations and a PDF per page — the teacher's book (``build/site``) with
the teacher guide and the answer key, the students' book (``build/site-student``) without them.

Usage: python scripts/build_site.py [--out build/site] [--no-pdf] [--no-api] [notebooks ...]

Sphinx with ``myst-nb`` and the book theme (the ``docs`` extra) turns the staged sources into HTML. Nothing is
loaded from a CDN: MathJax 3, require.js and the Jupyter widgets HTML manager are installed from the npm registry
into the book's ``_static/``, so the book works offline and opened from disk. The PDF handouts are printed by
the Chromium the browser tests use (Debian's ``chromium``).
"""
from __future__ import annotations

import argparse
import os
import pkgutil
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))  # this folder's helpers, also when loaded by path
import run_notebook  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
NPM_PACKAGES = ("@jupyter-widgets/html-manager@1", "requirejs@2", "mathjax@3")
#: How notebooks link to the glossary (notebooks/glossary.ipynb, written from docs/glossary.md); in the book the
#: glossary is docs/glossary.md, a page beside them.
GLOSSARY_LINK = "glossary.ipynb"
CHROMIUM = os.environ.get("LDN_CHROMIUM", "/usr/bin/chromium")
#: A line ``{{ api <package> }}`` of docs/api.md lists that package's modules (those of no more specific line),
#: each on a page of its own.
API_PLACEHOLDER = re.compile(r"^\{\{ api (?P<package>[\w.]+) \}\}$", flags=re.M)
STATIC_BANNER = ("```{note}\nA static page: figures and numbers are from a fresh run of the notebook; **sliders "
                 "need a live kernel** — the app mode (`make app`), JupyterLab (`make lab`) or the zero-install "
                 "JupyterLite site (`make lite`). Educational, not medical advice.\n```\n")


def install_javascript(static: Path) -> None:
    """npm-install the widget renderer, require.js and MathJax 3 into ``static`` (served by the book itself)."""
    static.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent",
                        "--prefer-offline", "--prefix", tmp, *NPM_PACKAGES],
                       check=True)
        modules = Path(tmp) / "node_modules"
        shutil.copy(modules / "requirejs" / "require.js", static / "require.js")
        shutil.copytree(modules / "@jupyter-widgets" / "html-manager" / "dist", static / "html-manager",
                        dirs_exist_ok=True)
        shutil.copytree(modules / "mathjax" / "es5", static / "mathjax", dirs_exist_ok=True)
        # the renderer's widget styles ask for their icon fonts at this page-relative path
        fonts = static.parent / "_extra" / "@jupyter-widgets" / "html-manager" / "dist"
        fonts.mkdir(parents=True, exist_ok=True)
        for font in (modules / "@jupyter-widgets" / "html-manager" / "dist").iterdir():
            if font.suffix in (".woff", ".woff2", ".ttf", ".eot", ".svg"):
                shutil.copy(font, fonts / font.name)


def execute(path: Path, target: Path) -> None:
    """Run one notebook fresh, keeping its widgets' state, and write it to ``target`` with book-relative links."""
    notebook = nbformat.read(path, as_version=4)
    run_notebook.run(notebook, path.parent, store_widget_state=True)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = cell.source.replace(GLOSSARY_LINK, "glossary.md")
    notebook.cells.insert(1, nbformat.v4.new_markdown_cell(STATIC_BANNER))
    nbformat.write(notebook, target)


def exercises_markdown(with_answers: bool) -> str:
    """Every exercise of ``ldn.exercises`` by notebook; with answers computed from the model when built."""
    sys.path.insert(0, str(ROOT))
    from ldnmodels import exercises

    lines = []
    notebook = None
    for key, exercise in sorted(exercises.EXERCISES.items(), key=lambda item: item[1].notebook):
        if exercise.notebook != notebook:
            notebook = exercise.notebook
            lines.append(f"\n### Notebook {notebook}\n")
        lines.append(f"- **{key}** — {exercise.question} *[{exercise.unit}]*")
        if with_answers:
            target = exercises.EXERCISES[key].answer()
            tolerance = (f"within a factor of {1 + exercise.relative_tolerance:g}" if exercise.log_scale
                         else f"± {exercise.relative_tolerance:.0%}")
            lines.append(f"  *Answer:* **{target:.4g}** {exercise.unit} (accepted {tolerance}). "
                         f"*Hint given for a wrong answer:* {exercise.hint}")
        else:
            lines.append("\n  Answer: ______________________")
    return "\n".join(lines) + "\n"


def package_modules(package: str = "ldnmodels") -> list[str]:
    """``package`` and every module below it, found on disk with :mod:`pkgutil` (nothing is imported), in
    alphabetical order with each subpackage's modules after it. Private modules are left out (``__main__`` would run
    the command line when autodoc imports it)."""
    folder = ROOT.joinpath(*package.split("."))
    names = [package]
    for info in sorted(pkgutil.iter_modules([str(folder)]), key=lambda info: info.name):
        if info.name.startswith("_"):
            continue
        name = f"{package}.{info.name}"
        names += package_modules(name) if info.ispkg else [name]
    return names


def api_pages(template: str) -> dict[str, str]:
    """The API reference: docs/api.md (``template``) and a page per module, as ``{file name: text}``.

    Each ``{{ api <package> }}`` line of the template becomes a table of the package's modules (those not listed by
    a line for a subpackage) with their one-line summaries; each module gets a page, ``api/<module>.rst``, an
    ``automodule``, and the navigation nests the pages as the packages do. Modules that appear or disappear are
    picked up without editing the page. (A page per module, not one page for all: module docstrings have sections
    of the same names, and ids must be unique within a page.) Raises ``ValueError`` if a module of ``ldnmodels`` is
    on no line, a layer (a subpackage of ``ldnmodels``) has no line of its own, or a package has two lines."""
    packages = API_PLACEHOLDER.findall(template)
    modules = package_modules()
    twice = sorted({package for package in packages if packages.count(package) > 1})

    def section_of(module: str) -> str | None:
        owners = [package for package in packages if module == package or module.startswith(f"{package}.")]
        return max(owners, key=len) if owners else None

    def parent(module: str) -> str | None:
        return module.rsplit(".", 1)[0] if "." in module else None

    layers = [module for module in modules
              if parent(module) == "ldnmodels" and ROOT.joinpath(*module.split(".")).is_dir()]
    missing = [module for module in modules
               if section_of(module) is None or (module in layers and module not in packages)]
    if missing or twice:
        raise ValueError(f"docs/api.md: modules or layers without their '{{{{ api <package> }}}}' line {missing}, "
                         f"packages on two {twice}: give the package and each layer one line")

    def listing(listed: list[str], navigation: list[str], folder: str = "") -> str:
        """A table of the ``listed`` modules with their summaries, and the ``navigation`` pages under the page in
        the book's navigation (titled with their last names: the navigation nests them as the packages do)."""
        # currentmodule None: full names are not read as relative to a module documented above the table
        table = "".join(f"   {module}\n" for module in listed)
        entries = "".join(f"   {module.rsplit('.', 1)[-1]} <{folder}{module}>\n" for module in navigation)
        return (f".. currentmodule:: None\n\n.. autosummary::\n\n{table}\n"
                f".. toctree::\n   :hidden:\n\n{entries}")

    pages = {}
    for module in modules:
        children = [child for child in modules if parent(child) == module and section_of(child) == section_of(module)]
        pages[f"api/{module}.rst"] = (f".. rst-class:: ldn-api-module\n\n{module}\n{'=' * len(module)}\n\n"
                                      f".. automodule:: {module}\n   :members:\n"
                                      + (f"\n.. rubric:: Modules\n\n{listing(children, children)}" if children else ""))

    def section(match: re.Match) -> str:
        listed = [module for module in modules if section_of(module) == match["package"]]
        top = [module for module in listed if parent(module) not in listed]
        return f"```{{eval-rst}}\n{listing(listed, top, 'api/')}```"

    return {"api.md": API_PLACEHOLDER.sub(section, template), **pages}


#: The API reference's page when the book is built without it (``--no-api``: a quick look at the other pages).
API_LEFT_OUT = ("# API reference\n\nLeft out of this build (`scripts/build_site.py --no-api`); `make site` builds "
                "it.\n")


def stage_api_reference(source: Path) -> None:
    """Write the configuration, the bibliography and the generated API reference (``api.md``, ``api/*.rst``) into
    ``source``: what Sphinx needs to check the reference on its own (``tests/test_docs_api.py``)."""
    source.mkdir(parents=True, exist_ok=True)
    shutil.copy(DOCS / "conf.py", source / "conf.py")
    shutil.copy(ROOT / "ldnmodels" / "data" / "references.bib", source / "references.bib")  # the one bibliography
    (source / "api").mkdir(exist_ok=True)
    for name, text in api_pages((DOCS / "api.md").read_text(encoding="utf-8")).items():
        (source / name).write_text(text, encoding="utf-8")


def stage(source: Path, notebooks: list[Path], api: bool = True) -> None:
    """Copy the book's sources into ``source``: docs pages, notebooks executed fresh, generated exercise pages and
    the generated API reference (or, without ``api``, a page saying it was left out)."""
    if api:
        stage_api_reference(source)
    else:
        source.mkdir(parents=True, exist_ok=True)
        shutil.copy(DOCS / "conf.py", source / "conf.py")
        shutil.copy(ROOT / "ldnmodels" / "data" / "references.bib", source / "references.bib")
        (source / "api.md").write_text(API_LEFT_OUT, encoding="utf-8")
    for page in (path for path in sorted(DOCS.glob("*.md")) if path.name != "api.md"):
        shutil.copy(page, source / page.name)   # every page of docs/ (api.md is generated)
    for page, with_answers in (("student_handout.md", False), ("answer_key.md", True)):
        text = (source / page).read_text(encoding="utf-8")
        (source / page).write_text(text.replace("{{ exercises }}", exercises_markdown(with_answers)),
                                   encoding="utf-8")
    static = source / "_static"
    install_javascript(static)
    for name in ("ldn-book.css", "ldn-book.js"):
        shutil.copy(DOCS / name, static / name)
    # the app's accessibility repairs (slider names, figure alt text) serve the book's static widgets too
    shutil.copy(ROOT / "app" / "share" / "jupyter" / "voila" / "templates" / "ldn" / "static" / "ldn-a11y.js",
                static / "ldn-a11y.js")
    from tqdm import tqdm
    for path in tqdm(notebooks, desc="executing notebooks", unit="notebook", disable=not sys.stderr.isatty()):
        execute(path, source / path.name)


#: Pages only the teacher's book has; in index.md, what lies between ``<!-- teacher -->`` and ``<!-- /teacher -->``.
TEACHER_PAGES = ("teacher_guide", "answer_key")
_TEACHER_ONLY = re.compile(r"<!-- teacher -->.*?<!-- /teacher -->", flags=re.S)


def for_students(source: Path) -> None:
    """Turn a staged teacher's book into the students': no teacher guide or answer key, in the navigation or at
    all (a student's book that held the answer key one click away would hold it for every student)."""
    for name in TEACHER_PAGES:
        (source / f"{name}.md").unlink()
    index = source / "index.md"
    index.write_text(_TEACHER_ONLY.sub("", index.read_text(encoding="utf-8")), encoding="utf-8")


def print_pdfs(html: Path, pages: list[str]) -> list[Path]:
    """Print ``pages`` (names without .html) of the built book to ``html/pdf/<name>.pdf`` through Chromium."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium not found at {CHROMIUM}: apt-get install chromium, or build with --no-pdf")
    out = html / "pdf"
    out.mkdir(exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        context = browser.new_context(offline=True)
        page = context.new_page()
        for name in pages:
            page.goto((html / f"{name}.html").as_uri(), wait_until="load")
            page.wait_for_function("() => !window.MathJax || !MathJax.startup || MathJax.startup.promise",
                                   timeout=30_000)
            page.evaluate("() => window.MathJax && MathJax.startup ? MathJax.startup.promise : null")
            target = out / f"{name}.pdf"
            page.pdf(path=str(target), format="A4", print_background=True,
                     margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
            written.append(target)
        browser.close()
    return written


def student_book(out: Path) -> Path:
    """Where the students' book goes beside the teacher's book ``out``: ``build/site`` → ``build/site-student``."""
    return out.with_name(f"{out.name}-student")


def build(out: Path, notebooks: list[Path], pdf: bool = True, api: bool = True) -> Path:
    """Build the teacher's book (with the teacher guide and the answer key) into ``out`` and the students' book
    (without them) beside it (:func:`student_book`), from ``notebooks`` run once and ``docs/``; PDFs of every page a
    reader prints, the teacher guide's in the teacher's book only. Returns the teacher's front page."""
    students = student_book(out)
    with tempfile.TemporaryDirectory(prefix="ldn-book-") as tmp:
        teacher_source, student_source = Path(tmp) / "source", Path(tmp) / "source-student"
        stage(teacher_source, notebooks, api=api)
        shutil.copytree(teacher_source, student_source)
        for_students(student_source)
        for book in (out, students):
            if book.exists():
                shutil.rmtree(book)
        # the two books are built side by side (two processes): a Sphinx build is one core's work
        builds = [subprocess.Popen([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-n", "-W", "--keep-going",
                                    "-d", str(Path(tmp) / f"doctrees-{book.name}"), str(source), str(book)], cwd=ROOT)
                  for book, source in ((out, teacher_source), (students, student_source))]
        failed = [build.args for build in builds if build.wait() != 0]
        if failed:
            raise subprocess.CalledProcessError(1, failed[0])
    if pdf:
        shared = [path.stem for path in notebooks] + ["student_handout", "glossary"]
        print_pdfs(out, shared + list(TEACHER_PAGES))
        (students / "pdf").mkdir(exist_ok=True)
        for name in shared:  # the same pages, printed once (print hides the navigation, the one difference)
            shutil.copy(out / "pdf" / f"{name}.pdf", students / "pdf" / f"{name}.pdf")
    return out / "index.html"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "site")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF handouts (no Chromium needed)")
    parser.add_argument("--no-api", action="store_true",
                        help="leave the API reference out (it is most of the build's time)")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args()
    notebooks = [p.resolve() for p in args.notebooks] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    index = build(args.out.resolve(), notebooks, pdf=not args.no_pdf, api=not args.no_api)
    print(f"open {index} (the teacher's book) or {student_book(index.parent) / 'index.html'} (the students')")


if __name__ == "__main__":
    main()
