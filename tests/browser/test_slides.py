"""The lecture's slides (make slides): the seven lecture pages as one reveal.js deck that works from disk, offline;
and the live deck (make live-slides): the same slides served by Voilà, every explorer with a kernel behind it."""
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from ldnmodels.teaching.lecture import STEPS

from .conftest import NO_PORT_RETRIES, local_context, local_server, serious_violations

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    out = tmp_path_factory.mktemp("slides")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_slides.py"), "--out", str(out)], check=True,
                   cwd=ROOT)
    return out / "lecture.slides.html"


def test_the_deck_has_a_slide_per_lesson_step_with_its_figures_whole_offline(deck, browser, axe_source):
    """A slide per step, every figure decoded and no control; at 1280×720 and 1920×1080 every figure whole on its
    slide; axe clean on every slide; no console error; nothing but the deck's own files loaded."""
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 720})
    requests, errors = [], []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(deck.as_uri())
        page.locator(".reveal.ready").wait_for(timeout=60_000)
        titles = page.evaluate("[...document.querySelectorAll('.slides > section')].map(s => s.innerText.trim())")
        assert len(titles) == len(STEPS) + 1  # the plan, then "Step 1/6 · minutes 0–5", ...
        for index, step in enumerate(STEPS, start=1):
            assert titles[index].startswith(f"Step {index}/{len(STEPS)} · minutes {step.minutes}"), titles[index][:80]
        assert ".ipynb" not in page.content().split("<script")[0]  # no links to pages a deck does not have
        # every figure decoded: the static ones and the explorers' (from the widgets' saved state)
        images = page.evaluate("[...document.querySelectorAll('.slides img')].map(i => i.naturalWidth)")
        assert len(images) >= 4 and all(width > 0 for width in images), images
        explorers = page.locator(".slides .ldn-explorer-figure img, .slides img.ldn-explorer-figure")
        assert explorers.count() >= 3
        # a deck has no kernel: no control that would not move anything
        assert page.locator(".slides input, .slides select, .slides button, .slides [role=slider]").count() == 0
        assert all(alt for alt in page.evaluate("[...document.querySelectorAll('.slides img.ldn-explorer-figure')]"
                                                ".map(i => i.alt)"))
        page.keyboard.press("ArrowRight")  # reveal.js takes the keys: the next step
        page.wait_for_timeout(800)
        assert page.evaluate("location.hash") == "#/1"  # reveal.js history: the second top-level slide
        assert errors == []
        for width, height in ((1280, 720), (1920, 1080)):  # as projected, on the same visit: the deck loads once
            page.set_viewport_size({"width": width, "height": height})
            seen = 0
            for index in range(len(STEPS) + 1):  # every step's slide: each figure whole on it
                page.evaluate(f"location.hash = '#/{index}'")
                page.wait_for_timeout(700)
                for box in page.evaluate(_FIGURE_BOXES):
                    seen += 1
                    assert box["top"] >= 0 and box["bottom"] <= height + 0.5, (width, index, box)
                    assert box["left"] >= 0 and box["right"] <= width + 0.5, (width, index, box)
            assert seen >= 4, width  # steps 2 to 5 show their explorers' figures
        assert errors == []  # (axe, below, reads the style sheets itself, which a page from disk may not: CORS)
        page.set_viewport_size({"width": 1280, "height": 720})
        for index in range(len(STEPS) + 1):  # every step's slide, as projected: no serious accessibility violation
            page.evaluate(f"location.hash = '#/{index}'")
            page.wait_for_timeout(400)
            assert serious_violations(page, axe_source) == [], index
        assert all(url.startswith(("file://", "data:", "blob:")) for url in requests), \
            [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]
    finally:
        context.close()


#: The bounding boxes of the figures on the slide shown (px of the window).
_FIGURE_BOXES = """() => [...document.querySelectorAll("section.present:not(.stack) .ldn-slide-figure img")]
  .filter(img => img.naturalWidth > 0).map(img => img.getBoundingClientRect().toJSON())"""


