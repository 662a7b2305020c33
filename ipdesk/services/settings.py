"""User settings: one typed registry of options with defaults, kept as JSON in the data folder.

Window geometry is not here (the UI keeps it in QSettings); everything a person chooses is.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import difflib
import json
import logging
import os
import threading
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from ipdesk.domain.i18n import Text
from ipdesk.domain.retention import RETENTION_YEARS
from ipdesk.domain.shown_text import quoted_name
from ipdesk.services.outfiles import json_bytes, write_atomically

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
    kiosk_prints_per_visitor: int = 3  # printouts between two idle resets; 0: no limit
    last_backup_at: str = ""  # UTC ISO time of the last backup of the local records (services.backup); "" never
    # how long service-record entries and their archived reports are kept, in whole years (one of
    # domain.retention.RETENTION_YEARS); 0: for ever (nothing is removed automatically)
    record_retention_years: int = 0

    def validate(self) -> None:
        if self.language not in LANGUAGES:
            self.language = "zh_CN"
        if self.font_size not in FONT_SIZES:
            self.font_size = "normal"
        if self.kiosk_idle_seconds < 10:
            self.kiosk_idle_seconds = 10
        if self.kiosk_prints_per_visitor < 0:
            self.kiosk_prints_per_visitor = 3
        if self.record_retention_years not in RETENTION_YEARS:  # never removes more than a person chose
            self.record_retention_years = 0
        self.staff_name = self.staff_name.strip()[:STAFF_NAME_MAX_CHARS]
        self.centre_name = self.centre_name.strip()[:CENTRE_NAME_MAX_CHARS]


def settings_path(data_dir: Path) -> Path:
    return data_dir / SETTINGS_FILENAME


# Settings files this process found damaged and set aside: data folder → the name it was kept under.
# The first load of a run sets the file aside; the CLI and the window then say so once (M6).
_SET_ASIDE: dict[Path, Path] = {}


def damaged_settings_kept(data_dir: Path) -> Path | None:
    """Where this process kept the damaged settings file of `data_dir` (None: nothing was damaged)."""
    return _SET_ASIDE.get(_key(data_dir))


def damaged_settings_notice(kept: Path) -> Text:
    """What a person reads when the settings were reset: the centre name, the staff, the update
    source, the trusted keys and the kiosk PIN are gone until someone sets them again."""
    return Text(
        f"设置文件已损坏，已恢复为默认设置（中心名称、工作人员、更新来源、可信密钥、自助机密码需重新设置）；"
        f"原文件保存为 {kept}。",
        f"The settings file was damaged and the settings were reset to their defaults (centre name, staff, "
        f"update source, trusted keys and the kiosk PIN need setting again); the old file is kept as {kept}.",
    )


def _key(data_dir: Path) -> Path:
    try:
        return data_dir.resolve()
    except OSError:
        return data_dir.absolute()


def _decode(data: bytes) -> tuple[str, bool]:
    """The text of a settings file and whether it was not UTF-8. Notepad on a Chinese Windows saves
    "ANSI", i.e. GBK (a technician setting the staff or centre name by hand): read as GB18030, a
    superset of GBK, so the values are kept (the file is then written back as UTF-8)."""
    try:
        return data.decode("utf-8-sig"), False  # Notepad and admin tools write a BOM
    except UnicodeDecodeError:
        return data.decode("gb18030"), True  # raises UnicodeDecodeError (a ValueError) when not GBK either


def load_settings(data_dir: Path) -> Settings:
    """Read settings; a missing or damaged file gives the defaults (the damaged file is kept aside,
    and `damaged_settings_kept` then says where)."""
    path = settings_path(data_dir)
    if not path.exists():
        return Settings()
    try:
        data = path.read_bytes()
    except OSError as exc:
        # Held for a moment by a backup or a virus scanner (Windows): the file is fine, keep it.
        log.warning("settings file %s could not be read (%s): using defaults for now", path, exc)
        return Settings()
    try:
        text, legacy = _decode(data)
        raw: Any = json.loads(text)
        if not isinstance(raw, dict):
            raise ValueError("settings file is not a JSON object")
    except ValueError as exc:  # bad JSON, and bytes that are neither UTF-8 nor GBK (UnicodeDecodeError)
        # each damaged copy kept under its own name: a second damaged file must not replace the first
        stamp = f"{path.name}.bad-{dt.datetime.now():%Y%m%d-%H%M%S}"
        kept = next(path.with_name(stamp + (f"-{n}" if n else "")) for n in range(1000)
                    if not path.with_name(stamp + (f"-{n}" if n else "")).exists())
        log.warning("settings file %s damaged (%s): using defaults, the file kept as %s", path, exc, kept.name)
        try:
            os.replace(path, kept)
        except OSError as move_error:
            log.warning("the damaged settings file could not be set aside: %s", move_error)
        else:
            _SET_ASIDE[_key(data_dir)] = kept
        return Settings()
    values, problems = _typed_values(raw)
    settings = Settings(**values)
    before = dataclasses.replace(settings)
    settings.validate()
    for f in fields(Settings):
        was, now = getattr(before, f.name), getattr(settings, f.name)
        if was != now and not (isinstance(was, str) and was.strip() == now):  # not for spaces trimmed
            problems.append(_problem(f.name, was, "value", now))
    if legacy:
        log.warning("settings file %s was not UTF-8 (saved as ANSI/GBK?): read as GB18030, written back as UTF-8", path)
        with contextlib.suppress(OSError):
            save_settings(data_dir, settings)
    _note_problems(data_dir, path, problems)
    return settings


# --- settings written by hand or by a management tool (QA 20c N4) ----------------------------------

@dataclass(frozen=True)
class SettingProblem:
    """A setting in settings.json that was not used as written: its name and what a person reads."""

    name: str
    text: Text


# Per data folder, what the last load of its settings.json could not use (kept for the messages of
# the features those settings drive: a sync names an ignored `trusted_keys` or `update_source`).
_PROBLEMS: dict[Path, tuple[SettingProblem, ...]] = {}

_TRUE_WORDS = ("true", "yes", "on", "1", "是")
_FALSE_WORDS = ("false", "no", "off", "0", "否", "")


def setting_problems(data_dir: Path, *names: str) -> tuple[SettingProblem, ...]:
    """What the last load of `data_dir`'s settings.json ignored or corrected (of `names`, or all)."""
    found = _PROBLEMS.get(_key(data_dir), ())
    return tuple(p for p in found if not names or p.name in names)


