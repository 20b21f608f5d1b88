"""Every app page (Voilà index and notebooks), JupyterLab and the course book: not one console error, no request
leaving the machine, no serious or critical accessibility violation (axe-core, from the npm registry), explorers
operable by keyboard (Tab reaches a slider, arrow keys move it, the figure and the numbers follow), exercise check
boxes that answer; each lecture page, as projected at 1280×720, fits in two screens with text of at least 22 px,
shows each explorer's controls and whole figure within 680 px, cuts no dropdown and keeps its answers and printed
numbers behind "Reveal" buttons that open by keyboard. Every check of a page is made on one visit: each visit costs
the app a kernel that runs the page (a preheated one, which the pool then replaces), and the suite its CPU time."""
import importlib.util
import json
import re
from pathlib import Path

import pytest

from ldnmodels.teaching.exercises import expected_answer
from ldnmodels.teaching.lecture import STEPS

from .conftest import KERNEL_READY_JS, answer_benign_dialogs, local_context, serious_violations

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(path.name for path in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
LECTURE = sorted(f"lecture/{path.name}" for path in (ROOT / "notebooks" / "lecture").glob("*.ipynb"))
FIGURE = "img.ldn-explorer-figure, .ldn-explorer-figure img"
#: The page that runs longest (10-25 s, no preheated kernel by default): its text must not wait for its run.
SLOWEST = "09_published_evidence.ipynb"


def _has_explorer(notebook: str) -> bool:
    """Whether a page's code builds an explorer (``*_explorer(...)``): its sliders and figure must then appear. Read
    from the notebook, not the page, which may not have drawn its widgets yet when the network goes quiet."""
    cells = json.loads((ROOT / "notebooks" / notebook).read_text())["cells"]
    return any(re.search(r"\b\w+_explorer\(", "".join(cell["source"])) for cell in cells if cell["cell_type"] == "code")


_spec = importlib.util.spec_from_file_location("lecture_heights", ROOT / "scripts" / "lecture_heights.py")
lecture_heights = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lecture_heights)


def test_every_lecture_step_has_its_page():
    assert sorted(f"lecture/{step.page}" for step in STEPS) == [page for page in LECTURE if "0_plan" not in page]


def test_pages_with_explorers_are_known_from_their_code():
    with_explorers = [page for page in NOTEBOOKS + LECTURE if _has_explorer(page)]
    assert set(SLIDERS) <= set(with_explorers) and SLOWEST not in with_explorers and len(with_explorers) >= 12


def test_voila_index_loads_without_errors_or_leaving_the_machine(browser, voila_url, axe_source):
    context = local_context(browser, voila_url)
    page = context.new_page()
    page.goto(voila_url + "/", timeout=120_000)
    page.get_by_role("heading", name="Teach the 50-minute lesson").wait_for(timeout=60_000)
    page.wait_for_load_state("networkidle")
    assert context.errors == [], context.errors
    assert context.left == [], context.left
    assert serious_violations(page, axe_source) == []
    # worth projecting: landmarks, the lesson before the notebooks, projector type, an icon, the same tab
    assert page.locator("header h1").count() == 1 and page.locator("main nav").count() == 2
    headings = page.locator("h2").all_inner_texts()
    assert headings.index("Teach the 50-minute lesson") < headings.index("Explore the notebooks")
    assert page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('main li')).fontSize)") >= 22
    assert page.locator("link[rel=icon]").count() == 1 and page.locator("a[target]").count() == 0
    # every page of notebooks/ is listed as an app, once
    links = page.eval_on_selector_all("main a", "links => links.map(a => a.getAttribute('href'))")
    pages = [path.relative_to(ROOT / "notebooks").as_posix() for path in (ROOT / "notebooks").rglob("*.ipynb")]
    assert len(pages) == 19 and sorted(link.rsplit("/voila/render/", 1)[1] for link in links) == sorted(pages)
    # opened in the same tab (the glossary: each lecture page is opened once, from the pool, by the test below)
    page.get_by_role("link", name="the glossary").click()
    page.locator("h1", has_text="Glossary").wait_for(timeout=120_000)
    context.close()


