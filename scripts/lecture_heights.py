"""Measure the lecture steps as a lecturer projects them at 1280×720: page height in screens, the smallest text, the
span from each explorer's controls to the bottom of its figure, dropdowns that cut their option, answers shown.

Usage: python scripts/lecture_heights.py      (starts ``make app``'s Voilà server and Debian's Chromium)

Each step of the teacher guide's 50-minute plan (``ldnmodels.teaching.lecture.STEPS``, pages in
``notebooks/lecture/``) must fit in two screens, with no text smaller than 22 px, each explorer's controls and whole
figure within 680 px, every dropdown as wide as its options and every answer behind its "Reveal"; the script prints
one row per step and exits 1 otherwise.
The browser tests take the same measurement on each lecture page they open (tests/browser/test_app_pages.py).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VIEWPORT = {"width": 1280, "height": 720}
#: The projector sizes every goal must hold at (the browser test measures both on one visit).
VIEWPORTS = (VIEWPORT, {"width": 1920, "height": 1080})
MAX_SCREENS = 2.0
MIN_TEXT_PX = 22.0
#: From the top of an explorer's controls to the bottom of its figure: both on one screen, with 40 px to spare
#: (680 px at 720).
MARGIN_PX = 40.0
#: Text a student reads on the page: narrative, tables, printed results, widget labels and read-outs, summaries.
TEXT = ("p, li, td, th, pre, .widget-label, .widget-label-basic, .widget-readout, .ldn-explorer-summary, "
        ".ldn-exercise, [role=status], figcaption")
#: The page's full height: Voilà's page scrolls inside a container, so the document itself is one viewport high.
_HEIGHT = """() => {
  let height = Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);
  for (const el of document.querySelectorAll("*")) {
    const overflow = getComputedStyle(el).overflowY;
    if ((overflow === "auto" || overflow === "scroll") && el.scrollHeight > el.clientHeight) {
      height = Math.max(height, el.scrollHeight + el.getBoundingClientRect().top + window.scrollY);
    }
  }
  return Math.round(height);
}"""
_SMALLEST_TEXT = """(selector) => {
  let smallest = Infinity, where = "";
  for (const el of document.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    if (!el.innerText || !el.innerText.trim() || box.width === 0 || box.height === 0) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < smallest) { smallest = size; where = el.tagName + " " + el.innerText.trim().slice(0, 40); }
  }
  return [smallest, where];
}"""


#: Per explorer: the span from its controls' top to its figure's bottom (px). Dropdowns whose chosen option is cut.
_EXPLORERS = """() => {
  const spans = [];
  for (const explorer of document.querySelectorAll(".ldn-explorer")) {
    const controls = [...explorer.querySelectorAll(".widget-slider, .widget-dropdown, .widget-checkbox, "
      + ".widget-toggle-buttons, .widget-radio")].filter(el => el.getBoundingClientRect().height > 0);
    const figure = explorer.querySelector("img.ldn-explorer-figure, .ldn-explorer-figure img");
    if (!controls.length || !figure) continue;
    const top = Math.min(...controls.map(el => el.getBoundingClientRect().top));
    spans.push(Math.round(figure.getBoundingClientRect().bottom - top));
  }
  const cut = [...document.querySelectorAll(".widget-dropdown select")]
    .filter(el => el.scrollWidth > el.clientWidth + 1 || textWidth(el) > el.clientWidth - 24)
    .map(el => el.selectedOptions.length ? el.selectedOptions[0].text : "");
  function textWidth(select) {
    const canvas = document.createElement("canvas").getContext("2d");
    canvas.font = getComputedStyle(select).font;
    return Math.max(0, ...[...select.options].map(option => canvas.measureText(option.text).width));
  }
  return [spans, cut];
}"""
#: Answers on the page that are not behind a closed "Reveal" (a <details> element).
_ANSWERS_SHOWN = r"""() => [...document.querySelectorAll(".jp-RenderedMarkdown p, .jp-RenderedMarkdown li")]
  .filter(el => /^(Answer|Reveal|Model answer)\b/i.test(el.textContent.trim()))
  .filter(el => el.checkVisibility()).map(el => el.innerText.trim().slice(0, 60))"""


def measure_open_page(page, page_name: str) -> dict:
    """Height (px and screens), smallest text (px and where), each explorer's controls-to-figure span (px), cut
    dropdowns and answers shown before a Reveal, of a lecture page open and rendered in ``page``."""
    page.wait_for_timeout(500)
    height = page.evaluate(_HEIGHT)
    smallest, where = page.evaluate(_SMALLEST_TEXT, TEXT)
    spans, cut = page.evaluate(_EXPLORERS)
    screen = page.viewport_size or VIEWPORT
    return {"page": page_name, "viewport": f"{screen['width']}×{screen['height']}", "screen_px": screen["height"],
            "height_px": height, "screens": height / screen["height"],
            "smallest_text_px": smallest, "smallest_text_at": where, "controls_to_figure_px": max(spans, default=0),
            "cut_dropdowns": cut, "answers_shown": page.evaluate(_ANSWERS_SHOWN)}


def fits(row: dict) -> bool:
    """Whether a measured lecture page meets every goal of the projector layout."""
    return (row["screens"] <= MAX_SCREENS and row["smallest_text_px"] >= MIN_TEXT_PX and not row["cut_dropdowns"]
            and row["controls_to_figure_px"] <= row.get("screen_px", VIEWPORT["height"]) - MARGIN_PX
            and not row["answers_shown"])


def measure_step(context, url: str, page_name: str) -> list[dict]:
    """Open one step's page; return, per size of :data:`VIEWPORTS`, what :func:`measure_open_page` measures."""
    page = context.new_page()
    try:
        page.goto(f"{url}/voila/render/lecture/{page_name}", timeout=300_000)
        page.locator("h1").first.wait_for(state="visible", timeout=300_000)
        page.wait_for_load_state("networkidle", timeout=300_000)
        if page.locator(".ldn-explorer-figure").count() or "explorer" in (
                ROOT / "notebooks" / "lecture" / page_name).read_text(encoding="utf-8"):
            page.locator("img.ldn-explorer-figure, .ldn-explorer-figure img").first.wait_for(
                state="visible", timeout=300_000)
        rows = []
        for size in VIEWPORTS:  # one visit (each costs the app a preheated kernel), every projector size
            page.set_viewport_size(size)
            rows.append(measure_open_page(page, page_name))
        return rows
    finally:
        page.close()