def problems_note(data_dir: Path, *names: str) -> Text | None:
    """The problems of `names` as one sentence to add to a message (None: there are none)."""
    found = setting_problems(data_dir, *names)
    if not found:
        return None
    return Text("".join(p.text.zh for p in found), " ".join(p.text.en for p in found))


def _typed_values(raw: dict[str, Any]) -> tuple[dict[str, Any], list[SettingProblem]]:
    """The values of a settings.json object as the settings' types, and what was not usable.
    Written by hand or by a tool, a value often has a near type: "true" for true, "90" for 90, one
    key as a string where a list of keys is meant. Those are taken; anything else is left at its
    default and named."""
    defaults = Settings()
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    problems: list[SettingProblem] = []
    for key, value in raw.items():
        if key not in known:
            problems.append(_problem(key, value, "unknown"))
            continue
        default = getattr(defaults, key)
        typed: Any = _NOT_USABLE
        if isinstance(default, bool):
            if isinstance(value, bool):
                typed = value
            elif isinstance(value, str) and value.strip().lower() in _TRUE_WORDS + _FALSE_WORDS:
                typed = value.strip().lower() in _TRUE_WORDS
            elif isinstance(value, int) and value in (0, 1):
                typed = bool(value)
        elif isinstance(default, int):
            if isinstance(value, int) and not isinstance(value, bool):
                typed = value
            elif isinstance(value, str) and value.strip().lstrip("-").isdigit():
                typed = int(value.strip())
        elif isinstance(default, str):
            if isinstance(value, str):
                typed = value
            elif value is None:
                typed = ""
        elif isinstance(default, list):  # trusted_keys
            if isinstance(value, str):
                typed = [value] if value.strip() else []  # one key written without the brackets
            elif isinstance(value, list):
                typed = [v for v in value if isinstance(v, str) and v.strip()]
                if len(typed) != len(value):
                    problems.append(_problem(key, value, "entries"))
            elif value is None:
                typed = []
        if typed is _NOT_USABLE:
            problems.append(_problem(key, value, "type"))
        else:
            values[key] = typed
    return values, problems


