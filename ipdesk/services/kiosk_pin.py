"""The kiosk's admin PIN: a salted scrypt hash in settings (`kiosk_pin_hash`), never the PIN itself.

A kiosk stands in a public hall, so the settings file may be read by anyone with a USB stick:
the hash is salted and deliberately slow, the comparison is constant-time, and `PinGuard` makes
guessing at the touch screen slow (a growing lock-out after a few wrong tries).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import logging
import math
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ipdesk.services.errors import UserInputError
from ipdesk.services.outfiles import write_atomically
from ipdesk.services.settings import Settings, load_settings, save_settings

log = logging.getLogger("ipdesk.kiosk")

MIN_PIN_DIGITS = 4
MAX_PIN_DIGITS = 12
_SCHEME = "scrypt"
_N, _R, _P = 2**14, 8, 1  # ~16 MiB, a few tens of milliseconds: slow for guessing, quick for one check
_DKLEN = 32


def validate_pin(pin: str) -> str:
    """A PIN is 4–12 digits (the kiosk's PIN pad has digits only)."""
    pin = pin.strip()
    if not (pin.isascii() and pin.isdigit()) or not MIN_PIN_DIGITS <= len(pin) <= MAX_PIN_DIGITS:
        raise UserInputError(
            f"管理员密码应为 {MIN_PIN_DIGITS}–{MAX_PIN_DIGITS} 位数字。",
            f"The admin PIN must be {MIN_PIN_DIGITS}–{MAX_PIN_DIGITS} digits.",
        )
    return pin


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """'scrypt$N$r$p$<salt>$<hash>' (base64), with a fresh 16-byte salt unless one is given."""
    pin = validate_pin(pin)
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=_DKLEN)
    return f"{_SCHEME}${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, stored: str) -> bool:
    """True when `pin` matches the stored hash; False for a wrong PIN or a malformed/empty hash."""
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != _SCHEME:
            return False
        salt = base64.b64decode(salt_b64, validate=True)
        expected = base64.b64decode(digest_b64, validate=True)
        n_i, r_i, p_i = int(n), int(r), int(p)
    except ValueError:
        return False
    if not (2 <= n_i <= 2**20 and 1 <= r_i <= 32 and 1 <= p_i <= 16 and expected):
        return False
    try:
        digest = hashlib.scrypt(pin.strip().encode("utf-8"), salt=salt, n=n_i, r=r_i, p=p_i,
                                dklen=len(expected), maxmem=256 * 1024 * 1024)
    except ValueError:
        return False
    return hmac.compare_digest(digest, expected)


def pin_is_set(settings: Settings) -> bool:
    return bool(settings.kiosk_pin_hash)


def set_pin(data_dir: Path, pin: str) -> Settings:
    """Store the hash of a new PIN in the data folder's settings and return the saved settings."""
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = load_settings(data_dir)
    settings.kiosk_pin_hash = hash_pin(pin)
    save_settings(data_dir, settings)
    forget_pin_failures(data_dir)
    log.info("kiosk admin PIN set in %s", data_dir)
    return settings


def set_kiosk_on_start(data_dir: Path, on: bool) -> Settings:
    """Whether this computer starts as the kiosk (`kiosk_on_start`), changed in the settings saved in
    the data folder (only that: what else is there stays) and written atomically, as Settings saves
    it; returns the saved settings. Switching it on needs an admin PIN set: a kiosk nobody can leave
    would not start (the shell refuses), and Settings offers it only then too."""
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = load_settings(data_dir)
    if on and not pin_is_set(settings):
        raise UserInputError("还没有设置自助机管理员密码，不能开机进入自助机。请先运行：ipdesk kiosk set-pin",
                             "No kiosk admin PIN is set, so the computer cannot start as the kiosk. "
                             "Run `ipdesk kiosk set-pin` first.")
    settings.kiosk_on_start = on
    save_settings(data_dir, settings)
    log.info("kiosk on start %s in %s", "on" if on else "off", data_dir)
    return settings


PIN_STATE_FILENAME = "kiosk-pin-state.json"  # the wrong-PIN count, beside settings.json (which holds the hash)
FIRST_WAIT_SECONDS = 30  # after `free_attempts` wrong PINs; doubling with each further one …
LONGEST_WAIT_SECONDS = 15 * 60  # … up to this
# The count starts again only after this long without a wrong PIN, counted from the end of the last
# lock-out. It must be well over the longest wait: at 15 minutes (QA19a N1) a lock-out's end was
# already "quiet", each 15-minute wait was followed by five free tries, and about 475 PINs a day
# could be tried. At two hours, waiting for the quiet period gains an attacker nothing over trying
# at every longest wait (10 tries per 2 h 30 min against one per 15 min): at most ~100 PINs a day.
QUIET_SECONDS = 2 * 60 * 60


def pin_state_path(data_dir: Path) -> Path:
    return data_dir / PIN_STATE_FILENAME


def _fingerprint(stored_hash: str) -> str:
    """Which PIN a saved count belongs to (a new PIN starts a new count); not the hash itself."""
    return hashlib.sha256(stored_hash.encode("utf-8")).hexdigest()[:16]


def forget_pin_failures(data_dir: Path) -> None:
    """A new (or no) PIN starts with a clean count: the admin's way back in after a damaged record."""
    with contextlib.suppress(FileNotFoundError):
        pin_state_path(data_dir).unlink()


