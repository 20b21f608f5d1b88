"""The teaching layer: figures, explorers (sliders), exercises with self-checks, the lecture, the command line."""
__all__: list[str] = []
