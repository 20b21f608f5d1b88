import os

os.environ.setdefault("MPLBACKEND", "Agg")

from hypothesis import settings  # noqa: E402

settings.register_profile("ldn", deadline=None, max_examples=40)
settings.load_profile("ldn")
