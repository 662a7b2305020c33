"""Save PNGs of every page in both languages into docs/screenshots/ (run by `make screenshots`
under Xvfb; also works offscreen). Uses a private copy of the seed database.

The window is driven the way a person would: type 五常 in the search box, open 五常大米, open its
county, look it up by place, reach each wizard's result (the GI check's once more with the
language switched to English on the way). "Data & sync" is shown on a second copy after two
synthetic updates (tests/sync/synthetic.py), so that it lists what the last one changed. Look at
the PNGs after running this.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QPushButton

    from ipdesk.services.container import build_services
    from ipdesk.services.resources import seed_database_path
    from ipdesk.ui.i18n import install_translators
    from ipdesk.ui.main_window import MainWindow
    from ipdesk.ui.pages import PAGE_KEYS
    from ipdesk.ui.tasks import TaskRunner
    from ipdesk.ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    width, height = (int(x) for x in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)

    def pump(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    def wait_for(ready: Callable[[], bool], seconds: float = 15) -> None:
        end = time.monotonic() + seconds
        while not ready():
            if time.monotonic() > end:
                raise SystemExit("the window did not get there in time")
            app.processEvents()
            time.sleep(0.01)

    def gi_result(window: MainWindow) -> None:
        """The GI check driven to its result: a cooperative, rice, 五常镇."""
        gi = window.show_page("gi_check")
        next(b for b in gi.findChildren(QPushButton) if b.objectName() == "choice_cooperative").click()
        gi.next_button.click()
        gi.product_edit.setText("大米")
        gi.product_edit.textEdited.emit("大米")
        wait_for(lambda: gi.gi_list.count() > 0)
        gi.next_button.click()
        gi.township_edit.setText("230184100000")
        gi.township_edit.textEdited.emit("230184100000")
        wait_for(lambda: gi.township_list.count() == 1 and gi.next_button.isEnabled())
        gi.next_button.click()
        gi.next_button.click()
        wait_for(lambda: gi.outcome is not None)

    # a fixed folder, so that the Settings page (which shows it) is the same picture every run
    fixed = Path(tempfile.gettempdir()) / "ipdesk-screenshots"
    shutil.rmtree(fixed, ignore_errors=True)
    fixed.mkdir()
    with contextlib.ExitStack() as cleanup:
        cleanup.callback(shutil.rmtree, fixed, True)
        data_dir = fixed / "data"
        data_dir.mkdir()
        shutil.copyfile(seed_database_path(), data_dir / "ipdesk.sqlite")
        services = build_services(data_dir)
        tasks = TaskRunner()
        saved: list[Path] = []
        try:
            for lang in ("zh_CN", "en"):
                install_translators(app, lang)
                apply_theme(app, "normal", False)
                window = MainWindow(services, tasks, lang=lang, probe_network=False)
                window.resize(width, height)
                window.show()
                pump(0.6)

                def shot(name: str, window: MainWindow = window, lang: str = lang) -> None:
                    tasks.wait_idle(10000)
                    pump(0.4)
                    path = args.out / f"{name}_{lang}.png"
                    window.grab().save(str(path))
                    saved.append(path)

                search = window.show_page("search")
                search.set_query("五常")
                shot("search")
                search.filters_toggle.setChecked(True)
                search.set_query("茶")
                shot("search_filters")
                search.filters_toggle.setChecked(False)
                search.set_query("xyzxyzq")
                shot("search_empty")
                gi_id = next(h.ref_id for h in services.search.search("五常大米", limit=5).hits if h.kind == "gi")
                window.open_record("gi", gi_id)
                shot("detail_gi")
                window.open_record("place", 230184000000)
                shot("detail_place")
                class_hit = services.search.search("A01G", limit=5).hits[0]
                window.open_record(class_hit.kind, class_hit.ref_id)
                shot("detail_class")
                window.show_place("230184100000")
                pump(0.3)
                shot("place")
                for key in PAGE_KEYS:
                    if key not in ("search", "place", "data"):  # data: below, after an update
                        window.show_page(key)
                        shot(f"page_{key}")
                # the wizards' results, driven as a person would
                gi_result(window)
                shot("result_gi_check")
                brand = window.show_page("brand_check")
                brand.name_edit.setText("五常香")
                brand.name_edit.textEdited.emit("五常香")
                brand.next_button.click()
                brand.class_combo.setCurrentIndex(brand.class_combo.findData(30))
                wait_for(lambda brand=brand: brand.group_list.count() > 0)
                brand.next_button.click()
                brand.next_button.click()
                wait_for(lambda brand=brand: brand.outcome is not None)
                shot("result_brand_check")
                window.close()
                window.deleteLater()
                pump(0.2)
            # a language switch on the way: the GI result reached in Chinese, then English chosen on
            # the Settings page; back on the GI check, the same result in English
            install_translators(app, "zh_CN")
            window = MainWindow(services, tasks, lang="zh_CN", probe_network=False)
            window.resize(width, height)
            window.show()
            pump(0.6)
            gi_result(window)
            window.set_language("en", keep_page="settings")
            window.show_page("gi_check")
            tasks.wait_idle(10000)
            pump(0.4)
            path = args.out / "result_gi_check_after_switch_to_en.png"
            window.grab().save(str(path))
            saved.append(path)
            window.close()
            window.deleteLater()
            pump(0.2)
            # Data & sync after an update: the per-dataset counts and the records the update changed
            updated_dir = fixed / "updated"
            updated_dir.mkdir()
            shutil.copyfile(seed_database_path(), updated_dir / "ipdesk.sqlite")
            updated = build_services(updated_dir)
            cleanup.callback(updated.close)
            _apply_synthetic_updates(updated, fixed / "publisher")
            for lang in ("zh_CN", "en"):
                install_translators(app, lang)
                window = MainWindow(updated, tasks, lang=lang, probe_network=False)
                window.resize(width, height)
                window.show()
                pump(0.6)
                window.show_page("data")
                tasks.wait_idle(10000)
                pump(0.6)
                path = args.out / f"page_data_{lang}.png"
                window.grab().save(str(path))
                saved.append(path)
                # the backup tab: last backup time and the two buttons
                data_page = window.show_page("data")
                data_page.panels.setCurrentWidget(data_page.backup_panel)
                pump(0.4)
                path = args.out / f"page_data_backup_{lang}.png"
                window.grab().save(str(path))
                saved.append(path)
                window.close()
                window.deleteLater()
                pump(0.2)
            # accessibility: high contrast at the largest font, on a 1366x768 laptop screen
            install_translators(app, "zh_CN")
            services.settings.high_contrast = True
            apply_theme(app, "largest", True)
            window = MainWindow(services, tasks, lang="zh_CN", probe_network=False)
            window.resize(1366, 768)
            window.show()
            pump(0.6)
            window.show_page("search").set_query("wcdm")
            tasks.wait_idle(10000)
            pump(0.4)
            path = args.out / "search_high_contrast_largest_zh_CN.png"
            window.grab().save(str(path))
            saved.append(path)
            window.close()
            services.settings.high_contrast = False
        finally:
            tasks.wait_idle(10000)
            services.close()
    for path in saved:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


def _apply_synthetic_updates(services: object, work: Path) -> None:
    """Publish two versions of clearly synthetic patents and trademarks and sync to both: the second
    gives four patents a new legal status, revises two titles, removes five, adds four and changes
    two trademarks' status."""
    import datetime as dt

    from ipdesk.services.sync.manifest import generate_key, load_public_key_file
    from ipdesk.services.sync.publisher import Publisher
    from tests.sync.synthetic import patents, trademarks

    key = generate_key(work / "publisher.key")
    public = load_public_key_file(work / "publisher.key.pub")
    publisher = Publisher(work / "repo", key)
    sync = services.sync  # type: ignore[attr-defined]
    base = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=2)
    publisher.publish({"patents": patents(30), "trademarks": trademarks(12)}, now=base)
    sync.sync(str(work / "repo"), extra_keys=[public])
    v2_patents = patents(25, revised=frozenset({4, 5})) + patents(4, start=1000)
    for record in v2_patents[:4]:
        record["legal_status"] = "in_force"
    v2_marks = trademarks(12)
    for record in v2_marks[6:8]:
        record["status"] = "cancelled"
    publisher.publish({"patents": v2_patents, "trademarks": v2_marks}, now=base + dt.timedelta(hours=1))
    sync.sync(str(work / "repo"), extra_keys=[public])


if __name__ == "__main__":
    raise SystemExit(main())
