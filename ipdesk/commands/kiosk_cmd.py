"""`ipdesk kiosk set-pin | clear-pin | on-start | supervise`: set up and keep alive an unattended kiosk.

`ipdesk --kiosk` starts the touch shell itself. `supervise` runs it as a child process and starts
it again after a crash (any exit other than the admin's PIN exit, status 0), waiting longer when
it keeps crashing, so a fault at night does not leave the hall with a dead screen (docs/kiosk.md).
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ipdesk.commands.context import CliContext
from ipdesk.services.errors import NewerVersionError, UserInputError
from ipdesk.services.kiosk_pin import forget_pin_failures, set_kiosk_on_start, set_pin, validate_pin
from ipdesk.services.settings import load_settings, save_settings

log = logging.getLogger("ipdesk.kiosk")

ADMIN_EXIT = 0  # the shell exits 0 only when the admin entered the PIN
REFUSED_EXIT = 2  # the shell would not start (no admin PIN, a bad option): restarting cannot help
NEWER_DATA_EXIT = NewerVersionError.exit_code  # a database a newer ipdesk wrote: final until it is reinstalled


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("kiosk", help="触摸屏自助机：设置管理员密码、守护运行 / kiosk admin PIN and supervisor")
    ksub = p.add_subparsers(dest="kiosk_command", required=True)
    s = ksub.add_parser("set-pin", help="设置管理员密码（4–12 位数字）/ set the admin PIN (4–12 digits)")
    s.add_argument("--stdin", action="store_true", help="从标准输入读一行作为密码（不提示输入）/ read the PIN from one line of standard input")
    s.set_defaults(func=run_set_pin)
    c = ksub.add_parser("clear-pin", help="清除管理员密码 / remove the admin PIN")
    c.set_defaults(func=run_clear_pin)
    o = ksub.add_parser("on-start", help="开机是否进入自助机（同“设置 → 开机进入自助机”）/ whether the computer starts as the kiosk "
                        "(as Settings → Start as the kiosk)")
    o.add_argument("state", choices=("on", "off"), help="on：开机进入自助机（需要已设置管理员密码）；off：开机打开工作人员窗口 / "
                   "on: start as the kiosk (needs an admin PIN set); off: start the staff window")
    o.add_argument("--json", action="store_true", help="以 JSON 输出 / print the result as JSON")
    o.set_defaults(func=run_on_start)
    v = ksub.add_parser("supervise", help="运行自助机并在崩溃后重启 / run the kiosk, restart it after a crash")
    v.add_argument("--max-restarts", type=int, default=0, help="重启这么多次后停止（0：一直重启）/ stop after this many restarts (0: never stop)")
    v.add_argument("--delay", type=float, default=2.0, help="第一次重启前等待的秒数（每次加倍，最多 60）/ seconds before the first restart (doubles, max 60)")
    v.set_defaults(func=run_supervise)


def run_set_pin(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.stdin:
        pin = sys.stdin.readline().strip()
    else:
        if not sys.stdin.isatty():  # getpass would read the pipe and warn that it cannot hide the PIN
            raise UserInputError("没有可输入密码的终端：请在终端窗口里运行，或用 --stdin 从管道读入密码。",
                                 "No terminal to type the PIN in: run it in a terminal window, or pipe the PIN in "
                                 "with --stdin.")
        pin = getpass.getpass(ctx.t("新的管理员密码（4–12 位数字）：", "New admin PIN (4–12 digits): "))
        validate_pin(pin)
        again = getpass.getpass(ctx.t("再输入一次：", "Type it again: "))
        if again.strip() != pin.strip():
            raise UserInputError("两次输入的密码不一致。", "The two PINs differ.")
    set_pin(ctx.data_dir, pin)
    print(ctx.t("管理员密码已设置（只保存加盐哈希）。", "Admin PIN set (only a salted hash is stored)."))
    return 0


def run_clear_pin(args: argparse.Namespace, ctx: CliContext) -> int:
    settings = load_settings(ctx.data_dir)
    settings.kiosk_pin_hash = ""
    save_settings(ctx.data_dir, settings)
    forget_pin_failures(ctx.data_dir)
    print(ctx.t("管理员密码已清除；设置新密码前自助机不会启动。",
                "Admin PIN removed; the kiosk will not start until a new one is set."))
    return 0


def run_on_start(args: argparse.Namespace, ctx: CliContext) -> int:
    on = args.state == "on"
    set_kiosk_on_start(ctx.data_dir, on)
    if args.json:
        ctx.print_json({"kiosk_on_start": on})
    elif on:
        print(ctx.t("已设置：这台电脑下次启动时进入自助机。", "Set: this computer starts as the kiosk next time."))
    else:
        print(ctx.t("已设置：这台电脑下次启动时打开工作人员窗口。", "Set: this computer starts the staff window next time."))
    return 0


def kiosk_command(data_dir: str, lang: str) -> list[str]:
    """The command line that starts the shell: the frozen executable itself, or this interpreter."""
    base = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "ipdesk"]
    return [*base, "--data-dir", data_dir, "--lang", lang, "--kiosk"]


HEARTBEAT_ENV = "IPDESK_HEARTBEAT"  # the file the shell touches every few seconds (ui.kiosk.shell)
HANG_AFTER_SECONDS = 90.0  # no heartbeat for this long: the shell's window has stopped responding
FIRST_BEAT_SECONDS = 150.0  # the first heartbeat may take this long (a slow start: unpacking, first-run set-up)
HUNG_STATUS = 124  # as timeout(1) reports a command it had to stop


def staff_marker(heartbeat: Path) -> Path:
    """The file a kiosk process leaves beside its heartbeat when the admin switched it to the staff
    window (ui.kiosk.shell, app.open_staff_window): from then on a person is at the screen. The
    supervisor stops watching for hangs (the heartbeat ends with the shell) and, once that window
    has closed, does not start the kiosk again over it."""
    return heartbeat.with_name(heartbeat.name + ".staff")


def mark_staff_window(heartbeat: Path | None) -> None:
    """Leave `staff_marker` for the supervisor, if there is one; a full disk only logs (the supervisor
    then treats the staff window as a hang after HANG_AFTER_SECONDS)."""
    if heartbeat is None:
        return
    try:
        staff_marker(heartbeat).write_text("staff window\n", encoding="utf-8")
    except OSError as exc:
        log.warning("the supervisor could not be told of the staff window: %s", exc)


def _beat_stamp(heartbeat: Path) -> int | None:
    """The heartbeat file's modification stamp, only to notice that it changed; None when missing."""
    try:
        return heartbeat.stat().st_mtime_ns
    except OSError:
        return None


