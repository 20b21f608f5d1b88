"""The benchmark scripts' verdicts (not their timings: tests never assert wall-clock time)."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import harness  # noqa: E402


def test_a_missed_goal_is_a_fail_and_a_failed_run(capsys):
    fast = harness.Figure("simulate", "ms", 5.0, 10.0)
    speedup = harness.Figure("speed-up", "x", 20.0, 20.0, higher_is_better=True)
    assert harness.report({fast: 4.0, speedup: 25.0}, {fast: 9.0, speedup: 21.0}, competitors=2) is True
    assert harness.report({fast: 4.0, speedup: 25.0}, {fast: 11.0, speedup: 21.0}, competitors=2) is False
    assert harness.report({fast: 4.0, speedup: 19.0}, None, competitors=0) is False
    table = capsys.readouterr().out
    assert "11.0 FAIL" in table and "9.00 PASS" in table and "19.0 FAIL" in table


def test_a_figure_without_goal_never_fails(capsys):
    info = harness.Figure("threads", "s", None, None)
    assert harness.report({info: 99.0}, {info: 999.0}, competitors=1) is True
    assert "FAIL" not in capsys.readouterr().out


@pytest.mark.parametrize("script", ["bench_speed", "bench_voila", "bench_app_startups", "bench_class"])
def test_negative_competitor_counts_are_refused(script, capsys):
    module = __import__(script)
    with pytest.raises(SystemExit) as stop:
        module.main(["--competitors", "-1"])
    assert stop.value.code == 2
    assert "argument --competitors: must be 0 or more, got -1" in capsys.readouterr().err


def test_quiet_then_contended_returns_the_exit_status(capsys):
    fast = harness.Figure("simulate", "ms", 5.0, 10.0)
    assert harness.quiet_then_contended(lambda: {fast: 4.0}, competitors=0) == 0
    assert harness.quiet_then_contended(lambda: {fast: 6.0}, competitors=0) == 1
    assert "GOALS MISSED" in capsys.readouterr().out
