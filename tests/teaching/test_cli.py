"""The command line, run in this process (``main(argv)``); one smoke test runs it as ``python -m ldnmodels``."""
import runpy
import subprocess
import sys
import warnings

import numpy as np
import pytest

from ldnmodels.teaching.cli import build_parser, main


def run_failing(capsys, *argv):
    """``main(argv)`` as a shell would see it fail: argparse's exit status and what was written to stderr.

    A bad argument must end in ``SystemExit`` (argparse's ``parser.error``); any other exception escapes
    ``pytest.raises`` and fails the test, as a traceback would fail the command."""
    with pytest.raises(SystemExit) as exit_info:
        main(list(argv))
    return exit_info.value.code, capsys.readouterr().err


def test_python_dash_m_ldnmodels_runs_and_fails_as_a_command(tmp_path):
    """The one subprocess test: the entry point, exit statuses and the streams of a real process."""
    done = subprocess.run([sys.executable, "-m", "ldnmodels", "simulate", "--days", "1", "--out", "-"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("t_h,clock_h,") and "# ldnmodels" in done.stdout
    rows = [line for line in done.stdout.splitlines()[1:] if not line.startswith("#")]
    assert len(rows) == 24 * 10 + 1                 # 1 day at the default 0.1 h step
    failed = subprocess.run([sys.executable, "-m", "ldnmodels", "simulate", "--dose-mg", "-1",
                             "--out", str(tmp_path / "x.csv")], capture_output=True, text=True, timeout=300)
    assert failed.returncode == 2 and failed.stdout == ""
    assert "argument --dose-mg: must be in (0, 1000] mg" in failed.stderr and "Traceback" not in failed.stderr
    assert not (tmp_path / "x.csv").exists()


def test_simulate_writes_csv_with_units_and_provenance_header(tmp_path):
    out = tmp_path / "ldn.csv"
    assert main(["simulate", "--regimen", "daily", "--dose-mg", "4.5", "--days", "3", "--out", str(out)]) == 0
    lines = out.read_text().splitlines()
    header = [line for line in lines if line.startswith("#")]
    assert any("not medical advice" in line for line in header)
    assert any("regimen times_h: 21 45 69" in line for line in header)
    assert any(line.startswith("# PKParameters.ka_per_h = ") and "source: fit_pk" in line for line in header)
    assert lines[0] == ("t_h,clock_h,naltrexone_ng_ml,naltrexol_ng_ml,mor_occupancy,kor_occupancy,agonist_occupancy,"
                          "endorphin_tone,opioid_signaling,tlr4_inhibition,microglial_activation,sensitization,"
                          "pain_nrs")
    assert any(line.startswith("# ReboundParameters.release_gain = 1 (source: illustrative)") for line in header)
    table = np.loadtxt(out, delimiter=",", comments="#", skiprows=1)
    assert table.shape == (3 * 240 + 1, 13)
    assert any(line.startswith("# side effects (conceptual): vivid dreams") for line in header)
    assert table[:, 4].max() < 1.0 and table[:, 2].max() == pytest.approx(1.2, rel=0.15)


def test_parameters_can_be_set_and_are_written(tmp_path):
    out = tmp_path / "a.csv"
    main(["simulate", "--regimen", "single", "--dose-mg", "50", "--set", "naltrexone_half_life_h=8",
          "--out", str(out)])
    assert "# PKParameters.naltrexone_half_life_h = 8 (source: us_label)" in out.read_text()


@pytest.mark.parametrize("name", ["binding", "biophase", "direct", "tissue", "two_phase"])
def test_receptor_structure_is_chosen_written_and_settable(tmp_path, name):
    from ldnmodels import Regimen, simulate
    out = tmp_path / f"{name}.csv"
    main(["simulate", "--regimen", "daily", "--days", "2", "--receptor", name, "--out", str(out)])
    text = out.read_text()
    assert f"# receptor structure: {name} (" in text
    expected = simulate(Regimen.daily(4.5, days=2), hours=48.0, receptor=name).mor_occupancy
    np.testing.assert_allclose(np.loadtxt(out, delimiter=",", comments="#", skiprows=1)[:, 4], expected,
                               rtol=1e-5, atol=1e-6)


def test_a_structure_parameter_can_be_set(tmp_path):
    out = tmp_path / "k.csv"
    main(["simulate", "--receptor", "binding", "--set", "koff_per_h=0.5", "--days", "1", "--out", str(out)])
    assert "# BindingReceptorParameters.koff_per_h = 0.5 (source: fit_receptor)" in out.read_text()


def test_png_is_written(tmp_path):
    png = tmp_path / "fig.png"
    main(["simulate", "--regimen", "titration", "--days", "21", "--out", str(tmp_path / "t.csv"), "--png", str(png)])
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_help_explains_every_option():
    sub = build_parser()._subparsers._group_actions[0].choices["simulate"]
    text = sub.format_help()
    for action in sub._actions:
        if action.option_strings and action.dest != "help":
            assert action.help, action.option_strings
            assert action.option_strings[0] in text


@pytest.mark.parametrize("args, message", [
    (["--bogus", "1"], "unrecognized arguments: --bogus"),
    (["--dose-mg", "-1"], "argument --dose-mg: must be in (0, 1000] mg"),
    (["--dose-mg", "nan"], "argument --dose-mg"),
    (["--clock-h", "24"], "argument --clock-h: must be in [0, 24) h"),
    (["--step-h", "0"], "argument --step-h"),
    (["--days", "0"], "argument --days: must be a whole number from 1 to 3650"),
    (["--set", "speed=3"], "--set takes NAME=VALUE"),
    (["--set", "ka_per_h=-2"], "ka_per_h must be >= 0.01"),
    (["--receptor", "fast"], "argument --receptor: invalid choice"),
    (["--receptor", "biophase", "--set", "koff_per_h=1"], "--set takes NAME=VALUE"),
    (["--days", "3650", "--step-h", "0.001"], "time points"),
])
def test_bad_input_exits_2_naming_the_argument(tmp_path, capsys, args, message):
    status, stderr = run_failing(capsys, "simulate", "--out", str(tmp_path / "x.csv"), *args)
    assert status == 2
    assert message in stderr
    assert not (tmp_path / "x.csv").exists()


def test_practical_options_reach_the_simulation(tmp_path):
    out = tmp_path / "p.csv"
    main(["simulate", "--regimen", "plan", "--plan", "slow", "--days", "56", "--missed-fraction", "0.2",
          "--seed", "3", "--content-variation", "0.1", "--opioid", "oxycodone", "--liver-exposure", "5",
          "--out", str(out)])
    text = out.read_text()
    assert "# PKParameters.hepatic_exposure_factor = 5" in text
    assert "opioid co-medication: oxycodone at 30 ng/mL" in text
    doses = [line for line in text.splitlines() if line.startswith("# regimen doses_mg")][0].split(":")[1].split()
    assert 30 < len(doses) < 56  # some of 56 doses missed
    table = np.loadtxt(out, delimiter=",", comments="#", skiprows=1)
    assert table[:, 5].max() > 0.2  # agonist occupancy column


def test_hold_rule_from_the_command_line(tmp_path):
    out = tmp_path / "h.csv"
    main(["simulate", "--regimen", "plan", "--hold-index", "vivid_dreams", "--hold-threshold", "0.0",
          "--days", "28", "--out", str(out)])
    doses = [line for line in out.read_text().splitlines() if line.startswith("# regimen doses_mg")][0]
    assert set(doses.split(":")[1].split()) == {"1.5"}  # threshold 0: never steps up


@pytest.mark.parametrize("args, message", [
    (["--regimen", "plan", "--days", "10"], "total_days must be > 14"),
    (["--missed-fraction", "-0.1"], "argument --missed-fraction: must be in [0, 1], got -0.1"),
    (["--liver-exposure", "0.5"], "argument --liver-exposure"),
    (["--content-variation", "1"], "argument --content-variation"),
    (["--opioid", "heroin"], "argument --opioid: invalid choice"),
])
def test_bad_practical_options(tmp_path, capsys, args, message):
    status, stderr = run_failing(capsys, "simulate", "--out", str(tmp_path / "x.csv"), *args)
    assert status == 2 and message in stderr and not (tmp_path / "x.csv").exists()


def test_trial_command_writes_csv_and_png(tmp_path):
    out, png = tmp_path / "trial.csv", tmp_path / "trial.png"
    assert main(["trial", "--n-per-arm", "20", "--weeks", "4", "--replicates", "10", "--out", str(out),
                 "--png", str(png)]) == 0
    table = np.loadtxt(out, delimiter=",", comments="#", skiprows=1)
    assert table.shape == (10, 11)
    assert np.all(table[:, 2] <= table[:, 1]) and np.all(table[:, 1] <= table[:, 3])
    assert png.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("args, message", [
    (["--n-per-arm", "1"], "argument --n-per-arm"),
    (["--design", "crossover", "--weeks", "4", "--washout-weeks", "6"], "washout_weeks must be <= weeks"),
    (["--dropout", "1"], "argument --dropout"),
])
def test_bad_trial_options(tmp_path, capsys, args, message):
    status, stderr = run_failing(capsys, "trial", "--out", str(tmp_path / "t.csv"), *args)
    assert status == 2 and message in stderr and not (tmp_path / "t.csv").exists()


def test_csv_column_names_are_readable_by_genfromtxt(tmp_path):
    from ldnmodels.teaching.cli import main
    out = tmp_path / "x.csv"
    assert main(["simulate", "--days", "2", "--out", str(out)]) == 0
    data = np.genfromtxt(out, delimiter=",", names=True, comments="#")
    assert data.dtype.names[:2] == ("t_h", "clock_h") and data["t_h"][1] > data["t_h"][0]
    assert np.loadtxt(out, delimiter=",", comments="#", skiprows=1).shape[1] == len(data.dtype.names)


def test_csv_header_is_read_by_a_comment_skipping_reader_and_names_the_opioid(tmp_path):
    """As pandas.read_csv(path, comment="#") reads it: the first non-comment line names the columns."""
    import csv

    from ldnmodels.teaching.cli import main
    out = tmp_path / "x.csv"
    assert main(["simulate", "--days", "2", "--opioid", "oxycodone", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    rows = list(csv.reader(line for line in text.splitlines() if not line.startswith("#")))
    assert rows[0][:2] == ["t_h", "clock_h"] and float(rows[1][0]) == 0.0
    assert "# opioid co-medication: oxycodone at 30 ng/mL" in text
    assert "CoMedication.ki_nm = " in text


# Moved from tests/core/test_validation.py (issue 11's hostile inputs), now in-process.

def test_the_cli_module_runs_as_a_script(tmp_path, monkeypatch, capsys):
    """``python -m ldnmodels.teaching.cli trial ...``: the module's own ``__main__`` guard, run in this process."""
    out = tmp_path / "trial.csv"
    monkeypatch.setattr(sys, "argv", ["cli", "trial", "--n-per-arm", "10", "--weeks", "2", "--replicates", "2",
                                      "--out", str(out)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)      # runpy: the module was imported already
        with pytest.raises(SystemExit) as exit_info:
            runpy.run_module("ldnmodels.teaching.cli", run_name="__main__")
    assert exit_info.value.code == 0
    assert np.loadtxt(out, delimiter=",", comments="#", skiprows=1).shape == (2, 11)
    assert f"wrote {out} (2 replicate trials" in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["--out", "{tmp}"], "is a directory"),
    (["--out", "{tmp}/ok.csv", "--png", "/proc/x.png"], "cannot be written"),
])
def test_cli_checks_output_paths_before_computing(tmp_path, capsys, monkeypatch, args, message):
    from ldnmodels.teaching import cli
    monkeypatch.setattr(cli, "simulate", lambda *a, **k: pytest.fail("simulated before checking the output paths"))
    status, stderr = run_failing(capsys, "simulate", "--days", "2", *[a.format(tmp=tmp_path) for a in args])
    assert status == 2 and message in stderr
    assert not (tmp_path / "ok.csv").exists()          # a failing PNG leaves no CSV behind


def test_cli_dash_writes_csv_to_standard_output(capsys):
    assert main(["simulate", "--days", "1", "--out", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("t_h,clock_h,") and "# ldnmodels" in captured.out
    assert "wrote" not in captured.out                  # standard output holds the CSV alone
    rows = [line for line in captured.out.splitlines()[1:] if not line.startswith("#")]
    assert len(rows) == 24 * 10 + 1 and float(rows[-1].split(",")[0]) == pytest.approx(24.0)


@pytest.mark.parametrize("args, message", [
    (["--hold-index", "headache"], "--hold-index needs --regimen plan"),
    (["--opioid-ng-ml", "10"], "--opioid-ng-ml needs --opioid"),
])
def test_cli_options_that_need_another_say_which(tmp_path, capsys, args, message):
    status, stderr = run_failing(capsys, "simulate", "--out", str(tmp_path / "x.csv"), *args)
    assert status == 2 and message in stderr
