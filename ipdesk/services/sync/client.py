"""Fetch, verify and apply updates from an http(s) URL or a folder (a USB stick) with the repo layout.

Order of checks (docs/sync.md): manifest size cap → Ed25519 signature against the pinned keys (each
root's list followed through the publisher's key lists, one version at a time: keylists.py) →
no lower version (rollback), no older `created` (replay) → not past `expires` (stale) → plan a
delta or a snapshot per dataset → free-space check → download each object to `<sha>.part`
(resuming with Range/If-Range, size enforced while reading) → size and sha256 → rename → apply all
in one transaction. A file lock keeps two processes from syncing one data folder at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import logging
import os
import re
import shutil
import socket
import ssl
import stat
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Protocol

import requests
import urllib3
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from filelock import FileLock, Timeout
from requests.adapters import HTTPAdapter
from sqlalchemy import Connection, Engine
from urllib3.util.retry import Retry

from ipdesk.domain.amounts import size_pair
from ipdesk.domain.i18n import Text, local_time_text
from ipdesk.domain.shown_text import quoted_name
from ipdesk.services.db import bulk_registry_write, refuse_if_read_only
from ipdesk.services.resources import resource_path
from ipdesk.services.sync.apply import (
    COMPARE_MAX_ROWS,
    ApplyItem,
    apply_items,
    delta_applies,
    imported_rows_at_risk,
    local_content,
    owned_row_count,
    read_contents,
)
from ipdesk.services.sync.changes import ChangePage, read_changes
from ipdesk.services.sync.errors import (
    DiskFullError,
    DownloadError,
    ObjectIntegrityError,
    PublisherChangedError,
    RemovalsHeldError,
    RollbackError,
    SignatureError,
    StaleSourceError,
    SyncBusyError,
    SyncCancelledError,
    SyncError,
    SyncYieldedError,
    UntrustedPublisherError,
)
from ipdesk.services.sync.keylists import KeyChain, KeyHistory, follow_key_lists, read_newest
from ipdesk.services.sync.manifest import (
    MANIFEST_NAME,
    MAX_MANIFEST_BYTES,
    MAX_SIG_BYTES,
    SIG_SUFFIX,
    DatasetEntry,
    Manifest,
    ObjectRef,
    format_time,
    key_id,
    load_public_key,
    load_public_key_file,
    parse_time,
    public_key_text,
    signature_key_ids,
    utc_now,
    verify,
)
from ipdesk.services.sync.state import AppliedState, CheckState, load_state, read_applied, save_state

log = logging.getLogger("ipdesk.sync")

CHUNK = 64 * 1024
_DISK_ERRNOS = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
DEFAULT_KEY_FILE = ("keys", "publisher.pub")


class Cancellable(Protocol):
    @property
    def cancelled(self) -> bool: ...


class _YieldRequest:
    """A background sync's cancel flag: its own token, or a request to give way to an update
    someone asked for (a file, so that another process can ask too). A request older than this
    sync was left by someone who gave up waiting, and is ignored."""

    def __init__(self, request: Path, cancel: Cancellable | None) -> None:
        self._request = request
        self._cancel = cancel
        self._since = time.time()
        self.requested = False

    @property
    def cancelled(self) -> bool:
        if self._cancel is not None and self._cancel.cancelled:
            return True
        try:
            self.requested = self._request.stat().st_mtime >= self._since - 1
        except OSError:
            self.requested = False
        return self.requested


YIELD_WAIT_SECONDS = 60.0  # how long an update asked for waits for a background download to stop


class CancelToken:
    """A cancel flag the services check between chunks (the UI's token has the same shape)."""

    def __init__(self) -> None:
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled


@dataclass(frozen=True)
class SyncProgress:
    # check | download | retry (the connection dropped: trying again) | wait (for an import to finish) | apply | done
    phase: str
    done_bytes: int = 0
    total_bytes: int = 0
    eta_seconds: float | None = None
    dataset: str = ""
    records: int = 0  # apply: records applied so far, of total_records
    total_records: int = 0
    attempt: int = 0  # retry: the try about to be made, of `attempts`
    attempts: int = 0

    @property
    def finished(self) -> bool:
        return self.done_bytes >= self.total_bytes and self.records >= self.total_records


ProgressFn = Callable[[SyncProgress], None]
RetryFn = Callable[[int, int], None]


@dataclass(frozen=True)
class DownloadPolicy:
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    retries: int = 5
    # A refused connection or an unknown host is a clear answer, not a flaky link: one more try, then
    # say so, instead of ~30 s of backoff while a person waits on "check now". Dropped downloads are
    # still resumed `attempts` times.
    connect_retries: int = 1
    backoff: float = 1.0
    max_retry_after: float = 60.0
    min_rate: float = 2048.0  # bytes/s the overall deadline allows for
    min_deadline: float = 300.0  # seconds, however small the download
    attempts: int = 6  # resumptions of one object after a dropped connection
    # manifest.json, keys.json and their signatures are a few KB: a server that accepted the
    # connection and says nothing for this long is not going to (a hung proxy, a captive device).
    # One read retry: a check gives up within 2 × 12 s + backoff, not 6 × 30 s.
    small_read_timeout: float = 12.0
    small_read_retries: int = 1
    # a manifest whose signature does not verify is fetched again, with its signature, after this long
    # (a publish or an upload between the two files, a cache holding one of them: _torn_pair_error)
    refetch_delay: float = 1.0


def _causes(exc: BaseException | str) -> list[BaseException]:
    """The exception and what it wraps: requests' ConnectionError → urllib3's MaxRetryError → its
    reason (NameResolutionError, NewConnectionError) → the socket error (gaierror, ConnectionRefusedError),
    so a message can name the cause by its type, not by the words of one system's error text."""
    found: list[BaseException] = []
    todo = [exc] if isinstance(exc, BaseException) else []
    while todo:
        e = todo.pop()
        if e in found:
            continue
        found.append(e)
        todo += [x for x in (e.__cause__, e.__context__, getattr(e, "reason", None), *e.args)
                 if isinstance(x, BaseException)]
    return found


def system_tls_context() -> ssl.SSLContext | None:
    """Certificates checked against the operating system's trust store (truststore), as a browser on
    the same computer would: on Windows that includes roots Mozilla's list (certifi, requests'
    default) lacks, such as CFCA's, used by many Chinese government sites, and a centre's own proxy
    root. On Linux the system's CA files must exist (a bundle may run on a distribution whose
    OpenSSL looks elsewhere); without them, None: requests' own list."""
    try:
        import truststore
    except ImportError:  # pragma: no cover - a dependency; kept optional for odd installs
        return None
    if sys.platform.startswith("linux"):
        paths = ssl.get_default_verify_paths()
        if not any(p and os.path.exists(p) for p in (paths.cafile, paths.capath)):
            return None
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class _SystemTrustAdapter(HTTPAdapter):
    """HTTPS through `system_tls_context()` (requests' certifi list is still loaded into it, so
    nothing that verified before fails now)."""

    def __init__(self, **kwargs: Any) -> None:
        self._tls = system_tls_context()
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        if self._tls is not None:
            kwargs["ssl_context"] = self._tls
        super().init_poolmanager(*args, **kwargs)

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
        if self._tls is not None:
            kwargs["ssl_context"] = self._tls
        return super().proxy_manager_for(proxy, **kwargs)


class _CappedRetry(Retry):
    """urllib3 Retry that honours Retry-After but never sleeps longer than a cap."""

    max_retry_after: float = 60.0

    def get_retry_after(self, response: Any) -> float | None:
        value = super().get_retry_after(response)
        return None if value is None else min(value, self.max_retry_after)


def _plain_http_answer(causes: list[BaseException]) -> bool:
    """Whether a TLS handshake failed because the server answered in plain http (OpenSSL calls it
    a wrong version number or, from 3.2 on, a record layer failure), not over a certificate."""
    if any(isinstance(c, ssl.SSLCertVerificationError) for c in causes):
        return False
    text = " ".join(str(c) for c in causes).lower()
    return any(s in text for s in ("wrong_version_number", "wrong version number", "record layer failure",
                                   "record_layer_failure", "http_request", "packet length too long"))


def _size_text(size: int) -> tuple[str, str]:
    """(zh, en) of a file size as people read it: 6.2 MB, 310.5 KB, 900 字节 / bytes."""
    if size >= 1 << 20:
        text = f"{size / (1 << 20):.1f} MB"
        return text, text
    if size >= 1 << 10:
        text = f"{size / (1 << 10):.1f} KB"
        return text, text
    return f"{size} 字节", f"{size} bytes"


def _cut(msg: str) -> str:
    return msg[:300]


# --- sources -------------------------------------------------------------------------------------

class Source(Protocol):
    def describe(self) -> str: ...

    def fetch_small(self, name: str, cap: int, *, optional: bool = False) -> bytes | None: ...

    def download(self, name: str, part: Path, size: int, on_bytes: Callable[[int], None],
                 should_stop: Callable[[], None], on_retry: RetryFn | None = None) -> None:
        """Fetch `name` into `part` until it holds `size` bytes; `on_bytes(n)`: n more bytes kept (negative:
        bytes dropped, a server that ignored the resume sent the object from its start); `on_retry(k, n)`:
        the connection dropped and try k of n is about to be made (after a pause)."""
        ...


class ConnectionLostError(DownloadError):
    """A download that had started and then lost its server, with what is kept: `kept` of `total` bytes
    (of one object where the source raised it; of the whole update once `of_update` has said it so)."""

    def __init__(self, shown: str, kept: int, total: int, *, resumable: bool = True, detail: str = "") -> None:
        self.shown, self.kept, self.total, self.resumable = shown, kept, total, resumable
        done_zh, done_en = size_pair(kept, total, "zh_CN"), size_pair(kept, total, "en")
        if resumable:
            zh = f"与更新来源的连接中断（{shown}）。已下载的 {done_zh} 已保留，下次联网更新时从这里继续。"
            en = (f"The connection to the update source was lost ({shown}). The {done_en} downloaded are kept; "
                  "the next update continues from there.")
        else:
            zh = (f"与更新来源的连接中断（{shown}），已下载 {done_zh}。这个更新来源不支持断点续传，"
                  "下次联网更新时要从头下载；如经常中断，请告知发布者（网站服务器需支持 Range 请求）。")
            en = (f"The connection to the update source was lost ({shown}) after {done_en}. This source cannot "
                  "resume a download, so the next update starts it again; if it keeps happening, tell the "
                  "publisher (the web server must support Range requests).")
        super().__init__(zh, en, detail=detail)

    def of_update(self, done: int, total: int) -> ConnectionLostError:
        """The same loss said of the whole update: the figures its progress showed."""
        return ConnectionLostError(self.shown, done, total, resumable=self.resumable, detail=self.detail)


def _too_big(name: str, cap: int) -> SyncError:
    return SyncError(f"{name} 超过大小上限（{cap} 字节），已拒绝。", f"{name} exceeds its size cap ({cap} bytes): refused.")


def _open_ordinary(path: Path) -> BinaryIO:
    """Open a file of an update folder to read. A named pipe, a device or a socket in its place (a
    stick prepared to harm, a folder on a shared drive) raises OSError (EINVAL) instead of being
    opened: opening a pipe would block the check for ever, where no cancel reaches it."""
    if not stat.S_ISREG(path.stat().st_mode):  # FileNotFoundError when missing, as open() would
        raise OSError(errno.EINVAL, "not an ordinary file", str(path))
    return path.open("rb")


class FolderSource:
    """A folder (USB stick) with the repository layout."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def describe(self) -> str:
        return str(self.root)

    def fetch_small(self, name: str, cap: int, *, optional: bool = False) -> bytes | None:
        path = self.root / name
        if self.root.is_file():  # a file named where the folder is wanted: not "not found"
            raise DownloadError(
                f"{quoted_name(self.root)} 是一个文件，不是文件夹：请选择存放更新的文件夹（其中有 manifest.json）。",
                f"{quoted_name(self.root)} is a file, not a folder: choose the folder that holds the update "
                "(with manifest.json in it).",
            )
        if not self.root.is_dir():  # a USB stick not plugged in, or a mistyped path
            raise DownloadError(
                f"找不到更新文件夹：{quoted_name(self.root)}。请插好 U 盘，或重新选择文件夹。",
                f"The update folder was not found: {quoted_name(self.root)}. Plug in the USB stick, or choose the folder again.",
            )
        try:
            with _open_ordinary(path) as fh:
                data = fh.read(cap + 1)
        except FileNotFoundError:
            if optional:
                return None
            inner = self._sub_folder_holding(name) if name == MANIFEST_NAME else None
            if inner is not None:
                rel = inner.relative_to(self.root)
                raise DownloadError(
                    f"更新来源中缺少 {name}：{quoted_name(self.root)}。更新文件在它的子文件夹“{quoted_name(rel)}”中：请选择这个文件夹（{quoted_name(inner)}）。",
                    f"{name} is missing in the update source {quoted_name(self.root)}. The update is in its sub-folder "
                    f"\"{quoted_name(rel)}\": choose that folder ({quoted_name(inner)}).",
                ) from None
            if name == MANIFEST_NAME:  # a folder of something else: say so plainly
                raise DownloadError(
                    f"这个文件夹不是 ipdesk 更新源：其中没有 {name}（U 盘上的更新包应有这个文件）：{quoted_name(self.root)}",
                    f"This folder is not an ipdesk update source: it has no {name} (an update on a USB stick "
                    f"has one): {quoted_name(self.root)}",
                ) from None
            raise DownloadError(f"更新来源中缺少 {name}：{quoted_name(self.root)}", f"{name} is missing in the update source "
                                f"{quoted_name(self.root)}") from None
        except OSError as exc:
            raise DownloadError(f"无法读取更新来源：{quoted_name(path)}", f"Cannot read the update source: {quoted_name(path)}",
                                detail=str(exc)) from exc
        if len(data) > cap:
            raise _too_big(name, cap)
        return data

    def _sub_folder_holding(self, name: str) -> Path | None:
        """The folder one or two levels down that holds `name` (the stick's root chosen instead of
        the update folder on it)."""
        with contextlib.suppress(OSError):
            for pattern in (f"*/{name}", f"*/*/{name}"):
                found = sorted(p.parent for p in self.root.glob(pattern) if p.is_file())
                if found:
                    return found[0]
        return None

    @staticmethod
    def _short(name: str) -> str:
        """objects/ab8a61e930a2… : enough of a hash to find the file, not a line of hex."""
        short = name.split("/")[-1][:12] + "…"
        return f"{name.rsplit('/', 1)[0]}/{short}" if "/" in name else short

    def missing(self, name: str) -> ObjectIntegrityError:
        """A file the signed manifest lists that is not on the stick: a copy that left it out (or was
        stopped), to be made again, as for a damaged file."""
        where = self._short(name)
        return ObjectIntegrityError(
            f"更新文件夹中缺少 {where}：复制不完整。请重新完整复制更新文件夹（{quoted_name(self.root)}）后再试。未做任何更改。",
            f"{where} is missing in the update folder: the copy is incomplete. Copy the update folder "
            f"({quoted_name(self.root)}) again completely, then retry. Nothing was changed.",
            detail=str(self.root / name),
        )

    def size_of(self, name: str) -> int | None:
        """The size of a file of the folder; None when it is not there (or not an ordinary file)."""
        try:
            info = (self.root / name).stat()
        except OSError:
            return None
        return info.st_size if stat.S_ISREG(info.st_mode) else None

    def damaged(self, name: str, size: int) -> ObjectIntegrityError:
        """A file on the stick that is shorter than or different from what the manifest signed: a
        copy that was cut short or went wrong, to be made again."""
        path = self.root / name
        try:
            actual = path.stat().st_size
        except OSError:
            actual = 0
        where = self._short(name)
        if actual < size:
            have_zh, have_en = _size_text(actual)
            want_zh, want_en = _size_text(size)
            return ObjectIntegrityError(
                f"更新文件夹中的 {where} 不完整（{have_zh}，应为 {want_zh}）：复制没有完成。"
                f"请重新完整复制更新文件夹（{quoted_name(self.root)}）后再试。未做任何更改。",
                f"{where} in the update folder is incomplete ({have_en} of {want_en}): the copy did not "
                f"finish. Copy the update folder ({quoted_name(self.root)}) again completely, then retry. Nothing was changed.",
                detail=str(path),
            )
        return ObjectIntegrityError(
            f"更新文件夹中的 {where} 已损坏（与签名清单不符）：请重新完整复制更新文件夹（{quoted_name(self.root)}）后再试。"
            "未做任何更改。",
            f"{where} in the update folder is damaged (it does not match the signed manifest): copy the "
            f"update folder ({quoted_name(self.root)}) again completely, then retry. Nothing was changed.",
            detail=str(path),
        )

    def download(self, name: str, part: Path, size: int, on_bytes: Callable[[int], None],
                 should_stop: Callable[[], None], on_retry: RetryFn | None = None) -> None:
        have = part.stat().st_size if part.exists() else 0
        try:
            with _open_ordinary(self.root / name) as src, part.open("ab" if have else "wb") as dst:
                src.seek(have)
                while have < size:
                    should_stop()
                    chunk = src.read(min(CHUNK * 4, size - have))
                    if not chunk:
                        break
                    dst.write(chunk)
                    have += len(chunk)
                    on_bytes(len(chunk))
        except FileNotFoundError:
            raise self.missing(name) from None


_NO_CACHE = {"Cache-Control": "no-cache", "Pragma": "no-cache"}


class HttpSource:
    """An http(s) base URL: a web server, an object store or a CDN serving the repository files."""

    def __init__(self, base_url: str, policy: DownloadPolicy | None = None) -> None:
        self.base = base_url.rstrip("/") + "/"
        self.shown = quoted_name(self.base)  # as a message quotes it: on one line, no override obeyed
        self.policy = policy or DownloadPolicy()
        retry = _CappedRetry(
            total=self.policy.retries, connect=min(self.policy.retries, self.policy.connect_retries),
            read=self.policy.retries,
            status=self.policy.retries, backoff_factor=self.policy.backoff, backoff_max=30,
            status_forcelist=(408, 429, 500, 502, 503, 504), allowed_methods=("GET", "HEAD"),
            respect_retry_after_header=True, raise_on_status=False,
        )
        retry.max_retry_after = self.policy.max_retry_after
        self.session = requests.Session()
        self.session.mount("http://", HTTPAdapter(max_retries=retry))
        self.session.mount("https://", _SystemTrustAdapter(max_retries=retry))
        self.session.headers["User-Agent"] = "ipdesk-sync/1"
        self.session.headers["Accept-Encoding"] = "identity"  # objects are compressed already; bytes must match
        small_retry = retry.new(read=min(self.policy.retries, self.policy.small_read_retries))
        small_retry.max_retry_after = self.policy.max_retry_after
        # set when a resume was answered with the whole object again (python -m http.server does so):
        # what a dropped download keeps is then no head start for the next sync
        self.ignores_range = False
        self.small_session = requests.Session()
        self.small_session.mount("http://", HTTPAdapter(max_retries=small_retry))
        self.small_session.mount("https://", _SystemTrustAdapter(max_retries=small_retry))
        self.small_session.headers.update(self.session.headers)

    def describe(self) -> str:
        return self.base

    def _timeout(self) -> tuple[float, float]:
        return (self.policy.connect_timeout, self.policy.read_timeout)

    def _error(self, name: str, exc: BaseException | str) -> DownloadError:
        text = str(exc)
        causes = _causes(exc)
        if any(isinstance(c, (urllib3.exceptions.NameResolutionError, socket.gaierror)) for c in causes):
            host = quoted_name(urllib.parse.urlparse(self.base).hostname or self.base)
            return DownloadError(
                f"找不到更新来源的服务器 {host}：请核对网址，或检查这台电脑是否已联网。",
                f"The update source's server {host} was not found: check the address, or whether this computer "
                "is online.",
                detail=_cut(text),
            )
        if any(isinstance(c, ConnectionRefusedError) for c in causes):
            return DownloadError(
                f"更新来源的服务器拒绝连接（{self.shown}）：请核对网址和端口；如网址无误，可能是服务器暂停服务，稍后再试。",
                f"The update source's server refused the connection ({self.shown}): check the address and port; if "
                "they are right, the server may be down, so try again later.",
                detail=_cut(text),
            )
        if any(isinstance(c, (requests.Timeout, urllib3.exceptions.TimeoutError, TimeoutError)) for c in causes):
            return DownloadError(
                f"更新来源的服务器没有响应（{self.shown}）：它在限定时间内没有回答。请稍后再试；如一直如此，"
                "请核对网址，或请网络管理员检查代理和防火墙。",
                f"The update source's server does not respond ({self.shown}): it did not answer in time. Try "
                "again later; if it persists, check the address, or ask the network administrator to check the "
                "proxy and firewall.",
                detail=_cut(text),
            )
        if isinstance(exc, requests.exceptions.SSLError) and _plain_http_answer(causes):
            plain = quoted_name("http://" + self.base.split("://", 1)[1])
            return DownloadError(
                f"更新来源（{self.shown}）不支持加密连接（https）：它是普通的 http 服务器。请把网址改为 {plain}，"
                "或请管理员为它开启 https。",
                f"The update source ({self.shown}) does not speak encrypted connections (https): it is a plain "
                f"http server. Change the address to {plain}, or ask its administrator to enable https.",
                detail=_cut(text),
            )
        if isinstance(exc, requests.exceptions.SSLError):
            return DownloadError(
                f"无法与更新来源建立安全连接（{self.shown}）：它的证书不受这台电脑信任，或者网络中有设备拦截了加密连接。"
                "请核对网址，或请网络管理员处理。",
                f"Could not make a secure connection to the update source ({self.shown}): its certificate is not "
                "trusted by this computer, or a device on the network intercepts encrypted connections. Check the "
                "address, or ask the network administrator.",
                detail=_cut(str(exc)),
            )
        return DownloadError(f"无法从更新来源下载 {name}（{self.shown}）。下次联网时会继续。",
                             f"Could not download {name} from the update source ({self.shown}). "
                             "The next sync continues where this one stopped.", detail=_cut(str(exc)))

    def _status_error(self, name: str, status: int) -> DownloadError:
        """A clear answer from the server that will not change by itself: say what to check, not
        "the next sync continues"."""
        if status in (401, 403):
            return DownloadError(
                f"更新来源的服务器拒绝访问（HTTP {status}）：{quoted_name(self.base + name)}。请核对网址；如网址无误，"
                "请发布者检查服务器上这些文件的访问权限。",
                f"The update source's server refused access (HTTP {status}): {quoted_name(self.base + name)}. Check the "
                "address; if it is right, ask the publisher to check the files' permissions on the server.",
            )
        if status in (404, 410) and name == MANIFEST_NAME:
            return DownloadError(
                f"在这个网址下找不到更新（HTTP {status}）：{self.shown}。请核对网址，应为包含 {MANIFEST_NAME} "
                "的文件夹地址。",
                f"No update was found at this address (HTTP {status}): {self.shown}. Check the address: it "
                f"should be the folder that holds {MANIFEST_NAME}.",
            )
        if status in (404, 410):
            return DownloadError(
                f"更新来源中缺少 {name}（HTTP {status}）：{self.shown}。发布者可能正在上传，请稍后再试；"
                "如一直如此，请告知发布者。",
                f"{name} is missing at the update source (HTTP {status}): {self.shown}. The publisher may be "
                "uploading; try again later, and tell the publisher if it persists.",
            )
        return self._error(name, f"HTTP {status}")

    def _interrupted(self, name: str, part: Path, size: int, exc: BaseException) -> DownloadError:
        """A download that had started and then lost its server: not "check the address" (it was right a
        moment ago), but how much is kept for the next sync (`ConnectionLostError.of_update` says it of
        the whole update, as its progress did)."""
        kept = part.stat().st_size if part.exists() else 0
        if not kept:
            return self._error(name, exc)
        return ConnectionLostError(self.shown, kept, size, resumable=not self.ignores_range, detail=_cut(str(exc)))

    def fetch_small(self, name: str, cap: int, *, optional: bool = False) -> bytes | None:
        try:
            timeout = (self.policy.connect_timeout, min(self.policy.read_timeout, self.policy.small_read_timeout))
            # manifest.json, keys.json and their signatures change with every publish: never an old copy
            # from a cache between here and the server (a proxy, a CDN that honours it)
            with self.small_session.get(self.base + name, stream=True, timeout=timeout,
                                        headers=_NO_CACHE) as resp:
                if resp.status_code in (403, 404, 410) and optional:
                    return None
                if resp.status_code != 200:
                    raise self._status_error(name, resp.status_code)
                length = resp.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > cap:
                    raise _too_big(name, cap)
                data = bytearray()
                for chunk in resp.iter_content(CHUNK):
                    data += chunk
                    if len(data) > cap:
                        raise _too_big(name, cap)
                return bytes(data)
        except requests.RequestException as exc:
            raise self._error(name, exc) from exc

    def download(self, name: str, part: Path, size: int, on_bytes: Callable[[int], None],
                 should_stop: Callable[[], None], on_retry: RetryFn | None = None) -> None:
        validator_file = part.with_name(part.name + ".validator")
        attempt = 0
        while True:
            have = part.stat().st_size if part.exists() else 0
            if have >= size:
                return
            headers = {}
            if have:
                headers["Range"] = f"bytes={have}-"
                if validator_file.exists():
                    headers["If-Range"] = validator_file.read_text(encoding="ascii").strip()
            try:
                self._fetch_into(name, part, have, size, headers, validator_file, on_bytes, should_stop)
                return
            except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError,
                    urllib3.exceptions.HTTPError, OSError) as exc:
                if isinstance(exc, OSError) and exc.errno in _DISK_ERRNOS:
                    raise
                attempt += 1
                if attempt >= self.policy.attempts:
                    raise self._interrupted(name, part, size, exc) from exc
                log.info("download of %s interrupted (%s); resuming (attempt %d)", name, exc, attempt + 1)
                if on_retry is not None:  # said while it waits: a pause of seconds, not a frozen "n s left"
                    on_retry(attempt + 1, self.policy.attempts)
                should_stop()
                time.sleep(min(30.0, self.policy.backoff * (2 ** (attempt - 1))))
                should_stop()

    def _fetch_into(self, name: str, part: Path, have: int, size: int, headers: dict[str, str],
                    validator_file: Path, on_bytes: Callable[[int], None], should_stop: Callable[[], None]) -> None:
        with self.session.get(self.base + name, headers=headers, stream=True, timeout=self._timeout()) as resp:
            if resp.status_code == 206 and have:
                start = resp.headers.get("Content-Range", "").removeprefix("bytes ").split("-")[0]
                if start != str(have):
                    raise DownloadError("更新来源返回的续传范围不对。", "The source answered the wrong resume range.",
                                        detail=resp.headers.get("Content-Range", ""))
                mode = "ab"
            elif resp.status_code == 200:
                if have:  # the server ignored Range (or the object changed): start again
                    same = resp.headers.get("ETag") or resp.headers.get("Last-Modified")
                    if "If-Range" not in headers or same == headers["If-Range"]:  # the same object, not resumed
                        self.ignores_range = True
                    on_bytes(-have)  # the bytes counted are written again: the progress goes back with them
                have = 0
                mode = "wb"
            elif resp.status_code == 416:
                part.unlink(missing_ok=True)
                raise requests.ConnectionError("416 range not satisfiable; restarting")
            elif resp.status_code in (401, 403, 404, 410):
                raise self._status_error(name, resp.status_code)
            else:
                raise self._error(name, f"HTTP {resp.status_code}")
            validator = resp.headers.get("ETag") or resp.headers.get("Last-Modified")
            if validator and not validator.startswith("W/"):
                validator_file.write_text(validator, encoding="ascii")
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and have + int(length) > size:
                log.warning("%s: the source announces %s bytes, more than the signed %d; reading only those",
                            name, length, size - have)
            with part.open(mode) as out:
                while True:
                    should_stop()
                    # read1 hands over whatever has arrived, so a dropped connection loses nothing received
                    chunk = resp.raw.read1(CHUNK)
                    if not chunk:
                        break
                    room = size - have
                    if len(chunk) > room:
                        chunk = chunk[:room]  # never store more than the signed size: cut the server off
                    out.write(chunk)
                    have += len(chunk)
                    on_bytes(len(chunk))
                    if have >= size:
                        break
            if have < size:
                raise requests.exceptions.ChunkedEncodingError(f"connection closed at {have} of {size} bytes")


_QUOTES = "\"'“”‘’「」"
# http//host, https//host, http:/host, http:host: a web address with the "://" mistyped
_MISTYPED_SCHEME = re.compile(r"(?i)^(https?)(?:://|:/|//|:)(?!/)(\S.*)$")
# host:port[/path] (a web server's address without http://): not a Windows drive (C:\…)
_HOST_PORT = re.compile(r"^(localhost|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:]+\]):(\d{1,5})(/.*)?$")
# www.example.com/ipdesk or 192.168.1.10/updates: perhaps a web address, if no such folder exists
_HOST_ONLY = re.compile(r"^(?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]+(?:/.*)?$")


def normalize_location(location: str) -> str:
    """A source as typed, pasted or written into settings.json by an installer, made usable:
    whitespace and surrounding quotes (Windows "Copy as path") removed, a mistyped "://" or a
    missing http:// before host:port put right, and an address pointing at manifest.json itself
    taken as its folder."""
    text = location.strip()
    while len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    mistyped = _MISTYPED_SCHEME.match(text)
    if mistyped:
        text = f"{mistyped.group(1).lower()}://{mistyped.group(2).strip()}"
    elif _HOST_PORT.match(text) and not Path(text).exists():
        text = "http://" + text
    if text.lower().startswith(("http://", "https://")):
        text = re.sub(rf"/{re.escape(MANIFEST_NAME)}/?$", "/", text)
    return text


def malformed_web_address(location: str) -> bool:
    """An http(s) address no server can have (`http://[::1`, `http://host:99999/`, a space in the host):
    checking it would end in "could not download, will try again" every time. A folder is never one."""
    location = normalize_location(location)
    if not location.lower().startswith(("http://", "https://")):
        return False
    try:
        parts = urllib.parse.urlsplit(location)
        host, _port = parts.hostname, parts.port  # .port raises on a port that is no number or out of range
    except ValueError:
        return True
    return not host or any(ch.isspace() or ch in '<>"{}|\\^`' for ch in host)


def check_web_address(location: str) -> None:
    """Refuse a malformed http(s) address in words (`malformed_web_address`)."""
    if malformed_web_address(location):
        shown = quoted_name(normalize_location(location))
        raise SyncError(f"更新来源的网址格式不对：{shown}。请核对（例如 https://updates.example.cn/ipdesk/）。",
                        f"The update source's address is not well formed: {shown}. Please check it "
                        "(for example https://updates.example.cn/ipdesk/).")


def make_source(location: str, policy: DownloadPolicy | None = None) -> Source:
    location = normalize_location(location)
    if location.lower().startswith(("http://", "https://")):
        check_web_address(location)
        return HttpSource(location, policy)
    scheme = location.split("://", 1)[0] if "://" in location else ""
    if scheme and scheme.lower() != "file":
        raise SyncError(f"不支持这种更新来源：{quoted_name(location)}。请用 https:// 或 http:// 网址，或者一个文件夹（U 盘）。",
                        f"This kind of update source is not supported: {quoted_name(location)}. Use an https:// or http:// "
                        "address, or a folder (USB stick).")
    if location.startswith("file:"):
        # file:///C:/updates → C:\updates on Windows, /updates elsewhere; %20 and the like decoded
        parsed = urllib.parse.urlparse(location)
        location = urllib.request.url2pathname(parsed.path)
        if parsed.netloc and parsed.netloc != "localhost":
            location = f"//{parsed.netloc}{location}"  # file://server/share: a network share
    path = Path(location)
    if path.name == MANIFEST_NAME and path.is_file():
        path = path.parent  # the manifest chosen instead of its folder
    if not path.exists() and _HOST_ONLY.match(location):
        raise DownloadError(
            f"找不到更新文件夹：{quoted_name(location)}。如果这是网址，请在前面加上 http:// 或 https://"
            f"（例如 http://{quoted_name(location)}）。",
            f"The update folder was not found: {quoted_name(location)}. If this is a web address, put http:// or "
            f"https:// in front of it (for example http://{quoted_name(location)}).",
        )
    return FolderSource(path)


# --- the check-and-apply flow ------------------------------------------------------------------

# Disk space an apply takes, measured (QA, 2026-11): a 6.66 MB download of 102,957 patent records
# grew the database by 113 MB and left a 114 MB WAL (the one transaction's pages, all in the WAL
# until the checkpoint copies them into the grown file: both exist at once). That is 17× the
# compressed size, or ~1.1 KB a record, for *each* of the two. Records carry the index (search_doc
# and three FTS tables) whatever they compress to, so take the larger of both estimates, with a
# margin of about half again: 25× the compressed size or 1,700 bytes a record, twice (database
# growth and WAL), plus 16 MiB for SQLite's own scratch space.
GROWTH_PER_COMPRESSED_BYTE = 25
GROWTH_PER_RECORD = 1700
APPLY_SLACK = 16 << 20


def apply_space_needed(check: CheckResult) -> int:
    """Bytes the database's disk needs free to apply `check` (growth and the WAL at once)."""
    compressed = sum(item.ref.size for item in check.items)
    records = sum(item.ref.records for item in check.items)
    growth = max(GROWTH_PER_COMPRESSED_BYTE * compressed, GROWTH_PER_RECORD * records)
    return 2 * growth + APPLY_SLACK


LEGACY_CHAIN = "legacy"


def _torn_pair_error(exc: SignatureError, source: Source) -> SignatureError:
    """A manifest whose signature still does not verify when the pair was fetched again: say that the
    two files may come from two publishes (a publish or an upload in progress, a cache holding an old
    copy of one), not only that a file was altered (QA 20c N8). A signature file that cannot be read
    keeps its own words."""
    if "cannot be read" in exc.en:
        return SignatureError(exc.zh, exc.en, detail=exc.detail)
    sig = MANIFEST_NAME + SIG_SUFFIX
    return SignatureError(
        f"{MANIFEST_NAME} 的签名无效（重新下载后仍是如此）：{MANIFEST_NAME} 和 {sig} 这两个文件可能来自两次不同的"
        "发布——发布者正在发布或上传，或者服务器、CDN 的缓存里还留着其中一个的旧版本；也可能文件被改动过或已损坏。"
        f"请稍后再试；如一直如此，请告知发布者（这两个文件要一起上传，CDN 缓存要一起刷新）。未做任何更改。",
        f"The signature of {MANIFEST_NAME} is invalid (still so when fetched again): {MANIFEST_NAME} and {sig} "
        "may come from two different publishes (the publisher is publishing or uploading, or a server's or "
        "CDN's cache still holds an old copy of one of them), or a file was altered or damaged. Try again "
        "later; if it persists, tell the publisher (the two files are uploaded together, and purged from a "
        "CDN's cache together). Nothing was changed.",
        detail=f"{source.describe()}: {exc.detail or exc.en}",
    )

_KEY_FILE_SUFFIXES = (".pub", ".pem", ".key", ".txt")


def trusted_key_entry(entry: str, data_dir: Path) -> Ed25519PublicKey | Text:
    """One entry of the `trusted_keys` setting: the key (base64 as in a .pub file, or PEM), or the
    .pub file it names (an absolute path, or one relative to the data folder, as a management tool
    may write it), else why it cannot be used (settings.json named, and the entry)."""
    text = entry.strip()
    while len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    shown = text if len(text) <= 60 else text[:57] + "…"
    if "PRIVATE KEY" in text:
        return _private_key_entry(shown)
    try:
        return load_public_key(text)
    except SyncError:
        pass
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = data_dir / path
    looks_like_path = any(c in text for c in "/\\") or text.lower().endswith(_KEY_FILE_SUFFIXES)
    try:
        is_file = path.is_file()
    except OSError:
        is_file = False
    if not is_file:
        if looks_like_path:
            return Text(f"settings.json：trusted_keys 中的“{shown}”找不到这个文件，已忽略。",
                        f'settings.json: trusted_keys entry "{shown}": no such file; ignored.')
        return Text(f"settings.json：trusted_keys 中的“{shown}”不是公钥（应为 .pub 文件中的那行文字，"
                    "或 .pub 文件的路径），已忽略。",
                    f'settings.json: trusted_keys entry "{shown}" is not a public key (it should be the line '
                    "in the .pub file, or the .pub file's path); ignored.")
    try:
        content = path.read_bytes()[:1 << 16].decode("utf-8-sig", errors="replace")
    except OSError:
        content = ""
    if "PRIVATE KEY" in content:
        return _private_key_entry(shown)
    try:
        return load_public_key_file(path)
    except SyncError:
        return Text(f"settings.json：trusted_keys 中的文件“{shown}”不是发布者公钥（.pub 文件），已忽略。",
                    f'settings.json: trusted_keys entry "{shown}": the file is not a publisher public key '
                    "(.pub file); ignored.")


def _private_key_entry(shown: str) -> Text:
    return Text(f"settings.json：trusted_keys 中的“{shown}”是私钥，不是公钥，已忽略。私钥只应留在发布者的电脑上；"
                "这里请用同名的 .pub 文件。",
                f'settings.json: trusted_keys entry "{shown}" is a private key, not a public key; ignored. The '
                "private key belongs on the publisher's computer only: use the .pub file of the same name here.")


def _switch_hint(kid: str) -> tuple[str, str]:
    """Said with a refusal when the last update recorded no publisher key (applied by an older ipdesk)."""
    return (f"如果这个来源来自另一个发布者（它的清单由密钥 {kid} 签名），而你要改用它，请运行 ipdesk sync "
            "--switch-publisher（窗口会询问是否改用）。",
            f" If this source is from another publisher (its manifest is signed by key {kid}) and you mean to "
            "switch to it, run ipdesk sync --switch-publisher (the window asks).")


@dataclass(frozen=True)
class PlannedDataset:
    name: str
    local_version: int
    new_version: int
    method: str
    size: int
    records: int


@dataclass(frozen=True)
class CheckResult:
    """What the source offers compared with the local data (nothing downloaded yet)."""

    source: str
    manifest: Manifest
    key_id: str
    plan: tuple[PlannedDataset, ...]
    items: tuple[ApplyItem, ...] = field(repr=False, default=())
    # (zh, en) said with an up-to-date result, e.g. that this computer has newer data than the source
    note: tuple[str, str] = ("", "")
    root: str = ""  # the trusted root key (id) whose key list verified the manifest: the publisher's lineage
    # a publisher switch asked for and planned: the key id of the last update's publisher ("?" when
    # that update recorded none); every dataset then comes as a snapshot and the baseline starts again
    switched_from: str = ""
    # datasets whose data here already are the published version's (nothing to download): the next
    # apply records them as that version; a check that finds nothing else records them alone
    adopted: tuple[DatasetEntry, ...] = field(repr=False, default=())

    @property
    def up_to_date(self) -> bool:
        return not self.items

    @property
    def download_bytes(self) -> int:
        return sum(p.size for p in self.plan)


@dataclass(frozen=True)
class SyncResult:
    check: CheckResult
    applied: AppliedState | None
    downloaded_bytes: int
    reused_bytes: int
    seconds: float


class SyncService:
    """The client side of sync for one data folder and one database."""

    def __init__(self, engine: Engine, data_dir: Path, *, update_source: str = "",
                 trusted_keys: Sequence[str] = (), policy: DownloadPolicy | None = None,
                 default_key_file: Path | None = None, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self.engine = engine
        self.data_dir = data_dir
        self.update_source = update_source
        self.trusted_keys = list(trusted_keys)
        self.policy = policy or DownloadPolicy()
        self.default_key_file = default_key_file or resource_path(*DEFAULT_KEY_FILE)
        self.clock = clock
        self.cache = data_dir / "sync" / "objects"
        self._max_rate = 0.0
        self._key_problems: list[Text] = []  # entries of `trusted_keys` that are no key (`_settings_keys`)
        self._seen_expires = ""  # the expiry of the manifest the running check verified

    # -- keys

    def _key_chains(self, extra: Iterable[Ed25519PublicKey]) -> list[KeyChain]:
        """The publisher key lists to verify with, one per trusted root key: the bundled key, the
        keys trusted in settings and those given for this run (`extra`). Each starts as its root and
        follows the keys.json its own current keys signed (rotation); see `_follow_key_lists`."""
        state = load_state(self.data_dir)
        roots: list[Ed25519PublicKey] = []
        if self.default_key_file.exists():
            roots.append(load_public_key_file(self.default_key_file))
        roots += self._settings_keys()
        roots += list(extra)
        chains: list[KeyChain] = []
        for root in roots:
            rid = key_id(root)
            if any(c.root == rid for c in chains):
                continue
            stored = state.keysets.get(rid)
            if stored and stored.get("keys"):
                chains.append(KeyChain(rid, int(stored.get("version", 0)),
                                       [load_public_key(str(k)) for k in stored["keys"]]))
            else:
                chains.append(KeyChain(rid, 0, [root]))
        # a list followed before lists were kept per root: its root is not known, so it stays a
        # list of its own (the bundled key's own list starts again from the bundled key)
        legacy = state.keysets.get(LEGACY_CHAIN) or (
            {"version": state.keyset_version, "keys": state.keyset} if state.keyset else None)
        if legacy and legacy.get("keys"):
            chains.append(KeyChain(LEGACY_CHAIN, int(legacy.get("version", 0)),
                                   [load_public_key(str(k)) for k in legacy["keys"]]))
        return chains

    def _settings_keys(self) -> list[Ed25519PublicKey]:
        """The keys of the `trusted_keys` setting. An entry that is no key is skipped (the bundled key
        and the other entries still verify), logged, and named with a refusal (`_settings_note`); an
        entry naming a .pub file (absolute, or relative to the data folder) is read from it."""
        keys: list[Ed25519PublicKey] = []
        problems: list[Text] = []
        for entry in self.trusted_keys:
            found = trusted_key_entry(entry, self.data_dir)
            if isinstance(found, Text):
                problems.append(found)
            else:
                keys.append(found)
        if problems and problems != self._key_problems:
            for problem in problems:
                log.warning("%s", problem.en)
        self._key_problems = problems
        return keys

    def _settings_note(self, *names: str) -> Text | None:
        """What settings.json held for `names` that could not be used (ignored values, key entries
        that are no key), said with a refusal those settings may explain."""
        from ipdesk.services.settings import problems_note

        note = problems_note(self.data_dir, *names)
        parts = ([note] if note else []) + (self._key_problems if "trusted_keys" in names else [])
        if not parts:
            return None
        return Text("".join(p.zh for p in parts), " ".join(p.en for p in parts))

    def add_settings_note(self, exc: SyncError, *names: str) -> None:
        """Add to a refusal what settings.json held for `names` that was not used, as the reason it
        may have: ignored trusted keys to a signature refusal (the default), an ignored update source
        to "no update source"."""
        names = names or (("trusted_keys",) if isinstance(exc, SignatureError) else ())
        note = self._settings_note(*names) if names else None
        if note is None or note.en in exc.en:
            return
        exc.zh, exc.en = f"{exc.zh}（{note.zh}）", f"{exc.en} ({note.en})"
        exc.args = (exc.en,)
        exc.settings_note = note  # type: ignore[attr-defined]  # the window says it with its own words

    def _follow_key_lists(self, source: Source, chains: list[KeyChain], manifest_sig: bytes,
                          cancel: Cancellable | None = None) -> tuple[list[KeyChain], list[SyncError]]:
        """Read the source's keys.json (optional) and walk each root's list up to it, one version at a
        time through `keys/<version>.json` (keylists.py). A list moves only along lists its own current
        keys signed: a private publisher's keys.json cannot displace the bundled key. Returns the lists
        that changed, and why a list of this publisher's could not be followed (said if the manifest
        then cannot be verified)."""
        newest = read_newest(source)
        if newest is None:
            return [], []
        history = KeyHistory(source, newest, lambda: self._stop_if_cancelled(cancel))
        return follow_key_lists(history, chains, signature_key_ids(manifest_sig))

    def _save_key_lists(self, changed: list[KeyChain]) -> None:
        if not changed:
            return
        state = load_state(self.data_dir)
        if state.keyset and LEGACY_CHAIN not in state.keysets:
            state.keysets[LEGACY_CHAIN] = {"version": state.keyset_version, "keys": list(state.keyset)}
        state.keyset, state.keyset_version = [], 0
        for chain in changed:
            state.keysets[chain.root] = {"version": chain.version, "keys": [public_key_text(k) for k in chain.keys]}
        save_state(self.data_dir, state)

    # -- check

    def resolve_source(self, location: str | None) -> Source:
        location = location or self.update_source
        if not location:
            exc = SyncError("没有设置更新来源。请在“数据与同步”中填写网址或选择文件夹（U 盘）。",
                            'No update source is set. Enter a URL or choose a folder (USB stick) in "Data & sync".')
            self.add_settings_note(exc, "update_source")
            raise exc
        return make_source(location, self.policy)

    def check(self, location: str | None = None, *, extra_keys: Iterable[Ed25519PublicKey] = (),
              follow_keys: bool = False, cancel: Cancellable | None = None,
              switch_publisher: bool | str = False) -> CheckResult:
        """Fetch and verify the manifest and plan what would change. Records the outcome (not a key
        change: a newer keys.json is used for this check, and kept only by a sync, `follow_keys`).
        `cancel` is looked at between the files fetched: a cancelled check records nothing.
        `switch_publisher`: a manifest of another trusted publisher than the last update's is taken
        (its package versions are not compared with the other publisher's; see `_publisher_switch`)."""
        source = self.resolve_source(location)
        state = load_state(self.data_dir)
        state.last_check = format_time(self.clock())
        state.source = source.describe()
        self._seen_expires = ""
        try:
            result = self._check(source, list(extra_keys), follow_keys, cancel, switch_publisher)
        except SyncCancelledError:
            raise
        except SyncError as exc:
            self.add_settings_note(exc)
            state.outcome = "stale" if isinstance(exc, StaleSourceError) else "error"
            state.message_zh, state.message_en = exc.zh, exc.en
            if self._seen_expires:  # a stale (or refused) manifest whose signature verified
                state.source_expires = self._seen_expires
            save_state(self.data_dir, state)
            raise
        state = load_state(self.data_dir)  # keys.json may have updated it
        state.last_check = state.last_success = format_time(self.clock())
        state.source = source.describe()
        state.source_expires = format_time(result.manifest.expires)
        state.outcome = "up_to_date" if result.up_to_date else "available"
        state.available_version = result.manifest.version
        state.message_zh, state.message_en = result.note
        save_state(self.data_dir, state)
        return result

    def _check(self, source: Source, extra: list[Ed25519PublicKey], follow_keys: bool,
               cancel: Cancellable | None = None, switch_publisher: bool | str = False) -> CheckResult:
        chains = self._key_chains(extra)
        if not chains:
            raise UntrustedPublisherError("没有受信任的发布者公钥，无法验证更新。", "No trusted publisher key: updates "
                                 "cannot be verified.")
        for attempt in (1, 2):
            # the manifest first: a server that does not answer is reported on it, not on the optional keys.json
            body = source.fetch_small(MANIFEST_NAME, MAX_MANIFEST_BYTES)
            self._stop_if_cancelled(cancel)
            sig = source.fetch_small(MANIFEST_NAME + SIG_SUFFIX, MAX_SIG_BYTES)
            assert body is not None and sig is not None
            self._stop_if_cancelled(cancel)
            changed, problems = self._follow_key_lists(source, chains, sig, cancel)
            try:
                kid = verify(body, sig, [k for chain in chains for k in chain.keys])
                break
            except UntrustedPublisherError as exc:
                if problems:  # the key lists could not be followed: say why, and what to do about it
                    raise problems[0] from exc
                raise
            except SignatureError as exc:
                # A signature that does not match its manifest is most often the two files of two
                # publishes side by side: `publish` writes manifest.json.sig, then manifest.json; an
                # upload copies them one after the other; a cache may keep one longer than the other.
                # Fetch the pair once more (a moment later, past the caches) before calling it altered.
                if attempt == 1:
                    log.warning("the signature of %s does not verify (%s): fetching it and its signature once "
                                "more (two publishes side by side?)", MANIFEST_NAME, exc.en)
                    time.sleep(self.policy.refetch_delay)
                    self._stop_if_cancelled(cancel)
                    continue
                raise _torn_pair_error(exc, source) from exc
        assert body is not None
        if follow_keys:
            self._save_key_lists(changed)
        manifest = Manifest.from_bytes(body)
        self._seen_expires = format_time(manifest.expires)  # kept with the check's outcome, stale or not
        applied = read_applied(self.engine)
        # the lineage: every root whose (followed) list holds the signing key; the first is recorded
        roots = [c.root for c in chains if any(key_id(k) == kid for k in c.keys)]
        root = roots[0] if roots else ""
        switched_from = self._publisher_switch(applied, roots, kid, switch_publisher)
        if applied is not None and not switched_from:
            older_copy = manifest.version < applied.manifest_version and (
                not applied.created or manifest.created <= parse_time(applied.created))
            if older_copy:
                # an older USB stick or a source not yet refreshed: nothing to do, not an attack (a
                # lower version is never applied; one created *after* the applied one is refused below)
                return CheckResult(source.describe(), manifest, kid, (), (), note=(
                    f"这台电脑的数据（第 {applied.manifest_version} 版）比更新来源的（第 {manifest.version} 版）新，"
                    "无需更新。",
                    f"This computer's data (version {applied.manifest_version}) are newer than the update "
                    f"source's (version {manifest.version}): nothing to update."))
            # an update applied by an older ipdesk recorded no publisher key: the refusal may be another
            # publisher's repository, so it says how to switch
            unknown = not applied.publisher_root
            hint_zh, hint_en = _switch_hint(kid) if unknown else ("", "")
            if manifest.version < applied.manifest_version:
                raise RollbackError(
                    f"更新来源提供的是旧版本（{manifest.version}，本机已是 {applied.manifest_version}），"
                    f"却比本机已应用的清单更晚签发，已拒绝。{hint_zh}",
                    f"The source offers an older version ({manifest.version}; this computer has "
                    f"{applied.manifest_version}) that was signed later than the one applied here: refused.{hint_en}",
                    key_id=kid, switchable=unknown,
                )
            applied_created = applied.created
            if applied_created and manifest.created < parse_time(applied_created):
                raise RollbackError(
                    f"更新来源提供的清单比本机已应用的更早（重放），已拒绝。{hint_zh}",
                    f"The source offers a manifest older than the one applied here (a replay): refused.{hint_en}",
                    detail=f"created {format_time(manifest.created)} < {applied_created}",
                    key_id=kid, switchable=unknown,
                )
            if manifest.version == applied.manifest_version and format_time(manifest.created) != applied_created:
                raise RollbackError(
                    f"更新来源的清单与本机同版本但内容不同，已拒绝。{hint_zh}",
                    f"The source's manifest has this computer's version but different contents: refused.{hint_en}",
                    key_id=kid, switchable=unknown,
                )
        now = self.clock()
        if now > manifest.expires:
            until, local_now = local_time_text(format_time(manifest.expires)), local_time_text(format_time(now))
            raise StaleSourceError(
                f"更新来源已过期（有效期至 {until}，本机时间 {local_now}）："
                "不会应用。请让发布者更新数据，或检查本机日期是否正确。",
                f"The update source is stale (valid until {until}; this computer's time is {local_now}): "
                "nothing is applied. Ask the publisher for fresh data, or check this computer's date.",
                detail=f"expires {format_time(manifest.expires)}, now {format_time(now)}",
            )
        if manifest.created - now > dt.timedelta(days=1):
            log.warning("manifest created %s is in this computer's future (%s): is the clock wrong?",
                        manifest.created, now)
        # after a switch the other publisher's dataset versions mean nothing here: every dataset is a snapshot
        plan, items, adopted = self._plan(manifest, None if switched_from else applied)
        if isinstance(source, FolderSource):  # a stick's files are right here: a check can see one is missing
            for item in items:  # or cut short by a copy that did not finish (only the sync had said so)
                name = f"objects/{item.ref.sha256}"
                if (self.cache / item.ref.sha256).exists():
                    continue
                size = source.size_of(name)
                if size is None:
                    raise source.missing(name)
                if size < item.ref.size:
                    raise source.damaged(name, item.ref.size)
        note = ("", "")
        if adopted and not items:
            note = (f"这台电脑的数据与更新包第 {manifest.version} 版相同，无需下载。",
                    f"This computer's data are the same as update package version {manifest.version}: "
                    "nothing to download.")
        return CheckResult(source.describe(), manifest, kid, tuple(plan), tuple(items), note=note, root=root,
                           switched_from=switched_from, adopted=tuple(adopted))

    @staticmethod
    def _publisher_switch(applied: AppliedState | None, roots: list[str], kid: str, asked: bool | str) -> str:
        """Whether this manifest switches publisher: '' (no: the same lineage, or nothing applied yet),
        else the last update's key id ("?" if it recorded none). Another trusted root than the
        recorded one is refused unless `asked`: a publisher never replaces another's data silently.
        Asked, the switch is taken only for another lineage (or an unrecorded one), never within the
        same one, so it cannot roll back the same publisher (nor let a retired key do so: a key
        retired by a rotation is in no trusted list at all)."""
        if applied is None:
            return ""
        # a key id: the switch was confirmed for that publisher's manifest only (the window's Yes)
        asked = asked is True or (bool(asked) and asked == kid)
        if not applied.publisher_root:  # applied by an ipdesk that kept no publisher: as asked
            return "?" if asked else ""
        if applied.publisher_root in roots or applied.publisher_key == kid:
            return ""
        previous = applied.publisher_key or applied.publisher_root
        if not asked:
            raise PublisherChangedError(
                f"这个更新来源来自另一个发布者：它的清单由密钥 {kid} 签名，而本机上次应用的更新来自密钥 {previous} "
                "的发布者。不同发布者的更新包各自编号，不能相互比较，所以没有应用，未做任何更改。如确要改用这个发布者"
                "的数据（或者原发布者更换了密钥），请运行 ipdesk sync --switch-publisher，或在窗口“数据与同步”中检查或"
                "更新时确认改用；改用后，它的数据将整体替换上一个发布者的数据，本机此后以它的更新包为准。",
                f"This update source is from another publisher: its manifest is signed by key {kid}, while the last "
                f"update applied here came from the publisher of key {previous}. Each publisher numbers its update "
                "packages on its own, so they cannot be compared: nothing was applied and nothing was changed. To "
                "switch to this publisher's data (or if your publisher changed its key), run ipdesk sync "
                "--switch-publisher, or confirm the switch when you check or update in the window's \"Data & sync\"; "
                "its data then replace the previous publisher's as a whole, and this computer follows its update "
                "packages from then on.",
                key_id=kid, previous_key_id=previous,
            )
        return previous

    def _plan(self, manifest: Manifest, applied: AppliedState | None
              ) -> tuple[list[PlannedDataset], list[ApplyItem], list[DatasetEntry]]:
        """Per dataset: nothing, a delta from the local version, or the snapshot. A delta needs the
        local data to be the publisher's version: the version sync itself left (a later staff import
        into the dataset keeps it; seed or imported data of the same number do not).

        A dataset no update brought here (the data that came with the app, or every dataset after a
        publisher switch) is compared by content first (`apply.local_content`): rows that already are
        the published version need no download (the third list: recorded as that version with the
        next apply), and rows that are the content a delta was made from take that delta."""
        with self.engine.connect() as conn:
            local = {r[0]: int(r[1]) for r in conn.exec_driver_sql("SELECT name, version FROM dataset")}
            contents = read_contents(conn)
            synced_versions = applied.dataset_versions if applied else {}
            plan: list[PlannedDataset] = []
            items: list[ApplyItem] = []
            adopted: list[DatasetEntry] = []
            for name, entry in sorted(manifest.datasets.items()):
                version = local.get(name, 0)
                synced = synced_versions.get(name) == version
                if synced and entry.version < version:
                    raise RollbackError(
                        f"数据集 {name} 在更新来源中是旧版本（{entry.version} < {version}），已拒绝。",
                        f"Dataset {name} is older at the source ({entry.version} < {version}): refused.",
                    )
                if synced and entry.version == version:
                    continue
                # a delta only onto the exact content it was made from (apply.delta_applies), else the snapshot
                delta = entry.delta_from(version) if synced else None
                ref: ObjectRef = (delta if delta is not None and delta_applies(delta, contents, name)
                                  else entry.snapshot)
                if not synced and (here := self._content_here(conn, entry)):
                    if here == entry.content:
                        adopted.append(entry)
                        continue
                    ref = next((d for d in entry.deltas if d.base_content == here), ref)
                items.append(ApplyItem(entry, ref, version))
                plan.append(PlannedDataset(name, version, entry.version, "snapshot" if ref.base is None else "delta",
                                           ref.size, ref.records))
        return plan, items, adopted

    @staticmethod
    def _content_here(conn: Connection, entry: DatasetEntry) -> str:
        """The digest of the dataset's rows here, when the manifest has digests to compare it with and
        the rows are few enough to read now (`apply.COMPARE_MAX_ROWS`); '' otherwise."""
        if not entry.content and not any(d.base_content for d in entry.deltas):
            return ""  # a manifest written before the digests: nothing to compare with
        if owned_row_count(conn, entry.name) > COMPARE_MAX_ROWS:
            return ""
        return local_content(conn, entry.name)

    # -- sync

    def _lock(self) -> FileLock:
        (self.data_dir / "sync").mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.data_dir / "sync" / "sync.lock"))

    def sync(self, location: str | None = None, *, extra_keys: Iterable[Ed25519PublicKey] = (),
             progress: ProgressFn | None = None, cancel: Cancellable | None = None,
             download_only: bool = False, max_rate: float = 0.0, background: bool = False,
             switch_publisher: bool | str = False, allow_removals: bool | tuple[str, int] = True) -> SyncResult:
        """Check, download what is missing, and apply it in one transaction (unless `download_only`).
        `switch_publisher`: take another trusted publisher's manifest (see `check`).
        `allow_removals`: False refuses (RemovalsHeldError, before anything is downloaded) a version
        that removes most of a dataset here (`plan_counts.removes_most`); (key id, package version)
        allows it for that one manifest only.

        `max_rate` (bytes/s, 0 = unlimited) keeps a background download from taking the whole link.
        `background`: an automatic sync, which stops (SyncYieldedError) when an update is asked for."""
        lock = self._lock()
        if not self._acquire(lock, background):
            raise SyncBusyError("这个数据文件夹正在更新（本程序的自动更新，或另一个程序），请稍后再试。",
                                "This data folder is being updated already (by the automatic update or by "
                                "another program); try again in a moment.")
        self._max_rate = max_rate
        yielding = _YieldRequest(self._yield_file(), cancel) if background else None
        marker = self._background_marker()
        try:
            if background:
                marker.touch()
            else:  # we hold the lock: a marker left by a killed background download is stale
                with contextlib.suppress(OSError):
                    marker.unlink()
            return self._sync_locked(location, list(extra_keys), progress, yielding or cancel, download_only,
                                     switch_publisher, allow_removals)
        except SyncCancelledError as exc:
            if yielding is not None and yielding.requested:
                log.info("background download stopped: an update was asked for, and goes on from here")
                raise SyncYieldedError("后台下载已停止，由刚才要求的更新接着进行。",
                                       "The background download stopped; the update just asked for goes on "
                                       "from where it was.") from exc
            raise
        finally:
            if background:
                with contextlib.suppress(OSError):
                    marker.unlink()
            lock.release()

    def _yield_file(self) -> Path:
        return self.data_dir / "sync" / "yield.request"

    def _background_marker(self) -> Path:
        """Present while the lock's holder is a background download (one that gives way)."""
        return self.data_dir / "sync" / "background.running"

    def _acquire(self, lock: FileLock, background: bool) -> bool:
        """Take the sync lock. An update asked for now (not `background`) that finds a background
        download running, in this process or another, asks it to stop (a request file it checks
        between chunks) and takes over; the download resumes from the bytes already fetched."""
        try:
            lock.acquire(timeout=0)
            return True
        except Timeout:
            if background or not self._background_marker().exists():
                return False  # another update someone asked for, or an apply: not ours to stop
        request = self._yield_file()
        try:
            request.touch()
            lock.acquire(timeout=YIELD_WAIT_SECONDS)
            return True
        except Timeout:
            return False
        finally:
            with contextlib.suppress(OSError):
                request.unlink()

    def _sync_locked(self, location: str | None, extra: list[Ed25519PublicKey], progress: ProgressFn | None,
                     cancel: Cancellable | None, download_only: bool, switch_publisher: bool | str = False,
                     allow_removals: bool | tuple[str, int] = True) -> SyncResult:
        started = time.monotonic()
        report = progress or (lambda _p: None)
        report(SyncProgress("check"))
        check = self.check(location, extra_keys=extra, follow_keys=True, cancel=cancel,
                           switch_publisher=switch_publisher)
        if check.up_to_date and (download_only or not check.adopted):
            report(SyncProgress("done"))
            return SyncResult(check, None, 0, 0, time.monotonic() - started)
        if not download_only:
            refuse_if_read_only(self.engine)  # said before a download it could not apply
        source = self.resolve_source(location)
        try:
            # before anything is downloaded; said as the last check's outcome. A publisher switch, asked
            # for on purpose, replaces every dataset as a whole anyway (its question says so)
            if (allow_removals is not True and allow_removals != (check.key_id, check.manifest.version)
                    and not check.switched_from):
                self._hold_removals(check)
            downloaded, reused = self._download_all(source, check, report, cancel)
            if download_only:
                return SyncResult(check, None, downloaded, reused, time.monotonic() - started)
            self._stop_if_cancelled(cancel)
            # after an import that is merging now (each holds the database's write lock throughout)
            with bulk_registry_write(self.engine, self.data_dir, waiting=lambda: report(SyncProgress("wait")),
                                     check=lambda: self._stop_if_cancelled(cancel)):
                self._verify_cached(check)
                applied_marker = AppliedState(check.manifest.version, format_time(check.manifest.created),
                                              format_time(self.clock()), check.source,
                                              publisher_root=check.root, publisher_key=check.key_id)
                applied = apply_items(self.engine, check.items, self.cache, applied_marker,
                                      on_records=self._apply_progress(check, report),
                                      check=lambda: self._stop_if_cancelled(cancel),
                                      fresh_baseline=bool(check.switched_from), adopted=check.adopted)
        except SyncError as exc:
            state = load_state(self.data_dir)
            # a version that removes most of a dataset, not confirmed: held back, nothing failed
            state.outcome = ("cancelled" if isinstance(exc, SyncCancelledError)
                             else "held" if isinstance(exc, RemovalsHeldError) else "error")
            state.message_zh, state.message_en = exc.zh, exc.en
            save_state(self.data_dir, state)
            raise
        state = load_state(self.data_dir)
        # only recorded (the data here were that version already): the last check found them up to date
        state.outcome = "up_to_date" if check.up_to_date else "applied"
        state.message_zh = state.message_en = ""
        save_state(self.data_dir, state)
        for item in check.items:
            with contextlib.suppress(OSError):
                (self.cache / item.ref.sha256).unlink()
        report(SyncProgress("done", check.download_bytes, check.download_bytes))
        return SyncResult(check, applied, downloaded, reused, time.monotonic() - started)

    def _hold_removals(self, check: CheckResult) -> None:
        """Refuse a version that removes most of a dataset here (what `sync --check` warns of)."""
        from ipdesk.services.sync.plan_counts import plan_counts, removal_numbers

        most = [c for c in plan_counts(self.engine, check.items).values() if c.removes_most]
        if not most:
            return
        v = check.manifest.version
        zh = "；".join(removal_numbers(c.dataset, c.before, c.removed, c.after, "zh_CN", replaced=c.counts is None)
                      for c in most)
        en = "; ".join(removal_numbers(c.dataset, c.before, c.removed, c.after, "en", replaced=c.counts is None)
                       for c in most)
        log.warning("update package %s not applied: it removes most of %s", v, ", ".join(c.dataset for c in most))
        raise RemovalsHeldError(
            f"未应用更新包第 {v} 版：它会删除大部分记录（{zh}）。这常常是发布者误用了空的或错误的数据库；请先向数据发布者"
            "确认。未做任何更改。",
            f"Update package version {v} was not applied: it removes most of the records ({en}). This usually "
            "means the publisher used an empty or wrong database: ask the data publisher first. Nothing was "
            "changed.",
            datasets={c.dataset: (c.before, c.removed, c.after) for c in most}, key_id=check.key_id, version=v,
            replaced=frozenset(c.dataset for c in most if c.counts is None))

    @staticmethod
    def _apply_progress(check: CheckResult, report: ProgressFn) -> Callable[[int], None]:
        """Reports records applied so far, with an ETA from the rate so far; the first report at 0."""
        total = sum(item.ref.records for item in check.items)
        started = time.monotonic()
        done = 0

        def on_records(count: int) -> None:
            nonlocal done
            done += count
            elapsed = time.monotonic() - started
            eta = (total - done) * elapsed / done if done and elapsed > 1 else None
            report(SyncProgress("apply", check.download_bytes, check.download_bytes, eta,
                                records=min(done, total), total_records=total))

        on_records(0)
        return on_records

    @staticmethod
    def _stop_if_cancelled(cancel: Cancellable | None) -> None:
        if cancel is not None and cancel.cancelled:
            raise SyncCancelledError("更新已取消；已下载的部分会在下次继续。",
                                     "The update was cancelled; what was downloaded is kept for next time.")

    def _check_space(self, download: int, apply: int) -> None:
        """`download` bytes in the cache folder, then `apply` bytes where the database lives (the
        same disk, unless the cache was moved): refuse before fetching anything."""
        self.cache.mkdir(parents=True, exist_ok=True)
        cache_free = shutil.disk_usage(self.cache).free
        data_free = shutil.disk_usage(self.data_dir).free
        download += 1 << 20  # and a little room for the .part and validator files' own overhead
        same_disk = os.stat(self.cache).st_dev == os.stat(self.data_dir).st_dev
        short = [(download + apply, cache_free)] if same_disk else [(download, cache_free), (apply, data_free)]
        for needed, free in short:
            if free < needed:
                need_mb, free_mb = needed // (1 << 20) + 1, free // (1 << 20)
                raise DiskFullError(
                    f"磁盘空间不足：更新需要约 {need_mb} MB（下载约 {download // (1 << 20) + 1} MB，数据库在应用时"
                    f"还要约 {apply // (1 << 20) + 1} MB），可用 {free_mb} MB。请释放空间后重试。未做任何更改。",
                    f"Not enough disk space: the update needs about {need_mb} MB (about "
                    f"{download // (1 << 20) + 1} MB to download and {apply // (1 << 20) + 1} MB for the database "
                    f"while it is applied); {free_mb} MB are free. Free some space and retry. Nothing was changed.",
                )

    def _download_all(self, source: Source, check: CheckResult, report: ProgressFn,
                      cancel: Cancellable | None) -> tuple[int, int]:
        total = check.download_bytes
        already = 0
        for item in check.items:
            final = self.cache / item.ref.sha256
            part = self.cache / (item.ref.sha256 + ".part")
            if final.exists():
                already += item.ref.size
            elif part.exists():
                already += min(part.stat().st_size, item.ref.size)
        self._check_space(total - already, apply_space_needed(check))
        deadline = time.monotonic() + max(self.policy.min_deadline, total / self.policy.min_rate)
        done = already
        fetched = 0
        started = time.monotonic()

        max_rate = getattr(self, "_max_rate", 0.0)

        def on_bytes(n: int) -> None:
            nonlocal done, fetched
            done += n
            fetched += n
            elapsed = time.monotonic() - started
            if max_rate > 0 and fetched / max_rate > elapsed:
                time.sleep(min(1.0, fetched / max_rate - elapsed))  # low priority: leave the link to people
                elapsed = time.monotonic() - started
            rate = fetched / elapsed if elapsed > 0 else 0.0
            eta = (total - done) / rate if rate > 0 else None
            report(SyncProgress("download", done, total, eta))

        def should_stop() -> None:
            self._stop_if_cancelled(cancel)
            if time.monotonic() > deadline:
                raise DownloadError("下载太慢，超过了总时限；下次联网时会继续。",
                                    "The download is too slow and ran past its overall deadline; the next sync "
                                    "continues where it stopped.")

        def on_retry(attempt: int, attempts: int) -> None:
            report(SyncProgress("retry", done, total, None, attempt=attempt, attempts=attempts))

        report(SyncProgress("download", done, total, None))
        try:
            for item in check.items:
                self._fetch_object(source, item.ref, on_bytes, should_stop, on_retry)
        except ConnectionLostError as exc:
            raise exc.of_update(done, total) from exc.__cause__
        return fetched, already

    def _fetch_object(self, source: Source, ref: ObjectRef, on_bytes: Callable[[int], None],
                      should_stop: Callable[[], None], on_retry: RetryFn | None = None) -> None:
        final = self.cache / ref.sha256
        if final.exists() and final.stat().st_size == ref.size:
            return
        part = self.cache / (ref.sha256 + ".part")
        for attempt in (1, 2):
            try:
                source.download(f"objects/{ref.sha256}", part, ref.size, on_bytes, should_stop, on_retry)
            except OSError as exc:
                if exc.errno in _DISK_ERRNOS:
                    raise DiskFullError("磁盘已满，下载已停止，数据保持原样。请释放空间后重试。",
                                        "The disk is full: the download stopped and the data are unchanged. "
                                        "Free some space and retry.", detail=str(exc)) from exc
                raise DownloadError("写入下载文件失败。", "Writing the download failed.", detail=str(exc)) from exc
            size = part.stat().st_size if part.exists() else 0
            if size == ref.size and _sha256_file(part) == ref.sha256:
                part.replace(final)
                part.with_name(part.name + ".validator").unlink(missing_ok=True)
                return
            part.unlink(missing_ok=True)
            part.with_name(part.name + ".validator").unlink(missing_ok=True)
            log.warning("object %s failed its check (size %d of %d, attempt %d)", ref.sha256, size, ref.size, attempt)
            if isinstance(source, FolderSource):  # reading the stick again gives the same bytes
                raise source.damaged(f"objects/{ref.sha256}", ref.size)
        raise ObjectIntegrityError(
            "下载的数据与签名清单不符（大小或校验和不对），已丢弃。未做任何更改。",
            "A downloaded file does not match the signed manifest (size or checksum): it was discarded. "
            "Nothing was changed.", detail=ref.sha256,
        )

    def _verify_cached(self, check: CheckResult) -> None:
        """Objects may have sat in the cache for weeks: hash them again right before use."""
        for item in check.items:
            path = self.cache / item.ref.sha256
            if not path.exists() or path.stat().st_size != item.ref.size or _sha256_file(path) != item.ref.sha256:
                path.unlink(missing_ok=True)
                raise ObjectIntegrityError("缓存的更新文件已损坏，已删除；请再同步一次。",
                                           "A cached update file was damaged and deleted; sync again.",
                                           detail=item.ref.sha256)

    def status(self) -> tuple[CheckState, AppliedState | None]:
        return load_state(self.data_dir), read_applied(self.engine)

    def weigh(self, check: CheckResult) -> tuple[dict[str, int], dict[str, Any]]:
        """What a checked plan puts at stake here, as `sync --check`, *Check now* and the automatic
        update say it: per dataset the records imported here its snapshots would delete or replace
        (`apply.imported_rows_at_risk`), and what it adds, changes and removes (`plan_counts`)."""
        from ipdesk.services.sync.plan_counts import plan_counts

        if check.up_to_date:
            return {}, {}
        return (imported_rows_at_risk(self.engine, check.items, read_applied(self.engine)),
                plan_counts(self.engine, check.items))

    def last_changes(self, *, dataset: str | None = None, change: str | None = None, offset: int = 0,
                     limit: int = 200) -> ChangePage | None:
        """The records the last update added, changed and removed (`changes.read_changes`), a page at a time."""
        with self.engine.connect() as conn:
            return read_changes(conn, dataset=dataset, change=change, offset=offset, limit=limit)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
