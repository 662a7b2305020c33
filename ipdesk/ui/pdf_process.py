"""PDF export in a separate process, so that the window never waits for it.

Qt lays a report out in a few long C++ calls (`QTextDocument.setHtml`, the layout of a 500-row
table) during which PySide keeps Python's global lock: run on a worker thread, they still froze the
window for 0.4–1.0 s per export (QA 20b N4). A child process has its own lock. The worker thread that
asked waits for the child (its wait releases the lock); the child renders with the same code the
CLI uses (`report_pdf.render_pdf` under an offscreen QGuiApplication).

If no process can be started (a locked-down kiosk, a resource limit), the PDF is made in the calling
thread as before, and the log says so.
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize

from ipdesk.domain.report import Report

log = logging.getLogger("ipdesk.ui.reports")

# The page layout crosses the process boundary as numbers: (width, height, orientation, margins), mm.
_LayoutTuple = tuple[float, float, int, float, float, float, float]


def _layout_to_tuple(layout: QPageLayout | None) -> _LayoutTuple | None:
    if layout is None:
        return None
    size = layout.pageSize().size(QPageSize.Unit.Millimeter)
    margins = layout.margins(QPageLayout.Unit.Millimeter)
    orientation = 1 if layout.orientation() == QPageLayout.Orientation.Landscape else 0
    return (size.width(), size.height(), orientation, margins.left(), margins.top(), margins.right(), margins.bottom())


def _layout_from_tuple(values: _LayoutTuple | None) -> QPageLayout | None:
    if values is None:
        return None
    width, height, orientation, left, top, right, bottom = values
    from PySide6.QtCore import QSizeF

    size = QPageSize(QSizeF(width, height), QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    return QPageLayout(size, QPageLayout.Orientation.Landscape if orientation else QPageLayout.Orientation.Portrait,
                       QMarginsF(left, top, right, bottom), QPageLayout.Unit.Millimeter)


def _render_in_child(report: Report, path: str, layout: _LayoutTuple | None) -> None:
    """In the child: the same renderer as everywhere, under an offscreen QGuiApplication."""
    from ipdesk.ui.report_pdf import ensure_gui_app, render_pdf

    ensure_gui_app()
    render_pdf(report, Path(path), _layout_from_tuple(layout))


def render_pdf_in_process(report: Report, path: Path, page_layout: QPageLayout | None = None) -> None:
    """`report_pdf.render_pdf`, run in a child process; the same errors (OSError when the file
    cannot be written) reach the caller. Called from a worker thread, never the GUI thread."""
    # The wizard outcomes ride along only for the service record (not printed): not sent.
    portable = dataclasses.replace(report, outcomes=[])
    try:
        pool = ProcessPoolExecutor(1, mp_context=mp.get_context("spawn"))
    except (OSError, NotImplementedError) as exc:
        log.warning("no process for the PDF (%s): made in this thread", exc)
        _render_here(report, path, page_layout)
        return
    try:
        future = pool.submit(_render_in_child, portable, str(path), _layout_to_tuple(page_layout))
        future.result()
    except BrokenProcessPool as exc:  # the child could not start or died (killed, out of memory)
        log.warning("the PDF process failed (%s): made in this thread", exc)
        _render_here(report, path, page_layout)
    finally:
        pool.shutdown(wait=True)


def _render_here(report: Report, path: Path, page_layout: QPageLayout | None) -> None:
    from ipdesk.ui.report_pdf import render_pdf

    render_pdf(report, path, page_layout)
