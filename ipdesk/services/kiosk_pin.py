"""The kiosk's admin PIN: a salted scrypt hash in settings (`kiosk_pin_hash`), never the PIN itself.

A kiosk stands in a public hall, so the settings file may be read by anyone with a USB stick:
the hash is salted and deliberately slow, the comparison is constant-time, and `PinGuard` makes
guessing at the touch screen slow (a growing lock-out after a few wrong tries).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ipdesk.services.errors import UserInputError
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
    log.info("kiosk admin PIN set in %s", data_dir)
    return settings


QUIET_SECONDS = 15 * 60  # the wrong-PIN count starts again after this long without a wrong PIN


@dataclass
class PinGuard:
    """Checks PINs typed at the kiosk; after `free_attempts` wrong ones each further try waits longer
    (30 s, 60 s, … up to 15 min), so a visitor cannot try PINs one after another.

    Only recent mistakes count: after `quiet_seconds` without a wrong PIN the count starts again, so
    children's taps over weeks do not leave the admin one slip away from a lock-out."""

    stored_hash: str
    free_attempts: int = 5
    quiet_seconds: float = QUIET_SECONDS
    clock: Callable[[], float] = time.monotonic
    _failures: int = field(default=0, init=False)
    _last_failure: float = field(default=0.0, init=False)
    _locked_until: float = field(default=0.0, init=False)

    def seconds_locked(self) -> int:
        return max(0, int(self._locked_until - self.clock() + 0.999))

    @property
    def recent_failures(self) -> int:
        """Wrong PINs since the last quiet period (or the last right PIN)."""
        if self._failures and self.clock() - self._last_failure >= self.quiet_seconds:
            self._failures = 0
        return self._failures

    def check(self, pin: str) -> bool:
        if self.seconds_locked() > 0 or not self.stored_hash:
            return False
        if verify_pin(pin, self.stored_hash):
            self._failures = 0
            return True
        self._failures = self.recent_failures + 1
        self._last_failure = self.clock()
        if self._failures >= self.free_attempts:
            extra = self._failures - self.free_attempts
            self._locked_until = self.clock() + min(30 * 2**extra, 900)
            log.warning("kiosk: %d wrong admin PINs, locked for %d s", self._failures, self.seconds_locked())
        return False
