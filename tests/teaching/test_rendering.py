"""Explorer images redraw only the data artists while the axes stay; they must equal a full draw, always."""
import io

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from ldnmodels.teaching.rendering import FigureRenderer


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def full_draw(figure) -> np.ndarray:
    return pixels(FigureRenderer(figure).png())  # a new renderer has no background yet: it draws everything


@pytest.fixture
def figure():
    fig = Figure(figsize=(4, 3), dpi=60)
    ax = fig.add_subplot()
    x = np.linspace(0, 10, 200)
    ax.plot(x, np.sin(x), label="sine")
    ax.fill_between(x, -0.5, 0.5, alpha=0.2)
    ax.set_ylim(-2, 2)
    ax.set_title("a title")
    ax.legend(loc="upper right")
    return fig


def test_a_data_change_redraws_only_the_data_and_equals_a_full_draw(figure):
    renderer = FigureRenderer(figure)
    first = pixels(renderer.png())
    line = figure.axes[0].lines[0]
    line.set_ydata(np.cos(line.get_xdata()))
    second = pixels(renderer.png())
    assert renderer.full_draws == 1  # the axes were reused
    assert not np.array_equal(first, second)
    np.testing.assert_array_equal(second, full_draw(figure))


@pytest.mark.parametrize("change", [
    lambda ax: ax.set_ylim(-5, 5), lambda ax: ax.set_title("another title"), lambda ax: ax.set_xlabel("days"),
    lambda ax: ax.set_yscale("symlog"), lambda ax: ax.set_xticks([0, 5, 10], ["a", "b", "c"]),
    lambda ax: ax.set_position([0.2, 0.2, 0.5, 0.5]),
])
def test_a_change_of_the_axes_draws_everything_again(figure, change):
    renderer = FigureRenderer(figure)
    renderer.png()
    change(figure.axes[0])
    image = pixels(renderer.png())
    assert renderer.full_draws == 2
    np.testing.assert_array_equal(image, full_draw(figure))


def test_artists_added_or_hidden_after_the_first_draw_are_drawn_or_not(figure):
    renderer = FigureRenderer(figure)
    renderer.png()
    ax = figure.axes[0]
    ax.axhline(1.5, color="red")
    ax.lines[0].set_visible(False)
    image = pixels(renderer.png())
    assert renderer.full_draws == 1
    np.testing.assert_array_equal(image, full_draw(figure))


EXPLORER_MOVES = {  # builder, then (control, value) moves that change the data and, some of them, the axes
    "plasma_explorer": (dict(days=3), [("dose_mg", 3.0), ("dose_mg", 50.0), ("days", 5), ("regimen", "single")]),
    "blockade_explorer": (dict(days=3), [("dose_mg", 1.5), ("level", 0.9), ("dose_mg", 100.0)]),
    "symptoms_explorer": (dict(weeks=2), [("dose_mg", 3.0), ("tlr4_on", False), ("dose_mg", 50.0)]),
    "titration_explorer": ({}, [("start_mg", 1.5), ("hold", "vivid dreams"), ("target_mg", 6.0)]),
    "opioid_explorer": (dict(weeks=1), [("dose_mg", 50.0), ("dose_mg", 0.5)]),
    "liver_explorer": (dict(days=3), [("exposure", 8.0), ("exposure", 1.0)]),
    "trial_explorer": (dict(pool_size=300), [("n_per_arm", 40), ("n_per_arm", 45), ("dropout", 0.5)]),
}


@pytest.mark.parametrize("name", list(EXPLORER_MOVES))
def test_every_explorer_image_equals_a_full_draw_after_each_move(name):
    from ldnmodels import widgets

    kwargs, moves = EXPLORER_MOVES[name]
    explorer = getattr(widgets, name)(**kwargs)
    for control, value in moves:
        if control == "hold" and value not in explorer.controls[control].options:
            value = explorer.controls[control].options[-1]
        explorer.controls[control].value = value
        np.testing.assert_array_equal(pixels(explorer.image.value), full_draw(explorer.figure),
                                      err_msg=f"{name}: stale image after {control}={value!r}")


def test_the_trial_histogram_keeps_its_axes_while_a_slider_goes_back_and_forth():
    """Its y limit once flipped between two steps on every move of "patients per arm" (the tallest bar either side
    of a step of 10), so each arrow key cost a full draw; after one visit, going back and forth costs none."""
    from ldnmodels import widgets

    explorer = widgets.trial_explorer(pool_size=600)
    n_per_arm = explorer.controls["n_per_arm"]
    for pair in ((20, 25), (45, 50), (95, 100), (150, 155), (250, 255)):
        n_per_arm.value, n_per_arm.value = pair  # one visit: the limit may rise (or fall) once
        before = explorer._renderer.full_draws
        for value in pair * 3:
            n_per_arm.value = value
        assert explorer._renderer.full_draws == before, f"full draws while moving between {pair}"
        tallest = max(sum(bar.get_height() for bar in bars) for bars in
                      zip(explorer.artists["significant_bars"], explorer.artists["other_bars"], strict=True))
        top = explorer.figure.axes[1].get_ylim()[1]
        assert tallest < top <= max(20, 2 * tallest + 10), (pair, tallest, top)  # every bar shown, none squashed


def test_the_trial_histogram_counts_every_replicate_between_minus_3_and_3():
    from ldnmodels import widgets

    explorer = widgets.trial_explorer(pool_size=600)
    bars = list(zip(explorer.artists["significant_bars"], explorer.artists["other_bars"], strict=True))
    shown = sum(low.get_height() + high.get_height() for low, high in bars)
    assert all(high.get_y() == low.get_height() for low, high in bars)  # stacked
    power = int(explorer.artists["power_text"].get_text().split()[1].rstrip("%"))
    assert sum(low.get_height() for low, _high in bars) <= power <= 100
    assert 90 <= shown <= 100  # a difference beyond 3 points is off the axis (rare at any n)
