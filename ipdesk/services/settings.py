"""User settings: one typed registry of options with defaults, kept as JSON in the data folder.

Window geometry is not here (the UI keeps it in QSettings); everything a person chooses is.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

log = logging.getLogger("ipdesk.settings")

LANGUAGES = ("zh_CN", "en")
FONT_SIZES = ("normal", "large", "larger", "largest")
SETTINGS_FILENAME = "settings.json"
# printed in every report's header: a name longer than these pushed the header apart (a 100-character
# staff name was saved and printed); the Settings and Reports pages take no more
STAFF_NAME_MAX_CHARS = 20
CENTRE_NAME_MAX_CHARS = 40


@dataclass
class Settings:
    language: str = "zh_CN"
    font_size: str = "normal"
    high_contrast: bool = False
    engine_url: str = ""  # empty: the SQLite file in the data folder
    update_source: str = ""  # https://… or a folder; empty: none set (nothing to check until someone sets it)
    trusted_keys: list[str] = field(default_factory=list)  # extra publisher public keys (base64)
    auto_sync: bool = True
    staff_name: str = ""
    centre_name: str = ""
    report_language: str = ""  # empty: the UI language
    kiosk_on_start: bool = False  # start as the kiosk (set from Settings, only with an admin PIN)
    kiosk_idle_seconds: int = 90
    kiosk_pin_hash: str = ""  # salted hash, never the PIN
    kiosk_print_layout: str = "a4"  # a4 | receipt
    last_backup_at: str = ""  # UTC ISO time of the last backup of the local records (services.backup); "" never

    def validate(self) -> None:
        if self.language not in LANGUAGES:
            self.language = "zh_CN"
        if self.font_size not in FONT_SIZES:
            self.font_size = "normal"
        if self.kiosk_idle_seconds < 10:
            self.kiosk_idle_seconds = 10
        self.staff_name = self.staff_name.strip()[:STAFF_NAME_MAX_CHARS]
        self.centre_name = self.centre_name.strip()[:CENTRE_NAME_MAX_CHARS]


def settings_path(data_dir: Path) -> Path:
    return data_dir / SETTINGS_FILENAME


def load_settings(data_dir: Path) -> Settings:
    """Read settings; a missing or damaged file gives the defaults (the damaged file is kept aside)."""
    path = settings_path(data_dir)
    if not path.exists():
        return Settings()
    try:
        text = path.read_text(encoding="utf-8-sig")  # Notepad and admin tools write a BOM
    except OSError as exc:
        # Held for a moment by a backup or a virus scanner (Windows): the file is fine, keep it.
        log.warning("settings file %s could not be read (%s): using defaults for now", path, exc)
        return Settings()
    try:
        raw: Any = json.loads(text)
        if not isinstance(raw, dict):
            raise ValueError("settings file is not a JSON object")
    except ValueError as exc:
        # each damaged copy kept under its own name: a second damaged file must not replace the first
        stamp = f"{path.name}.bad-{dt.datetime.now():%Y%m%d-%H%M%S}"
        kept = next(path.with_name(stamp + (f"-{n}" if n else "")) for n in range(1000)
                    if not path.with_name(stamp + (f"-{n}" if n else "")).exists())
        log.warning("settings file %s damaged (%s): using defaults, the file kept as %s", path, exc, kept.name)
        with contextlib.suppress(OSError):
            os.replace(path, kept)
        return Settings()
    known = {f.name: f for f in fields(Settings)}
    values: dict[str, Any] = {}
    defaults = Settings()
    for key, value in raw.items():
        if key in known and isinstance(value, type(getattr(defaults, key))):
            values[key] = value
    settings = Settings(**values)
    settings.validate()
    return settings


def save_settings(data_dir: Path, settings: Settings) -> None:
    """Write atomically, so a power cut never leaves half a settings file."""
    settings.validate()
    path = settings_path(data_dir)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)
