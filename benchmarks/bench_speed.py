"""Speed of ldnmodels as classes run it: every figure quiet and with competitors, side by side, PASS/FAIL.

Figures (goals from issues 6 and 12):

1. ``simulate()`` for 12 weeks of daily 4.5 mg at step_h = 0.1 h, the full pipeline (<= 5 ms quiet, <= 10 ms
   contended), and plasma plus blockade alone;
2. the same equations integrated with ``scipy.integrate.solve_ivp`` (LSODA, rtol 1e-8), restarted at each dose: the
   speed-up (>= 20x) and the largest difference relative to each output's peak (<= 0.5 %);
3. the receptor-structure ensemble for 12 weeks as a multiple of one structure's ``simulate()`` (<= 10x);
4. 10 000 virtual patients for 12 weeks (<= 2 s quiet, <= 4 s contended) with the default single thread, and with
   one thread per core (``workers=``; reported, the goal is for the default);
5. slider to redraw of every notebook explorer, Python side (Agg, in process; median <= 100 ms quiet, <= 200 ms
   contended: the browser adds transport and display on top, see ``bench_voila.py``).

"Contended" means N CPU-bound competitor processes running throughout (N = number of cores by default): a shared
class server where every core is already busy. The script exits with status 1 when any goal is missed (CI does not
run it: wall-clock time on a shared CI machine says nothing).

Usage: python benchmarks/bench_speed.py [--competitors N] [--quick]
  --competitors N  competitor processes for the contended run (default: one per core; 0: quiet only)
  --quick          fewer repeats and explorers (a smoke run, about a quarter of the time)
  --contended      the old spelling of the default (kept)
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time

import numpy as np
from harness import Figure, competitor_count, quiet_then_contended
from scipy.integrate import solve_ivp

import ldnmodels as ldn
from ldnmodels.core.constants import NALTREXOL_G_PER_MOL, NALTREXONE_BASE_G_PER_MOL, SALT_TO_BASE_FRACTION
from ldnmodels.model.endorphin import endorphin_rhythm
from ldnmodels.model.inflammation import tlr4_inhibition
from ldnmodels.model.pharmacokinetics import plasma_concentrations, system_matrix
from ldnmodels.model.receptor import competitive_occupancy, regimen_blockade
from ldnmodels.model.structures import default_receptor
from ldnmodels.teaching.widgets import (
    adherence_explorer,
    blockade_explorer,
    liver_explorer,
    opioid_explorer,
    plasma_explorer,
    rebound_explorer,
    symptoms_explorer,
    timing_explorer,
    titration_explorer,
    tlr4_explorer,
    trial_explorer,
)

REGIMEN = ldn.Regimen.daily(4.5, days=84, clock_h=21.0)
HOURS, STEP_H = 84 * 24.0, 0.1


def timed(function, repeats: int) -> tuple[float, object]:
    """Median wall time in seconds over ``repeats`` calls, and the last result."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def reference_solve_ivp(res: ldn.SimulationResult, rtol: float = 1e-8) -> dict[str, np.ndarray]:
    """The same equations as simulate() with the default (two-phase) structure, all as one ODE system, integrated
    numerically and restarted at each dose.

    States: gut, plasma naltrexone and 6β-naltrexol (mg), the two slow-pool concentrations (nM), averaged blockade,
    the two TLR4 lags, and the day-averaged signalling and rhythm used by the pain score.
    """
    pk, receptor, rebound = res.pk, res.receptor, res.rebound
    inflammation, symptoms = res.inflammation, res.symptoms
    a_pk, _ = system_matrix(pk)
    to_nm_n = 1e6 / (float(pk.naltrexone_v_l) * NALTREXONE_BASE_G_PER_MOL)
    entry, affinity = receptor.naltrexol_brain_entry_fraction, receptor.naltrexol_relative_affinity
    to_nm_m = 1e6 / (float(pk.naltrexol_v_l) * NALTREXOL_G_PER_MOL) * entry
    ke0 = receptor.ke0_per_h

    def occupancy_of(n, m, e_n, e_m):
        ratio = ((to_nm_n * n + affinity * to_nm_m * m) / receptor.fast_ec50_nm
                 + (e_n + affinity * e_m) / receptor.slow_ec50_nm)
        return competitive_occupancy(ratio).mor_occupancy
    k_up = 1.0 / rebound.upregulation_time_constant_h
    k_m, k_z = 1.0 / inflammation.microglia_time_constant_h, 1.0 / inflammation.sensitization_time_constant_h
    k_avg = 1.0 / symptoms.signaling_averaging_h

    def rhs(t, y):
        g, n, m, e_n, e_m, o_bar, i_m, i_z, s_bar, r_bar = y
        amounts = a_pk @ y[:3]
        occupancy = occupancy_of(n, m, e_n, e_m)
        rhythm = endorphin_rhythm(t, rebound)
        signal = rhythm * (1 + rebound.release_gain * o_bar) * (1 + rebound.receptor_gain * o_bar) * (1 - occupancy)
        inhibition = tlr4_inhibition(n / float(pk.naltrexone_v_l) * 1000.0, inflammation)
        return [amounts[0], amounts[1], amounts[2], ke0 * (to_nm_n * n - e_n), ke0 * (to_nm_m * m - e_m),
                k_up * (occupancy - o_bar), k_m * (inhibition - i_m), k_z * (i_m - i_z),
                k_avg * (signal - s_bar), k_avg * (rhythm - r_bar)]

    t_grid = res.t_h
    out = np.zeros((10, t_grid.size))
    state = np.zeros(10)
    # Untreated for ever before t = 0: both day-averages start on the rhythm's periodic steady state.
    from ldnmodels.model.symptoms import averaged_rhythm
    state[8] = state[9] = float(np.ravel(averaged_rhythm(np.array([0.0]), rebound,
                                                         symptoms.signaling_averaging_h))[0])
    edges = [0.0] + list(REGIMEN.times_h) + [HOURS]
    doses = [0.0] + list(REGIMEN.doses_mg)
    for k, (start, stop) in enumerate(zip(edges[:-1], edges[1:])):
        state[0] += doses[k] * SALT_TO_BASE_FRACTION * pk.absorbed_fraction
        mask = (t_grid >= start) & (t_grid < stop)
        sol = solve_ivp(rhs, (start, stop), state, t_eval=np.append(t_grid[mask], stop), rtol=rtol, atol=1e-12,
                        method="LSODA")
        out[:, mask] = sol.y[:, :-1]
        state = sol.y[:, -1].copy()
    out[:, -1] = state
    occupancy = occupancy_of(out[1], out[2], out[3], out[4])
    rhythm = endorphin_rhythm(t_grid, rebound)
    signal = rhythm * (1 + rebound.release_gain * out[5]) * (1 + rebound.receptor_gain * out[5]) * (1 - occupancy)
    reducible = 1 - 1 / inflammation.fibromyalgia_drive_ratio
    sensitization = 1 - inflammation.sensitization_coupling_fraction * reducible * out[7]
    tone = np.divide(out[8], out[9], out=np.ones_like(out[8]), where=out[9] > 0)
    odds = symptoms.baseline_pain_nrs / (10 - symptoms.baseline_pain_nrs) \
        * sensitization ** symptoms.sensitization_exponent * np.exp(-symptoms.opioid_weight * (tone - 1))
    return {"naltrexone_ng_ml": out[1] / float(pk.naltrexone_v_l) * 1000,
            "naltrexol_ng_ml": out[2] / pk.naltrexol_v_l * 1000,
            "mor_occupancy": occupancy, "opioid_signaling": signal, "microglial_activation": 1 - reducible * out[6],
            "sensitization": sensitization, "pain_nrs": 10 * odds / (1 + odds)}


