"""The app's front page (app/front_page.py) lists what the notebooks and the lesson say they are."""
import importlib.util
import re
from pathlib import Path

from ldnmodels.teaching.lecture import STEPS

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("front_page", ROOT / "app" / "front_page.py")
front_page = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(front_page)
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_each_notebook_s_title_and_line_come_from_its_first_cell():
    title, line = front_page.title_and_line(ROOT / "notebooks" / "01_dose_and_plasma_levels.ipynb")
    assert title == "Dose and plasma levels: low-dose versus standard-dose naltrexone"
    assert line.startswith("how much naltrexone, and how much of its main metabolite 6β-naltrexol, is in the blood")
    for path in NOTEBOOKS:
        title, line = front_page.title_and_line(path)
        assert title and not title[:2].isdigit() and len(line) > 30 and "**" not in line, path.name


def test_the_body_puts_the_lesson_first_and_links_every_page_in_the_same_tab():
    body = front_page.body(ROOT / "notebooks", "/")
    assert body.index("Teach the 50-minute lesson") < body.index("Explore the notebooks")
    links = re.findall(r'href="/voila/render/([^"]+)"', body)
    assert links == (["lecture/0_plan.ipynb"] + [f"lecture/{step.page}" for step in STEPS]
                     + [path.name for path in NOTEBOOKS] + ["glossary.ipynb"])
    assert "target=" not in body and "not medical advice" in body
    assert "<header>" in body and "<main>" in body and body.count("<nav ") == 2


def test_text_cannot_reach_the_template_engine_or_the_markup():
    assert front_page._text("a {{ b }} <i>") == "a &#123;&#123; b &#125;&#125; &lt;i&gt;"


def test_the_written_template_keeps_the_app_s_base_url_for_the_template_to_fill(tmp_path):
    target = front_page.write_template(ROOT / "notebooks", tmp_path)
    assert target == tmp_path / "voila" / "templates" / "ldn" / "front_page.html"
    assert 'href="{{ base_url }}voila/render/lecture/0_plan.ipynb"' in target.read_text(encoding="utf-8")
