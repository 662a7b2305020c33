"""`ipdesk publish`: build the next repository version from a database, sign it, write plain files.

For every dataset whose content changed: a snapshot and a delta from each of the last
`DELTA_DEPTH` versions, content-addressed under `objects/`. Objects are written first, then the
signature and the manifest, each through a temporary file and a rename, so a reader never sees a
half-written file. `history.json` is the publisher's own memory of old snapshot objects (needed to
compute deltas); clients never read it. Every key list is kept as `keys/<version>.json` beside the
newest, `keys.json`, so that a client that missed rotations can walk them.

Versions are compared without the database's row id (`payload.compare_line`), and each version's
content digest goes into the manifest (with each delta's base digest) so that clients apply a delta
only onto the content it was made from. Before anything is written, a publish is refused when it
would remove most of a dataset (`RemovalRefusedError`) or undo what the last versions did
(`find_reverts`, `RevertRefusedError`). A delta whose base snapshot is gone is left out; a publish
that cannot write removes what it wrote; one publish at a time per folder (`LOCK_NAME`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import re
import tempfile
import threading
import unicodedata
import zlib
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from filelock import FileLock, Timeout
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from ipdesk.domain.amounts import plural
from ipdesk.domain.i18n import dataset_label
from ipdesk.domain.text import char_category
from ipdesk.services.db import make_engine, sqlite_url
from ipdesk.services.sync.errors import SyncError
from ipdesk.services.sync.manifest import (
    DATASETS,
    KEYS_NAME,
    MANIFEST_NAME,
    SIG_SUFFIX,
    ChangeCounts,
    DatasetEntry,
    KeyList,
    Manifest,
    ObjectRef,
    format_time,
    key_id,
    key_list_name,
    public_key_text,
    removes_most,
    sign,
    utc_now,
)
from ipdesk.services.sync.payload import (
    LOCAL_PREFIX,
    TABLES,
    DatasetTable,
    compare_line,
    compress_lines,
    content_digest,
    delete_line,
    export_records,
    header_line,
    read_payload,
    record_line,
)

log = logging.getLogger("ipdesk.sync")

DELTA_DEPTH = 3
DEFAULT_VALIDITY = dt.timedelta(days=90)
HISTORY_NAME = "history.json"
# history.json's note of the `--source` a dataset was last published with: kept for the publishes after
GIVEN_SOURCE = "given_source"
LOCK_NAME = ".publish.lock"  # held while a publish writes (filelock); never uploaded, never read by clients


@dataclass
class PublishResult:
    version: int
    changed: dict[str, int] = field(default_factory=dict)  # dataset → new version
    objects_written: int = 0
    bytes_written: int = 0
    skipped: list[str] = field(default_factory=list)  # empty datasets never published: left out
    # per dataset changed: what its new version adds, changes and removes against the previous one
    # (None when that version's snapshot is not in the history) and its records in all
    counts: dict[str, ChangeCounts | None] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    # deltas not made because their base version's snapshot is gone from objects/ (deleted by hand, or
    # damaged): (dataset, base version, snapshot sha256). Clients at that version take the snapshot.
    missing_bases: list[tuple[str, int, str]] = field(default_factory=list)
    expires: dt.datetime | None = None  # the signed manifest's expiry (kiosks refuse the source after it)


class RemovalRefusedError(SyncError):
    """A publish would remove most of a dataset that kiosks hold (an empty or wrong database given by
    mistake): nothing is written unless the publisher says it is meant (`allow_removals`)."""

    kind = "removals"

    def __init__(self, zh: str, en: str, *, datasets: dict[str, tuple[int, int, int]]) -> None:
        super().__init__(zh, en)
        self.datasets = datasets  # name → (records before, records removed, records after)


def _removal_refusal(refused: dict[str, tuple[int, int, int]], versions: dict[str, int]) -> RemovalRefusedError:
    zh_parts, en_parts = [], []
    for name, (before, removed, after) in refused.items():
        v = versions[name]
        added = max(0, after - before + removed)
        also_zh = f"（另新增 {added:,} 条）" if added else ""
        also_en = f" ({added:,} other{'s' if added != 1 else ''} added)" if added else ""
        zh_parts.append(f"{dataset_label(name, 'zh_CN')}已发布的数据 v{v} 有 {before:,} 条记录，这次将删除其中 "
                        f"{removed:,} 条{also_zh}，发布后共 {after:,} 条")
        en_parts.append(f"{dataset_label(name, 'en')} (published data v{v}: {plural(before, 'record', 'records')}) "
                        f"would lose {removed:,}{also_en}, leaving {after:,} in all")
    return RemovalRefusedError(
        "未发布：" + "；".join(zh_parts) + "。各终端更新后会删除这些记录。这常常是 --from 指错了数据库，或数据库是空的；"
        "请检查后再发布。如果确实要删除这些记录，请加 --allow-removals 再发布一次。",
        "Nothing was published: " + "; ".join(en_parts) + ". Every kiosk would delete these records when it "
        "updates. This usually means --from names the wrong database, or an empty one: check it and publish "
        "again. If these records really should go, publish again with --allow-removals.",
        datasets=refused,
    )


class RevertRefusedError(SyncError):
    """The database given would undo what the last published versions did (records they removed come
    back, records go back to an older version's content or to an older as-of date): it is not the
    database those versions came from. Nothing is written unless the publisher says it is meant
    (`accept_reverts`)."""

    kind = "reverts"

    def __init__(self, zh: str, en: str, *, datasets: dict[str, dict[str, list[str]]]) -> None:
        super().__init__(zh, en)
        self.datasets = datasets  # name → {"returned"|"undone"|"older": [record, …]}


SHOWN_REVERTS = 3  # records named per kind of revert and dataset


def _revert_refusal(found: dict[str, dict[str, list[str]]], versions: dict[str, int]) -> RevertRefusedError:
    zh_parts, en_parts = [], []
    for name, kinds in found.items():
        zh_label, en_label, v = dataset_label(name, "zh_CN"), dataset_label(name, "en"), versions[name]
        for kind, records in kinds.items():
            shown_zh = "、".join(records[:SHOWN_REVERTS]) + ("等" if len(records) > SHOWN_REVERTS else "")
            shown_en = "; ".join(records[:SHOWN_REVERTS]) + (" …" if len(records) > SHOWN_REVERTS else "")
            n = len(records)
            if kind == "returned":
                zh_parts.append(f"{zh_label}已发布的版本删除的 {n:,} 条记录又出现了（{shown_zh}）")
                en_parts.append(f"{plural(n, 'record', 'records')} of {en_label} that published versions removed "
                                f"would come back ({shown_en})")
            elif kind == "undone":
                zh_parts.append(f"{zh_label}的 {n:,} 条记录会回到数据 v{v} 之前的内容（{shown_zh}）")
                en_parts.append(f"{plural(n, 'record', 'records')} of {en_label} would go back to what they were "
                                f"before data v{v} ({shown_en})")
            else:
                zh_parts.append(f"{zh_label}的 {n:,} 条记录的数据日期会比数据 v{v} 的更早（{shown_zh}）")
                en_parts.append(f"{plural(n, 'record', 'records')} of {en_label} would get an earlier as-of date "
                                f"than in data v{v} ({shown_en})")
    return RevertRefusedError(
        "未发布：要发布的数据库缺少已发布版本所做的更改，发布后各终端上的这些更改会被撤销：" + "；".join(zh_parts)
        + "。这通常是因为这个数据库不是上一版发布所用的那个（例如上一版用 --from 另一个数据库发布，或这是旧的副本）。"
        "请用上一版所用的数据库发布（--from 该数据库），或用完整的清单文件重建这个数据集（--from 文件 --replace）；"
        "如果确实要这样，请加 --accept-reverts 再发布一次。",
        "Nothing was published: the database lacks changes that published versions made, and publishing it "
        "would undo them on every kiosk: " + "; ".join(en_parts) + ". This usually means it is not the database "
        "the last version came from (that version was published --from another database, or this is an old "
        "copy). Publish from the database the last version came from (--from that database), or rebuild the "
        "dataset from complete list files (--from FILE --replace); if this is meant, publish again with "
        "--accept-reverts.",
        datasets=found,
    )


def _record_name(spec: DatasetTable, record: dict[str, Any]) -> str:
    """How an operator knows a record: its first key and its title ('CN2200000011A 稻香…', '66000008 稻香8号')."""
    first = str(record.get(spec.natural[-1] if spec.dataset == "gi" else spec.natural[0], ""))
    title = str(record.get(spec.title) or "")
    return f"{first} {title}".strip() if title != first else first


def _line_record(line: bytes) -> dict[str, Any]:
    return dict(orjson.loads(line)[1])


def find_reverts(spec: DatasetTable, latest: dict[tuple[Any, ...], bytes],
                 older: Iterable[dict[tuple[Any, ...], bytes]],
                 compared: dict[tuple[Any, ...], bytes]) -> dict[str, list[str]]:
    """What publishing `compared` (records as compared, by natural key) would undo of the last version
    `latest` and the versions before it (`older`, newest first): records those versions removed that
    come back ("returned"), records whose content becomes an older version's again where the newer
    versions changed it ("undone"), and records whose own as-of date goes back ("older"). Empty when
    the data only move forward."""
    found: dict[str, list[str]] = {"returned": [], "undone": [], "older": []}
    seen: set[tuple[Any, ...]] = set()
    for key, line in compared.items():
        before = latest.get(key)
        if before is None or before == line:
            continue
        new, old = _line_record(line), _line_record(before)
        if str(new.get("as_of") or "") < str(old.get("as_of") or ""):
            found["older"].append(_record_name(spec, new))
            seen.add(key)
    for snapshot in older:
        for key, line in snapshot.items():
            if key in seen:
                continue
            new_line = compared.get(key)
            if new_line is None:
                continue
            now = latest.get(key)
            if now is None:  # removed since that version, and back now
                found["returned"].append(_record_name(spec, _line_record(new_line)))
                seen.add(key)
            elif now != line and new_line == line:  # changed since that version, and back to it now
                found["undone"].append(_record_name(spec, _line_record(new_line)))
                seen.add(key)
    return {kind: records for kind, records in found.items() if records}


# --- replacing a dataset from complete list files (`publish --from FILE… --replace`) -----------------

_STAGED_DATASET = {"patent": "patents", "trademark": "trademarks", "gi": "gi"}  # importer kind → dataset


def staged_keys(staging_path: Path, as_of: str) -> dict[str, dict[tuple[Any, ...], str]]:
    """Per dataset, the natural key and as-of date of every record a staged import holds (new, changed
    and unchanged alike: the complete list the files give; `as_of`: the import's date, for a record
    whose file gives none). A dataset the files hold no record of is not in it."""
    import sqlite3

    out: dict[str, dict[tuple[Any, ...], str]] = {}
    con = sqlite3.connect(staging_path)
    try:
        for kind, key, payload in con.execute("SELECT kind, key, payload FROM staged WHERE status != 'rejected'"):
            if kind == "patent":
                natural: tuple[Any, ...] = (key,)
            elif kind == "trademark":  # importers.staging.record_key: 'reg_no|nice_class'
                reg, cls = str(key).rsplit("|", 1)
                natural = (reg, int(cls))
            else:  # 'kind|name'
                natural = tuple(str(key).split("|", 1))
            try:
                dated = str(json.loads(payload).get("as_of") or as_of)
            except (ValueError, AttributeError):
                dated = as_of
            out.setdefault(_STAGED_DATASET[kind], {})[natural] = dated
    finally:
        con.close()
    return out


def _published_keys(conn: Any, spec: DatasetTable) -> list[tuple[Any, tuple[Any, ...], str]]:
    """(row key, natural key, title) of every published (non-local) row of a dataset's table."""
    cols = ", ".join(f'"{c}"' for c in (spec.key, spec.title, *spec.natural))
    return [(row[0], tuple(row[2:]), str(row[1] or "")) for row in conn.exec_driver_sql(
        f"SELECT {cols} FROM {spec.table} WHERE dataset NOT LIKE '{LOCAL_PREFIX}%'")]


def withdraw_absent(db_path: Path, keep: dict[str, dict[tuple[Any, ...], str]]) -> dict[str, list[str]]:
    """`withdraw_absent_in` on the database at `db_path`, in a transaction of its own."""
    engine = make_engine(sqlite_url(db_path))
    try:
        with engine.begin() as conn:
            return withdraw_absent_in(conn, keep)
    finally:
        engine.dispose()


def withdraw_absent_in(conn: Connection, keep: dict[str, dict[tuple[Any, ...], str]]) -> dict[str, list[str]]:
    """Make each dataset in `keep` what a complete list says (`staged_keys`), on `conn` (within the
    caller's transaction: `publish --from FILE --replace` withdraws in the merge's, so a refused publish
    rolls the withdrawal back with the merge): delete every published (non-local) record whose natural
    key is not listed (the records the list no longer holds), with its search entries, and give every
    listed record the list's as-of date (the importer keeps a record's date when nothing else changed;
    the complete list is the truth, its date included). Returns per dataset the records withdrawn ('key
    title')."""
    from ipdesk.services.search_index import delete_docs

    withdrawn: dict[str, list[str]] = {}
    for name, keys in keep.items():
        spec = TABLES[name]
        where = " AND ".join(f'"{c}" = ?' for c in spec.natural)
        conn.exec_driver_sql(
            f"UPDATE {spec.table} SET as_of = ? WHERE {where} AND dataset NOT LIKE '{LOCAL_PREFIX}%' "
            "AND as_of IS NOT ?", [(dated, *nk, dated) for nk, dated in keys.items()])
        gone = [(rid, nk, title) for rid, nk, title in _published_keys(conn, spec) if nk not in keys]
        if not gone:
            continue
        ids = [rid for rid, _nk, _title in gone]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            delete_docs(conn, spec.index_kind, chunk)
            marks = ",".join("?" * len(chunk))
            if name == "gi":
                conn.exec_driver_sql(f"DELETE FROM gi_area WHERE gi_id IN ({marks})", tuple(chunk))
            conn.exec_driver_sql(f'DELETE FROM {spec.table} WHERE "{spec.key}" IN ({marks})', tuple(chunk))
        conn.exec_driver_sql(
            f"UPDATE dataset SET record_count = (SELECT count(*) FROM {spec.table} WHERE dataset = ?) "
            "WHERE name = ?", (name, name))
        withdrawn[name] = [f"{nk[0]} {title}".strip() for _rid, nk, title in gone]
        log.info("withdrew %d %s records absent from the complete list", len(gone), name)
    return withdrawn


_umask_lock = threading.Lock()


def public_file_mode() -> int:
    """The mode a plain new file gets (0o666 less the umask, so 0644 under the usual umask 022).
    A repository is a static site: a web server running as another user must be able to read it,
    and mkstemp's owner-only 0600 would make every file answer 403."""
    with _umask_lock:  # the umask can only be read by setting it
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


def _open_public_temp(folder: Path, prefix: str) -> tuple[int, str]:
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=prefix)
    if os.name == "posix":
        os.fchmod(fd, public_file_mode())
    return fd, tmp


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = _open_public_temp(path.parent, f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# How the importer joins imports to an official source (importers.staging: '<official>；另含 … / <official>; plus …').
_PLUS_ZH, _PLUS_EN = "；另含 ", "; plus "


# An imported record's source as the importer writes it (importers.staging.record_source):
# '<file>（导入 / imported <local time>）'.
_IMPORTED_RECORD = re.compile(r".+（导入 / imported \d{4}-\d{2}-\d{2} \d{2}:\d{2}）", re.S)


def _published_record(record: dict[str, Any], source: str) -> dict[str, Any]:
    """A record as kiosks get it: one imported on the publisher's computer has `source` (the
    dataset's published source) instead of the file name and time of that import."""
    if _IMPORTED_RECORD.fullmatch(str(record.get("source") or "")):
        record["source"] = source
    return record


# A publisher's name is shown on every kiosk as the source of its data ("由 … 发布"): as long as a
# centre's name may be (services.settings.CENTRE_NAME_MAX_CHARS).
PUBLISHER_NAME_MAX_CHARS = 40


def publisher_name_problem(name: str) -> tuple[str, str] | None:
    """Why `name` cannot be a publisher's name (zh, en), or None. Too long; no character of any
    script (only digits, emoji, symbols); or emoji, symbols or control characters inside it (a
    kiosk's fonts may show none of them)."""
    return _shown_text_problem(
        "--name", name, PUBLISHER_NAME_MAX_CHARS,
        ("它会作为数据来源显示在各终端上（“由 … 发布”），请用单位的名称，如“五常市知识产权局”。",
         "Kiosks show it as the source of the data (\"Published by …\"): give your organisation's name."))


SOURCE_TEXT_MAX_CHARS = 100


def source_text_problem(text: str) -> tuple[str, str] | None:
    """Why `text` cannot be the `--source` every kiosk shows for the published records (zh, en), or
    None: as `publisher_name_problem`, with room for a gazette's title and issue."""
    return _shown_text_problem(
        "--source", text, SOURCE_TEXT_MAX_CHARS,
        ("它会作为数据来源显示在各终端上，请写出处，如“国家知识产权局专利公报 2026年第47期”。",
         "Kiosks show it as the source of the data: name where the data come from, e.g. a gazette and its issue."))


def _write_error(repo: Path, exc: OSError, version: int | None) -> SyncError:
    """A publish that could not write the repository: which folder and why, and that it is as it was."""
    from ipdesk.services.errors import os_reason

    reason = os_reason(exc, writing=True)
    kept_zh = f"仓库仍是第 {version} 版" if version else "仓库里还没有可用的版本"
    kept_en = f"the repository is still at version {version}" if version else "the repository has no version yet"
    return SyncError(
        f"无法写入更新仓库 {repo}（{reason.zh}）。未发布：这次写入的文件已删除，{kept_zh}。"
        + ("请释放这个磁盘的空间后重试。" if "磁盘已满" in reason.zh or "配额" in reason.zh else "请解决后重试。"),
        f"Cannot write the update repository {repo} ({reason.en}). Nothing was published: the files this publish "
        f"wrote were removed, and {kept_en}. "
        + ("Free some space on that disk and try again." if "full" in reason.en or "quota" in reason.en
           else "Fix that and try again."),
        detail=str(exc),
    )


def _shown_text_problem(option: str, text: str, max_chars: int, why: tuple[str, str]) -> tuple[str, str] | None:
    """The checks of a text every kiosk shows (`--name`, `--source`); `why`: what it is for, zh and en."""
    from ipdesk.domain.input_words import has_letters

    if not text:
        return None
    if len(text) > max_chars:
        return (f"{option} 最多 {max_chars} 个字（现在 {len(text)} 个）。{why[0]}",
                f"{option} may have at most {max_chars} characters (it has {len(text)}). {why[1]}")
    if not has_letters(text):
        return (f"{option} 里没有汉字或字母。{why[0]}", f"{option} has no Chinese characters or letters. {why[1]}")
    odd = [ch for ch in text if char_category(ch) in ("So", "Sk", "Cc", "Cf", "Co", "Cs", "Cn")]
    if odd:
        shown = "".join(dict.fromkeys(ch for ch in odd if unicodedata.category(ch).startswith("S"))) or "?"
        return (f"{option} 里有表情符号、符号或控制字符（{shown}），终端上可能无法显示。请只用汉字、字母、数字和标点。",
                f"{option} holds emoji, symbols or control characters ({shown}) that kiosks may not show. Use "
                "only letters, Chinese characters, digits and punctuation.")
    return None


_OBJECT_NAME = re.compile(r"[0-9a-f]{64}")
TEMP_PREFIX = ".new-"  # an object being written (renamed to its sha256 when complete)


class _HashingWriter:
    def __init__(self, fh: Any) -> None:
        self.fh = fh
        self.sha = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.sha.update(data)
        return int(self.fh.write(data))


def write_object(objects: Path, lines: Iterable[bytes], created: list[Path] | None = None) -> ObjectRef:
    """Compress `lines` into `objects/<sha256>` (a no-op when that object exists); a new object's path
    is appended to `created`."""
    objects.mkdir(parents=True, exist_ok=True)
    fd, tmp = _open_public_temp(objects, TEMP_PREFIX)
    count = 0

    def counted() -> Iterator[bytes]:
        nonlocal count
        for line in lines:
            count += 1
            yield line

    try:
        with os.fdopen(fd, "wb") as fh:
            writer = _HashingWriter(fh)
            size = compress_lines(counted(), writer)  # type: ignore[arg-type]
        digest = writer.sha.hexdigest()
        final = objects / digest
        if final.exists():
            Path(tmp).unlink()
        else:
            os.replace(tmp, final)
            if created is not None:
                created.append(final)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return ObjectRef(digest, size, max(0, count - 1))


def _old_lines(objects: Path, sha: str) -> dict[tuple[Any, ...], bytes]:
    """An old snapshot's records by natural key, as compared (`compare_line`: without the row id)."""
    header, ops = read_payload(objects / sha)
    spec = TABLES[header.dataset]
    return {spec.natural_key(value): compare_line(spec, value) for op, value in ops if op == "u"}


def _readable_snapshot(objects: Path, sha: str | None) -> dict[tuple[Any, ...], bytes] | None:
    """`_old_lines` of an old version's snapshot, or None when it is gone from objects/ (an operator
    deleted old objects) or cannot be read: a delta from that version is then left out, never the
    whole publish refused."""
    if not sha or not (objects / sha).is_file():
        return None
    try:
        return _old_lines(objects, sha)
    except (OSError, ValueError, KeyError, StopIteration, zlib.error) as exc:
        log.warning("old snapshot objects/%s cannot be read (%s): no delta from it", sha, exc)
        return None


def _delta_lines(old: dict[tuple[Any, ...], bytes], lines: dict[tuple[Any, ...], bytes],
                 compared: dict[tuple[Any, ...], bytes]) -> tuple[list[bytes], ChangeCounts]:
    """The lines of a delta from `old` to `lines` (records by natural key; `compared`: the same records
    as compared, without the row id), and what it adds, changes and removes. A record whose row id
    alone differs is not in it: clients match by natural key and keep their own ids."""
    body, added = [], 0
    for key, line in lines.items():
        before = old.get(key)
        if before != compared[key]:
            body.append(line)
            added += before is None
    removed = [delete_line(key) for key in sorted(old.keys() - lines.keys())]
    return body + removed, ChangeCounts(added, len(body) - added, len(removed))


@dataclass
class _Prepared:
    """One dataset of a publish, worked out before anything is written."""

    lines: dict[tuple[Any, ...], bytes]
    compared: dict[tuple[Any, ...], bytes]  # the same records as compared (without the row id)
    content: str
    counts: ChangeCounts | None  # against the previous version (None: its snapshot is not in the history)
    previous_delta: list[bytes] | None = None  # the delta's lines from the previous version, made already


class Publisher:
    def __init__(self, repo: Path, key: Ed25519PrivateKey, *, validity: dt.timedelta = DEFAULT_VALIDITY,
                 publisher_name: str = "") -> None:
        self.repo = repo
        self.key = key
        self.validity = validity
        self.publisher_name = publisher_name
        self.objects = repo / "objects"
        self._lock: FileLock | None = None

    def _history(self) -> dict[str, Any]:
        path = self.repo / HISTORY_NAME
        return dict(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else {}

    def _previous(self) -> Manifest | None:
        path = self.repo / MANIFEST_NAME
        return Manifest.from_bytes(path.read_bytes()) if path.exists() else None

    def publish_from_database(self, db_path: Path, datasets: Iterable[str] = DATASETS,
                              meta: dict[str, dict[str, str]] | None = None, *,
                              skip_new_empty: bool = False, source: str = "",
                              source_for: Collection[str] | None = None,
                              allow_removals: bool = False, accept_reverts: bool = False) -> PublishResult:
        """Publish `datasets` from the database at `db_path`. `skip_new_empty`: leave out a dataset
        that has no records and was never published here. An empty snapshot would delete every
        record the centres imported into that dataset without marking them local (docs/sync.md,
        "Ownership"), although the publisher never had any such data.

        `source`: what kiosks show as the source of each dataset published now (e.g. the gazette and
        its issue). Without it, a dataset filled by imports gets "由 <publisher> 发布", not the
        publisher's own file names and import times, which mean nothing on a kiosk. A record imported
        here gets the same (its own source names the file and the time it was imported on this
        computer, which a kiosk would show as its own import); every other record's source is kept.
        `source_for`: the datasets `source` is about (those the import files brought, or those named);
        None: every dataset but the built-in ones, whose sources (the registries they come from) stay.
        A dataset published once with a source keeps it until another is given: a publish without one
        (the weekly signing again) must not relabel every record and so send each kiosk all of them.

        `allow_removals`: publish even a dataset that would lose most of its records (`publish`).
        `accept_reverts`: publish even data that undo what the last versions did (`publish`)."""
        if not db_path.exists():
            raise SyncError(f"找不到数据库：{db_path}", f"Database not found: {db_path}")
        engine = make_engine(sqlite_url(db_path))
        try:
            with engine.connect() as conn:
                return self.publish_from_connection(conn, db_path, datasets, meta, skip_new_empty=skip_new_empty,
                                                    source=source, source_for=source_for,
                                                    allow_removals=allow_removals, accept_reverts=accept_reverts)
        finally:
            engine.dispose()

    def publish_from_connection(self, conn: Connection, db_path: Path, datasets: Iterable[str] = DATASETS,
                                meta: dict[str, dict[str, str]] | None = None, *,
                                skip_new_empty: bool = False, source: str = "",
                                source_for: Collection[str] | None = None,
                                allow_removals: bool = False, accept_reverts: bool = False) -> PublishResult:
        """`publish_from_database` reading on `conn` (the database at `db_path`, named in messages):
        within a transaction still open on it, what it has written so far is what is published
        (`publish --from FILES` publishes inside the merge's transaction, so that a refused publish
        rolls the merge back)."""
        try:
            info = {r[0]: r for r in conn.exec_driver_sql("SELECT name, as_of, source, edition, origin FROM dataset")}
        except DBAPIError as exc:  # another program's database, or not a database at all
            raise SyncError(f"这不是 ipdesk 的数据库，无法从中发布：{db_path}",
                            f"This is not an ipdesk database, so nothing can be published from it: {db_path}",
                            detail=str(exc.orig)) from exc
        records = {}
        previous = self._previous()
        history = self._history()
        skipped = []
        zh, en = self.published_by()
        for name in datasets:
            row = info.get(name)
            about = name in source_for if source_for is not None else not (row and row[4] == "seed")
            given = (source if about else "") or str(history.get(name, {}).get(GIVEN_SOURCE) or "")
            records[name] = [_published_record(r, given or f"{zh} / {en}") for r in export_records(conn, name)]
            if skip_new_empty and not records[name] and not (previous and name in previous.datasets):
                del records[name]
                skipped.append(name)
                continue
            base_meta = {"as_of": str(row[1] or "") if row else "",
                         "source": given or (self._published_source(row[2], row[4]) if row else ""),
                         "edition": row[3] if row else "", GIVEN_SOURCE: given}
            base_meta.update((meta or {}).get(name, {}))
            (meta := meta or {})[name] = base_meta
        result = self.publish(records, meta or {}, allow_removals=allow_removals, accept_reverts=accept_reverts)
        result.skipped = skipped
        return result

    def check_replacement(self, keep: dict[str, dict[tuple[Any, ...], str]], *,
                          allow_removals: bool = False) -> None:
        """Before a replacement is applied to the data folder (`withdraw_absent`): refuse, as `publish`
        would, one that removes most of a published dataset (`RemovalRefusedError`), so that a wrong or
        partial file given with --replace deletes nothing anywhere unless `allow_removals`."""
        previous = self._previous()
        if allow_removals or previous is None:
            return
        history = self._history()
        refused: dict[str, tuple[int, int, int]] = {}
        for name, keys in keep.items():
            entry = previous.datasets.get(name)
            if entry is None:
                continue
            sha = history.get(name, {}).get("versions", {}).get(str(entry.version), {}).get("snapshot")
            old = _readable_snapshot(self.objects, sha)
            removed = len(old.keys() - keys) if old is not None else max(0, entry.records - len(keys))
            if removes_most(entry.records, removed, len(keys)):
                refused[name] = (entry.records, removed, len(keys))
        if refused:
            raise _removal_refusal(refused, {name: previous.datasets[name].version for name in refused})

    def current_keys(self) -> KeyList | None:
        path = self.repo / KEYS_NAME
        return KeyList.from_bytes(path.read_bytes()) if path.exists() else None

    def require_listed_key(self, key: Ed25519PrivateKey | None = None) -> None:
        """Refuse to sign with a key the repository's keys.json does not list (after a rotation, the
        old key by mistake): every client that followed the rotation would refuse what it signed."""
        key = key or self.key
        listing = self.current_keys()
        if listing is None or public_key_text(key.public_key()) in listing.keys:
            return
        listed = "、".join(key_id(k) for k in listing.public_keys())
        mine = public_key_text(key.public_key())
        if not self._ever_listed(mine):  # not a key this repository retired: another publisher's repository
            previous = self._previous()
            owner = previous.publisher.strip() if previous else ""
            zh_owner = f"另一个发布者（{owner}）" if owner else "另一个发布者"
            en_owner = f"another publisher ({owner})" if owner else "another publisher"
            raise SyncError(
                f"{self.repo} 是{zh_owner}的更新仓库：它的密钥（keys.json 第 {listing.version} 版：{listed}）中从来没有"
                f"你的密钥 {key_id(key.public_key())}。未发布。请检查 --out 是否指错了文件夹，--key 是否指错了密钥。",
                f"{self.repo} is the update repository of {en_owner}: its keys (keys.json version {listing.version}: "
                f"{listed.replace('、', ', ')}) never included your key {key_id(key.public_key())}. Nothing was "
                "published. Check that --out names the right folder and --key the right key.",
            )
        raise SyncError(
            f"密钥 {key_id(key.public_key())} 不在这个仓库当前的密钥列表（keys.json 第 {listing.version} 版：{listed}）中，"
            "用它签名的更新会被客户端拒绝。未发布。请用 --key 指定当前的密钥（轮换后是新密钥）。",
            f"Key {key_id(key.public_key())} is not in this repository's current key list (keys.json version "
            f"{listing.version}: {listed.replace('、', ', ')}); clients would refuse what it signs. Nothing was "
            "published. Give the current key with --key (after a rotation, the new one).",
        )

    def _ever_listed(self, public: str) -> bool:
        """Whether any key list this repository holds (keys.json, keys/<v>.json) names `public`."""
        lists = [self.repo / KEYS_NAME, *sorted((self.repo / "keys").glob("*.json"))]
        for path in lists:
            try:
                if public in KeyList.from_bytes(path.read_bytes()).keys:
                    return True
            except (OSError, SyncError):
                continue
        return False

    def resign_manifest(self, key: Ed25519PrivateKey) -> int | None:
        """Sign the current manifest again, with `key` only (after a rotation: clients that followed it
        trust only the new key). Returns the manifest's version, None when there is none yet."""
        path = self.repo / MANIFEST_NAME
        if not path.exists():
            return None
        body = path.read_bytes()
        _atomic_write(self.repo / (MANIFEST_NAME + SIG_SUFFIX), sign(body, [key]))
        return Manifest.from_bytes(body).version

    def name(self) -> str:
        """The publisher's name: `--name`, else the last version's (publishing without --name must not
        relabel every record's source, and so list each as changed on every kiosk)."""
        name = self.publisher_name.strip()
        if not name:
            previous = self._previous()
            name = previous.publisher.strip() if previous else ""
        return name

    def published_by(self) -> tuple[str, str]:
        name = self.name()
        if not name:
            return "由数据发布者发布", "Published by the data publisher"
        # a proper name, in English too (domain.report.bilingual_part tells the halves apart by the
        # English half's first letter)
        return f"由 {name} 发布", f"Published by {name}"

    def _published_source(self, source: str, origin: str) -> str:
        """A dataset's source as kiosks should read it: imports on the publisher's computer become
        "published by"; an official source is kept, with "plus records published by" for imports on top."""
        zh, en = self.published_by()
        if origin in ("import", "local"):
            return f"{zh} / {en}"
        i, k = source.find(_PLUS_ZH), source.rfind(_PLUS_EN)
        if i >= 0 and (j := source.find(" / ", i)) > i and k > j:
            return f"{source[:i]}{_PLUS_ZH}{zh}的记录 / {source[j + 3:k]}{_PLUS_EN}records {en[0].lower()}{en[1:]}"
        return source

    def publish(self, records: dict[str, list[dict[str, Any]]], meta: dict[str, dict[str, str]] | None = None,
                *, now: dt.datetime | None = None, allow_removals: bool = False,
                accept_reverts: bool = False) -> PublishResult:
        """`_publish` with the repository's publish lock held (`LOCK_NAME`): one publish at a time into
        a folder, so the next one may remove what a killed one left (`remove_leftovers`)."""
        with self.locked():
            return self._publish(records, meta, now=now, allow_removals=allow_removals, accept_reverts=accept_reverts)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """The repository's publish lock (`LOCK_NAME`), refused at once (`SyncError`) while another
        publish holds it. Held already by this publisher, it is taken again: `publish --from FILES`
        takes it before merging the files, so that a busy repository refuses before the data folder
        changes, and the publish inside takes it again."""
        self.repo.mkdir(parents=True, exist_ok=True)
        if self._lock is None:
            self._lock = FileLock(str(self.repo / LOCK_NAME))
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise SyncError(f"另一个发布正在写入 {self.repo}，请等它结束后再试。",
                            f"Another publish is writing to {self.repo}: wait for it to finish and try again.") from None
        try:
            yield
        finally:
            self._lock.release()

    def remove_leftovers(self) -> int:
        """Remove the temporary files a killed publish left (`objects/.new-*`, `.manifest.json.*` …):
        never part of the repository, but an upload of the whole folder would copy them. Only with the
        publish lock held. Returns how many."""
        found = list(self.objects.glob(TEMP_PREFIX + "*")) if self.objects.is_dir() else []
        for name in (HISTORY_NAME, MANIFEST_NAME, MANIFEST_NAME + SIG_SUFFIX, KEYS_NAME, KEYS_NAME + SIG_SUFFIX):
            found += self.repo.glob(f".{name}.*")
        removed = 0
        for path in found:
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
        if removed:
            log.info("removed %d temporary files a stopped publish left in %s", removed, self.repo)
        return removed

    def _undo(self, created: list[Path], kept: dict[Path, bytes | None]) -> None:
        """After a publish failed while writing: remove the objects it made and put back the history
        and signature as they were (None: there was none); best effort, and removing the objects first
        frees the room on a full disk."""
        for path in created:
            with contextlib.suppress(OSError):
                path.unlink()
        for path, body in kept.items():
            with contextlib.suppress(OSError):
                if body is None:
                    path.unlink(missing_ok=True)
                elif path.read_bytes() != body:
                    _atomic_write(path, body)

    def _publish(self, records: dict[str, list[dict[str, Any]]], meta: dict[str, dict[str, str]] | None = None,
                 *, now: dt.datetime | None = None, allow_removals: bool = False,
                 accept_reverts: bool = False) -> PublishResult:
        """Write the next version holding `records` (dataset → records in key order) and sign it.

        Every dataset is compared with its previous version first: one that held records and would
        lose all of them or more than half (`removes_most`) stops the publish before anything is
        written (`RemovalRefusedError`, naming each and the numbers) unless `allow_removals`; kiosks
        would delete those records. The counts go into the manifest (per dataset and per delta).

        Unless `accept_reverts`, the records are also compared with the snapshots of the dataset's last
        versions (`find_reverts`): a database that is not the one the last version came from (a routine
        publish from the data folder after a version published --from another database) would bring
        back what they removed and undo what they changed, and stops the publish (`RevertRefusedError`,
        naming records) before anything is written."""
        self.require_listed_key()
        now = now or utc_now()
        previous = self._previous()
        history = self._history()
        version = (previous.version + 1) if previous else 1
        if previous and now <= previous.created:
            now = previous.created + dt.timedelta(seconds=1)  # `created` must grow: clients refuse replays
        result = PublishResult(version=version)
        entries: dict[str, DatasetEntry] = dict(previous.datasets) if previous else {}
        prepared: dict[str, _Prepared] = {}
        refused: dict[str, tuple[int, int, int]] = {}
        reverts: dict[str, dict[str, list[str]]] = {}
        for name, recs in records.items():
            spec = TABLES[name]
            recs = sorted(recs, key=spec.natural_key)
            lines = {spec.natural_key(r): record_line(r) for r in recs}
            compared = {spec.natural_key(r): compare_line(spec, r) for r in recs}
            if len(lines) != len(recs):
                raise SyncError(f"数据集 {name} 中有重复的记录（同一编号出现多次），未发布。",
                                f"Dataset {name} holds duplicate records (one key several times): not published.")
            # the content as compared: the same data from another database (other row ids) is the same
            content = content_digest(compared.values())
            versions = history.get(name, {}).get("versions", {})
            prev_entry = entries.get(name)
            if prev_entry is None:
                prepared[name] = _Prepared(lines, compared, content, ChangeCounts(len(lines), 0, 0))
                continue
            prev_hist = versions.get(str(prev_entry.version), {})
            if prev_hist.get("content") == content:
                continue
            item = _Prepared(lines, compared, content, None)
            if (old := _readable_snapshot(self.objects, prev_hist.get("snapshot"))) is not None:
                item.previous_delta, item.counts = _delta_lines(old, lines, compared)
                if not item.previous_delta:  # the same records (a history kept before ids were ignored)
                    continue
                if not accept_reverts:
                    earlier = sorted((int(v) for v in versions if int(v) < prev_entry.version),
                                     reverse=True)[:DELTA_DEPTH - 1]
                    snapshots = (snap for v in earlier
                             if (snap := _readable_snapshot(self.objects, versions[str(v)].get("snapshot")))
                             is not None)
                    if found := find_reverts(spec, old, snapshots, compared):
                        reverts[name] = found
                del old
            prepared[name] = item
            # without the previous snapshot, at least the difference of the totals is gone
            removed = item.counts.removed if item.counts else max(0, prev_entry.records - len(lines))
            if removes_most(prev_entry.records, removed, len(lines)):
                refused[name] = (prev_entry.records, removed, len(lines))
        if reverts:
            raise _revert_refusal(reverts, {name: entries[name].version for name in reverts})
        if refused and not allow_removals:
            raise _removal_refusal(refused, {name: entries[name].version for name in refused})
        self.repo.mkdir(parents=True, exist_ok=True)
        self.remove_leftovers()
        created: list[Path] = []  # objects this publish made: removed again if it cannot finish
        kept = {path: path.read_bytes() if path.exists() else None
                for path in (self.repo / HISTORY_NAME, self.repo / (MANIFEST_NAME + SIG_SUFFIX))}
        try:
            for name, item in prepared.items():
                lines = item.lines
                hist = history.setdefault(name, {"versions": {}})
                prev_entry = entries.get(name)
                ds_version = (prev_entry.version + 1) if prev_entry else 1
                snapshot = write_object(self.objects, [header_line(name, "snapshot", ds_version, None), *lines.values()],
                                        created)
                result.objects_written += 1
                result.bytes_written += snapshot.size
                deltas = []
                older = sorted((int(v) for v in hist["versions"]), reverse=True)[:DELTA_DEPTH]
                for base in older:
                    if prev_entry is not None and base == prev_entry.version and item.previous_delta is not None:
                        body, counts = item.previous_delta, item.counts
                    else:
                        base_sha = hist["versions"][str(base)].get("snapshot")
                        old = _readable_snapshot(self.objects, base_sha)
                        if old is None:  # its snapshot is gone: clients at that version take the snapshot
                            log.warning("%s: no delta from version %d, its snapshot objects/%s is gone", name, base,
                                        base_sha)
                            result.missing_bases.append((name, base, str(base_sha or "")))
                            continue
                        body, counts = _delta_lines(old, lines, item.compared)
                    ref = write_object(self.objects, [header_line(name, "delta", ds_version, base), *body], created)
                    result.objects_written += 1
                    result.bytes_written += ref.size
                    deltas.append(ObjectRef(ref.sha256, ref.size, ref.records, base, counts,
                                            str(hist["versions"][str(base)].get("content") or "")))
                hist["versions"][str(ds_version)] = {"snapshot": snapshot.sha256, "content": item.content}
                m = (meta or {}).get(name, {})
                if m.get(GIVEN_SOURCE):
                    hist[GIVEN_SOURCE] = m[GIVEN_SOURCE]
                entries[name] = DatasetEntry(
                    name=name, version=ds_version, as_of=m.get("as_of", now.date().isoformat()),
                    source=m.get("source", ""), edition=m.get("edition", ""), records=len(lines),
                    snapshot=snapshot, deltas=tuple(deltas), counts=item.counts, content=item.content,
                )
                result.changed[name] = ds_version
                result.counts[name] = item.counts
                result.totals[name] = len(lines)
            manifest = Manifest(version=version, created=now, expires=now + self.validity, datasets=entries,
                                publisher=self.name())
            manifest_body = manifest.to_bytes()
            result.expires = manifest.expires
            _atomic_write(self.repo / HISTORY_NAME, json.dumps(history, indent=1, sort_keys=True).encode("utf-8"))
            if not (self.repo / KEYS_NAME).exists():
                self.write_keys([self.key], signer=self.key, version=1, now=now)
            else:
                self.keep_key_history()
            _atomic_write(self.repo / (MANIFEST_NAME + SIG_SUFFIX), sign(manifest_body, [self.key]))
            _atomic_write(self.repo / MANIFEST_NAME, manifest_body)
        except OSError as exc:
            self._undo(created, kept)
            raise _write_error(self.repo, exc, previous.version if previous else None) from exc
        log.info("published version %d (%s)", version, result.changed or "no dataset changed")
        return result

    def needed_objects(self) -> set[str]:
        """The objects this repository still needs: every one the current manifest names (clients
        download them), and the snapshot of each dataset's last `DELTA_DEPTH` versions (the next
        publish makes its deltas from them). Any other object is an old version's: no client is
        offered it and no publish reads it."""
        needed: set[str] = set()
        previous = self._previous()
        for entry in (previous.datasets.values() if previous else ()):
            needed.add(entry.snapshot.sha256)
            needed.update(d.sha256 for d in entry.deltas)
        for hist in self._history().values():
            versions = hist.get("versions", {})
            for v in sorted((int(v) for v in versions), reverse=True)[:DELTA_DEPTH]:
                if sha := versions[str(v)].get("snapshot"):
                    needed.add(str(sha))
        return needed

    def prune(self) -> tuple[int, int]:
        """Delete the objects no longer needed (`needed_objects`) and any temporary file a killed
        publish left in objects/. Returns (files deleted, bytes freed)."""
        if not (self.repo / MANIFEST_NAME).exists() or not self.objects.is_dir():
            return 0, 0
        with self.locked():
            return self._prune()

    def _prune(self) -> tuple[int, int]:
        needed = self.needed_objects()
        count = freed = 0
        for path in self.objects.iterdir():
            if path.name in needed or not path.is_file():
                continue
            if not (_OBJECT_NAME.fullmatch(path.name) or path.name.startswith(TEMP_PREFIX)):
                continue  # not ours: left alone
            size = path.stat().st_size
            path.unlink()
            count += 1
            freed += size
        if count:
            log.info("pruned %d old objects (%d bytes)", count, freed)
        return count, freed

    def keep_key_history(self) -> None:
        """Copy the newest `keys.json` to `keys/<version>.json` if it is not there yet: a repository
        made before the history was kept starts it with the one list it still has."""
        path = self.repo / KEYS_NAME
        sig = self.repo / (KEYS_NAME + SIG_SUFFIX)
        if not path.exists() or not sig.exists():
            return
        body = path.read_bytes()
        kept = self.repo / key_list_name(KeyList.from_bytes(body).version)
        if not kept.exists():
            self._write_key_list(kept, body, sig.read_bytes())

    def _write_key_list(self, path: Path, body: bytes, sig: bytes) -> None:
        """The signature first: a reader that finds a list finds its signature."""
        path.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(path.with_name(path.name + SIG_SUFFIX), sig)
        _atomic_write(path, body)

    def write_keys(self, keys: list[Ed25519PrivateKey], *, signer: Ed25519PrivateKey, version: int | None = None,
                   now: dt.datetime | None = None) -> KeyList:
        """Write `keys.json` listing `keys`, signed by `signer` (the old key on rotation) and by each new
        key, and keep it as `keys/<version>.json` (the history first, so the newest is always in it)."""
        path = self.repo / KEYS_NAME
        self.keep_key_history()
        if version is None:
            version = (KeyList.from_bytes(path.read_bytes()).version + 1) if path.exists() else 1
        listing = KeyList(version, tuple(public_key_text(k.public_key()) for k in keys), format_time(now or utc_now()))
        body = listing.to_bytes()
        signers = [signer, *(k for k in keys if k is not signer)]
        sig = sign(body, signers)
        self._write_key_list(self.repo / key_list_name(version), body, sig)
        self._write_key_list(path, body, sig)
        return listing