def slider_to_redraw_ms(explorer, values, control: str, repeats: int) -> float:
    """Median time from setting a control's value to the redrawn figure (Agg canvas, in process), ms."""
    times = []
    for _ in range(repeats):
        for value in values:
            start = time.perf_counter()
            explorer.controls[control].value = value
            times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def measure_all(quick: bool) -> dict[Figure, float]:
    """Every figure once, in this process; returns {figure: value}."""
    repeats = 10 if quick else 50
    found: dict[Figure, float] = {}
    pk, receptor = ldn.PKParameters(), default_receptor()
    n_points = int(round(HOURS / STEP_H)) + 1
    ldn.simulate(REGIMEN, HOURS, STEP_H)  # warm-up
    t_core, _ = timed(lambda: (plasma_concentrations(REGIMEN, n_points, STEP_H, pk),
                               regimen_blockade(REGIMEN, n_points, STEP_H, pk, receptor)), repeats)
    found[Figure("plasma + blockade, 12 weeks @ 0.1 h", "ms", None, None)] = 1000 * t_core
    t_model, res = timed(lambda: ldn.simulate(REGIMEN, HOURS, STEP_H), repeats)
    found[Figure("simulate(), 12 weeks @ 0.1 h, full pipeline", "ms", 5.0, 10.0)] = 1000 * t_model
    if not quick:
        # A what-if potency makes the TLR4 branch non-trivial, so the comparison tests it too.
        what_if = ldn.simulate(REGIMEN, HOURS, STEP_H, inflammation=ldn.InflammationParameters(tlr4_ic50_um=0.001))
        for label, result in (("default", res), ("TLR4 IC50 1 nM", what_if)):
            t_ref, ref = timed(lambda result=result: reference_solve_ivp(result), repeats=1)
            found[Figure(f"speed-up over solve_ivp (LSODA, rtol 1e-8), {label}", "x", 20.0, 20.0,
                         higher_is_better=True)] = t_ref / t_model
            worst = max(100 * np.max(np.abs(getattr(result, key) - theirs)) / np.max(np.abs(theirs))
                        for key, theirs in ref.items())
            found[Figure(f"largest difference from solve_ivp, {label}", "% of peak", 0.5, 0.5)] = worst
    for label, kwargs in (("structures that fit, 8 draws each", {}), ("all five structures, 8 draws each",
                                                                       {"structures": "all"})):
        t_ens, _ = timed(lambda kwargs=kwargs: ldn.ensemble(REGIMEN, HOURS, STEP_H, **kwargs),
                          repeats=3 if quick else 5)
        found[Figure(f"ensemble, {label}", "x one simulate()", 10.0, 10.0)] = t_ens / t_model
    from ldnmodels.analyses.population import make_population, simulate_population
    population = make_population(10_000, seed=1)
    simulate_population(population.subset(slice(0, 200)), REGIMEN, days=84)  # warm-up
    cores = os.cpu_count() or 1
    for workers in sorted({1, cores}):
        t_pop, _ = timed(lambda workers=workers: simulate_population(population, REGIMEN, days=84, workers=workers),
                         repeats=1 if quick else 3)
        default = workers == 1
        found[Figure(f"10 000 patients x 12 weeks, {workers} thread{'s' * (workers > 1)}"
                     f"{' (default)' if default else ''}", "s", 2.0 if default else None,
                     4.0 if default else None)] = t_pop
    doses = [1.5, 3.0, 4.5, 6.0, 12.5, 50.0]
    cases = (("plasma (01)", lambda: plasma_explorer(days=7), "dose_mg", doses),
             ("blockade (02), 7 days", lambda: blockade_explorer(days=7), "dose_mg", doses),
             ("blockade (02), 28 days", lambda: blockade_explorer(days=28), "dose_mg", doses),
             ("rebound (03)", lambda: rebound_explorer(weeks=4), "dose_mg", doses),
             ("TLR4 (04)", lambda: tlr4_explorer(weeks=12), "dose_mg", doses),
             ("symptoms (05)", symptoms_explorer, "dose_mg", doses),
             ("titration (06)", titration_explorer, "start_mg", [0.5, 1.0, 1.5, 2.0]),
             ("timing (06)", timing_explorer, "clock_h", [6.0, 8.0, 12.0, 20.0, 22.0]),
             ("adherence (06)", adherence_explorer, "missed", [0.1, 0.2, 0.3, 0.4]),
             ("opioid (07)", opioid_explorer, "dose_mg", doses),
             ("liver (07)", liver_explorer, "exposure", [2.0, 4.0, 6.0, 8.0]),
             ("trial (08)", trial_explorer, "n_per_arm", [20, 40, 60, 80]))
    for label, builder, control, values in (cases[::3] if quick else cases):
        value = slider_to_redraw_ms(builder(), values, control, repeats=1 if quick else 3)
        found[Figure(f"slider to redraw, {label} explorer", "ms", 100.0, 200.0)] = value
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--competitors", type=competitor_count, default=os.cpu_count() or 1,
                        help="CPU-bound competitor processes for the contended run (default: one per core; 0: none)")
    parser.add_argument("--quick", action="store_true", help="fewer repeats and explorers")
    parser.add_argument("--contended", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, numpy {np.__version__}; quiet run, then "
          f"{args.competitors} CPU-bound competitor process(es)", flush=True)
    return quiet_then_contended(lambda: measure_all(args.quick), args.competitors)


if __name__ == "__main__":
    sys.exit(main())
