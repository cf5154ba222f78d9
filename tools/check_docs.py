#!/usr/bin/env python3
"""Check the built docs site in headless Chromium, served only on 127.0.0.1.

Every HTML page under the site folder is loaded in Chromium, and its DOM after scripts have run is checked:
it needs a non-empty <title> and body text, and every link to a page of the site must resolve to an
existing file, with its #fragment present on the target page. Links to the published site (`doc_host` +
`doc_baseurl` in settings.ini, where nbdev points backticked symbol names) are checked against the local
copy of the same path. Links to other hosts are counted and never fetched. A page fails when TeX shows in
its text outside code, such as \(...\) or $$...$$: when KaTeX rendered none of the formulas in its file
(smalldocs writes each as <span class="math">), left one of them unrendered or reported an error.
Finally a PNG screenshot of one page (index.html unless --screenshot-page is given) is written to --screenshot.

Usage: python tools/check_docs.py [--screenshot _docs-screenshot.png] [--site _docs] [--screenshot-page core.html]
Exit status: 0 when every check passes, 1 when a page or link fails, 2 when the check cannot run.
Needs the Debian packages chromium (and, for the network namespace, util-linux and iproute2).
"""

import argparse
import configparser
import functools
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import traceback
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = "127.0.0.1"
# Set in the environment of the copy of this script that runs inside its own network namespace
NETNS_ENV = "CHECK_DOCS_IN_NETNS"
CHROMIUM_TIMEOUT_S = 60
# Elements whose text a reader does not see as page text
NON_TEXT_TAGS = {"script", "style", "noscript", "template", "head", "title"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements whose text is code, where TeX delimiters are expected
CODE_TAGS = {"pre", "code", "kbd", "samp"}
# TeX that KaTeX's auto-render leaves on the page when it has not run: the \(...\) and \[...\] that smalldocs
# writes, $$...$$, and $...$ around a TeX command, which a Markdown renderer without maths support passes through.
RAW_TEX = re.compile(
    r"\\\(.{1,500}?\\\)|\\\[.{1,500}?\\\]|\$\$.{1,500}?\$\$|\$(?=\S)[^$]{0,200}?\\[A-Za-z]+[^$]{0,200}?(?<=\S)\$",
    re.DOTALL,
)
# KaTeX's default errorColor, which smalldocs 0.5.4 keeps. With throwOnError off, KaTeX writes an undefined
# command such as \foo as text in this colour, in MathML as <mstyle mathcolor="#cc0000"><mtext>\foo</mtext>.
KATEX_ERROR_COLOR = "#cc0000"


class CheckError(Exception):
    "A problem that stops the check from running at all (exit status 2)."


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--screenshot", default=Path("_docs-screenshot.png"), type=Path, help="where to write the PNG screenshot (default: _docs-screenshot.png)")
    parser.add_argument("--screenshot-page", default="index.html", help="the page to screenshot, as a path below the site folder (default: index.html)")
    parser.add_argument("--site", type=Path, default=REPO_ROOT / "_docs", help="the built site folder (default: _docs in the repository)")
    parser.add_argument(
        "--settings", type=Path, default=REPO_ROOT / "settings.ini",
        help="nbdev settings.ini whose doc_host + doc_baseurl give the published site URL (default: the repository's)",
    )
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "chromium"), help="the Chromium executable (default: $CHROMIUM or chromium)")
    parser.add_argument("--window-size", default="1280,900", help="the screenshot size in CSS pixels, as WIDTH,HEIGHT (default: 1280,900)")
    parser.add_argument(
        "--no-netns", action="store_true",
        help="do not run in a private network namespace; Chromium's host-resolver and proxy flags still confine it to 127.0.0.1",
    )
    return parser.parse_args(argv)


# ---------------------------------------------------------------- network confinement


