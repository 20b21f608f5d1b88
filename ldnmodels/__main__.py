"""``python -m ldnmodels``: see :mod:`ldnmodels.cli`."""
import sys

from .cli import main

sys.exit(main())
