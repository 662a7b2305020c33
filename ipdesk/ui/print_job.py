"""Printing from the staff window (reports, the user guide): the print dialog on the GUI thread, then
the layout and painting on the task runner, off it. The kiosk prints its own way (`kiosk/printing.py`).

The painting goes to the task runner's network pool, not the database worker: a slow spooler must not
hold up the other pages' searches. The printer is kept alive by the caller until the answer arrives.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QPageLayout
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QLineEdit, QWidget


def ask_printer(parent: QWidget, title: str, page_layout: QPageLayout, *, doc_name: str = "",
                file_suggestion: Path | None = None) -> QPrinter | None:
    """A printer set up by the person in the print dialog (`page_layout` unless they change it), or None
    when they cancel. `doc_name`: the print job's name (what the printer's queue lists, a PDF's title).
    `file_suggestion`: the file its "print to file" offers."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout)
    if doc_name:
        printer.setDocName(doc_name)
    dialog = print_dialog(parent, title, printer, file_suggestion=file_suggestion)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    return printer


def print_dialog(parent: QWidget | None, title: str, printer: QPrinter, *,
                 file_suggestion: Path | None = None) -> QPrintDialog:
    """The print dialog for `printer`. Qt's own dialog (Linux) offers "print to file" as the current
    folder or the home folder plus `<docName>.pdf` under X11, and under Wayland (or offscreen) the
    folder alone, an empty name: `file_suggestion` (Documents/<title>.pdf, as an export suggests) is
    put there instead. Windows' and macOS's own dialogs have no such field and ask for the file
    themselves."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    if file_suggestion is not None and not printer.outputFileName():
        field = dialog.findChild(QLineEdit, "filename")  # QUnixPrintWidget's output file line
        if field is not None:
            field.setText(str(file_suggestion))
    return dialog


def print_in_background(tasks: Any, printer: QPrinter, paint: Callable[[QPrinter], Any], *, key: str,
                        on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
                        owner: QObject | None = None) -> int:
    """Run `paint(printer)` (lay out and paint every page; its result goes to `on_done`) on the task
    runner's network pool; returns the task's id."""
    return tasks.run(lambda: paint(printer), on_done=on_done, on_error=on_error, key=key, network=True,  # type: ignore[no-any-return]
                     owner=owner)


# Qt's own (context, source text), looked up in Qt's translations; kept out of a literal call so that
# lupdate does not take it for one of ours
_QT_PRINT_LABEL = ("QPrintPreviewDialog", "Print")


def preview_print_action(preview: QPrintPreviewDialog) -> QAction | None:
    """The Print button of Qt's print preview (it has no object name: found by Qt's own words for it,
    in the language the translators installed), so that a caller can send it its own way; None if
    this Qt has none."""
    label = QCoreApplication.translate(*_QT_PRINT_LABEL)
    return next((a for a in preview.findChildren(QAction) if a.text() == label), None)
