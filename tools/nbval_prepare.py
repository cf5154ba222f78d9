"""Copy the notebook folder SRC_DIR to DST_DIR and prepare the copy for `pytest --nbval`.

`nbdev_clean` sets every `execution_count` to null, and nbval 0.11 then fails each cell that has
stored outputs with "Unrun reference cell has outputs", even with `--nbval-lax`. The copy gives
code cells sequential execution counts, so nbval compares the stored outputs again.

The copy also makes nbval run the notebooks and cells that `nbdev_test` runs (nbdev 2.4.14 rules):
- A notebook is left out of the copy when its name or a folder above it starts with `_` or `.`,
  or when its folder contains a `.notest` file. Frontmatter with `skip_exec: true` and a kernel
  language other than Python also leave it out.
- Cells that nbdev_test skips get the `nbval-skip` tag: `#| eval: false`, a directive named in
  `tst_flags` of settings.ini (such as `#| slow`), and cells that call `nbdev_export(`.
- nbdev_clean removes cell tags, so authors mark cells with directives instead, which nbdev
  leaves out of the rendered docs: `#| nbval_ignore_output` runs the cell without comparing its
  outputs, and `#| nbval_skip` does not run it under nbval.

The copy also receives `nbval_conftest.py` (found beside this script) as `conftest.py`, which sets
which outputs nbval compares.

Usage: python tools/nbval_prepare.py SRC_DIR DST_DIR [--skip-flags "slow other"]
"""

import argparse
import json
import os
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

from fastcore.basics import str2bool
from fastcore.xtras import working_directory
from nbdev.config import get_config
from nbdev.doclinks import nbglob
from nbdev.frontmatter import FrontmatterProc
from nbdev.process import NBProcessor, extract_directives, nb_lang

CONFTEST_SRC = Path(__file__).resolve().with_name("nbval_conftest.py")
# Directives an author can put at the top of a code cell, mapped to the nbval cell tags they set.
NBVAL_DIRECTIVE_TAGS = {
    "nbval_ignore_output": "nbval-ignore-output",
    "nbval_skip": "nbval-skip",
}
# Folders never worth copying: Jupyter autosaves and bytecode caches.
IGNORED_FOLDERS = {".ipynb_checkpoints", "__pycache__"}


def find_settings(src: Path) -> Path:
    "Return the folder of the settings.ini that nbdev uses for notebooks in `src`."
    for folder in [src, *src.parents]:
        if (folder / "settings.ini").is_file():
            return folder
    sys.exit(f"nbval_prepare: no settings.ini found in {src} or its parents. "
             "Pass a SRC_DIR inside an nbdev project.")


def select_notebooks(src: Path) -> tuple[list[Path], list[Path]]:
    "Split the notebooks under `src` (an absolute path) into those nbdev_test runs and those it skips."
    with working_directory(src):
        # nbglob reads `recursive` from settings.ini, as nbdev_test does.
        get_config.cache_clear()
        found = [Path(p) for p in nbglob(path=src, as_path=True)]
    every = sorted(p for p in src.rglob("*.ipynb") if not IGNORED_FOLDERS & set(p.relative_to(src).parts))
    selected = []
    for path in sorted(found):
        if (path.parent / ".notest").exists():
            continue
        nb = NBProcessor(path, procs=FrontmatterProc, process=True).nb
        frontmatter = getattr(nb, "frontmatter_", {}) or {}
        if str2bool(frontmatter.get("skip_exec", False)):
            continue
        if nb_lang(nb) != "python":
            continue
        selected.append(path)
    skipped = [p for p in every if p not in selected]
    return selected, skipped


def cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def nbval_tags(source: str, lang: str, skip_flags: set[str]) -> list[str]:
    "Return the nbval tags for a code cell, following nbdev_test's rules for skipped cells."
    directives = extract_directives(SimpleNamespace(source=source), remove=False, lang=lang)
    tags = [tag for name, tag in NBVAL_DIRECTIVE_TAGS.items()
            if name in directives or name.replace("_", "-") in directives]
    eval_args = directives.get("eval:", [""])
    skipped_by_nbdev = ("nbdev_export(" in source
                        or (eval_args and eval_args[0].lower() == "false")
                        or bool(skip_flags & directives.keys()))
    # A cell that already contains `# NBVAL_SKIP` needs no tag, and nbval warns when both are present.
    marked_in_source = any(line.strip().lstrip("#").strip() == "NBVAL_SKIP" for line in source.splitlines())
    if skipped_by_nbdev and "nbval-skip" not in tags and not marked_in_source:
        tags.append("nbval-skip")
    return tags


