"""Screenshots of every kiosk screen at 1920×1080 and 1366×768, and the printouts, for review.

Run under Xvfb (the Makefile-style line):
    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/kiosk_screenshots.py
Writes docs/screenshots/kiosk/<width>x<height>-<lang>-<nn>-<screen>.png and print-*.png
(printouts rendered from PDF with poppler's pdftoppm when it is installed). Uses a private copy of
the seed database, so nothing in the user's data folder is touched. `--out DIR` writes into any other
folder instead, inside the repository or not; only the PNGs of an earlier run there are replaced.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ipdesk.services.container import Services, build_services  # noqa: E402
from ipdesk.services.kiosk_pin import hash_pin  # noqa: E402
from ipdesk.ui.kiosk.printing import Printouts, print_printout  # noqa: E402
from ipdesk.ui.kiosk.shell import KioskShell  # noqa: E402
from ipdesk.ui.tasks import TaskRunner  # noqa: E402
from ipdesk.ui.theme import apply_theme  # noqa: E402

OUT = ROOT / "docs" / "screenshots" / "kiosk"
SIZES = ((1920, 1080), (1366, 768))
SCREENSHOT_PIN = "2468"  # only for this throwaway data folder


def own_screenshots(folder: Path) -> list[Path]:
    """The PNGs an earlier run wrote into `folder` (<width>x<height>-*.png, print-*.png): the ones to
    replace. Other pictures in a folder given with --out (say ~/Pictures) are left alone."""
    return sorted(p for p in folder.glob("*.png")
                  if p.name.startswith("print-") or p.name.split("-", 1)[0].replace("x", "", 1).isdigit())


def shown_path(path: Path) -> str:
    """`path` as the run lists it: relative to the repository when inside it, else as it is (--out may
    name any folder)."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def spin(ms: int = 100) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(predicate: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("screen did not load in time")
        spin(50)
    spin(150)


def item_named(view, name: str):  # type: ignore[no-untyped-def]
    for row in range(view.count()):
        item = view.item(row)
        if item.text().split("\n")[0] == name:
            return item
    raise LookupError(name)


def shoot(shell: KioskShell, services: Services, tasks: TaskRunner, lang: str, size: tuple[int, int],
          only_some: bool) -> list[Path]:
    width, height = size
    saved: list[Path] = []
    counter = [0]

    def save(name: str) -> None:
        counter[0] += 1
        spin(200)
        path = OUT / f"{width}x{height}-{lang}-{counter[0]:02d}-{name}.png"
        shell.grab().save(str(path))
        saved.append(path)

    shell.go_home()
    save("home")
    shell.open_tile("gi_search")
    shell.gi_finder.keyboard.type_text("wcdm")
    shell.gi_finder._run_search()
    wait_for(lambda: shell.gi_finder.results.count() > 0)
    save("find-gi")
    shell.open_gi(item_named(shell.gi_finder.results, "五常大米").data(256))
    wait_for(lambda: shell.record.detail is not None)
    save("record")
    shell.open_tile("by_place")
    picker = shell.by_place.picker
    wait_for(lambda: picker.tiles.count() == 34)
    if not only_some:
        save("by-place-provinces")
    for name in ("黑龙江省", "哈尔滨市", "五常市"):
        before = len(picker.path)
        picker.choose(item_named(picker.tiles, name).data(256))
        wait_for(lambda before=before: len(picker.path) == before + 1 and picker.tiles.count() > 0)
    if not only_some:
        save("by-place-townships")
    shell.by_place.show_place(picker.tiles.item(0).data(256).code)
    wait_for(lambda: shell.by_place.pages.currentWidget() is shell.by_place.results_page)
    save("by-place-gis")
    if only_some:
        shell.go_home()
        return saved
    shell.open_tile("gi_search")
    shell.gi_finder.keyboard.type_text("cha")
    shell.overlay.show_seconds(7)
    save("idle-countdown")
    shell.overlay.hide()
    shell.show_admin()
    save("admin-pin")

    wizard = shell.flows["gi_check"]
    shell.open_tile("gi_check")
    save("gi-check-role")
    role = wizard.step_pages["role"]
    role.buttons[1].setChecked(True)
    wizard._on_next_clicked()
    product = wizard.step_pages["product"]
    product.keyboard.type_text("wcdm")
    wait_for(lambda: product.suggestions.count() > 0)
    save("gi-check-product")
    product.suggestions.itemClicked.emit(item_named(product.suggestions, "五常大米"))
    wait_for(lambda: wizard.session.current == "township")
    town = wizard.step_pages["township"].picker
    wait_for(lambda: town.tiles.count() == 34)
    for name in ("黑龙江省", "哈尔滨市", "五常市"):
        before = len(town.path)
        town.choose(item_named(town.tiles, name).data(256))
        wait_for(lambda before=before: len(town.path) == before + 1 and town.tiles.count() > 0)
    save("gi-check-township")
    town.choose(town.tiles.item(0).data(256))
    wait_for(lambda: wizard.session.at_summary)
    save("gi-check-summary")
    wizard._on_next_clicked()
    wait_for(lambda: wizard.outcome is not None)
    save("gi-check-outcome")
    gi_outcome = wizard.outcome

    brand = shell.flows["brand_check"]
    shell.open_tile("brand_check")
    name_page = brand.step_pages["name"]
    wait_for(lambda: name_page.candidates is not None and name_page.candidates.index is not None)
    bar = name_page.candidates
    assert bar is not None
    for syllable, char in (("wu", "五"), ("chang", "常")):
        for letter in syllable:
            name_page.keyboard.type_text(letter)
        if char == "常":
            save("brand-name")
        next(b for b in bar.buttons if b.text() == char).click()
    brand._on_next_clicked()
    save("brand-class")
    brand.step_pages["goods"].buttons[1].setChecked(True)
    brand._on_next_clicked()
    brand._on_next_clicked()
    wait_for(lambda: brand.outcome is not None)
    save("brand-outcome")

    patents = shell.flows["patents"]
    shell.open_tile("patents")
    save("patents-crop")
    crops = patents.step_pages["crop"]
    crops.buttons[-1].click()  # another crop, typed
    wait_for(lambda: crops.typed.candidates is not None and crops.typed.candidates.index is not None)
    for letter in "mo":
        crops.typed.keyboard.type_text(letter)
    wait_for(lambda: crops.typed.suggestions.count() > 0)  # 蘑菇 (mogu): the list after the typing pause
    save("patents-other-crop")
    patents.handle_back()  # the keyboard back to the crop buttons
    patents.step_pages["crop"].buttons[0].setChecked(True)
    patents._on_next_clicked()
    save("patents-technique")
    patents.step_pages["technique"].buttons[0].setChecked(True)
    patents._on_next_clicked()
    patents._on_next_clicked()
    wait_for(lambda: patents.outcome is not None)
    save("patents-outcome")
    shell.go_home()
    if size == SIZES[0] and gi_outcome is not None:
        saved += print_samples(services, shell, lang, gi_outcome)
    return saved


