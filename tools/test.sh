#!/usr/bin/env bash
# The project's test command: `bash tools/test.sh`, run from anywhere in the checkout.
#
# The steps run in order, and the first failure stops the run with a message that names the fix.
#   1. nbdev_clean would change no notebook, and README.md is in step with nbs/index.ipynb.
#   2. nbdev_export would change nothing under the library folder (lib_path in settings.ini).
#   3. nbdev_test runs every notebook, and a cell that raises fails it; then the docs site builds
#      offline (tools/build_docs.sh --offline), which runs every import cell again.
#   4. pytest --nbval re-runs a prepared copy of the notebooks (tools/nbval_prepare.py) and
#      compares their text outputs with the stored ones, and pytest runs tests/ if it exists.
# Steps 1, 2 and 4 work on copies in a temporary folder, so the command leaves the checkout as it
# is. The exceptions are files that the notebooks write while steps 3 and 4 run them, and the docs
# build's output (_proc/, _docs/ and nbs/sidebar.yml), which git ignores.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

# nbdev_test runs two notebooks at once on two cores. With one math thread per kernel the two kernels do not
# fight over the cores, which would slow the small models in these notebooks several-fold.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" MKL_NUM_THREADS="${MKL_NUM_THREADS:-1}"

setup_hint='Install the project with: pip install -c constraints.txt -e ".[dev]"'
# Time limit per notebook cell under nbval, in seconds (nbval's default is 2000), so that a hung cell fails.
cell_timeout_s=600

die() {
    printf '\ntest.sh: %s\n' "$*" >&2
    exit 1
}

step_start=$SECONDS
step() {
    printf '\n==> Step %s\n' "$*"
    step_start=$SECONDS
}
step_done() {
    printf 'ok (%d s)\n' "$((SECONDS - step_start))"
}

[ -f settings.ini ] || die "settings.ini not found in $repo_root. Run tools/test.sh from an nbdev checkout."
for tool in nbdev_clean nbdev_export nbdev_test; do
    command -v "$tool" >/dev/null || die "$tool not found on PATH. $setup_hint"
done
python -c 'import nbval' 2>/dev/null || die "python cannot import nbval. $setup_hint"

