"""Settings for every test run, the notebooks' (nbval) included."""
import os

# plotting.show refuses a figure whose series only hue tells apart (unreadable in greyscale); nbval's kernels
# inherit the variable, so every figure a notebook shows is checked
os.environ["LDN_CHECK_FIGURES"] = "1"
