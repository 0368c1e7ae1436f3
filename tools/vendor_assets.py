"""Copy the browser assets the site needs from node_modules/ into _vendor/.

Usage: python3 tools/vendor_assets.py     (run by `make book` after `npm ci`)

The site would otherwise load MathJax, RequireJS and the Jupyter widget manager from
CDNs. `npm ci` fetches the versions pinned in package-lock.json into node_modules/;
this script copies just the files a page uses into _vendor/ (gitignored), which the
Sphinx extension in tools/sphinx_ext/book_site.py adds to the site's _static/ folder.
Nothing here is committed: the repository holds only package.json and its lock.
"""
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "_vendor"

# (package folder in node_modules, destination folder in _vendor, glob patterns).
# The layout under each package is kept, since the scripts find their own files
# (fonts, extensions) relative to where they were loaded from.
ASSETS = [
    (
        "mathjax",
        "mathjax",
        [
            "LICENSE",
            "es5/tex-mml-chtml.js",  # TeX and MathML input, CommonHTML output, menu
            "es5/output/chtml/fonts/woff-v2/*.woff",  # the CHTML fonts
            "es5/input/tex/extensions/*.js",  # loaded on demand (\boldsymbol, \cancel...)
            "es5/a11y/*.js",  # the menu's accessibility options (speech, explorer)
            "es5/sre/mathmaps/*.json",  # speech rules those options load
            "es5/ui/*.js",
        ],
    ),
    ("requirejs", "requirejs", ["require.js"]),
    (
        "@jupyter-widgets/html-manager",
        "jupyter-widgets",
        [
            "dist/embed-amd.js",
            # Font Awesome files referenced by embed-amd.js (webpack-hashed names);
            # the page tells it where they are (widgets-assets-path.js). Browsers
            # take woff2; woff and ttf are the fallbacks (eot and svg fonts are for
            # browsers long gone, and are left out).
            "dist/*.woff2",
            "dist/*.woff",
            "dist/*.ttf",
        ],
    ),
]

# The files the Sphinx extension checks for before it points the site at _vendor/.
REQUIRED = [
    "mathjax/tex-mml-chtml.js",
    "requirejs/require.js",
    "jupyter-widgets/embed-amd.js",
]


def strip_prefix(rel: Path, package: str) -> Path:
    # mathjax's es5/ and the html-manager's dist/ add nothing but a level of folders.
    parts = rel.parts
    if parts[0] in ("es5", "dist"):
        return Path(*parts[1:])
    return rel


def main() -> int:
    if not NODE_MODULES.is_dir():
        print(f"{NODE_MODULES} is missing: run `npm ci` first", file=sys.stderr)
        return 1
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    copied = 0
    for package, dest, patterns in ASSETS:
        src_root = NODE_MODULES / package
        for pattern in patterns:
            matches = sorted(src_root.glob(pattern))
            if not matches:
                print(f"no file matches node_modules/{package}/{pattern}", file=sys.stderr)
                return 1
            for src in matches:
                target = VENDOR / dest / strip_prefix(src.relative_to(src_root), package)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, target)
                copied += 1
    missing = [f for f in REQUIRED if not (VENDOR / f).is_file()]
    if missing:
        print(f"vendored assets incomplete, missing: {missing}", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in VENDOR.rglob("*") if p.is_file())
    print(f"Copied {copied} browser asset files ({size / 1e6:.1f} MB) into {VENDOR.name}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