@pytest.fixture(scope="module")
def live_deck(tmp_path_factory):
    """``make live-slides``: the live deck built and served by Voilà on a free port; yields its URL."""
    spec = importlib.util.spec_from_file_location("build_slides", ROOT / "scripts" / "build_slides.py")
    build_slides = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_slides)
    folder = tmp_path_factory.mktemp("live-slides")
    deck = build_slides.build_live(folder / "deck")
    env = build_slides.live_command(deck)[1]
    with local_server(lambda port: [*build_slides.live_command(deck, port)[0], NO_PORT_RETRIES[1]], "/",
                      folder / "voila.log", env={**env, "MPLBACKEND": "Agg"}) as server:
        yield server.url


#: What the slide shown holds: its heading, and the bounding box (px of the window) of its explorer's figure.
_PRESENT = """() => {
  const slide = document.querySelector("section.present:not(.stack)");
  const figure = slide && slide.querySelector("img.ldn-explorer-figure, .ldn-explorer-figure img");
  return {heading: slide ? (slide.querySelector("h1, h2")?.textContent ?? "") : "",
          figure: figure && figure.naturalWidth > 0 ? figure.getBoundingClientRect().toJSON() : null,
          src: figure ? figure.src : null};
}"""


def test_the_live_deck_moves_its_explorers_on_their_slides(live_deck, browser, axe_source):
    """A slide per step; on step 2 an arrow key on the dose slider redraws the explorer's figure (the key moves the
    slider, not the slide); at 1280×720 and 1920×1080 (one page, resized: the deck runs once) every explorer's
    figure is whole on its slide with its controls; nothing leaves the machine, no console error, no serious
    accessibility violation on any slide."""
    context = local_context(browser, live_deck)
    context.set_default_timeout(120_000)
    page = context.new_page()
    try:
        page.goto(live_deck, timeout=180_000)
        page.locator(".reveal.ready").wait_for(timeout=180_000)
        assert page.locator(".slides > section").count() == len(STEPS) + 1  # the plan, then a slide per step
        assert page.locator("a[href*='.ipynb']").count() == 0  # no links to pages a deck does not have
        page.evaluate("location.hash = '#/2'")  # step 2: how much is in the blood
        page.wait_for_function(f"({_PRESENT})().figure !== null", timeout=120_000)
        page.wait_for_timeout(1500)  # the slide's transition
        shown = page.evaluate(_PRESENT)
        assert shown["heading"].startswith("How much is in the blood"), shown["heading"]
        page.locator("section.present .widget-slider .noUi-handle, section.present .widget-slider [role=slider]"
                     ).first.focus()
        page.keyboard.press("ArrowLeft")
        page.wait_for_function(f"src => ({_PRESENT})().src !== src", arg=shown["src"], timeout=60_000)
        assert page.evaluate("location.hash") == "#/2"  # still step 2
        for width, height in ((1280, 720), (1920, 1080)):
            page.set_viewport_size({"width": width, "height": height})
            seen = 0
            for index in range(len(STEPS) + 1):  # every slide: its figure whole with its controls, axe clean
                page.evaluate(f"location.hash = '#/{index}'")
                page.wait_for_timeout(1200)  # the slide's transition: axe would measure colours half faded in
                box = page.evaluate(_PRESENT)["figure"]
                if box is not None:
                    seen += 1
                    assert box["top"] >= 0 and box["bottom"] <= height + 0.5, (width, index, box)
                    assert box["left"] >= 0 and box["right"] <= width + 0.5, (width, index, box)
                if width == 1280:
                    assert serious_violations(page, axe_source) == [], index
            assert seen >= 4, width  # steps 2 to 5
        assert context.left == [] and context.errors == [], (context.left, context.errors)
    finally:
        context.close()
