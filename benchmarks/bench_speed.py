"""Speed of ldnmodels on this machine (prints figures; tests never assert time).

1. simulate() over 12 weeks of daily 4.5 mg at step_h = 0.1 (goal <= 5 ms);
2. the same model integrated with scipy.integrate.solve_ivp (rtol 1e-8), restarted at each dose:
   time ratio (goal >= 20x) and maximum difference relative to each output's peak (goal <= 0.5 %);
3. slider-to-redraw of the notebook explorers (Agg, in process; goal <= 100 ms median).

Usage: python benchmarks/bench_speed.py
"""
from __future__ import annotations

import math
import os
import platform
import statistics
import time

import numpy as np
from scipy.integrate import solve_ivp

import ldnmodels as ldn
from ldnmodels.constants import NALTREXOL_G_PER_MOL, NALTREXONE_BASE_G_PER_MOL, SALT_TO_BASE_FRACTION
from ldnmodels.pharmacokinetics import system_matrix
from ldnmodels.receptor import occupancy_from_biophase
from ldnmodels.widgets import blockade_explorer, plasma_explorer

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


def reference_solve_ivp(pk: ldn.PKParameters, receptor: ldn.ReceptorParameters, rtol: float = 1e-8):
    """The same five-state model integrated numerically, restarted at each dose."""
    a_pk, _ = system_matrix(pk)
    to_nm_n = 1e6 / (float(pk.naltrexone_v_l) * NALTREXONE_BASE_G_PER_MOL)
    to_nm_m = 1e6 / (float(pk.naltrexol_v_l) * NALTREXOL_G_PER_MOL)
    a = np.zeros((5, 5))
    a[:3, :3] = a_pk
    a[3, 1], a[3, 3] = receptor.ke0_per_h * to_nm_n, -receptor.ke0_per_h
    a[4, 2], a[4, 4] = receptor.ke0_per_h * to_nm_m, -receptor.ke0_per_h
    t_grid = np.arange(int(round(HOURS / STEP_H)) + 1) * STEP_H
    out = np.zeros((5, t_grid.size))
    state = np.zeros(5)
    edges = list(REGIMEN.times_h) + [HOURS]
    for k, (start, stop) in enumerate(zip(edges[:-1], edges[1:])):
        state[0] += REGIMEN.doses_mg[k] * SALT_TO_BASE_FRACTION * pk.absorbed_fraction
        mask = (t_grid >= start) & (t_grid < stop)
        t_eval = np.append(t_grid[mask], stop)
        sol = solve_ivp(lambda _t, y: a @ y, (start, stop), state, t_eval=t_eval, rtol=rtol, atol=1e-12,
                        method="LSODA", jac=lambda _t, _y: a)
        out[:, mask] = sol.y[:, :-1]
        state = sol.y[:, -1].copy()
    out[:, -1] = state
    naltrexone = out[1] / float(pk.naltrexone_v_l) * 1000
    naltrexol = out[2] / pk.naltrexol_v_l * 1000
    return naltrexone, naltrexol, occupancy_from_biophase(out[3], out[4], receptor)


def slider_to_redraw_ms(explorer, values, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        for value in values:
            start = time.perf_counter()
            explorer.controls["dose_mg"].value = value
            times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main() -> None:
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, numpy {np.__version__}")
    pk, receptor = ldn.PKParameters(), ldn.ReceptorParameters()
    ldn.simulate(REGIMEN, HOURS, STEP_H)  # warm-up
    t_model, res = timed(lambda: ldn.simulate(REGIMEN, HOURS, STEP_H), repeats=50)
    print(f"simulate, 12 weeks daily 4.5 mg, step 0.1 h ({res.t_h.size} points): {1000 * t_model:.2f} ms "
          f"(goal <= 5 ms)")
    t_ref, ref = timed(lambda: reference_solve_ivp(pk, receptor), repeats=3)
    print(f"solve_ivp (LSODA, rtol 1e-8), same model:                {1000 * t_ref:.1f} ms")
    print(f"speed-up: {t_ref / t_model:.0f}x (goal >= 20x)")
    for name, ours, theirs in zip(("naltrexone_ng_ml", "naltrexol_ng_ml", "mor_occupancy"),
                                  (res.naltrexone_ng_ml, res.naltrexol_ng_ml, res.mor_occupancy), ref):
        print(f"  max |difference| / peak, {name:17}: {100 * np.max(np.abs(ours - theirs)) / np.max(np.abs(theirs)):.2e} %"
              f" (goal <= 0.5 %)")
    doses = [1.5, 3.0, 4.5, 6.0, 10.0, 50.0]
    for name, builder in (("plasma explorer (notebook 01)", plasma_explorer),
                          ("blockade explorer (notebook 02)", blockade_explorer)):
        explorer = builder(days=7)
        print(f"slider-to-redraw, {name}, 7 days: median {slider_to_redraw_ms(explorer, doses):.0f} ms (goal <= 100 ms)")
    explorer = blockade_explorer(days=28)
    print(f"slider-to-redraw, blockade explorer, 28 days: median {slider_to_redraw_ms(explorer, doses):.0f} ms")


if __name__ == "__main__":
    main()
