"""``python -m ldnmodels``: see :mod:`ldnmodels.teaching.cli`."""
import sys

from .teaching.cli import main

sys.exit(main())
