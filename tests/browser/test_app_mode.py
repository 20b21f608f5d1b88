"""Notebooks as Voilà apps in a real browser: a slider moved with the keyboard changes the figure and a number."""
import pytest

from .conftest import KERNEL_READY_JS, answer_benign_dialogs

APPS = ["01_dose_and_plasma_levels.ipynb", "02_receptor_blockade.ipynb", "03_endorphin_rebound.ipynb"]


@pytest.mark.parametrize("notebook", APPS)
def test_slider_changes_figure_and_number(browser, voila_url, notebook):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{voila_url}/voila/render/{notebook}", timeout=120_000)
    figure = page.locator(".ldn-explorer-figure img, img.ldn-explorer-figure").first
    figure.wait_for(state="visible", timeout=120_000)
    summary = page.locator(".ldn-explorer-summary").first
    summary.wait_for(state="visible", timeout=60_000)
    before_image, before_text = figure.get_attribute("src"), summary.inner_text()
    assert before_text.strip(), "the explorer shows no numbers"

    handle = page.locator(".widget-slider .noUi-handle, .widget-slider [role=slider]").first
    handle.focus()
    for _ in range(15):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "([selector, text]) => { const el = document.querySelector(selector); return el && el.innerText !== text; }",
        arg=[".ldn-explorer-summary", before_text], timeout=60_000)
    page.wait_for_function(
        "([selector, src]) => { const el = document.querySelector(selector); return el && el.src !== src; }",
        arg=[".ldn-explorer-figure img, img.ldn-explorer-figure", before_image], timeout=60_000)
    assert summary.inner_text() != before_text

    # no Python error on the page: no traceback text, no error or stderr output
    assert "Traceback" not in page.inner_text("body")
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr'], .jp-OutputArea-output.error").count() == 0
    assert not errors, errors
    page.close()


def test_index_lists_every_notebook_as_an_app(browser, voila_url):
    from pathlib import Path

    page = browser.new_page()
    page.goto(voila_url + "/", timeout=60_000)
    links = page.eval_on_selector_all("main a", "links => links.map(a => a.getAttribute('href'))")
    notebooks = Path(__file__).resolve().parents[2] / "notebooks"
    pages = [path.relative_to(notebooks).as_posix() for path in notebooks.rglob("*.ipynb")]
    assert len(pages) == 19 and sorted(link.rsplit("/voila/render/", 1)[1] for link in links) == sorted(pages)
    page.close()


def test_jupyterlab_opens_a_notebook_offline(browser, lab_url):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{lab_url}/lab/tree/notebooks/01_dose_and_plasma_levels.ipynb", timeout=120_000)
    page.locator(".jp-Notebook").first.wait_for(state="visible", timeout=120_000)
    page.locator(".jp-RenderedMarkdown", has_text="What you will learn").first.wait_for(timeout=60_000)
    assert page.locator(".jp-RenderedMarkdown", has_text="not medical advice").count() >= 1
    assert "Traceback" not in page.inner_text("body")
    page.close()


def test_exercise_check_box_answers_right_too_high_and_too_low_in_the_app(browser, voila_url):
    from ldnmodels.teaching.exercises import expected_answer

    target = expected_answer("01-peak-ratio")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{voila_url}/voila/render/01_dose_and_plasma_levels.ipynb", timeout=120_000)
    box = page.locator(".ldn-exercise", has_text="01-peak-ratio").first
    box.wait_for(state="visible", timeout=120_000)
    _answer_too_high_too_low_and_right(box, target)
    page.close()


def test_exercise_check_box_answers_right_too_high_and_too_low_in_jupyterlab(browser, lab_url):
    """The same box in JupyterLab: run the notebook, type answers, press Check or Enter."""
    from ldnmodels.teaching.exercises import expected_answer

    target = expected_answer("01-peak-ratio")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{lab_url}/lab/tree/notebooks/01_dose_and_plasma_levels.ipynb", timeout=120_000)
    page.locator(".jp-Notebook").first.wait_for(state="visible", timeout=120_000)
    box = page.locator(".ldn-exercise", has_text="01-peak-ratio").first
    answer_benign_dialogs(page)
    page.wait_for_function(KERNEL_READY_JS, timeout=120_000)
    page.get_by_role("menuitem", name="Run").click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    box.wait_for(state="attached", timeout=120_000)
    box.scroll_into_view_if_needed()
    _answer_too_high_too_low_and_right(box, target)
    page.close()


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
