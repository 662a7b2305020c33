"""The kiosk fits a 1024×768 touch panel: no screen's minimum is wider or taller, and the key
buttons of every screen lie inside the window at that size."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QScrollArea, QWidget

from tests.kiosk.test_kiosk_shell import tap, type_on_keyboard

SMALL = (1024, 768)


def _inside(shell, widget: QWidget) -> bool:  # type: ignore[no-untyped-def]
    """Wholly inside the window; a button in a scrolling list of choices only across (it scrolls down)."""
    top_left = widget.mapTo(shell, QPoint(0, 0))
    parent = widget.parentWidget()
    while parent is not None and parent is not shell and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if isinstance(parent, QScrollArea):
        return top_left.x() >= 0 and top_left.x() + widget.width() <= shell.width()
    return shell.rect().contains(QRect(top_left, widget.size()))


def test_every_screen_fits_1024_by_768(make_shell, compiled_translations) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    for lang in ("zh_CN", "en"):
        shell.set_language(lang)
        hint = shell.minimumSizeHint()
        assert hint.width() <= SMALL[0] and hint.height() <= SMALL[1], (lang, hint)
        for index in range(shell.stack.count()):
            screen = shell.stack.widget(index)
            page_hint = screen.minimumSizeHint()
            assert page_hint.width() <= SMALL[0] and page_hint.height() <= SMALL[1], (lang, type(screen).__name__,
                                                                                       page_hint)


def test_key_buttons_are_inside_the_window_at_1024_by_768(qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    shell.resize(*SMALL)
    qtbot.waitUntil(lambda: shell.width() == SMALL[0])
    assert shell.size().width() == SMALL[0] and shell.size().height() == SMALL[1]
    outside: list[str] = []

    def check(label: str, *widgets: QWidget) -> None:
        qtbot.wait(50)
        outside.extend(f"{label}: {type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
                       for w in widgets if w.isVisible() and not _inside(shell, w))

    check("home", shell.home.admin_button, shell.home.language_button, *shell.home.tiles.values())
    tap(qtbot, shell.home.tiles["gi_search"])
    finder = shell.gi_finder
    with qtbot.waitSignal(finder.sig_results_shown, timeout=10000):
        type_on_keyboard(qtbot, finder.keyboard, "cha")
    check("finder", finder.home_button, finder.back_button, finder.results, finder.field, finder.keyboard.enter_key,
          *finder.keyboard.keys.values())
    shell.go_home()
    for key in ("gi_check", "brand_check", "patents"):
        tap(qtbot, shell.home.tiles[key])
        wizard = shell.flows[key]
        page = wizard.pages.currentWidget()
        check(key, wizard.home_button, wizard.next_button, *getattr(page, "buttons", []))
        if key == "gi_check":
            tap(qtbot, page.buttons[0])
            product = wizard.step_pages["product"]
            check("gi product", product.keyboard.enter_key, product.question, product.suggestions,
                  *product.keyboard.keys.values())
        if key == "brand_check":
            name = wizard.step_pages["name"]
            assert name.candidates is not None
            bar = name.candidates
            qtbot.waitUntil(lambda bar=bar: bar.index is not None, timeout=20000)
            type_on_keyboard(qtbot, name.keyboard, "chang")  # ten candidate characters beside the keys
            assert sum(b.isVisible() for b in name.candidates.buttons) >= 8
            hint = shell.minimumSizeHint()
            assert hint.width() <= SMALL[0] and hint.height() <= SMALL[1], hint
            check("brand name", name.question, name.candidates, name.keyboard.enter_key, *name.candidates.buttons,
                  *name.keyboard.keys.values())
        if key == "patents":
            crops = wizard.step_pages["crop"]
            tap(qtbot, crops.buttons[-1])  # another crop: typed
            typed = crops.typed
            assert typed.candidates is not None
            qtbot.waitUntil(lambda bar=typed.candidates: bar.index is not None, timeout=20000)
            type_on_keyboard(qtbot, typed.keyboard, "mo")  # candidates and the suggestion list beside the keys
            assert sum(b.isVisible() for b in typed.candidates.buttons) >= 8
            hint = shell.minimumSizeHint()
            assert hint.width() <= SMALL[0] and hint.height() <= SMALL[1], hint
            check("another crop", typed.question, typed.suggestions, typed.candidates, typed.keyboard.enter_key,
                  *typed.candidates.buttons, *typed.keyboard.keys.values())
        shell.go_home()
    tap(qtbot, shell.home.tiles["by_place"])
    check("by place", shell.by_place.home_button, shell.by_place.picker)
    shell.go_home()
    tap(qtbot, shell.home.admin_button)
    check("admin", shell.admin.ok, shell.admin.back_button)
    shell.go_back()
    assert outside == []


def _cut_label(button: QAbstractButton) -> str:
    """'' when the button's whole text is drawn inside it (over as many lines as it wraps to), else
    what is wrong. A word-wrapping label inside the button is measured with its font at its width; a
    plain button's one line must fit its width."""
    text = button.text()
    labels = [label for label in button.findChildren(QLabel) if label.text() == text]
    if not labels:
        return "" if button.sizeHint().width() <= button.width() else f"one line of {button.sizeHint().width()} px"
    label = labels[0]
    inner = label.contentsRect()
    flags = Qt.AlignmentFlag.AlignLeft | (Qt.TextFlag.TextWordWrap if label.wordWrap() else Qt.TextFlag(0))
    need = label.fontMetrics().boundingRect(QRect(0, 0, inner.width(), 100000), int(flags), text)
    if need.width() > inner.width() or need.height() > inner.height():
        return f"needs {need.width()}x{need.height()}, has {inner.width()}x{inner.height()}"
    if not button.rect().contains(label.geometry()):
        return f"label {label.geometry()} outside the button {button.rect()}"
    return ""


def test_every_choice_label_fits_its_button_at_1024_by_768(qtbot, make_shell,  # type: ignore[no-untyped-def]
                                                           compiled_translations) -> None:
    """English labels ("Storage and keeping fresh", "Class 31: fresh fruit and vegetables, …") had been
    cut at both ends of one line; they wrap. Every choice page of the three wizards, in both languages."""
    shell = make_shell()
    shell.resize(*SMALL)
    qtbot.waitUntil(lambda: shell.width() == SMALL[0])
    cut: list[str] = []

    def check(lang: str, page) -> None:  # type: ignore[no-untyped-def]
        qtbot.waitUntil(page.isVisible)
        qtbot.wait(50)
        assert page.buttons
        cut.extend(f"{lang} {b.text()!r}: {why}" for b in page.buttons if (why := _cut_label(b)))

    for lang in ("zh_CN", "en"):
        shell.set_language(lang)
        tap(qtbot, shell.home.tiles["gi_check"])
        check(lang, shell.flows["gi_check"].step_pages["role"])
        shell.go_home()
        tap(qtbot, shell.home.tiles["brand_check"])
        brand = shell.flows["brand_check"]
        type_on_keyboard(qtbot, brand.step_pages["name"].keyboard, "jinhe")
        tap(qtbot, brand.step_pages["name"].keyboard.enter_key)
        check(lang, brand.step_pages["goods"])
        shell.go_home()
        tap(qtbot, shell.home.tiles["patents"])
        patents = shell.flows["patents"]
        crops = patents.step_pages["crop"]
        check(lang, crops)
        tap(qtbot, crops.buttons[0])
        check(lang, patents.step_pages["technique"])
        shell.go_home()
    assert cut == []
