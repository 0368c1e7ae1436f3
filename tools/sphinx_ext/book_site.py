"""Sphinx extension for this book's site (loaded through `sphinx: local_extensions:`).

- Self-contained pages: when `make book` has vendored MathJax, RequireJS and the Jupyter
  widget manager into _vendor/ (tools/vendor_assets.py, from the versions pinned in
  package-lock.json), the site serves those copies from its own _static/ folder instead
  of loading them from CDNs, so it works with no network at all. When _vendor/ is
  missing (no npm on this machine) the CDN defaults stay and a warning says so (which
  fails `make book`'s --warningiserror build): the explorers would not compute in the
  page, since only the vendored setup (widgets-setup.js) serves anywidget's front end
  locally, and the CDN widget manager would ask jsDelivr for "anywidget", which has no
  AMD build to give.
- Reader-facing CSS (static/book-site.css) on every page.
- The {eval} role from the results stored in each notebook (stored_eval.py).
"""
import hashlib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.console import bold

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "_vendor"
STATIC = Path(__file__).resolve().parent / "static"

# Paths inside _vendor/, which Sphinx copies into _build/html/_static/.
MATHJAX = "mathjax/tex-mml-chtml.js"
REQUIREJS = "requirejs/require.js"
WIDGET_MANAGER = "jupyter-widgets/embed-amd.js"
# Ours (static/): tells RequireJS and the widget manager where the vendored files are,
# and lets the widget manager's MathJax 2 calls reach MathJax 3.
WIDGETS_SETUP = "widgets-setup.js"


def assets_digest(vendored: bool) -> str:
    """A digest of the static files this extension adds. Sphinx copies static files only
    when it writes some page, so a change to them alone would not reach _build/html;
    as an "html" config value the digest makes such a change rebuild the pages."""
    digest = hashlib.sha256(str(vendored).encode())
    folders = [STATIC, VENDOR] if vendored else [STATIC]
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes() if folder == STATIC else str(path.stat().st_size).encode())
    return digest.hexdigest()[:16]


def use_local_assets(app: Sphinx, config: Config) -> None:
    config.html_static_path.append(str(STATIC))
    vendored = all((VENDOR / name).is_file() for name in (MATHJAX, REQUIREJS, WIDGET_MANAGER))
    config.book_site_assets = assets_digest(vendored)
    if vendored:
        config.html_static_path.append(str(VENDOR))
        config.mathjax_path = MATHJAX
        # myst-nb adds these, in this order, to pages that hold widget state. Local
        # files need no integrity attribute: they come from the same origin as the page.
        config.nb_ipywidgets_js = {
            REQUIREJS: {},
            WIDGETS_SETUP: {},
            WIDGET_MANAGER: {},
        }
        logger.info(bold("book_site: ") + "MathJax and the widget manager are served from _vendor/ (no CDN).")
    else:
        logger.warning(
            "book_site: _vendor/ not found (run `make book` with npm installed): the site "
            "will load MathJax, RequireJS and the widget manager from CDNs, and the "
            "explorers will not compute in the page (the widget manager would ask a CDN "
            'for "anywidget", which has no AMD build).'
        )


def setup(app: Sphinx) -> dict:
    app.add_config_value("book_site_assets", "", "html")
    app.connect("config-inited", use_local_assets)
    app.add_css_file("book-site.css")
    app.setup_extension("stored_eval")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
