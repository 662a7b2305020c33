"""The scheduled clean-up of the service record runs on the task runner's worker, not the GUI thread,
soon after start and again on its daily timer; it removes what the setting says and nothing while
the setting keeps everything. A real SQLite store (the `services` fixture)."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import update

from ipdesk.services.models import ServiceRecord
from ipdesk.ui.retention_schedule import DAY_MS, RetentionSchedule


def _old_entry(services) -> int:  # type: ignore[no-untyped-def]
    entry_id = services.reports.record_service(client="合成老农户", purpose="信息查询", outcome="合成")
    with services.db.local_store.session() as s:
        s.execute(update(ServiceRecord).where(ServiceRecord.id == entry_id)
                  .values(created_at=dt.datetime.now() - dt.timedelta(days=800)))
    return int(entry_id)


def test_the_clean_up_runs_on_the_task_runner_not_the_gui_thread(qtbot, services, tasks, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _old_entry(services)
    services.reports.record_service(client="合成新农户", purpose="信息查询", outcome="合成")
    services.settings.record_retention_years = 2
    ran_on_gui_thread: list[bool] = []
    keys: list[str | None] = []
    apply = services.reports.apply_retention
    run = tasks.run

    def recording_apply(*args, **kwargs):  # type: ignore[no-untyped-def]
        ran_on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return apply(*args, **kwargs)

    def recording_run(fn, **kwargs):  # type: ignore[no-untyped-def]
        keys.append(kwargs.get("key"))
        return run(fn, **kwargs)

    monkeypatch.setattr(services.reports, "apply_retention", recording_apply)
    monkeypatch.setattr(tasks, "run", recording_run)
    schedule = RetentionSchedule(services, tasks, first_ms=0)
    assert schedule._daily.interval() == DAY_MS
    with qtbot.waitSignal(schedule.sig_pruned, timeout=10000) as blocker:
        schedule.start()
    assert schedule._daily.isActive()
    assert blocker.args[0].entries == 1
    assert ran_on_gui_thread == [False] and keys == ["retention"]
    assert [e.client for e in services.reports.service_entries()] == ["合成新农户"]

    # the next day's run: nothing more is old enough
    with qtbot.waitSignal(schedule.sig_pruned, timeout=10000) as again:
        schedule._daily.timeout.emit()
    assert again.args[0].entries == 0 and ran_on_gui_thread == [False, False]
    schedule.stop()


def test_kept_for_ever_the_schedule_removes_nothing(qtbot, services, tasks) -> None:  # type: ignore[no-untyped-def]
    _old_entry(services)
    schedule = RetentionSchedule(services, tasks, first_ms=0)
    with qtbot.waitSignal(schedule.sig_pruned, timeout=10000) as blocker:
        schedule.start()
    assert (blocker.args[0].cutoff, blocker.args[0].entries) == (None, 0)
    assert len(services.reports.service_entries()) == 1
    schedule.stop()


def test_the_reports_page_lists_the_record_again_after_a_clean_up(qtbot, services, tasks) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import _window

    _old_entry(services)
    services.reports.record_service(client="合成新农户", purpose="信息查询", outcome="合成")
    window = _window(qtbot, services, tasks, "zh_CN")
    page = window.page("reports")
    window.show_page("reports")
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not tasks._pending and page.month_combo.count() == 3, timeout=10000)
    with qtbot.waitSignal(page.sig_records_shown, timeout=10000, check_params_cb=lambda n: n == 2):
        page.month_combo.setCurrentIndex(0)  # 全部: the old month too
    services.settings.record_retention_years = 2
    schedule = RetentionSchedule(services, tasks, first_ms=0)
    schedule.follow(window)  # as run_app and app.open_staff_window
    with qtbot.waitSignal(page.sig_records_shown, timeout=10000, check_params_cb=lambda n: n == 1):
        schedule.start()
    assert page.records.rowCount() == 1
    schedule.stop()
