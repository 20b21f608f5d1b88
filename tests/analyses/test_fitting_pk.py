"""The PK fit: peak times checked against the closed form, and the fit meets the label's published numbers."""
import math
from dataclasses import replace

import pytest

from ldnmodels.analyses.fitting_pk import fit_pk, tmax_h
from ldnmodels.model.pharmacokinetics import PKParameters


def test_naltrexone_peak_time_is_the_closed_form_of_first_order_absorption():
    """Gut -> plasma -> out, both first order: tmax = ln(ka / k) / (ka - k), with k = ln 2 / half-life."""
    params = replace(PKParameters(), ka_per_h=2.0)
    k = math.log(2) / params.naltrexone_half_life_h
    assert tmax_h(params)[0] == pytest.approx(math.log(2.0 / k) / (2.0 - k), abs=1e-4)


def test_fit_meets_the_label_from_another_start():
    """Started away from the shipped values, the fit lands on the label (Swiss product information, 50 mg):
    naltrexone Cmax 13.3 ng/mL, 6beta-naltrexol Cmax 108 ng/mL, both peaks within 1 h."""
    start = replace(PKParameters(), ka_per_h=3.0, bioavailability_fraction=0.2, naltrexol_v_l=500.0)
    fitted = fit_pk(start)
    from ldnmodels.model.pharmacokinetics import plasma_concentrations
    from ldnmodels.model.regimen import Regimen
    naltrexone, naltrexol = plasma_concentrations(Regimen.single(50.0), 4001, 0.001, fitted)
    assert naltrexone.max() == pytest.approx(13.3, rel=2e-3)
    assert naltrexol.max() == pytest.approx(108.0, rel=2e-3)
    assert max(tmax_h(fitted)) == pytest.approx(1.0, abs=2e-3)
    assert 0.05 <= fitted.bioavailability_fraction <= 0.40     # inside the US label's range
