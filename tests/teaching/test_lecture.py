"""Lecture mode: the projector style, the plan's table of contents and each step page's navigation."""
import json
from pathlib import Path

import pytest

from ldnmodels import lecture, plotting

ROOT = Path(__file__).resolve().parents[2]


def test_every_step_has_its_page_and_the_page_opens_with_its_navigation():
    for step in lecture.STEPS:
        page = ROOT / "notebooks" / "lecture" / step.page
        cells = json.loads(page.read_text(encoding="utf-8"))["cells"]
        assert "".join(cells[0]["source"]).startswith(lecture.navigation_markdown(step.page)), step.page
        assert (ROOT / "notebooks" / step.notebook).exists()


def test_contents_link_every_step_in_plan_order():
    text = lecture.contents_markdown()
    positions = [text.index(step.page) for step in lecture.STEPS]
    assert positions == sorted(positions)
    assert "../02_receptor_blockade.ipynb" in text


def test_contents_without_links_for_a_deck_name_every_step_and_link_nothing():
    text = lecture.contents_markdown(links=False)
    assert "](" not in text and ".ipynb" not in text
    assert all(step.page.removesuffix(".ipynb") in text for step in lecture.STEPS)


def test_navigation_refuses_an_unknown_page():
    with pytest.raises(ValueError, match="page must be one of"):
        lecture.navigation_markdown("9_nothing.ipynb")


def test_first_and_last_steps_have_one_neighbour_each():
    first = lecture.navigation_markdown(lecture.STEPS[0].page)
    last = lecture.navigation_markdown(lecture.STEPS[-1].page)
    assert "←" not in first and "→" in first
    assert "→" not in last.split("the full story")[0] and "←" in last


def test_projector_style_only_in_presentation_mode(capsys):
    was = plotting.presentation_on()
    try:
        plotting.use_presentation(False)
        assert lecture.projector_style() is False
        plotting.use_presentation(True)
        assert lecture.projector_style() is True
        assert lecture.projector_style(on=False) is False
    finally:
        plotting.use_presentation(was)
    assert "font-size: 22px" in lecture.PROJECTOR_CSS and "font-size: 24px" in lecture.PROJECTOR_CSS
