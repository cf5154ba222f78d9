#!/usr/bin/env python3
"""Copy KaTeX into a site built by smalldocs and point its pages there, so that maths renders with no network.

smalldocs 0.5.4 links every page that has maths to KaTeX on cdn.jsdelivr.net (the constant smalldocs.layout.KATEX)
and has no option for a local copy. This script copies KaTeX's files from its npm package into SITE/site_libs/katex/
and rewrites those links in every HTML page under SITE to the local copy.

The package is fetched with `npm pack`, checked against the sha512 pinned below and kept in
${XDG_CACHE_HOME:-~/.cache}/harmonic_nb/katex-VERSION/, so later builds need no network. When npm or the registry
is not reachable, the script prints one warning and leaves the pages as they are: they still load KaTeX from the
CDN, so without network their maths shows as TeX. To build offline, copy katex-VERSION.tgz (from `npm pack
katex@VERSION` on another machine) into that folder.

Usage: python tools/vendor_katex.py SITE
Exit status: 0 when KaTeX is copied, when no page needs it, or when it cannot be fetched (after a warning).
1 when the downloaded package does not match the pinned sha512. 2 on a bad argument or an unwritable site.
"""

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

try:
    import smalldocs.layout
except ImportError as e:
    sys.exit(f"vendor_katex: smalldocs cannot be imported ({e}); install it with: pip install smalldocs==0.5.4")

# The version that smalldocs 0.5.4 loads from the CDN, so the offline site renders as the published one does.
KATEX_VERSION = "0.16.11"
# npm's dist.integrity for that version: `npm view katex@0.16.11 dist.integrity`
KATEX_INTEGRITY = "sha512-RQrI8rlHY92OLf3rho/Ts8i/XvjgguEjOkO1BEXcU3N8BqPpSzBNwV/G0Ukr+P/l3ivvJUE/Fa/CwbS6HesGNQ=="
# The files that smalldocs 0.5.4 links from the CDN (katex.min.css, katex.min.js, contrib/auto-render.min.js), the
# fonts that katex.min.css loads, and the MIT licence, which requires copies to include it.
PACKAGE_FILES = ("dist/katex.min.css", "dist/katex.min.js", "dist/contrib/auto-render.min.js", "LICENSE")
PACKAGE_FONTS = "dist/fonts/"
SITE_FOLDER = PurePosixPath("site_libs/katex")
# With its default retries, npm 11.19.1 took 72 s to give up on a registry that refused connections. These settings
# make that fallback take seconds. They go in the environment, so a value that the caller already set there wins.
NPM_FETCH_DEFAULTS = {
    "npm_config_fetch_retries": "1",
    "npm_config_fetch_retry_mintimeout": "2000",
    "npm_config_fetch_retry_maxtimeout": "5000",
    "npm_config_fetch_timeout": "60000",
}
NPM_TIMEOUT_S = 300


class FetchError(Exception):
    "The package could not be fetched; the build goes on without it."


class IntegrityError(Exception):
    "A downloaded package does not match KATEX_INTEGRITY."


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "harmonic_nb" / f"katex-{KATEX_VERSION}"


def integrity_of(path: Path) -> str:
    "Compute a file's Subresource Integrity string in npm's form, `sha512-<base64 digest>`."
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode("ascii")


def cdn_base() -> str:
    "Read the KaTeX URL that the installed smalldocs writes into pages, such as https://cdn.jsdelivr.net/npm/katex@0.16.11/dist."
    base = smalldocs.layout.KATEX.rstrip("/")
    if f"katex@{KATEX_VERSION}/" not in base + "/":
        print(f"vendor_katex: warning: smalldocs loads KaTeX from {base}, but this script copies KaTeX {KATEX_VERSION}; "
              "set KATEX_VERSION and KATEX_INTEGRITY in tools/vendor_katex.py to the version in that URL", file=sys.stderr)
    return base


def pages_using(site: Path, base: str) -> list[Path]:
    return sorted(page for page in site.rglob("*.html") if base + "/" in page.read_text(encoding="utf-8"))


def download(dest: Path) -> None:
    "Fetch the package tarball with `npm pack` to dest, or raise FetchError with npm's reason."
    npm = shutil.which("npm")
    if npm is None:
        raise FetchError("npm not found on PATH; install Node.js with npm")
    with tempfile.TemporaryDirectory(prefix=".download-", dir=dest.parent) as folder:
        command = [npm, "pack", f"katex@{KATEX_VERSION}", "--json", "--ignore-scripts", "--pack-destination", folder]
        env = {**NPM_FETCH_DEFAULTS, **os.environ}
        try:
            # Run in the new folder rather than the caller's, so that the project's package.json and .npmrc do not apply
            result = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=NPM_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise FetchError(f"`npm pack katex@{KATEX_VERSION}` timed out after {NPM_TIMEOUT_S} s") from None
        tarball = Path(folder) / f"katex-{KATEX_VERSION}.tgz"
        if result.returncode != 0 or not tarball.is_file():
            raise FetchError(npm_error(result))
        found = integrity_of(tarball)
        if found != KATEX_INTEGRITY:
            raise IntegrityError(f"the katex-{KATEX_VERSION}.tgz that npm downloaded has integrity {found}, not the pinned "
                                 f"{KATEX_INTEGRITY}; check the npm registry and proxy that npm uses (`npm config get registry`)")
        # The temporary folder is on the same file system as dest, so os.replace is atomic
        # and the cache never contains a partial file
        os.replace(tarball, dest)