_NOT_USABLE = object()

_EXPECTED = {bool: Text("true 或 false", "true or false"), int: Text("整数", "a whole number"),
             str: Text("文字（用英文双引号括起来）", "text (in double quotes)"),
             list: Text("列表，如 [\"…\"]", "a list, such as [\"…\"]")}


def _problem(name: str, value: Any, why: str, used: Any = None) -> SettingProblem:
    # the value and the name as typed in settings.json, on one line and with no direction override obeyed
    shown = json.dumps(value, ensure_ascii=False)
    shown = quoted_name(shown if len(shown) <= 60 else shown[:57] + "…")
    label = quoted_name(name)
    if why == "unknown":  # told with the setting it was probably meant for ("trusted_key": trusted_keys)
        meant = difflib.get_close_matches(name.strip().lower().replace("-", "_").replace(" ", "_"),
                                          [f.name for f in fields(Settings)], n=1, cutoff=0.75)
        if meant:
            return SettingProblem(meant[0], Text(
                f"settings.json：没有“{label}”这项设置，已忽略（是不是 {meant[0]}？）。",
                f"settings.json: there is no setting \"{label}\": ignored (did you mean {meant[0]}?)."))
        return SettingProblem(name, Text(f"settings.json：没有“{label}”这项设置（拼写有误？），已忽略。",
                                         f"settings.json: there is no setting \"{label}\" (misspelt?): ignored."))
    if why == "entries":
        return SettingProblem(name, Text(f"settings.json：{label} 中不是文字的项已忽略（{shown}）。",
                                         f"settings.json: the entries of {label} that are not text were ignored "
                                         f"({shown})."))
    if why == "value":
        now = quoted_name(json.dumps(used, ensure_ascii=False))
        return SettingProblem(name, Text(f"settings.json：{label} 的值 {shown} 不可用，已改用 {now}。",
                                         f"settings.json: {label} {shown} cannot be used: {now} is used instead."))
    default = getattr(Settings(), name)
    expected = _EXPECTED[bool if isinstance(default, bool) else type(default)]
    return SettingProblem(name, Text(f"settings.json：{label} 应为 {expected.zh}，而它是 {shown}，已忽略。",
                                     f"settings.json: {label} should be {expected.en}, but it is {shown}: ignored."))


def _note_problems(data_dir: Path, path: Path, problems: list[SettingProblem]) -> None:
    """Keep what was not usable for the messages, and log it (once a run while it stays the same)."""
    key = _key(data_dir)
    found = tuple(problems)
    if found and _PROBLEMS.get(key) != found:
        for p in found:
            log.warning("%s: %s", path, p.text.en.removeprefix("settings.json: "))
    if found:
        _PROBLEMS[key] = found
    else:
        _PROBLEMS.pop(key, None)


# The app's writers of settings.json (Settings' Save, the source kept by Data & sync, a backup's time)
# run on task threads: one at a time, so that none writes over another's change (`update_settings`).
_WRITING = threading.Lock()


def _write_settings(data_dir: Path, settings: Settings) -> None:
    """Write atomically, so a power cut never leaves half a settings file (the caller holds `_WRITING`)."""
    settings.validate()
    _PROBLEMS.pop(_key(data_dir), None)  # what is written now is the settings' own types and values
    write_atomically(settings_path(data_dir), json_bytes(asdict(settings), indent=2))


def save_settings(data_dir: Path, settings: Settings) -> None:
    """Write `settings` as they are (a command, or a file loaded, changed and saved)."""
    with _WRITING:
        _write_settings(data_dir, settings)


def update_settings(data_dir: Path, shared: Settings, **changes: Any) -> Settings:
    """Save `changes` to the running app's settings (`shared`, the one object every service holds) and
    make them in it once written; returns what was saved. Meant for a task's thread (a data folder on a
    network share that has stopped answering would hold the window for the SMB timeout). Writers take
    turns, and each writes what the others made before it, so two saves at once both keep their change;
    one that cannot be written (OSError) changes nothing."""
    with _WRITING:
        new = dataclasses.replace(shared, **changes)
        _write_settings(data_dir, new)
        for f in fields(Settings):  # as written (`validate` puts back the defaults of values it does not know)
            setattr(shared, f.name, getattr(new, f.name))
    return new
