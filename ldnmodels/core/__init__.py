"""Foundations the model is built on: argument checks, sources and citations, exact linear solutions, metrics,
the table of output names. Nothing here knows about naltrexone's mechanisms."""
__all__: list[str] = []
