#!/usr/bin/env bash
# Build the docs site into _docs/ from the notebooks in nbs/, with _quarto.yml as the only site config.
#
# Usage: tools/build_docs.sh [--offline]
#   With Quarto on PATH this runs `nbdev_docs`, unless --offline is given.
#   Without Quarto (or with --offline) it runs nbdev's notebook processing into _proc/ and renders
#   _proc/ with smalldocs, a pure-Python renderer of Quarto website projects (pip install smalldocs==0.5.4),
#   then copies KaTeX into the site with tools/vendor_katex.py, so that maths renders without network.
#   That step downloads KaTeX once with npm; without npm or the registry it warns and maths shows as TeX offline.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

python_bin="${PYTHON:-python}"
offline=0
for arg in "$@"; do
    case "$arg" in
        --offline) offline=1 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "build_docs.sh: unknown argument '$arg'; the only option is --offline" >&2; exit 2 ;;
    esac
done

if [[ ! -f settings.ini ]]; then
    echo "build_docs.sh: settings.ini not found in $(pwd); run the script from a checkout of the nbdev project" >&2
    exit 2
fi

if [[ "$offline" == 0 ]] && command -v quarto >/dev/null; then
    echo "build_docs.sh: quarto found at $(command -v quarto); running nbdev_docs"
    exec nbdev_docs
fi

# Step 1: what `nbdev_proc_nbs` does in nbdev 2.4.14 (nbdev.quarto._pre_docs), except its call to
# _ensure_quarto(). Without Quarto that call runs nbdev's Quarto installer, which uses sudo, downloads a
# .deb from quarto.org and then pip-installs the project, so the offline build calls the other steps itself.
# The code runs with `python -c`, not from stdin, because proc_nbs starts its workers with multiprocessing's
# "spawn" method, and a spawned worker re-runs the parent's __main__ file, which stdin does not have.
proc_step="$(cat <<'PY'
import nbdev
from nbdev.config import get_config
from nbdev.doclinks import _build_modidx
from nbdev.quarto import nbdev_sidebar, refresh_quarto_yml
from nbdev.serve import proc_nbs

if nbdev.__version__ != "2.4.14":
    print(f"build_docs.sh: warning: nbdev {nbdev.__version__} is installed; these steps copy nbdev 2.4.14's _pre_docs, "
          "so compare them with nbdev.quarto._pre_docs or install nbdev==2.4.14")

nbs_path = get_config().nbs_path
refresh_quarto_yml()  # rewrites nbs/nbdev.yml from settings.ini
_build_modidx()  # rewrites <lib_path>/_modidx.py, which nbdev's backtick links read through the `nbdev` entry point
nbdev_sidebar.__wrapped__(path=nbs_path)  # writes nbs/sidebar.yml unless settings.ini sets custom_sidebar = True
# force=True empties _proc/ first, so a deleted or renamed notebook leaves no stale page behind
proc_nbs(nbs_path, force=True)
PY
)"
"$python_bin" -c "$proc_step"

# Step 2: render _proc/ (its _quarto.yml, nbdev.yml and sidebar.yml are copies of those in nbs/).
"$python_bin" - <<'PY'
import sys
from pathlib import PurePosixPath

try:
    import smalldocs
    from smalldocs.config import BuildError, ConfigError, load
    from smalldocs.site import Site
except ImportError as e:
    sys.exit(f"build_docs.sh: smalldocs cannot be imported ({e}); install it with: pip install smalldocs==0.5.4")

if smalldocs.__version__ != "0.5.4":
    print(f"build_docs.sh: warning: smalldocs {smalldocs.__version__} is installed; this script was tested with 0.5.4, "
          "and it subclasses smalldocs.site.Site, so check NbdevSite.read against the installed version")


class NbdevSite(Site):
    "A smalldocs site that writes each page to the `output-file` set in its front matter, as Quarto does."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sources_by_output: dict[PurePosixPath, PurePosixPath] = {}

    def read(self, src):
        # nbdev's FrontmatterProc sets `output-file` to the notebook's name without its number prefix
        # (00_core.ipynb -> core.html), and nbdev's symbol links point there. smalldocs 0.5.4 ignores the key.
        page = super().read(src)
        name = page.front.get("output-file")
        if name:
            page.out = src.parent / str(name)
        other = self.sources_by_output.setdefault(page.out, src)
        if other != src:
            raise BuildError(f"{src} and {other} both render to {page.out}; rename one of the notebooks")
        return page


try:
    site = NbdevSite(load("_proc"))
    count = site.build()
except (BuildError, ConfigError) as e:
    sys.exit(f"build_docs.sh: smalldocs failed: {e}")

for warning in site.warnings:
    if warning.endswith("output-file is not read by smalldocs"):
        continue  # NbdevSite.read applies output-file
    # _quarto.yml also requests a commonmark copy and kept .md files, which only Quarto makes. The HTML site is complete.
    if warning.startswith(("format commonmark is not built", "format.html.keep-md is ignored")):
        continue
    print(f"smalldocs warning: {warning}", file=sys.stderr)
print(f"build_docs.sh: smalldocs wrote {count} page(s) to {site.out}")
PY

# Step 3: move the site to doc_path, as nbdev_docs does after `quarto render`.
doc_path="$("$python_bin" -c 'from nbdev.config import get_config; print(get_config().doc_path.name)')"
rm -rf "$doc_path"
mv "_proc/$doc_path" "$doc_path"

# Step 4: smalldocs links pages with maths to KaTeX on a CDN; point them at a copy inside the site instead.
"$python_bin" tools/vendor_katex.py "$doc_path"
echo "build_docs.sh: site written to $(pwd)/$doc_path"
if [[ ! -f "$doc_path/index.html" ]]; then
    echo "build_docs.sh: warning: the site has no home page ($doc_path/index.html); add nbs/index.ipynb, the notebook that settings.ini's readme_nb names" >&2
fi