def npm_error(result: subprocess.CompletedProcess) -> str:
    "Pick the one line of a failed `npm pack --json` that says why it failed."
    try:
        summary = json.loads(result.stdout)["error"]["summary"]
    except (ValueError, KeyError, TypeError):
        summary = ""
    if summary:
        return f"npm: {summary}"
    lines = [line for line in result.stderr.splitlines() if line.strip() and "complete log of this run" not in line]
    return f"npm exited with status {result.returncode}" + (f": {lines[-1].strip()}" if lines else "")


def cached_tarball() -> Path:
    "Return the verified package tarball from the cache, downloading it first when the cache has none."
    folder = cache_folder()
    tarball = folder / f"katex-{KATEX_VERSION}.tgz"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise FetchError(f"failed to create the cache folder {folder}: {e.strerror}") from None
    if tarball.is_file():
        if integrity_of(tarball) == KATEX_INTEGRITY:
            print(f"vendor_katex: using KaTeX {KATEX_VERSION} from {tarball}")
            return tarball
        print(f"vendor_katex: warning: {tarball} does not match {KATEX_INTEGRITY}; deleting it and downloading it again", file=sys.stderr)
        tarball.unlink()
    print(f"vendor_katex: downloading KaTeX {KATEX_VERSION} with npm into {folder}")
    download(tarball)
    return tarball


def copy_package_files(tarball: Path, dest: Path) -> int:
    "Copy PACKAGE_FILES and the fonts from the package into dest, keeping their paths below dist/; return how many."
    count = 0
    missing = set(PACKAGE_FILES)
    try:
        archive = tarfile.open(tarball, "r:gz")
    except tarfile.TarError as e:
        raise FetchError(f"{tarball} is not a readable tarball ({e}); delete it so that the next build downloads it again") from None
    with archive:
        for member in archive.getmembers():
            name = member.name.removeprefix("package/")
            if not member.isfile() or not (name in PACKAGE_FILES or name.startswith(PACKAGE_FONTS)):
                continue
            relative = PurePosixPath(name.removeprefix("dist/"))
            if ".." in relative.parts or relative.is_absolute():
                continue  # a name such as dist/fonts/../../x would be written outside dest
            target = dest.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.extractfile(member).read())
            missing.discard(name)
            count += 1
    if missing:
        raise FetchError(f"{tarball} is missing {', '.join(sorted(missing))}; delete it so that the next build downloads it again")
    return count


def point_pages_at(site: Path, pages: list[Path], base: str) -> None:
    "Replace the CDN URL in each page with the relative path from the page to site_libs/katex."
    for page in pages:
        offset = "../" * (len(page.relative_to(site).parts) - 1)
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace(base + "/", f"{offset}{SITE_FOLDER}/"), encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0].startswith("-"):
        print("usage: python tools/vendor_katex.py SITE, where SITE is a folder built by smalldocs", file=sys.stderr)
        return 2
    site = Path(argv[0]).resolve()
    if not (site / "site_libs").is_dir():
        print(f"vendor_katex: {site} has no site_libs folder, so it is not a site built by smalldocs; "
              "build it first with tools/build_docs.sh", file=sys.stderr)
        return 2

    base = cdn_base()
    pages = pages_using(site, base)
    if not pages:
        print(f"vendor_katex: no page under {site} loads KaTeX, so none is copied")
        return 0

    try:
        tarball = cached_tarball()
        count = copy_package_files(tarball, site / SITE_FOLDER)
        point_pages_at(site, pages, base)
    except FetchError as e:
        print(f"vendor_katex: warning: KaTeX {KATEX_VERSION} not copied into the site ({e}). The {len(pages)} page(s) with "
              f"maths load KaTeX from {base}, so without network their maths shows as TeX. Rerun the build where the npm "
              f"registry is reachable, or copy katex-{KATEX_VERSION}.tgz (from `npm pack katex@{KATEX_VERSION}`) "
              f"into {cache_folder()}", file=sys.stderr)
        return 0
    except IntegrityError as e:
        print(f"vendor_katex: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"vendor_katex: failed to copy KaTeX into {site / SITE_FOLDER} or to rewrite its pages: {e}", file=sys.stderr)
        return 2

    print(f"vendor_katex: copied {count} KaTeX file(s) to {site / SITE_FOLDER}; {len(pages)} page(s) now load KaTeX from there")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