def print_samples(services: Services, shell: KioskShell, lang: str, outcome) -> list[Path]:  # type: ignore[no-untyped-def]
    """The printouts as PNG pages: a GI record with a QR code, a place list, a wizard outcome."""
    if not shutil.which("pdftoppm"):
        print("pdftoppm not found: printouts not rendered")
        return []
    printouts = Printouts()
    search = services.search.search("福鼎白茶")
    gi_with_mark = next((h.ref_id for h in search.hits if h.kind == "gi" and h.subkind == "gi_certification_mark"),
                        None)
    samples = []
    if shell.by_place.place is not None:
        samples.append(("place", printouts.for_place(shell.by_place.place, shell.by_place.gis, "")))
    detail = services.records.gi(gi_with_mark) if gi_with_mark else None
    if detail is not None:
        samples.append(("gi-record", printouts.for_gi(detail)))
    samples.append(("gi-check", printouts.for_outcome(outcome, lang)))
    out: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        for layout in ("a4", "receipt"):
            for name, printout in samples:
                pdf = Path(tmp) / f"{name}-{layout}.pdf"
                printer = QPrinter(QPrinter.PrinterMode.HighResolution)
                printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
                printer.setOutputFileName(str(pdf))
                print_printout(printout, printer, layout)
                stem = OUT / f"print-{lang}-{layout}-{name}"
                subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                                str(stem)], check=True)
                out.append(stem.with_suffix(".png"))
    return out


def main() -> int:
    global OUT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    OUT = args.out.resolve()
    OUT.mkdir(parents=True, exist_ok=True)
    for old in own_screenshots(OUT):
        old.unlink()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        shutil.copyfile(ROOT / "resources" / "seed.sqlite", data_dir / "ipdesk.sqlite")
        services = build_services(data_dir)
        services.settings.kiosk_pin_hash = hash_pin(SCREENSHOT_PIN)
        tasks = TaskRunner()
        shell = KioskShell(services, tasks, "zh_CN")
        saved: list[Path] = []
        for size in SIZES:
            if size == SIZES[0]:
                shell.show_full_screen()
            else:
                shell.setProperty("kioskFullScreen", False)
                shell.showNormal()
                shell.resize(*size)
            spin(500)
            print(f"window {shell.width()}×{shell.height()}")
            for lang in ("zh_CN", "en"):
                shell.set_language(lang)
                saved += shoot(shell, services, tasks, lang, size, only_some=lang == "en")
        shell.set_language("zh_CN")
        shell.unlock(SCREENSHOT_PIN)
        tasks.wait_idle(10000)
        QCoreApplication.processEvents()
        services.close()
    for path in saved:
        print(shown_path(path))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