@dataclass
class PinGuard:
    """Checks PINs typed at the kiosk; after `free_attempts` wrong ones each further try waits longer
    (30 s, 60 s, … up to 15 min), so a visitor cannot try PINs one after another.

    Once locked, the count stays until `quiet_seconds` pass without a wrong PIN, counted from the
    end of the lock-out (not from the wrong PIN that started it): children's taps over weeks do not
    leave the admin one slip away from a lock-out, and an attacker gains nothing by waiting.

    With a `state_file` the count and the lock-out survive a restart of the shell (a power cut, a
    crash, the supervisor): they are written there atomically after each try, in wall-clock time,
    and read back when the guard is made. While running the guard times on `clock` (monotonic), so
    a clock set at boot does not end a lock-out early. Reading the file back (docs/kiosk.md):
    - missing: no wrong PIN recorded (a fresh kiosk, or a new PIN was set);
    - written for another PIN hash: a new PIN was set, its count starts at 0;
    - damaged or unreadable: treated as the worst case it might have held, a longest lock-out that
      starts now (not a count of 0, which damaging the file would then buy), and written back
      whole; the pad opens again after 15 minutes, so it never locks the admin out for good;
    - times in the future (the clock was set back): a lock-out never lasts longer from now than its
      own length, and the quiet period starts again from now."""

    stored_hash: str
    free_attempts: int = 5
    quiet_seconds: float = QUIET_SECONDS
    clock: Callable[[], float] = time.monotonic
    state_file: Path | None = None
    wall_clock: Callable[[], float] = time.time
    _failures: int = field(default=0, init=False)
    _last_failure: float = field(default=0.0, init=False)
    _locked_until: float = field(default=0.0, init=False)
    _save_failed: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        if self.state_file is not None and self.stored_hash:
            self._load(self.state_file)

    def wait_after(self, failures: int) -> int:
        """Seconds a try waits after `failures` wrong PINs in a row."""
        if failures < self.free_attempts:
            return 0
        steps = min(failures - self.free_attempts, 16)  # 30 s · 2**16 is far past the longest wait
        return int(min(FIRST_WAIT_SECONDS * 2**steps, LONGEST_WAIT_SECONDS))

    def seconds_locked(self) -> int:
        return max(0, int(self._locked_until - self.clock() + 0.999))

    @property
    def recent_failures(self) -> int:
        """Wrong PINs since the last quiet period (or the last right PIN)."""
        quiet_since = max(self._last_failure, self._locked_until)  # a lock-out is not quiet
        if self._failures and self.clock() - quiet_since >= self.quiet_seconds:
            self._failures = 0
        return self._failures

    def check(self, pin: str) -> bool:
        if self.seconds_locked() > 0 or not self.stored_hash:
            return False
        if verify_pin(pin, self.stored_hash):
            if self._failures:
                self._failures = 0
                self._save()
            return True
        now = self.clock()
        self._failures = self.recent_failures + 1
        self._last_failure = now
        wait = self.wait_after(self._failures)
        if wait:
            self._locked_until = now + wait
            log.warning("kiosk: %d wrong admin PINs, locked for %d s", self._failures, wait)
        self._save()
        return False

    # --- the count on disk --------------------------------------------------------------------------

    def _save(self) -> None:
        if self.state_file is None:
            return
        to_wall = self.wall_clock() - self.clock()
        state = {"version": 1, "pin": _fingerprint(self.stored_hash), "failures": self._failures,
                 "last_failure": round(self._last_failure + to_wall, 3),
                 "locked_until": round(self._locked_until + to_wall, 3)}
        try:
            write_atomically(self.state_file, json.dumps(state).encode("utf-8"))
        except OSError as exc:
            if not self._save_failed:  # once: the pad still counts in memory
                log.warning("kiosk: the wrong-PIN count could not be saved to %s (%s): a restart would "
                            "forget it", self.state_file, exc)
            self._save_failed = True
        else:
            self._save_failed = False

    def _load(self, path: Path) -> None:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return  # nothing recorded
        except OSError as exc:
            self._assume_the_worst(path, f"unreadable: {exc}")
            return
        try:
            state = json.loads(raw.decode("utf-8"))
            if not isinstance(state, dict):
                raise ValueError("not a JSON object")
            if state.get("pin") != _fingerprint(self.stored_hash):
                if isinstance(state.get("pin"), str):
                    log.info("kiosk: the saved wrong-PIN count was for another PIN: it starts at 0")
                    return
                raise ValueError("no PIN fingerprint")
            failures, last, until = state["failures"], state["last_failure"], state["locked_until"]
            if type(failures) is not int or failures < 0:
                raise ValueError(f"bad count {failures!r}")
            if not all(type(x) in (int, float) and math.isfinite(x) for x in (last, until)):
                raise ValueError("bad times")
        except (ValueError, KeyError) as exc:  # bad JSON, bad UTF-8 (a ValueError), missing or wrong values
            self._assume_the_worst(path, str(exc))
            return
        now = self.clock()
        to_clock = now - self.wall_clock()
        self._failures = failures
        self._last_failure = min(float(last) + to_clock, now)
        self._locked_until = min(float(until) + to_clock, now + self.wait_after(failures))
        if self._failures:
            log.info("kiosk: %d recent wrong admin PINs carried over from the last run", self._failures)

    def _assume_the_worst(self, path: Path, why: str) -> None:
        """A damaged record may have held a long lock-out: assume the longest, starting now."""
        now = self.clock()
        failures = self.free_attempts
        while self.wait_after(failures) < LONGEST_WAIT_SECONDS:
            failures += 1
        self._failures, self._last_failure, self._locked_until = failures, now, now + LONGEST_WAIT_SECONDS
        log.warning("kiosk: the wrong-PIN record %s is damaged (%s): the PIN pad waits %d minutes, as after "
                    "many wrong PINs", path, why, LONGEST_WAIT_SECONDS // 60)
        self._save()
