"""Lecture mode: the projector style for pages, and the steps of the teacher guide's 50-minute plan.

In the app mode (``make app``, ``LDN_PRESENTATION=1``) :func:`projector_style` enlarges everything on the page — body
text, tables, printed results, slider labels and check boxes — to at least 22 px at 1280×720, to go with the
presentation style of the figures, and puts each explorer's one-sentence description under its figure, so that the
controls and the whole figure share one screen. The lesson steps (:data:`STEPS`) are short pages in
``notebooks/lecture/``: each holds one step's key figure or explorer with a few lines to say and a question to ask
(its answer and printed numbers behind "Reveal" buttons), and fits in two screens, controls and figure within 680 px
(``scripts/lecture_heights.py`` measures it); the narrative stays in the full notebooks.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PROJECTOR_CSS", "projector_style", "Step", "STEPS", "contents_markdown", "navigation_markdown"]

#: Page style for a projector (only ever shown in the presentation mode).
PROJECTOR_CSS = """<style id="ldn-projector-style">
body, .jp-RenderedHTMLCommon, .jp-RenderedMarkdown, .jp-RenderedHTMLCommon p, .jp-RenderedHTMLCommon li,
.jp-RenderedHTMLCommon blockquote { font-size: 24px !important; line-height: 1.45 !important; }
.jp-RenderedHTMLCommon h1 { font-size: 40px !important; }
.jp-RenderedHTMLCommon h2 { font-size: 32px !important; }
.jp-RenderedHTMLCommon h3 { font-size: 28px !important; }
.jp-RenderedHTMLCommon table, .jp-RenderedHTMLCommon th, .jp-RenderedHTMLCommon td,
.jp-RenderedHTMLCommon code { font-size: 22px !important; }
.jp-OutputArea-output pre, .jp-RenderedText pre { font-size: 22px !important; line-height: 1.35 !important; }
.jupyter-widgets, .widget-label, .widget-label-basic, .widget-readout, .widget-html-content, .widget-html,
.widget-button,
.jupyter-widgets button, .jupyter-widgets input, .jupyter-widgets select, .widget-dropdown select,
.ldn-explorer-summary, .ldn-exercise, figcaption, [role=note] { font-size: 22px !important; }
.widget-label, .widget-readout { line-height: 1.3 !important; height: auto !important; }
.jupyter-widgets button, .jupyter-widgets input, .jupyter-widgets select { height: auto !important;
  min-height: 36px !important; }
.widget-slider .noUi-handle, .widget-slider .ui-slider-handle { transform: scale(1.4); }
.widget-hslider, .widget-slider { min-height: 40px !important; }
.ldn-explorer > .ldn-explorer-description { order: 3; }
.ldn-explorer > .ldn-explorer-summary { order: 4; }
details.ldn-reveal > summary { font-size: 22px !important; }
</style>"""


def projector_style(on: bool | None = None) -> bool:
    """Display the projector page style when the presentation style is on (the app mode); otherwise display
    nothing. ``on`` overrides the presentation switch. Returns whether the style was displayed."""
    from .plotting import presentation_on

    shown = presentation_on() if on is None else bool(on)
    if shown:
        from IPython.display import HTML, display
        display(HTML(PROJECTOR_CSS))
    return shown


@dataclass(frozen=True)
class Step:
    """One step of the 50-minute plan: its minutes, its page in ``notebooks/lecture/`` and the full notebook."""

    minutes: str
    title: str
    page: str
    notebook: str


#: The lecture's steps in order: minutes, title, its page and the notebook it draws on.
STEPS = (
    Step("0–5", "What LDN is; measured or assumed", "1_what_is_ldn.ipynb", "00_start_here.ipynb"),
    Step("5–15", "How much is in the blood", "2_dose_and_plasma.ipynb", "01_dose_and_plasma_levels.ipynb"),
    Step("15–25", "How many receptors, for how long", "3_receptor_blockade.ipynb", "02_receptor_blockade.ipynb"),
    Step("25–35", "The endorphin rebound, tested", "4_endorphin_rebound.ipynb", "03_endorphin_rebound.ipynb"),
    Step("35–45", "One trial or many", "5_trials.ipynb", "08_virtual_patients_and_trials.ipynb"),
    Step("45–50", "Exit question and homework", "6_exit.ipynb", "00_start_here.ipynb"),
)


def contents_markdown(links: bool = True) -> str:
    """The plan as a table of contents with links to every step's page (for ``notebooks/lecture/0_plan``).

    Parameters
    ----------
    links : bool, default True
        False: the page and notebook names without links (a slide deck has no other pages).
    """
    def name(target: str) -> str:
        return f"[{target.rsplit('/', 1)[-1][:-6]}]({target})" if links else target.rsplit("/", 1)[-1][:-6]

    lines = ["| minutes | step | page | full notebook |", "|---|---|---|---|"]
    for number, step in enumerate(STEPS, start=1):
        lines.append(f"| {step.minutes} | {number}. {step.title} | {name(step.page)} | {name('../' + step.notebook)} |")
    return "\n".join(lines)


def navigation_markdown(page: str) -> str:
    """One line of links for the step whose page is ``page``: previous step, the plan, next step, full notebook."""
    names = [step.page for step in STEPS]
    if page not in names:
        raise ValueError(f"page must be one of {', '.join(names)}, got {page!r}")
    index = names.index(page)
    step = STEPS[index]
    parts = [f"**Step {index + 1}/{len(STEPS)} · minutes {step.minutes}**"]
    if index > 0:
        parts.append(f"[← step {index}]({names[index - 1]})")
    parts.append("[the plan](0_plan.ipynb)")
    if index + 1 < len(STEPS):
        parts.append(f"[step {index + 2} →]({names[index + 1]})")
    parts.append(f"[notebook {step.notebook[:2]}](../{step.notebook})")
    return " · ".join(parts)
