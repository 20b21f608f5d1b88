"""Sphinx configuration of the course book (``make site``; staged and built by ``scripts/build_site.py``).

Everything the pages load is served from the book itself: MathJax 3, require.js and the Jupyter widgets HTML
manager are installed from the npm registry into ``_static/`` by the build script, so the book works offline
and opened from disk. The notebooks arrive executed (with their widgets' state); the book does not run them.
"""
project = "ldnmodels: low-dose naltrexone in models you can move"
author = "the ldnmodels contributors"
copyright = "the ldnmodels contributors, MIT licence"
html_title = "ldnmodels course book"

extensions = ["myst_nb", "sphinxcontrib.bibtex"]
exclude_patterns = ["_build", "**.ipynb_checkpoints", "conf.py"]
root_doc = "index"
language = "en"

# notebooks: shown with the outputs of the build's own fresh run; never executed again by Sphinx
nb_execution_mode = "off"
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath", "deflist", "colon_fence"]
myst_heading_anchors = 3
# the widget renderer from the book's own _static (myst-nb's default loads both from a CDN)
# (ldn-book.js, loaded first, points the renderer's fonts at _static and bridges its MathJax 2 call to MathJax 3)
nb_ipywidgets_js = {"require.js": {}, "html-manager/embed-amd.js": {}}

# MathJax 3 from the npm registry, bundled in _static/mathjax (relative to _static): equations render offline
mathjax_path = "mathjax/tex-chtml.js"

bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"

html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
html_extra_path = ["_extra"]
html_css_files = ["ldn-book.css"]
html_js_files = [("ldn-book.js", {"priority": 100}), "ldn-a11y.js"]
html_context = {"default_mode": "light"}
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = False
html_show_search_summary = False  # summaries are fetched page by page: refused for a book opened from disk
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": True,
    "home_page_in_toc": True,
    "navigation_with_keys": True,
    "announcement": "Educational, not medical advice. Sliders need a live kernel: make app, make lab or the "
                    "JupyterLite build.",
}
