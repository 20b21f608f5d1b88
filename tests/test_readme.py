"""The README's examples run as written: its Python blocks execute, and every ``ldn.<name>`` it mentions exists."""
import re
from pathlib import Path

import pytest

import ldnmodels
import ldnmodels as ldn

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.S)
NAMES = sorted(set(re.findall(r"`(?:ldn|ldnmodels)\.([A-Za-z_][\w.]*)", README)))


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_python_blocks_run_as_written(block):
    exec(compile(block, "README.md", "exec"), {})


@pytest.mark.parametrize("dotted", NAMES)
def test_every_name_the_readme_mentions_exists(dotted):
    target = ldn
    for part in dotted.rstrip(".").split("."):
        assert hasattr(target, part), f"README mentions ldn.{dotted}, but {part!r} is missing"
        target = getattr(target, part)


def test_the_readme_has_examples():
    assert BLOCKS and len(NAMES) >= 5 and ldnmodels.__version__