@pytest.mark.parametrize("notebook", NOTEBOOKS + ["glossary.ipynb"] + LECTURE)
def test_every_app_page_is_clean_and_accessible(browser, voila_url, axe_source, notebook):
    context = local_context(browser, voila_url)
    page = context.new_page()
    page.goto(f"{voila_url}/voila/render/{notebook}", wait_until="commit", timeout=300_000)
    page.locator("h1").first.wait_for(state="visible", timeout=300_000)
    if notebook == SLOWEST:  # its title and first paragraphs show while it runs, under a one-line progress banner
        assert page.locator("#loading").count() == 1, "the page's text waited for the whole page to run"
        assert page.locator("#loading").bounding_box()["height"] < 60
    page.wait_for_load_state("networkidle", timeout=300_000)
    if _has_explorer(notebook):
        page.locator(".widget-slider").first.wait_for(state="visible", timeout=300_000)
        page.locator(FIGURE).first.wait_for(state="visible", timeout=300_000)
    assert "Traceback" not in page.inner_text("body")
    if notebook in NOTEBOOKS:  # the glossary link of the first paragraph opens the glossary page, in a new tab
        link = page.locator(".jp-RenderedMarkdown a", has_text="glossary").first
        assert link.evaluate("a => [a.href, a.target]") == [f"{voila_url}/voila/render/glossary.ipynb", "_blank"]
        if notebook == NOTEBOOKS[0]:
            assert page.request.get(link.evaluate("a => a.href"), timeout=120_000).status == 200
    if notebook == "glossary.ipynb":
        assert "Bioavailability" in page.inner_text("body") and "not medical advice" in page.inner_text("body")
    assert context.errors == [], context.errors
    assert context.left == [], context.left
    assert serious_violations(page, axe_source) == []
    if notebook in {f"lecture/{step.page}" for step in STEPS}:  # as the lecturer projects it
        for size in lecture_heights.VIEWPORTS:  # 1280×720, then 1920×1080, on the same visit
            page.set_viewport_size(size)
            row = lecture_heights.measure_open_page(page, notebook)
            assert lecture_heights.fits(row), row  # two screens, 22 px, controls and figure on one screen, no answer
        _reveal_by_keyboard(page)
    if notebook in KEYBOARD:
        _tab_reaches_a_slider(page)
    if notebook in SLIDERS:
        _slider_moves_figure_and_numbers(page)
    if notebook == CHECK_BOX_PAGE:
        box = page.locator(".ldn-exercise", has_text=CHECK_BOX).first
        box.scroll_into_view_if_needed()
        _answer_too_high_too_low_and_right(box, expected_answer(CHECK_BOX))
    assert context.errors == [], context.errors
    context.close()


#: Pages where a slider moved by the keyboard must change the first explorer's figure and its numbers.
SLIDERS = ("01_dose_and_plasma_levels.ipynb", "02_receptor_blockade.ipynb", "03_endorphin_rebound.ipynb")
#: A page where Tab, from the top, must reach a slider with nothing taken out of the tab order.
KEYBOARD = ("03_endorphin_rebound.ipynb",)
#: An exercise check box (and its page) that must say too high, too low and correct, in the app and in JupyterLab.
CHECK_BOX, CHECK_BOX_PAGE = "01-peak-ratio", "01_dose_and_plasma_levels.ipynb"


def _reveal_by_keyboard(page):
    """Each "Reveal" button opens with the keyboard (Tab to it, Enter) and then shows what it held."""
    buttons = page.locator("details.ldn-reveal > summary")
    for index in range(buttons.count()):
        details = page.locator("details.ldn-reveal").nth(index)
        assert details.evaluate("d => !d.open && [...d.children].slice(1).every(c => !c.checkVisibility())")
        buttons.nth(index).focus()
        page.keyboard.press("Enter")
        assert details.evaluate("d => d.open && [...d.children].slice(1).some(c => c.checkVisibility())")