def reexec_in_network_namespace(args: argparse.Namespace) -> None:
    """Re-run this script inside a new network namespace that has only a loopback interface.

    Chromium's flags below stop DNS lookups and send other connections to a closed loopback port. Even so,
    Chromium 156 calls connect() on a UDP socket to 2001:4860:4860::8888 to probe IPv6 routing, as its net
    log shows, although it sends no datagram. In a namespace with only `lo`, that call and anything else
    not aimed at 127.0.0.1 fails with "network unreachable". The function returns without re-running when
    the namespace cannot be made, and the caller goes on with the flags alone.
    """
    if args.no_netns or os.environ.get(NETNS_ENV):
        return
    missing = [tool for tool in ("unshare", "ip") if shutil.which(tool) is None]
    if os.geteuid() != 0 or missing:
        reason = f"{', '.join(missing)} not found on PATH" if missing else "not running as root"
        print(f"check_docs: note: no private network namespace ({reason}), so only Chromium's flags confine it to 127.0.0.1")
        return
    probe = subprocess.run(["unshare", "--net", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        print(f"check_docs: note: `unshare --net` failed ({probe.stderr.strip()}), so only Chromium's flags confine it to 127.0.0.1")
        return
    command = ["unshare", "--net", "--", "sh", "-c", 'ip link set lo up && exec "$0" "$@"', sys.executable, __file__, *sys.argv[1:]]
    sys.stdout.flush()
    os.execvpe("unshare", command, {**os.environ, NETNS_ENV: "1"})


def reserve_closed_port() -> socket.socket:
    "Bind a loopback TCP port without listening on it, so that connections to it are refused while the socket stays open."
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((LOOPBACK, 0))
    return sock


# ---------------------------------------------------------------- the static server


class QuietHandler(SimpleHTTPRequestHandler):
    "Serves the site folder and records every request that failed, instead of logging each request."

    def log_message(self, format, *args):  # noqa: A002 - the name is http.server's
        # http.server logs every request and every error reply here. log_request below records the failed ones,
        # and SiteServer.handle_error the exceptions, which the report lists.
        pass

    def log_request(self, code="-", size="-"):
        try:
            status = int(code)  # an http.HTTPStatus, or "-" when the status is unknown
        except (TypeError, ValueError):
            return
        if status >= 400:
            self.server.failed_requests.append((self.path, status, self.headers.get("Referer", "")))


class SiteServer(ThreadingHTTPServer):
    "An HTTP server that records the exceptions of its request handlers, except those of clients that hung up."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.failed_requests: list[tuple[str, int, str]] = []  # path, HTTP status, Referer
        self.handler_errors: list[str] = []  # a traceback for each

    def handle_error(self, request, client_address):
        # socketserver calls this inside its `except Exception:`, so sys.exc_info() is the handler's exception
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError):
            # Chromium closes connections whose response it no longer needs, such as those of a page it has
            # finished dumping, so writing the rest of the file fails with BrokenPipeError or ConnectionResetError.
            return
        self.handler_errors.append("".join(traceback.format_exception(error)).rstrip())


def start_server(site: Path) -> SiteServer:
    handler = functools.partial(QuietHandler, directory=str(site))
    server = SiteServer((LOOPBACK, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# ---------------------------------------------------------------- Chromium


@dataclass
class Chromium:
    executable: str
    closed_port: int
    window_size: str

    def command(self, profile: str, *extra: str) -> list[str]:
        return [
            self.executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--mute-audio", "--hide-scrollbars", f"--user-data-dir={profile}",
            # No host name resolves, so nothing is looked up in DNS. 127.0.0.1 is an IP literal and needs no lookup.
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            # Requests to other hosts, IP literals included, go to a closed loopback port and fail.
            # Chromium bypasses the proxy for loopback addresses by default, so the site itself is fetched directly.
            f"--proxy-server=http://{LOOPBACK}:{self.closed_port}",
            f"--window-size={self.window_size}",
            *extra,
        ]

    def run(self, *extra: str) -> subprocess.CompletedProcess:
        with tempfile.TemporaryDirectory(prefix="check-docs-profile-") as profile:
            command = self.command(profile, *extra)
            try:
                return subprocess.run(command, capture_output=True, text=True, timeout=CHROMIUM_TIMEOUT_S)
            except subprocess.TimeoutExpired as e:
                raise CheckError(f"Chromium timed out after {CHROMIUM_TIMEOUT_S} s on {extra[-1]}") from e

    def dump_dom(self, url: str) -> str:
        result = self.run("--dump-dom", url)
        if result.returncode != 0 or not result.stdout.strip():
            tail = "\n".join(result.stderr.strip().splitlines()[-5:])
            raise CheckError(f"Chromium failed to load {url} (exit status {result.returncode}); its last messages:\n{tail}")
        return result.stdout

    def screenshot(self, url: str, dest: Path) -> None:
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.unlink(missing_ok=True)
        result = self.run(f"--screenshot={dest}", url)
        is_png = dest.is_file() and dest.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        if result.returncode != 0 or not is_png:
            tail = "\n".join(result.stderr.strip().splitlines()[-5:])
            raise CheckError(f"Chromium wrote no PNG screenshot of {url} to {dest} (exit status {result.returncode}); its last messages:\n{tail}")


# ---------------------------------------------------------------- reading a page


@dataclass
class PageDom:
    "What the check reads from a page's DOM."

    title: str = ""
    body_text: str = ""
    main_text: str | None = None  # None when the page has no <main>
    links: list[str] = field(default_factory=list)  # href of every <a>
    resources: list[str] = field(default_factory=list)  # src of scripts and images, href of stylesheets
    ids: set[str] = field(default_factory=set)  # every id, and the name of every <a name>
    math_spans: int = 0  # <span class="math">, where smalldocs writes each formula as \(...\) or \[...\] for KaTeX
    unrendered_math: list[str] = field(default_factory=list)  # the text of each maths span with no KaTeX output in it
    katex_elements: int = 0  # elements of class "katex", one for each formula that KaTeX rendered
    # KaTeX's message for each formula it could not parse (the title of a "katex-error" element), and each undefined command
    katex_errors: list[str] = field(default_factory=list)
    prose_text: str = ""  # body text outside code, maths spans and KaTeX output


class DomParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.dom = PageDom()
        self.stack: list[str] = []
        self.class_stack: list[frozenset[str]] = []  # the classes of each element in self.stack
        self.title_parts: list[str] = []
        self.body_parts: list[str] = []
        self.prose_parts: list[str] = []
        self.main_parts: list[str] | None = None
        self.main_depth: int | None = None
        self.math_depth: int | None = None  # the depth of the open maths span, if any
        self.math_parts: list[str] = []
        self.math_has_output = False  # the open maths span contains KaTeX's output or its error
        self.error_color_depth: int | None = None  # the depth of an open <mstyle> in KaTeX's error colour
        self.error_color_parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = frozenset((attrs.get("class") or "").split())
        if attrs.get("id"):
            self.dom.ids.add(attrs["id"])
        if tag == "a":
            if attrs.get("name"):
                self.dom.ids.add(attrs["name"])
            if attrs.get("href") is not None:
                self.dom.links.append(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.dom.resources.append(attrs["src"])
        elif tag == "link" and attrs.get("href") and "stylesheet" in (attrs.get("rel") or "").split():
            self.dom.resources.append(attrs["href"])
        if tag == "main" and self.main_depth is None:
            self.main_depth = len(self.stack)
            self.main_parts = []

        if "katex" in classes:
            self.dom.katex_elements += 1
        if "katex-error" in classes:
            self.dom.katex_errors.append(attrs.get("title") or "")
        if tag == "mstyle" and (attrs.get("mathcolor") or "").lower() == KATEX_ERROR_COLOR and self.error_color_depth is None:
            self.error_color_depth = len(self.stack)
            self.error_color_parts = []
        if tag == "span" and "math" in classes and self.math_depth is None:
            self.dom.math_spans += 1
            self.math_depth = len(self.stack)
            self.math_parts = []
            self.math_has_output = False
        elif self.math_depth is not None and classes & {"katex", "katex-error"}:
            self.math_has_output = True

        if tag not in VOID_TAGS:
            self.stack.append(tag)
            self.class_stack.append(classes)

    def handle_endtag(self, tag):
        if tag in VOID_TAGS or tag not in self.stack:
            return
        while self.stack:
            self.class_stack.pop()
            if self.stack.pop() == tag:
                break
        if self.main_depth is not None and len(self.stack) <= self.main_depth:
            self.dom.main_text = " ".join("".join(self.main_parts).split())
            self.main_depth = None
        if self.math_depth is not None and len(self.stack) <= self.math_depth:
            self.close_math_span()
        if self.error_color_depth is not None and len(self.stack) <= self.error_color_depth:
            text = "".join(self.error_color_parts).strip()
            if text.startswith("\\"):  # not \color{#cc0000}{...} in the TeX source
                self.dom.katex_errors.append(f"undefined command {text}")
            self.error_color_depth = None

    def close_math_span(self):
        if not self.math_has_output:
            self.dom.unrendered_math.append(" ".join("".join(self.math_parts).split()))
        self.math_depth = None

    def handle_data(self, data):
        if self.error_color_depth is not None:
            self.error_color_parts.append(data)
        if "title" in self.stack:
            self.title_parts.append(data)
        if "body" not in self.stack or NON_TEXT_TAGS.intersection(self.stack):
            return
        self.body_parts.append(data)
        if self.main_depth is not None:
            self.main_parts.append(data)
        # KaTeX's output contains the TeX source too, in a MathML <annotation>, so its text is neither TeX left over nor prose
        in_katex = any("katex" in classes for classes in self.class_stack)
        if in_katex:
            return
        if self.math_depth is not None:
            self.math_parts.append(data)
        elif not CODE_TAGS.intersection(self.stack):
            self.prose_parts.append(data)

    def close(self):
        super().close()
        self.dom.title = " ".join("".join(self.title_parts).split())
        self.dom.body_text = " ".join("".join(self.body_parts).split())
        self.dom.prose_text = " ".join("".join(self.prose_parts).split())
        if self.main_depth is not None:  # a <main> that was never closed
            self.dom.main_text = " ".join("".join(self.main_parts).split())
        if self.math_depth is not None:  # a maths span that was never closed
            self.close_math_span()


def read_dom(html: str) -> PageDom:
    parser = DomParser()
    parser.feed(html)
    parser.close()
    return parser.dom


# ---------------------------------------------------------------- links


def published_site_url(settings: Path) -> str | None:
    "Read doc_host + doc_baseurl from nbdev's settings.ini, the URL that nbdev puts in front of its symbol links."
    if not settings.is_file():
        return None
    config = configparser.ConfigParser(delimiters=["="], interpolation=None)
    config.read(settings, encoding="utf-8")
    host = config["DEFAULT"].get("doc_host", "").rstrip("/")
    if not host:
        return None
    return host + "/" + config["DEFAULT"].get("doc_baseurl", "").strip("/")


@dataclass
class Target:
    "Where a link points inside the site."

    path: str  # the URL path below the site root, such as `core.html` or `` for the root
    fragment: str
    via_published_url: bool  # the link was written as an absolute URL of the published site


def site_target(href: str, page_url: str, server_root: str, published_url: str | None) -> Target | None:
    "Map a link to a path of the site, or return None for a link elsewhere (another host, mailto:, javascript:)."
    url = urljoin(page_url, href)
    parts = urlsplit(url)
    if url.startswith(server_root):
        return Target(unquote(parts.path).lstrip("/"), unquote(parts.fragment), False)
    if published_url:
        base = urlsplit(published_url)
        base_path = base.path.rstrip("/") + "/"
        same_host = parts.scheme in ("http", "https") and parts.netloc == base.netloc
        if same_host and (parts.path + "/").startswith(base_path):
            return Target(unquote(parts.path[len(base_path):]).lstrip("/"), unquote(parts.fragment), True)
    return None


def file_for(site: Path, path: str) -> Path | None:
    "Find the file that a static server returns for a URL path, or None when there is none (or it is outside the site)."
    candidate = (site / path).resolve()
    if candidate != site and site not in candidate.parents:
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


# ---------------------------------------------------------------- the check


@dataclass
class Report:
    failures: list[str] = field(default_factory=list)
    internal_links: int = 0
    published_links: int = 0
    external_links: int = 0
    resources: int = 0
    missing_resources: set[str] = field(default_factory=set)  # URL paths below the site root
    outside_resources: set[str] = field(default_factory=set)  # URLs of scripts, stylesheets and images on other hosts
    math_pages: int = 0


def check_site(site: Path, chromium: Chromium, server_root: str, published_url: str | None) -> tuple[Report, dict[str, PageDom]]:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    if "index.html" not in pages:
        raise CheckError(f"{site} has no index.html; build the site with tools/build_docs.sh, from a project whose nbs/ has index.ipynb")

    doms = {}
    for page in pages:
        doms[page] = read_dom(chromium.dump_dom(server_root + page))
        print(f"check_docs: loaded {page}: {doms[page].title!r}, {len(doms[page].links)} link(s)")

    report = Report()
    for page, dom in doms.items():
        if not dom.title:
            report.failures.append(f"{page}: the page has no <title> text")
        if not dom.body_text:
            report.failures.append(f"{page}: the page renders no body text")
        elif dom.main_text is not None and not dom.main_text:
            report.failures.append(f"{page}: the page's <main> element renders no text")

        source = read_dom((site / page).read_text(encoding="utf-8"))
        if source.math_spans:
            report.math_pages += 1
        report.failures += math_problems(page, source, dom, server_root)

        for resource in dom.resources:
            target = site_target(resource, server_root + page, server_root, None)
            if target is None:
                url = urljoin(server_root + page, resource)
                if urlsplit(url).scheme in ("http", "https"):  # not data: URLs, which need no network
                    report.outside_resources.add(url)
                continue
            report.resources += 1
            if file_for(site, target.path) is None:
                report.missing_resources.add(target.path)
                report.failures.append(f"{page}: missing resource {resource!r} (no file {target.path or 'index.html'} in {site})")

        for href in dom.links:
            target = site_target(href, server_root + page, server_root, published_url)
            if target is None:
                report.external_links += 1
                continue
            if target.via_published_url:
                report.published_links += 1
            else:
                report.internal_links += 1
            problem = link_problem(site, target, doms)
            if problem:
                report.failures.append(f"{page}: broken link {href!r}: {problem}")
    return report, doms


def math_problems(page: str, source: PageDom, dom: PageDom, server_root: str) -> list[str]:
    "Describe the maths that shows as TeX in the rendered page; source is the page's file as the server sends it."
    problems = []
    if source.math_spans and not dom.katex_elements:
        scripts = [urljoin(server_root + page, src) for src in dom.resources if src.split("?")[0].endswith("/katex.min.js")]
        if not scripts:
            cause = "the page loads no katex.min.js"
        elif not scripts[0].startswith(server_root):
            cause = (f"the page loads KaTeX from {scripts[0]}, which the check cannot reach; rebuild the site with "
                     "tools/build_docs.sh where the npm registry is reachable, so that it copies KaTeX into the site")
        else:
            cause = f"KaTeX from {scripts[0]} did not run"
        problems.append(f"{page}: KaTeX rendered none of the {source.math_spans} formula(s) in the page's file ({cause})")
    elif dom.unrendered_math:
        problems.append(f"{page}: {len(dom.unrendered_math)} of {dom.math_spans} formula(s) show as TeX, the first: {dom.unrendered_math[0]!r}")
    if dom.katex_errors:
        problems.append(f"{page}: KaTeX reported {len(dom.katex_errors)} error(s) and shows their TeX, the first: {dom.katex_errors[0]!r}")
    leftovers = [m.group(0) for m in RAW_TEX.finditer(dom.prose_text)]
    if leftovers:
        first = leftovers[0] if len(leftovers[0]) <= 80 else leftovers[0][:77] + "..."
        problems.append(f"{page}: {len(leftovers)} piece(s) of TeX show in the page text outside code, the first: {first!r}")
    return problems


def link_problem(site: Path, target: Target, doms: dict[str, PageDom]) -> str | None:
    "Describe why a link of the site does not resolve, or return None when it does."
    found = file_for(site, target.path)
    if found is None:
        return f"no page {target.path or 'index.html'} in {site}"
    # Fragments with "=" are state for page scripts (Quarto's listings use #category=...), not element ids.
    if not target.fragment or "=" in target.fragment:
        return None
    target_page = found.relative_to(site).as_posix()
    if target_page in doms and target.fragment not in doms[target_page].ids:
        return f"{target_page} has no element with id {target.fragment!r}"
    return None


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    reexec_in_network_namespace(args)

    site = args.site.resolve()
    if not (site / "index.html").is_file():
        print(f"check_docs: {site / 'index.html'} not found; build the site with tools/build_docs.sh, "
              "from a project whose nbs/ has index.ipynb", file=sys.stderr)
        return 2
    if shutil.which(args.chromium) is None:
        print(f"check_docs: Chromium executable {args.chromium!r} not found; install it with "
              "`apt-get update && apt-get install -y chromium`, or pass --chromium PATH", file=sys.stderr)
        return 2
    if file_for(site, args.screenshot_page) is None:
        print(f"check_docs: --screenshot-page {args.screenshot_page!r} is not a page of {site}; "
              "give a path below the site folder, such as core.html", file=sys.stderr)
        return 2
    published_url = published_site_url(args.settings)

    closed_port = reserve_closed_port()
    server = start_server(site)
    server_root = f"http://{LOOPBACK}:{server.server_address[1]}/"
    chromium = Chromium(args.chromium, closed_port.getsockname()[1], args.window_size)
    where = "in a private network namespace" if os.environ.get(NETNS_ENV) else "in the host network namespace"
    print(f"check_docs: serving {site} at {server_root} ({where})")
    try:
        report, doms = check_site(site, chromium, server_root, published_url)
        chromium.screenshot(server_root + args.screenshot_page, args.screenshot.resolve())
    except CheckError as e:
        print(f"check_docs: {e}", file=sys.stderr)
        return 2
    finally:
        server.shutdown()
        server.server_close()
        closed_port.close()

    # These catch requests that Chromium made by itself or from scripts. A missing <link>, <script> or <img> file is already reported.
    for path, code, referer in sorted(set(server.failed_requests)):
        if path == "/favicon.ico" or unquote(urlsplit(path).path).lstrip("/") in report.missing_resources:
            continue  # Chromium requests /favicon.ico by itself when a page links no icon
        from_page = f" (requested by {referer.removeprefix(server_root) or 'index.html'})" if referer else ""
        report.failures.append(f"Chromium's request for {path} returned HTTP {code}{from_page}")
    for error in server.handler_errors:
        report.failures.append(f"the site's HTTP server raised an exception while serving a request:\n{error}")

    print(
        f"check_docs: {len(doms)} page(s); {report.internal_links} internal link(s), "
        f"{report.published_links} link(s) to the published site {published_url or '(none set)'} checked against the local copy, "
        f"{report.resources} resource(s) checked; {report.external_links} link(s) to other hosts not followed; "
        f"{report.math_pages} page(s) with maths"
    )
    if report.outside_resources:
        # Not a failure by itself: a page may work without them. The maths checks above catch KaTeX from a CDN.
        print(f"check_docs: note: pages load {len(report.outside_resources)} resource(s) from other hosts, which fail "
              f"without network: {', '.join(sorted(report.outside_resources))}")
    if report.failures:
        print(f"check_docs: FAILED, {len(report.failures)} problem(s):", file=sys.stderr)
        for failure in report.failures:
            print(f"  {failure}", file=sys.stderr)
        return 1
    print(f"check_docs: OK; screenshot of {args.screenshot_page} written to {args.screenshot.resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
