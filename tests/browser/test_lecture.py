"""Lecture mode at 1280×720: every step of the 50-minute plan fits in two screens, text at least 22 px."""
import importlib.util
from pathlib import Path

from ldnmodels.teaching.lecture import STEPS

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("lecture_heights", ROOT / "scripts" / "lecture_heights.py")
lecture_heights = importlib.util.module_from_spec(spec)
spec.loader.exec_module(lecture_heights)


def test_every_step_fits_two_screens_with_text_of_at_least_22_px(browser, voila_url):
    rows = lecture_heights.measure_all(browser, voila_url)
    assert [row["page"] for row in rows] == [step.page for step in STEPS]
    for row in rows:
        assert row["screens"] <= lecture_heights.MAX_SCREENS, row
        assert row["smallest_text_px"] >= lecture_heights.MIN_TEXT_PX, row