def prepare_notebook(path: Path, skip_flags: set[str]) -> None:
    "Give each code cell of the notebook at `path` a sequential execution count and its nbval tags."
    nb = json.loads(path.read_text(encoding="utf-8"))
    lang = nb.get("metadata", {}).get("kernelspec", {}).get("language", "python")
    count = 0
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        count += 1
        cell["execution_count"] = count
        for output in cell.get("outputs", []):
            if output.get("output_type") == "execute_result":
                output["execution_count"] = count
        tags = nbval_tags(cell_source(cell), lang, skip_flags)
        if tags:
            metadata = cell.setdefault("metadata", {})
            metadata["tags"] = list(metadata.get("tags", [])) + tags
    # Replace the file instead of writing into it, because it may be a symlink into SRC_DIR.
    path.unlink()
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def make_links_absolute(src: Path, dst: Path) -> None:
    "Point relative symlinks copied into `dst` at their targets under `src`, so that they still resolve."
    for link in [p for p in dst.rglob("*") if p.is_symlink()]:
        target = Path(os.readlink(link))
        if target.is_absolute():
            continue
        original = src / link.relative_to(dst)
        link.unlink()
        link.symlink_to(os.path.normpath(original.parent / target))


def copy_tree(src: Path, dst: Path, skipped: list[Path]) -> None:
    "Copy `src` to `dst`, leaving out the skipped notebooks and the folders in IGNORED_FOLDERS."
    skipped_set = set(skipped)

    def ignore(folder, names):
        return [name for name in names
                if name in IGNORED_FOLDERS or Path(folder) / name in skipped_set]

    # symlinks=True copies a link as a link, so linked data folders are not duplicated.
    shutil.copytree(src, dst, symlinks=True, ignore=ignore, dirs_exist_ok=True)
    make_links_absolute(src, dst)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Copy a notebook folder and prepare the copy for pytest --nbval.")
    parser.add_argument("src", type=Path, metavar="SRC_DIR", help="notebook folder, such as nbs")
    parser.add_argument("dst", type=Path, metavar="DST_DIR",
                        help="destination folder, which must be empty or not exist yet")
    parser.add_argument("--skip-flags", default=None,
                        help="space-separated directives whose cells nbval skips "
                             "(default: tst_flags from settings.ini)")
    return parser.parse_args(argv)


def main(argv=None) -> None:
    args = parse_args(argv)
    src, dst = args.src.resolve(), args.dst.resolve()
    if not src.is_dir():
        sys.exit(f"nbval_prepare: SRC_DIR {args.src} is not a folder. Pass the notebook folder, such as nbs.")
    if dst == src or src in dst.parents:
        sys.exit(f"nbval_prepare: DST_DIR {args.dst} is inside SRC_DIR {args.src}. Pick a folder outside it.")
    if dst.exists() and any(dst.iterdir()):
        sys.exit(f"nbval_prepare: DST_DIR {args.dst} is not empty. Pass a new or empty folder.")
    if (src / "conftest.py").exists():
        sys.exit(f"nbval_prepare: {args.src}/conftest.py exists and would be overwritten by "
                 f"{CONFTEST_SRC.name}. Merge it into {CONFTEST_SRC}.")

    with working_directory(find_settings(src)):
        get_config.cache_clear()
        tst_flags = get_config().get("tst_flags", "")
    skip_flags = set((tst_flags if args.skip_flags is None else args.skip_flags).split())

    selected, skipped = select_notebooks(src)
    copy_tree(src, dst, skipped)
    for path in selected:
        copied = dst / path.relative_to(src)
        # nbglob does not enter symlinked folders, so every selected notebook is a file in `dst`.
        if dst not in copied.parent.resolve().parents and copied.parent.resolve() != dst:
            sys.exit(f"nbval_prepare: {copied} resolves outside {dst}, so it was not patched.")
        prepare_notebook(copied, skip_flags)
    shutil.copyfile(CONFTEST_SRC, dst / "conftest.py")

    print(f"nbval_prepare: prepared {len(selected)} notebook(s) in {dst}")
    for path in skipped:
        print(f"nbval_prepare: skipped {path.relative_to(src)} (nbdev_test skips it too)")


if __name__ == "__main__":
    main()