def run_watched(command: Sequence[str], heartbeat: Path, *, hang_after: float = HANG_AFTER_SECONDS,
                first_beat: float = FIRST_BEAT_SECONDS, poll: float = 1.0,
                clock: Callable[[], float] = time.monotonic) -> int:
    """Run `command` and wait for it; if it stops touching `heartbeat` (a frozen window: a crash
    brings the shell back, a hang would leave the hall with a dead screen until someone
    pulls the plug), kill it and return HUNG_STATUS.

    Silence is measured on the monotonic `clock`, from when the supervisor last saw the file change,
    never from the file's wall-clock time: an NTP jump at boot would otherwise kill a healthy shell
    or hide a hung one. The first beat may take `first_beat` seconds, each later one `hang_after`."""
    heartbeat.unlink(missing_ok=True)
    staff_marker(heartbeat).unlink(missing_ok=True)
    child = subprocess.Popen(list(command), env={**os.environ, HEARTBEAT_ENV: str(heartbeat)})
    started = clock()
    last_stamp: int | None = None
    last_beat: float | None = None  # when a change of the file was last seen
    while True:
        try:
            return child.wait(timeout=poll)
        except subprocess.TimeoutExpired:
            pass
        if staff_marker(heartbeat).exists():  # the admin opened the staff window: no heartbeat from now on
            log.info("kiosk switched to the staff window; waiting for it to close")
            return child.wait()
        now = clock()
        stamp = _beat_stamp(heartbeat)
        if stamp is not None and stamp != last_stamp:
            last_stamp, last_beat = stamp, now
        if last_beat is None:
            quiet, allowed = now - started, first_beat
        else:
            quiet, allowed = now - last_beat, hang_after
        if quiet > allowed:
            log.error("kiosk stopped responding (no heartbeat for %.0f s): restarting it", quiet)
            child.kill()
            child.wait()
            return HUNG_STATUS


