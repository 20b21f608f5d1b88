"""The app's front page (``make app``, ``/``): the lesson first, then every notebook with its title and one line.

Titles and lines come from the notebooks themselves (the first heading, the first point of "What you will learn")
and the lesson's steps from ``ldnmodels.teaching.lecture.STEPS``, so the page never disagrees with what it lists.
``app/voila.py`` writes the page's body at start-up where the "ldn" template's ``tree.html`` includes it.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path


def _text(words: str) -> str:
    """Text for the page: HTML-escaped, and no brace that the template engine could read as its own."""
    return html.escape(words).replace("{", "&#123;").replace("}", "&#125;")


def first_cell(path: Path) -> str:
    """The source of a notebook's first cell (its title and "What you will learn")."""
    return "".join(json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"])


def title_and_line(path: Path) -> tuple[str, str]:
    """A notebook's title (its first heading, without the number) and its first point of "What you will learn"."""
    text = first_cell(path)
    heading = re.search(r"^#\s+(.+)$", text, flags=re.M)
    title = re.sub(r"^\d\d\s*·\s*", "", heading.group(1).strip()) if heading else path.stem
    point = re.search(r"What you will learn\**\s*\n-\s*(.+?)(?:\n-|\n\n|$)", text, flags=re.S)
    line = " ".join(point.group(1).split()).rstrip(";.") if point else ""
    return title, re.sub(r"\*\*|\*|`", "", line)


def body(notebooks: Path, base_url: str = "/") -> str:
    """The front page's body: header, the lesson (the plan and its steps), the notebooks, the glossary, a footer."""
    from ldnmodels.teaching.lecture import STEPS

    render = f"{base_url}voila/render/"
    steps = "".join(f'<li><span class="minutes">{_text(step.minutes)} min</span> · '
                    f'<a href="{render}lecture/{step.page}">{_text(step.title)}</a></li>' for step in STEPS)
    books = []
    for path in sorted(notebooks.glob("[0-9][0-9]_*.ipynb")):
        title, line = title_and_line(path)
        books.append(f'<li><a href="{render}{path.name}">{path.name[:2]} · {_text(title)}</a>'
                     f'<span class="what">{_text(line)}</span></li>')
    return (f'<header><h1>Low-dose naltrexone in models you can move</h1><p>A teaching kit: how LDN is thought to '
            f'work in fibromyalgia, and how dose and timing change what happens. <strong>Educational, not medical '
            f'advice.</strong></p></header>'
            f'<main><nav aria-labelledby="lesson"><h2 id="lesson">Teach the 50-minute lesson</h2>'
            f'<p><a href="{render}lecture/0_plan.ipynb">The plan</a>, then one page per step:</p>'
            f'<ol>{steps}</ol></nav>'
            f'<nav aria-labelledby="notebooks"><h2 id="notebooks">Explore the notebooks</h2>'
            f'<ul>{"".join(books)}</ul></nav>'
            f'<p>Words you may not know: <a href="{render}glossary.ipynb">the glossary</a>.</p></main>'
            f'<footer><p>Every page runs its own model when opened; sliders answer at once.</p></footer>')


def write_template(notebooks: Path, jupyter_dir: Path) -> Path:
    """Write the body where the "ldn" template's ``tree.html`` includes it (``front_page.html`` under
    ``jupyter_dir/voila/templates/ldn``); put ``jupyter_dir`` first on ``JUPYTER_PATH``. Returns the file."""
    target = jupyter_dir / "voila" / "templates" / "ldn" / "front_page.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body(notebooks, "{{ base_url }}"), encoding="utf-8")
    return target
