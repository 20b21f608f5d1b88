"""The course book (make site) opened from disk with no network: navigation, search, equations, widgets from
their saved state, one font, the teacher's and students' pages, PDFs, and not one console error."""
import subprocess
import sys
from pathlib import Path

import pytest

from ldnmodels import exercises

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = "01_dose_and_plasma_levels"
PAGES = ("index", NOTEBOOK, "glossary", "teacher_guide", "answer_key", "student_handout", "references", "search")


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    out = tmp_path_factory.mktemp("book") / "site"
    # without the API reference (most of the build's time): tests/test_docs_api.py builds it on its own
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--out", str(out), "--no-api",
                    str(ROOT / "notebooks" / f"{NOTEBOOK}.ipynb")], check=True, cwd=ROOT)
    return out


def test_the_students_book_has_no_teacher_pages_and_the_teacher_s_has_them(book):
    students = book.with_name("site-student")
    assert not (students / "answer_key.html").exists() and not (students / "teacher_guide.html").exists()
    for page in students.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "answer_key" not in text and "teacher_guide" not in text, page.name
    assert "answer_key.html" in (book / "index.html").read_text(encoding="utf-8")
    assert (book / "pdf" / "teacher_guide.pdf").exists() and not (students / "pdf" / "answer_key.pdf").exists()
    assert (students / "pdf" / f"{NOTEBOOK}.pdf").exists()


def test_printed_pages_wrap_code_and_output_and_print_no_slider(book, offline):
    page = offline.new_page()
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.emulate_media(media="print")
    for name in (NOTEBOOK, "teacher_guide", "answer_key"):
        page.goto((book / f"{name}.html").as_uri(), wait_until="load")
        page.wait_for_timeout(800)
        clipped = page.evaluate("""() => [...document.querySelectorAll("article pre, article table")]
            .filter(el => el.getClientRects().length && el.scrollWidth > el.clientWidth + 1)
            .map(el => el.innerText.slice(0, 40))""")
        assert clipped == [], (name, clipped)
        assert page.locator("article .widget-slider").evaluate_all(
            "els => els.filter(el => el.getClientRects().length).length") == 0, name


@pytest.fixture
def offline(browser):
    """A browser context without network that records every request, console error and page error."""
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 720})
    context.requests, context.errors = [], []
    context.on("request", lambda request: context.requests.append(request.url))

    def watch(page):
        page.on("console", lambda message: message.type == "error" and context.errors.append(
            f"{page.url}: {message.text}"))
        page.on("pageerror", lambda error: context.errors.append(f"{page.url}: {error}"))

    context.on("page", watch)
    yield context
    context.close()


def test_every_page_loads_offline_without_a_console_error(book, offline):
    page = offline.new_page()
    for name in PAGES:
        page.goto((book / f"{name}.html").as_uri(), wait_until="load")
        page.wait_for_timeout(500)
    assert offline.errors == []
    assert all(url.startswith(("file://", "data:", "blob:")) for url in offline.requests), \
        [url for url in offline.requests if not url.startswith(("file://", "data:", "blob:"))]


def test_notebook_page_has_figures_equations_and_widgets_in_one_font(book, offline):
    page = offline.new_page()
    page.goto((book / f"{NOTEBOOK}.html").as_uri())
    assert "sliders need a live kernel" in page.inner_text("body")
    assert "Educational, not medical advice" in page.inner_text("body")
    page.locator(".cell_output img").first.wait_for(state="visible", timeout=30_000)
    assert page.locator("figcaption, .cell_output img[alt]").count() >= 2
    page.locator("mjx-container").first.wait_for(state="attached", timeout=30_000)  # MathJax, served locally
    assert "\\frac" not in page.inner_text("article")
    slider = page.locator(".widget-slider").first
    slider.wait_for(state="visible", timeout=30_000)  # from the saved widget state
    body_font = page.evaluate("getComputedStyle(document.body).fontFamily")
    label_font = page.evaluate("getComputedStyle(document.querySelector('.widget-label')).fontFamily")
    assert label_font == body_font
    assert offline.errors == []


def test_navigation_glossary_link_and_search(book, offline):
    page = offline.new_page()
    page.goto((book / "index.html").as_uri())
    sidebar = page.locator("nav.bd-docs-nav")
    for title in ("Dose and plasma levels", "Glossary", "Teacher guide", "Answer key", "Student handout", "References"):
        assert sidebar.get_by_text(title).count() >= 1, title
    page.goto((book / f"{NOTEBOOK}.html").as_uri())
    page.locator("article a", has_text="glossary").first.click()  # the notebook's glossary link leads to the page
    assert "Glossary" in page.inner_text("h1") and "EC50" in page.inner_text("body")
    page.goto((book / "search.html").as_uri() + "?q=naltrexol")
    page.locator("#search-results li").first.wait_for(timeout=30_000)
    assert page.locator("#search-results li a").count() >= 2
    assert offline.errors == []


def test_teacher_and_student_pages_and_their_pdfs(book):
    key = (book / "answer_key.html").read_text(encoding="utf-8")
    handout = (book / "student_handout.html").read_text(encoding="utf-8")
    left = exercises.EXERCISES["01-left-after-24h"].answer()  # 0.5 ** 6, a number found nowhere else
    assert f"{left:.4g}" in key and f"{left:.4g}" not in handout
    for exercise_key in exercises.EXERCISES:
        assert exercise_key in key and exercise_key in handout
    assert "make lab" in handout and "Glossary" in handout
    references = (book / "references.html").read_text(encoding="utf-8")
    assert "Lee" in references and "1988" in references
    for name in (NOTEBOOK, "student_handout", "answer_key", "glossary"):
        pdf = book / "pdf" / f"{name}.pdf"
        assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 20_000, name


def test_book_pages_have_no_serious_accessibility_violation(book, browser, axe_source):
    from .conftest import serious_violations

    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 720})
    page = context.new_page()
    for name in ("index", NOTEBOOK, "student_handout", "glossary"):
        page.goto((book / f"{name}.html").as_uri(), wait_until="load")
        assert serious_violations(page, axe_source) == [], name
    context.close()