def measure_all(browser, url: str) -> list[dict]:
    from ldnmodels.teaching.lecture import STEPS

    context = browser.new_context(viewport=VIEWPORT)
    try:
        return [dict(row, minutes=step.minutes, title=step.title)
                for step in STEPS for row in measure_step(context, url, step.page)]
    finally:
        context.close()


def main() -> int:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_voila import chromium, voila_server

    log = ROOT / "build" / "lecture-voila.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with chromium() as browser, voila_server(log) as (url, _server):
        rows = measure_all(browser, url)
    print("lecture steps, app mode (presentation style); goals: at most "
          f"{MAX_SCREENS:g} screens, text at least {MIN_TEXT_PX:g} px, controls and figure within the screen less "
          f"{MARGIN_PX:g} px, dropdowns whole, answers behind Reveal")
    print(f"{'size':10} {'minutes':8} {'step':38} {'height':>8} {'screens':>8} {'smallest text':>14} "
          f"{'controls→figure':>16}")
    ok = True
    for row in rows:
        good = fits(row)
        ok &= good
        problems = [f"text {row['smallest_text_at']}"] if row["smallest_text_px"] < MIN_TEXT_PX else []
        problems += [f"cut dropdown {text!r}" for text in row["cut_dropdowns"]]
        problems += [f"answer shown {text!r}" for text in row["answers_shown"]]
        print(f"{row['viewport']:10} {row['minutes']:8} {row['title'][:38]:38} {row['height_px']:>6} px "
              f"{row['screens']:>8.2f} "
              f"{row['smallest_text_px']:>11.0f} px {row['controls_to_figure_px']:>13} px  "
              f"{'PASS' if good else 'FAIL ' + '; '.join(problems)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
