"""Numbers stated in the notebooks' text and the teacher guide are the numbers the model computes.

Each claim is a phrase with one number in it; the test computes the number from the model, formats it as the text
does, and checks that exactly that phrase appears in the file. A claim that drifts from the model fails here.
"""
import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

import ldnmodels as ldn
from ldnmodels import evidence, metrics
from ldnmodels.inflammation import MEASURED_TLR4_IC50_UM

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=None)
def text_of(relative: str) -> str:
    path = ROOT / relative
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    else:
        text = path.read_text(encoding="utf-8")
    return " ".join(text.split())          # line breaks and indentation do not matter


@lru_cache(maxsize=None)
def peak_nm_after(dose_mg: float) -> float:
    """Peak plasma naltrexone during daily dosing (steady state, as notebook 04 prints it), nM."""
    return float(ldn.simulate(ldn.Regimen.daily(dose_mg, days=14, clock_h=21.0), hours=14 * 24.0,
                              step_h=0.1).naltrexone_ng_ml.max() / 341.4 * 1000.0)


@lru_cache(maxsize=None)
def week12_pain(dose_mg: float = 4.5) -> float:
    res = ldn.simulate(ldn.Regimen.daily(dose_mg, days=84, clock_h=21.0), hours=84 * 24.0, step_h=0.1)
    return float(metrics.daily_means(res.t_h, res.pain_nrs)[-7:].mean())


@lru_cache(maxsize=None)
def _default_daily_pain() -> np.ndarray:
    res = ldn.simulate(ldn.Regimen.daily(4.5, days=84, clock_h=21.0), hours=84 * 24.0, step_h=0.1)
    return metrics.daily_means(res.t_h, res.pain_nrs)


def _opioid_route_alone_week12() -> float:
    res = ldn.simulate(ldn.Regimen.daily(4.5, days=84, clock_h=21.0), hours=84 * 24.0, step_h=0.1,
                       symptoms=ldn.SymptomParameters(sensitization_exponent=0.0))
    return float(metrics.daily_means(res.t_h, res.pain_nrs)[-7:].mean())


@lru_cache(maxsize=None)
def _population_change(dose_mg: float) -> float:
    """Mean drug-only change of notebook 08's population (2000 patients, seed 1) in week 12, points."""
    from ldnmodels.population import make_population, simulate_population
    population = make_population(2000, seed=1)
    pain = simulate_population(population, ldn.Regimen.daily(dose_mg, days=84), 84).daily_pain_nrs
    return float(np.mean(pain[:, -7:].mean(axis=1) - population.symptoms.baseline_pain_nrs))


def thousands(value: float) -> str:
    return f"{round(value, -3):,.0f}".replace(",", " ")


CLAIMS = [
    ("docs/teacher_guide.md", "answer: linear, about {}×",
     lambda: f"{peak_nm_after(50.0) / peak_nm_after(4.5):.0f}"),
    ("docs/teacher_guide.md", "peaks near {} nM after 4.5 mg", lambda: f"{peak_nm_after(4.5):.2f}"),
    ("docs/teacher_guide.md", "{} times the peak at 1 µM", lambda: f"{1000.0 / peak_nm_after(4.5):.0f}"),
    ("docs/teacher_guide.md", "about {} times at 100 µM",
     lambda: thousands(MEASURED_TLR4_IC50_UM * 1000.0 / peak_nm_after(4.5))),
    ("notebooks/04_microglia_tlr4.ipynb", "is {} times the LDN peak", lambda: f"{1000.0 / peak_nm_after(4.5):.0f}"),
    ("notebooks/04_microglia_tlr4.ipynb", "about {} times more potent than the measured one",
     lambda: thousands(MEASURED_TLR4_IC50_UM / ldn.InflammationParameters().tlr4_ic50_um)),
    ("notebooks/05_mechanisms_to_symptoms.ipynb", "about {} times beyond the TLR4 potency measured",
     lambda: thousands(MEASURED_TLR4_IC50_UM / ldn.InflammationParameters().tlr4_ic50_um)),
    ("notebooks/04_microglia_tlr4.ipynb", "281 times at 1 µM, about {} times at 100 µM",
     lambda: thousands(MEASURED_TLR4_IC50_UM * 1000.0 / peak_nm_after(4.5))),
    ("notebooks/05_mechanisms_to_symptoms.ipynb", "a little *above* untreated ({} against 6.50",
     lambda: f"{_opioid_route_alone_week12():.2f}"),
    ("notebooks/05_mechanisms_to_symptoms.ipynb", "rises a little above 6.5 ({}) before it falls",
     lambda: f"{_default_daily_pain()[:7].mean():.2f}"),
    ("notebooks/05_mechanisms_to_symptoms.ipynb", "ends at about {} after 12 weeks of 4.5 mg",
     lambda: f"{week12_pain():.2f}"),
    ("notebooks/08_virtual_patients_and_trials.ipynb", "population mean effect is modest, {}",
     lambda: "a little over half a point" if 0.5 < -_population_change(4.5) < 0.75 else f"{-_population_change(4.5):.2f}"),
    ("docs/teacher_guide.md", "benefit of {} points at 3 mg and {} at 6 mg",
     lambda: tuple(f"{-c:.2f}" for c in evidence.population_dose_response((3.0, 6.0), n_patients=1000,
                                                                          seed=5).mean_change_nrs)),
]


@pytest.mark.parametrize("path, template, compute", CLAIMS, ids=[f"{c[0]}: {c[1]}" for c in CLAIMS])
def test_stated_number_is_what_the_model_computes(path, template, compute):
    value = compute()
    phrase = template.format(*(value if isinstance(value, tuple) else (value,)))
    assert phrase in text_of(path), f"{path} should say {phrase!r} (the model's number)"