def supervise(
    command: Sequence[str],
    *,
    max_restarts: int = 0,
    delay: float = 2.0,
    run: Callable[[Sequence[str]], int] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    staff_window: Path | None = None,
) -> int:
    """Run `command` until it exits with ADMIN_EXIT; restart it after anything else, including a
    hang (`run_watched`), but not after the admin switched it to the staff window (`staff_window`,
    the `staff_marker` file, exists when it ends): the staff closed that window, or it failed in
    front of them, and the kiosk is not started again over their work.

    The wait doubles after each quick crash (up to 60 s) and goes back to `delay` once the shell
    has stayed up for ten minutes. Returns the last exit status.
    """
    runner = run or (lambda cmd: subprocess.call(list(cmd)))
    restarts = 0
    wait = delay
    while True:
        started = time.monotonic()
        if staff_window is not None:
            staff_window.unlink(missing_ok=True)
        status = runner(command)
        if staff_window is not None and staff_window.exists():
            log.info("the staff window opened from the kiosk ended (status %s); not restarting the kiosk", status)
            staff_window.unlink(missing_ok=True)
            return status
        if status == ADMIN_EXIT:
            log.info("kiosk exited by the admin")
            return status
        if status == REFUSED_EXIT:
            log.info("kiosk refused to start; not restarting")  # the message below says it to the person
            sys.stderr.write("ipdesk kiosk: 自助机拒绝启动（原因见上），不再重启 / "
                             "the kiosk refused to start (see above why); not restarting\n")
            return status
        if status == NEWER_DATA_EXIT:  # every restart would refuse the same way (the shell said why)
            log.error("kiosk cannot start: its data folder was upgraded by a newer ipdesk; not restarting")
            sys.stderr.write("ipdesk kiosk: 数据文件夹已被更新版本的 ipdesk 升级，自助机无法启动，不再重启；请重新安装那个版本 / "
                             "the data folder was upgraded by a newer ipdesk, so the kiosk cannot start; not "
                             "restarting: install that version again\n")
            return status
        if max_restarts and restarts >= max_restarts:
            log.error("kiosk exited with %s; %d restarts used, giving up", status, restarts)
            return status
        wait = delay if time.monotonic() - started > 600 else min(wait * 2 if restarts else delay, 60.0)
        restarts += 1
        # In the log file too: the windowed program (ipdesk-gui.exe kiosk supervise) has no stderr, and
        # a technician counts the crashes there, as the hang restarts (run_watched) already are.
        log.warning("kiosk exited unexpectedly (status %s): restart %d in %.0f s", status, restarts, wait)
        sys.stderr.write(f"ipdesk kiosk: 自助机意外退出（状态 {status}），{wait:.0f} 秒后重启 / "
                         f"the kiosk exited unexpectedly (status {status}); restarting in {wait:.0f} s\n")
        sleep(wait)


def run_supervise(args: argparse.Namespace, ctx: CliContext) -> int:
    # Without an admin PIN the shell itself refuses, and says why where it can be seen (a dialog,
    # and its stderr): the supervisor may be the windowed program, whose own output goes nowhere.
    if args.max_restarts < 0 or args.delay < 0:
        raise UserInputError("--max-restarts 和 --delay 不能为负。", "--max-restarts and --delay must be ≥ 0.")
    heartbeat = ctx.data_dir / "kiosk.heartbeat"
    return supervise(kiosk_command(str(ctx.data_dir), ctx.lang), max_restarts=args.max_restarts, delay=args.delay,
                     run=lambda cmd: run_watched(cmd, heartbeat), staff_window=staff_marker(heartbeat))
