"""Speed of ldnmodels on this machine (prints figures; tests never assert time).

1. plasma and blockade over 12 weeks of daily 4.5 mg at step_h = 0.1 (goal <= 5 ms), and the full
   pipeline with the mechanisms and the pain score (goal <= 10 ms), default receptor structure;
2. the same equations integrated with scipy.integrate.solve_ivp (rtol 1e-8), restarted at each dose:
   time ratio (goal >= 20x) and maximum difference relative to each output's peak (goal <= 0.5 %);
3. the receptor-structure ensemble (every structure that fits, 8 bootstrap draws each, and all five
   structures) for 12 weeks, as a ratio to one structure's simulate() (goal <= 10x);
4. slider-to-redraw of the notebook explorers (Agg, in process; goal <= 100 ms median).

Usage: python benchmarks/bench_speed.py [--contended]
  --contended  run everything again with one CPU-bound Python process per core (a shared class server)
"""
from __future__ import annotations

import multiprocessing
import os
import platform
import statistics
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp

import ldnmodels as ldn
from ldnmodels.constants import NALTREXOL_G_PER_MOL, NALTREXONE_BASE_G_PER_MOL, SALT_TO_BASE_FRACTION
from ldnmodels.pharmacokinetics import system_matrix
from ldnmodels.endorphin import endorphin_rhythm
from ldnmodels.inflammation import tlr4_inhibition
from ldnmodels.receptor import competitive_occupancy, regimen_blockade
from ldnmodels.pharmacokinetics import plasma_concentrations
from ldnmodels.structures import default_receptor
from ldnmodels.widgets import (adherence_explorer, blockade_explorer, liver_explorer, opioid_explorer,
                               plasma_explorer, rebound_explorer, symptoms_explorer, timing_explorer,
                               titration_explorer, tlr4_explorer, trial_explorer)

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
    from ldnmodels.symptoms import _averaged_rhythm
    state[8] = state[9] = float(np.ravel(_averaged_rhythm(np.array([0.0]), rebound,
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
    odds = symptoms.baseline_pain_nrs / (10 - symptoms.baseline_pain_nrs) * sensitization ** symptoms.sensitization_exponent \
        * np.exp(-symptoms.opioid_weight * (tone - 1))
    return {"naltrexone_ng_ml": out[1] / float(pk.naltrexone_v_l) * 1000, "naltrexol_ng_ml": out[2] / pk.naltrexol_v_l * 1000,
            "mor_occupancy": occupancy, "opioid_signaling": signal, "microglial_activation": 1 - reducible * out[6],
            "sensitization": sensitization, "pain_nrs": 10 * odds / (1 + odds)}


def slider_to_redraw_ms(explorer, values, control: str = "dose_mg", repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        for value in values:
            start = time.perf_counter()
            explorer.controls[control].value = value
            times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def _busy() -> None:  # pragma: no cover - runs in a child process
    while True:
        sum(i * i for i in range(10_000))


def ensemble_cost(t_model: float) -> None:
    """The ensemble for 12 weeks against one structure's simulate()."""
    for label, kwargs in (("structures that fit, 8 draws each", {}),
                          ("all five structures, 8 draws each", {"structures": "all"}),
                          ("structures that fit, point fits only", {"n_draws": 0})):
        t_ens, ens = timed(lambda: ldn.ensemble(REGIMEN, HOURS, STEP_H, **kwargs), repeats=5)
        members = sum(np.atleast_2d(r.mor_occupancy).shape[0] for r in ens.members.values())
        print(f"ensemble, 12 weeks, {label} ({members} members): {1000 * t_ens:.0f} ms = "
              f"{t_ens / t_model:.1f}x one structure (goal <= 10x)")


def main() -> None:
    contended = "--contended" in sys.argv
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, numpy {np.__version__}")
    workers = []
    if contended:
        workers = [multiprocessing.Process(target=_busy, daemon=True) for _ in range(os.cpu_count() or 1)]
        for worker in workers:
            worker.start()
        print(f"CONTENDED: {len(workers)} CPU-bound processes running (one per core)")
    try:
        measure()
    finally:
        for worker in workers:
            worker.terminate()


def measure() -> None:
    pk, receptor = ldn.PKParameters(), default_receptor()
    n_points = int(round(HOURS / STEP_H)) + 1
    ldn.simulate(REGIMEN, HOURS, STEP_H)  # warm-up
    t_core, _ = timed(lambda: (plasma_concentrations(REGIMEN, n_points, STEP_H, pk),
                               regimen_blockade(REGIMEN, n_points, STEP_H, pk, receptor)), repeats=50)
    print(f"plasma + blockade, 12 weeks daily 4.5 mg, step 0.1 h ({n_points} points): {1000 * t_core:.2f} ms "
          f"(goal <= 5 ms)")
    t_model, res = timed(lambda: ldn.simulate(REGIMEN, HOURS, STEP_H), repeats=50)
    print(f"simulate() full pipeline (plasma, blockade, rebound, TLR4, pain):       {1000 * t_model:.2f} ms "
          f"(goal <= 10 ms)")
    # A what-if potency makes the TLR4 branch non-trivial, so the comparison tests it too.
    what_if = ldn.simulate(REGIMEN, HOURS, STEP_H, inflammation=ldn.InflammationParameters(tlr4_ic50_um=0.001))
    for name, result in (("default parameters", res), ("what-if TLR4 IC50 1 nM", what_if)):
        t_ref, ref = timed(lambda: reference_solve_ivp(result), repeats=1)
        print(f"solve_ivp (LSODA, rtol 1e-8), same equations, {name}: {1000 * t_ref:.0f} ms; "
              f"speed-up {t_ref / t_model:.0f}x (goal >= 20x)")
        for key, theirs in ref.items():
            ours = getattr(result, key)
            scale = np.max(np.abs(theirs))
            print(f"  max |difference| / peak, {key:22}: {100 * np.max(np.abs(ours - theirs)) / scale:.2e} % "
                  f"(goal <= 0.5 %)")
    ensemble_cost(t_model)
    from ldnmodels.population import make_population, simulate_population
    population = make_population(10_000, seed=1)
    t_pop, _ = timed(lambda: simulate_population(population, REGIMEN, days=84), repeats=3)
    print(f"10 000 virtual patients, 12 weeks daily 4.5 mg (0.5 h grid, daily outcomes): {t_pop:.2f} s "
          f"(goal <= 2 s)")
    doses = [1.5, 3.0, 4.5, 6.0, 10.0, 50.0]
    cases = (("plasma explorer (notebook 01), 7 days", lambda: plasma_explorer(days=7), "dose_mg", doses),
             ("blockade explorer (notebook 02), 7 days", lambda: blockade_explorer(days=7), "dose_mg", doses),
             ("blockade explorer (notebook 02), 28 days", lambda: blockade_explorer(days=28), "dose_mg", doses),
             ("rebound explorer (notebook 03), 4 weeks", lambda: rebound_explorer(weeks=4), "dose_mg", doses),
             ("TLR4 explorer (notebook 04), 12 weeks", lambda: tlr4_explorer(weeks=12), "dose_mg", doses),
             ("symptoms explorer (notebook 05), 12 weeks", symptoms_explorer, "dose_mg", doses),
             ("titration explorer (notebook 06), 6 weeks", titration_explorer, "start_mg", [0.5, 1.0, 1.5, 2.0]),
             ("timing explorer (notebook 06), 14 days", timing_explorer, "clock_h", [6.0, 8.0, 12.0, 20.0, 22.0]),
             ("adherence explorer (notebook 06), 4 weeks", adherence_explorer, "missed", [0.1, 0.2, 0.3, 0.4]),
             ("opioid explorer (notebook 07), 2 weeks", opioid_explorer, "dose_mg", doses),
             ("liver explorer (notebook 07), 3 weeks", liver_explorer, "exposure", [2.0, 4.0, 6.0, 8.0]),
             ("trial explorer (notebook 08), immediate controls", trial_explorer, "n_per_arm", [20, 40, 60, 80]))
    for name, builder, control, values in cases:
        explorer = builder()
        print(f"slider-to-redraw, {name}: median {slider_to_redraw_ms(explorer, values, control):.0f} ms "
              f"(goal <= 100 ms)")


if __name__ == "__main__":
    main()
