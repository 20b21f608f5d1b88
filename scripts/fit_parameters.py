"""Refit the free parameters of ldnmodels to the published data it ships, and print them.

Usage: python scripts/fit_parameters.py

The printed values are the defaults in ldnmodels/pharmacokinetics.py and
ldnmodels/receptor.py; tests/test_fitting.py checks that they still agree.
"""
from ldnmodels import data
from ldnmodels.fitting import (blockade_half_time_after_50mg_h, fit_direct_receptor, fit_pk,
                               fit_receptor, fit_side_effects, pet_predictions, tmax_h)


def main() -> None:
    pk = fit_pk()
    print("PKParameters (fitted):")
    print(f"  ka_per_h                 = {pk.ka_per_h:.4g}")
    print(f"  bioavailability_fraction = {pk.bioavailability_fraction:.4g}")
    print(f"  naltrexol_v_l            = {pk.naltrexol_v_l:.4g}")
    print(f"  tmax naltrexone / 6β-naltrexol = {tmax_h(pk)[0]:.3f} / {tmax_h(pk)[1]:.3f} h")
    receptor = fit_receptor(pk)
    direct = fit_direct_receptor(pk)
    doses, observed = data.pet_occupancy()
    print("ReceptorParameters (fitted):")
    print(f"  ke0_per_h          = {receptor.ke0_per_h:.4g}")
    print(f"  naltrexone_ec50_nm = {receptor.naltrexone_ec50_nm:.4g}")
    print("dose_mg  PET  biophase_model  direct_model")
    for dose, obs, model, flat in zip(doses, observed, pet_predictions(pk, receptor, doses),
                                      pet_predictions(pk, direct, doses)):
        print(f"{dose:7g}  {obs:.2f}  {model:13.2f}  {flat:12.2f}")
    print(f"blockade half-time after 50 mg: biophase {blockade_half_time_after_50mg_h(pk, receptor):.1f} h, "
          f"direct {blockade_half_time_after_50mg_h(pk, direct):.1f} h (Lee 1988: 72-108 h)")
    print(f"direct model naltrexone_ec50_nm = {direct.naltrexone_ec50_nm:.4g}")
    effects = fit_side_effects(pk, receptor)
    print("SideEffectParameters (fitted to Younger 2013: vivid dreams 37 %, headache 16 %):")
    print(f"  vivid_dreams_per_night_blockade = {effects.vivid_dreams_per_night_blockade:.4g}")
    print(f"  headache_per_daily_rise         = {effects.headache_per_daily_rise:.4g}")


if __name__ == "__main__":
    main()
