"""Analyses on top of the model: ensembles of receptor structures, virtual populations and trials, the published
evidence, calibration, fitting, titration and side effects."""
__all__: list[str] = []
