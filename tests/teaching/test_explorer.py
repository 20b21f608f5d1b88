"""The explorer helper: a declaration becomes a working explorer that runs the model once per change."""
import ipywidgets
import numpy as np
import pytest
from matplotlib.figure import Figure

from ldnmodels.teaching.explorer import (
    CLINICAL_DOSES_MG,
    ExplorerDeclaration,
    chosen_and_reference,
    clock_slider,
    dose_clock_slider,
    dose_slider,
    float_slider,
    remember_latest,
    size_control,
    structure_dropdown,
)


def counting_declaration(runs: list, summaries: list) -> ExplorerDeclaration:
    """A toy explorer: y = slope * x, counting its model runs."""
    x = np.linspace(0.0, 1.0, 11)

    def run(values):
        runs.append(dict(values))
        return values["slope"] * x

    def build_figure(y, values):
        figure = Figure(figsize=(3, 2))
        (line,) = figure.subplots().plot(x, np.zeros_like(x))
        return figure, {"line": line}

    def summary(y, values):
        summaries.append(values["slope"])
        return f"largest y {y.max():.1f}"

    return ExplorerDeclaration(
        controls={"slope": float_slider(1.0, 0.0, 4.0, 0.5, "slope")}, run=run, build_figure=build_figure,
        update_figure=lambda artists, y, values: artists["line"].set_ydata(y), summary=summary,
        description="a straight line")


def test_a_declared_explorer_runs_once_to_start_and_once_per_change():
    runs, summaries = [], []
    explorer = counting_declaration(runs, summaries).explorer()
    assert runs == [{"slope": 1.0}]  # the figure and the first picture share one run
    assert explorer.summary.value == "largest y 1.0"
    assert bytes(explorer.image.value).startswith(b"\x89PNG")
    assert "Figure: a straight line" in explorer.description.value
    explorer.controls["slope"].value = 3.0
    assert runs == [{"slope": 1.0}, {"slope": 3.0}]
    np.testing.assert_allclose(explorer.artists["line"].get_ydata(), np.linspace(0.0, 3.0, 11))
    assert explorer.summary.value == "largest y 3.0" and summaries == [1.0, 3.0]
    explorer.refresh()  # an explicit refresh is a new run too
    assert len(runs) == 3


def test_the_figure_is_built_once():
    built = []
    declaration = counting_declaration([], [])
    original = declaration.build_figure

    def counting_build(y, values):
        built.append(values)
        return original(y, values)

    explorer = ExplorerDeclaration(declaration.controls, declaration.run, counting_build, declaration.update_figure,
                                   declaration.summary, declaration.description).explorer()
    figure = explorer.figure
    for slope in (0.5, 2.0, 4.0):
        explorer.controls["slope"].value = slope
    assert len(built) == 1 and explorer.figure is figure


def test_a_declaration_cannot_be_changed():
    declaration = counting_declaration([], [])
    with pytest.raises(AttributeError):
        declaration.run = None


def test_remember_latest_runs_again_only_for_new_settings():
    calls = []
    square = remember_latest(lambda settings: calls.append(settings) or settings["x"] ** 2)
    assert square({"x": 3, "unit": "mg"}) == 9
    assert square({"unit": "mg", "x": 3}) == 9  # the same settings, in another order
    assert len(calls) == 1
    assert square({"x": 4, "unit": "mg"}) == 16
    assert square({"x": 3, "unit": "mg"}) == 9  # only the latest is kept
    assert len(calls) == 3


def test_the_reference_runs_again_only_when_a_setting_it_depends_on_moves():
    calls = []

    def simulate_at(settings, dose):
        calls.append((dict(settings), dose))
        return dose * settings["weeks"]

    run = chosen_and_reference(simulate_at, "dose_mg", 50.0)
    assert run({"dose_mg": 4.5, "weeks": 2}) == (9.0, 100.0)
    assert run({"dose_mg": 6.0, "weeks": 2}) == (12.0, 100.0)  # the dose moved: the reference is remembered
    assert [dose for _settings, dose in calls] == [4.5, 50.0, 6.0]
    assert calls[1][0] == {"weeks": 2}  # the reference never sees the dose it holds fixed
    assert run({"dose_mg": 6.0, "weeks": 3}) == (18.0, 150.0) and len(calls) == 5
    only_dose = chosen_and_reference(simulate_at, "clock_h", 21.0, depends_on=("weeks",))
    only_dose({"clock_h": 7.0, "weeks": 1, "night": 22.0})
    only_dose({"clock_h": 7.0, "weeks": 1, "night": 23.0})  # a control the reference ignores
    assert [dose for _settings, dose in calls[5:]] == [7.0, 21.0, 7.0]


def test_the_dose_clock_slider_offers_the_whole_day_from_21_00():
    slider = dose_clock_slider()
    assert slider.description == "dose clock time" and slider.label == "21:00"
    assert slider.options[0] == ("00:00", 0.0) and slider.options[-1] == ("23:30", 23.5)
    assert dose_clock_slider(7.0).label == "07:00"


def test_dose_slider_offers_the_clinical_doses_and_refuses_others():
    slider = dose_slider(4.5)
    assert slider.value == 4.5 and slider.label == "4.5"
    assert [value for _label, value in slider.options] == list(CLINICAL_DOSES_MG)
    with pytest.raises(ValueError, match="clinical doses"):
        dose_slider(4.4)


def test_clock_slider_shows_clock_times_every_half_hour():
    slider = clock_slider(21.0, 18.0, 23.5, "night from")
    assert [label for label, _value in slider.options][:3] == ["18:00", "18:30", "19:00"]
    assert slider.options[-1] == ("23:30", 23.5) and slider.label == "21:00"


def test_structure_dropdown_offers_a_parameter_set_as_its_own_option():
    from ldnmodels import ReceptorParameters

    mine = ReceptorParameters(ke0_per_h=1.0)
    dropdown = structure_dropdown(mine)
    assert dropdown.value is mine
    assert dropdown.options[-1][0] == "your parameters (ReceptorParameters)"
    assert all(isinstance(value, str) for _label, value in dropdown.options[:-1])


def test_sliders_get_room_for_label_and_track_but_other_controls_keep_their_size():
    long = float_slider(1.0, 0.0, 5.0, 0.1, "up-regulation time constant (days, illustrative)")
    size_control(long)
    assert int(long.layout.width.removesuffix("px")) >= 8 * len(long.description) + 220
    short = float_slider(1.0, 0.0, 5.0, 0.1, "x")
    size_control(short)
    assert short.layout.width == "400px"
    checkbox = ipywidgets.Checkbox(value=True, description="weekly steps 1.5 → 3 → 4.5 mg first")
    size_control(checkbox)
    assert (checkbox.layout.width, checkbox.indent) == ("auto", False)  # its label beside it, whole
    dropdown = ipywidgets.Dropdown(options=["a", "b"])
    size_control(dropdown)
    assert dropdown.layout.width is None


def test_a_dropdown_is_as_wide_as_its_label_and_longest_option_at_any_font_size():
    from ldnmodels.teaching.explorer import dropdown, structure_dropdown
    short, long = dropdown(["a", "b"], "a", "x"), structure_dropdown()
    widths = [float(d.layout.width.removesuffix("em")) for d in (short, long)]
    longest = max(len(label) for label, _ in long.options) + len(long.description)
    assert widths[1] >= 0.5 * longest + 2 > widths[0]  # in em: about half an em a character, and the arrow's room