def _tab_reaches_a_slider(page):
    """Every control of the page is in the tab order, and Tab from the top of the page reaches a slider."""
    focusable = page.evaluate(
        "() => [...document.querySelectorAll('.widget-slider [role=slider], .widget-slider .noUi-handle, "
        "select, button, input')]\n"
        "        .filter(el => el.offsetParent !== null).map(el => el.tabIndex)")
    assert focusable and all(index >= 0 for index in focusable)  # nothing removed from the tab order
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("body").click(position={"x": 5, "y": 5})
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('.widget-slider')"):
            return
    raise AssertionError("Tab never reached a slider")


def _slider_moves_figure_and_numbers(page):
    """Arrow keys on the first explorer's first slider: its figure and its printed numbers change; no Python error
    (no traceback text, no error or stderr output) on the page."""
    figure = page.locator(FIGURE).first
    summary = page.locator(".ldn-explorer-summary").first
    summary.wait_for(state="visible", timeout=60_000)
    before_image, before_text = figure.get_attribute("src"), summary.inner_text()
    assert before_text.strip(), "the explorer shows no numbers"
    page.locator(".widget-slider .noUi-handle, .widget-slider [role=slider]").first.focus()
    for _ in range(15):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "([selector, text]) => { const el = document.querySelector(selector); return el && el.innerText !== text; }",
        arg=[".ldn-explorer-summary", before_text], timeout=60_000)
    page.wait_for_function(
        "([selector, src]) => { const el = document.querySelector(selector); return el && el.src !== src; }",
        arg=[FIGURE, before_image], timeout=60_000)
    assert "Traceback" not in page.inner_text("body")
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr'], .jp-OutputArea-output.error").count() == 0


def _answer_too_high_too_low_and_right(box, target: float) -> None:
    """Type three answers into an exercise box (Enter or the Check button) and wait for each verdict."""
    field = box.locator("input[type=text]")
    for typed, expected, press in ((f"{2 * target:.3f}", "too high", "Enter"), (f"{target / 2:.3f}", "too low", None),
                                   (f"{target:.4f}", "Correct", "Enter")):
        field.fill(typed)
        if press:
            field.press(press)
        else:
            box.get_by_role("button", name="Check").click()
        box.locator("[role=status]", has_text=expected).wait_for(timeout=60_000)


def test_jupyterlab_opens_runs_and_links_without_console_errors_or_leaving_the_machine(browser, lab_url):
    """One visit to notebook 01 in JupyterLab: it opens offline with its text; run all, and its check box answers
    too high, too low and correct (Enter or Check); its glossary link opens the glossary beside it; not one console
    error, no request leaving the machine."""
    context = local_context(browser, lab_url)
    page = context.new_page()
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{lab_url}/lab/tree/notebooks/{CHECK_BOX_PAGE}", timeout=120_000)
    page.locator(".jp-Notebook").first.wait_for(state="visible", timeout=120_000)
    page.locator(".jp-RenderedMarkdown", has_text="What you will learn").first.wait_for(timeout=120_000)
    assert page.locator(".jp-RenderedMarkdown", has_text="not medical advice").count() >= 1
    assert "Traceback" not in page.inner_text("body")
    page.wait_for_load_state("networkidle", timeout=120_000)
    assert page.request.get(f"{lab_url}/api/contents/notebooks/glossary.ipynb?content=0").status == 200
    answer_benign_dialogs(page)
    page.wait_for_function(KERNEL_READY_JS, timeout=120_000)
    page.get_by_role("menuitem", name="Run").click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    box = page.locator(".ldn-exercise", has_text=CHECK_BOX).first
    box.wait_for(state="attached", timeout=120_000)
    box.scroll_into_view_if_needed()
    _answer_too_high_too_low_and_right(box, expected_answer(CHECK_BOX))
    page.locator(".jp-RenderedMarkdown a", has_text="glossary").first.click()  # opens beside it, in JupyterLab
    page.locator(".jp-RenderedMarkdown", has_text="Words the notebooks use").first.wait_for(timeout=120_000)
    page.wait_for_timeout(5000)  # "widget model not found" came seconds after the first render, when it came
    assert context.errors == [], context.errors
    assert context.left == [], context.left
    context.close()