# nbs_path and lib_path from settings.ini, relative to the checkout.
config_paths=$(python -c '
from nbdev.config import get_config
cfg = get_config()
print(cfg.nbs_path.relative_to(cfg.config_path), cfg.lib_path.relative_to(cfg.config_path))') ||
    die "nbdev could not read nbs_path and lib_path from settings.ini (error above)."
read -r nbs_dir lib_dir <<<"$config_paths"
[ -d "$nbs_dir" ] || die "notebook folder $nbs_dir (nbs_path in settings.ini) not found."

work=$(mktemp -d "${TMPDIR:-/tmp}/harmonic_nb-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Print the notebooks that nbdev_clean and nbdev_export read, NUL-separated: every .ipynb under
# the notebook folder outside folders whose name starts with "_" or ".".
list_notebooks() {
    find "$nbs_dir" -mindepth 1 \( -type d -name '[._]*' -prune \) -o \( -type f -name '*.ipynb' -print0 \)
}

# Copy those notebooks into the folder $1, keeping their paths relative to the checkout.
copy_notebooks() {
    local nb
    while IFS= read -r -d '' nb; do
        mkdir -p "$1/$(dirname "$nb")"
        cp -p "$nb" "$1/$nb"
    done < <(list_notebooks)
}

notebook_count=$(list_notebooks | tr -cd '\0' | wc -c | tr -d ' ')
[ "$notebook_count" -gt 0 ] || die "no notebooks found under $nbs_dir, so there is nothing to test."

# ---------------------------------------------------------------------------------------------
step "1/4: nbdev_clean leaves the notebooks unchanged ($notebook_count found); README.md matches nbs/index.ipynb"
copy_notebooks "$work/clean"
nbdev_clean --fname "$work/clean/$nbs_dir" 2>"$work/nbdev_clean.err" ||
    { cat "$work/nbdev_clean.err" >&2; die "step 1 failed: nbdev_clean exited with an error (output above)."; }
# nbdev_clean only warns and exits 0 when it cannot parse a notebook.
if grep -q 'Failed to clean notebook' "$work/nbdev_clean.err"; then
    cat "$work/nbdev_clean.err" >&2
    die "step 1 failed: nbdev_clean could not read a notebook (warning above). Fix that notebook's JSON."
fi
dirty=0
while IFS= read -r -d '' nb; do
    if ! cmp -s "$nb" "$work/clean/$nb"; then
        dirty=$((dirty + 1))
        printf '\n%s is not clean. Start of the change nbdev_clean would make:\n' "$nb"
        diff -u --label "$nb" --label "$nb (cleaned)" "$nb" "$work/clean/$nb" | head -n 40 || true
    fi
done < <(list_notebooks)
[ "$dirty" -eq 0 ] ||
    die "step 1 failed: nbdev_clean would change $dirty notebook(s), listed above. Run nbdev_clean, review the change with git diff, and commit it."
python tools/make_readme.py --check || die "step 1 failed: README.md is generated from nbs/index.ipynb (message above)."
step_done

# ---------------------------------------------------------------------------------------------
step "2/4: nbdev_export leaves $lib_dir/ unchanged"
copy_notebooks "$work/export"
cp settings.ini "$work/export/"
mkdir -p "$work/export/$lib_dir"
if [ -d "$lib_dir" ]; then cp -pR "$lib_dir/." "$work/export/$lib_dir/"; fi
# nbdev_export does nothing while IN_TEST is set, so clear it in case the caller's shell has it.
(cd "$work/export" && env -u IN_TEST nbdev_export) ||
    die "step 2 failed: nbdev_export exited with an error (output above). Fix the notebook it names."
if ! diff -ru -x __pycache__ "$lib_dir" "$work/export/$lib_dir" >"$work/export.diff"; then
    head -n 80 "$work/export.diff"
    die "step 2 failed: nbdev_export would change $lib_dir/ (diff above: - checkout, + exported). Edit the notebook, not the .py file, then run nbdev_export and commit the result."
fi
step_done

# ---------------------------------------------------------------------------------------------
step "3/4: nbdev_test runs the notebooks; the docs site builds"
nbdev_test --n_workers 2 --timing 2>&1 | tee "$work/nbdev_test.log" ||
    die "step 3 failed: nbdev_test reported failing notebooks (traceback above). Run the notebook in Jupyter to reproduce."
if grep -q 'No files were eligible for testing' "$work/nbdev_test.log"; then
    die "step 3 failed: nbdev_test found no notebook to run under $nbs_dir."
fi
# The docs build runs import, export and show_doc cells on their own, so a cell that mixes imports with code that
# needs earlier cells fails there but not under nbdev_test. Its output goes to a log, shown only on failure.
bash tools/build_docs.sh --offline >"$work/build_docs.log" 2>&1 ||
    { tail -n 40 "$work/build_docs.log"; die "step 3 failed: the docs build failed (log tail above). Put imports in cells of their own."; }
step_done

# ---------------------------------------------------------------------------------------------
step "4/4: nbval compares notebook outputs; pytest also runs tests/ if it exists"
# The copy sits at the same relative path as the notebook folder, and every other top-level
# entry of the checkout is linked beside it. Notebooks thus find ../settings.ini, data folders and
# the package as they do under nbdev_test, and pytest names tests by their path in the checkout.
nbval_root="$work/nbval"
mkdir -p "$nbval_root"
python tools/nbval_prepare.py "$nbs_dir" "$nbval_root/$nbs_dir" ||
    die "step 4 failed: tools/nbval_prepare.py could not prepare the notebook copy (error above)."
nbs_top=${nbs_dir%%/*}
for entry in * .[!.]*; do
    [ -e "$entry" ] || [ -L "$entry" ] || continue
    case "$entry" in .git | "$nbs_top") continue ;; esac
    ln -s "$repo_root/$entry" "$nbval_root/$entry"
done

echo 'In a "Cell outputs differ" diff below, + lines are the stored output and - lines the new run.'
pytest_paths=("$nbs_dir")
if [ -d tests ]; then pytest_paths+=(tests); fi
pytest_color=no
if [ -t 1 ]; then pytest_color=auto; fi

set +e
(
    cd "$nbval_root"
    # nbdev_test puts the checkout on sys.path, and PYTHONPATH does the same for nbval's kernels.
    IN_TEST=1 PYTHONPATH="$repo_root${PYTHONPATH:+:$PYTHONPATH}" python -m pytest \
        --nbval --nbval-current-env --nbval-sanitize-with tools/nbval_sanitize.cfg \
        --nbval-cell-timeout "$cell_timeout_s" --color="$pytest_color" -p no:cacheprovider \
        "${pytest_paths[@]}"
)
pytest_status=$?
set -e

case $pytest_status in
    0) ;;
    # pytest's own summary line, printed last, reports the failures.
    1) exit 1 ;;
    5) die "step 4 failed: pytest collected no tests from ${pytest_paths[*]}. Add code cells to the notebooks that nbdev_test runs, or tests under tests/." ;;
    *) die "step 4 failed: pytest stopped with exit code $pytest_status (2: interrupted, 3: internal error, 4: usage error). See its output above." ;;
esac
