"""The model, one way: regimen → pharmacokinetics → receptor structures → mechanisms (endorphin rebound,
microglia/TLR4, opioid co-medication) → symptoms → :func:`~ldnmodels.model.simulation.simulate`."""
__all__: list[str] = []
