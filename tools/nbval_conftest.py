"""pytest configuration for the notebook copy that tools/nbval_prepare.py makes (copied there as conftest.py).

nbval 0.11 compares every output MIME type except PNG, JPEG and widget views. Rich outputs change
between runs and library versions without a change in the result, so this file narrows the
comparison to text: text/plain, text/markdown, text/latex, stdout, stderr and errors.
"""

from nbval.plugin import IPyNbCell, IPyNbFile

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
SKIPPED_MIMETYPES = (
    "text/html",
    "application/javascript",
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/svg+xml",
    WIDGET_VIEW,
    "application/vnd.jupyter.widget-state+json",
)

# pytest runs only notebooks here, because Python files in the notebook folder are helpers, not tests.
collect_ignore_glob = ["*.py"]


def pytest_collectstart(collector):
    # NOTE: `skip_compare` and `compare_outputs` are nbval 0.11 internals, so constraints.txt pins nbval==0.11.0.
    if isinstance(collector, IPyNbFile):
        collector.skip_compare = tuple(collector.skip_compare) + SKIPPED_MIMETYPES


def without_widgets(outputs):
    "Drop widget outputs whole, because their text/plain part shows the widget's state at display time (a progress bar's count)."
    return [output for output in outputs if WIDGET_VIEW not in output.get("data", {})]


def pytest_itemcollected(item):
    if not isinstance(item, IPyNbCell):
        return
    compare_outputs = item.compare_outputs

    def compare_outputs_without_widgets(test, ref, skip_compare=None):
        return compare_outputs(without_widgets(test), without_widgets(ref), skip_compare)

    item.compare_outputs = compare_outputs_without_widgets
