"""The shared look: presentation mode (the plotting modules' only state), colours, line looks and PNG rendering."""
import matplotlib
import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from ldnmodels.teaching import plotting_style


@pytest.fixture
def presentation():
    """Restore the presentation mode a test changes."""
    was = plotting_style.presentation_on()
    yield
    plotting_style.use_presentation(was)


def test_presentation_mode_scales_lines_and_text(presentation):
    plotting_style.use_presentation(False)
    assert not plotting_style.presentation_on()
    assert plotting_style.reference_linewidth(1.2) == pytest.approx(1.2)
    assert plotting_style.text_size(10) == pytest.approx(10)
    with plotting_style.style():
        paper = Figure().dpi, matplotlib.rcParams["font.size"]
    plotting_style.use_presentation(True)
    assert plotting_style.presentation_on()
    assert plotting_style.reference_linewidth(1.2) == pytest.approx(3.0)
    assert plotting_style.text_size(10) == pytest.approx(15)
    with plotting_style.style():
        projector = Figure().dpi, matplotlib.rcParams["font.size"]
    assert projector != paper


def test_a_reference_line_is_dotted_black_and_widens_on_a_projector(presentation):
    ax = Figure().subplots()
    plotting_style.use_presentation(False)
    level = plotting_style.reference_line(ax, 0.5, 1.2, label="chosen level")
    assert list(level.get_ydata()) == [0.5, 0.5] and level.get_label() == "chosen level"
    assert level.get_linestyle() == ":" and to_rgba(level.get_color()) == to_rgba(plotting_style.COLORS["data"])
    assert level.get_linewidth() == pytest.approx(1.2)
    plotting_style.use_presentation(True)
    assert plotting_style.reference_line(ax, 1.0).get_linewidth() == pytest.approx(2.5)


def test_percent_axis_writes_fractions_as_percentages():
    assert plotting_style.PERCENT_AXIS(0.5, 0) == "50 %"
    assert plotting_style.PERCENT_AXIS(1.0, 3) == "100 %"


def test_series_looks_differ_in_style_not_only_in_colour():
    looks = plotting_style.SERIES_COLORS, plotting_style.SERIES_LINESTYLES, plotting_style.SERIES_MARKERS
    assert [len(look) for look in looks] == [5, 5, 5]
    assert len(set(map(str, plotting_style.SERIES_LINESTYLES))) == 5 and len(set(plotting_style.SERIES_MARKERS)) == 5


def test_figure_png_renders_at_the_asked_resolution():
    figure = Figure(figsize=(2, 1))
    figure.subplots().plot([0, 1], [0, 1])
    small, large = plotting_style.figure_png(figure, dpi=20), plotting_style.figure_png(figure, dpi=80)
    assert small.startswith(b"\x89PNG") and large.startswith(b"\x89PNG") and len(large) > len(small)


def test_set_legend_label_renames_the_line_and_its_legend_entry():
    ax = Figure().subplots()
    (line,) = ax.plot([0, 1], [0, 1], label="old")
    ax.plot([0, 1], [1, 0], linestyle="--", label="other")
    ax.legend()
    plotting_style.set_legend_label({"line": line}, "line", "new")
    assert line.get_label() == "new"
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["new", "other"]
