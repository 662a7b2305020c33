"""The repository's signed documents: `manifest.json`, the key lists (`keys.json`, the newest, and
`keys/<version>.json`, every one ever published) and their Ed25519 signatures.

A document is signed over its exact bytes (canonical JSON: sorted keys, no spaces, UTF-8), and the
signature lives beside it in `<name>.sig` as `{"signatures": [{"keyid": …, "sig": base64}]}`, so a
key rotation can carry the old and the new key's signatures at once.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ipdesk.services.sync.errors import SignatureError, SyncError, UntrustedPublisherError

FORMAT = "ipdesk-sync/1"
KEYS_FORMAT = "ipdesk-keys/1"
MANIFEST_NAME = "manifest.json"
KEYS_NAME = "keys.json"
KEYS_DIR = "keys"
SIG_SUFFIX = ".sig"
MAX_MANIFEST_BYTES = 1 << 20  # a manifest lists a handful of datasets: 1 MiB is generous
MAX_SIG_BYTES = 64 << 10
MAX_KEYS_BYTES = 64 << 10  # a key list holds a key or two (44 characters each)
DATASETS = ("divisions", "gi", "classifications", "patents", "trademarks")


def canonical_bytes(doc: Mapping[str, Any]) -> bytes:
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def format_time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(value: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


# --- keys ----------------------------------------------------------------------------------------

def key_id(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def public_key_text(public: Ed25519PublicKey) -> str:
    """The form kept in `*.pub` files and in settings: base64 of the 32 raw bytes."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def load_public_key(text: str) -> Ed25519PublicKey:
    """Accept base64 of the raw 32 bytes (our `.pub` format) or a PEM public key."""
    text = text.strip()
    try:
        if text.startswith("-----BEGIN"):
            key = serialization.load_pem_public_key(text.encode("ascii"))
            if not isinstance(key, Ed25519PublicKey):
                raise ValueError("not an Ed25519 key")
            return key
        raw = base64.b64decode(text, validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError as exc:
        raise SyncError(
            "无法读取发布者公钥（应为 Ed25519 公钥的 base64 或 PEM）。",
            "Cannot read the publisher public key (expected base64 or PEM of an Ed25519 key).",
            detail=str(exc),
        ) from exc


def load_public_key_file(path: Path) -> Ed25519PublicKey:
    """The publisher public key in `path` (a `.pub` file); a refusal names the file, and says so when it is
    the private key (given by mistake: the .pub of the same name lies beside it)."""
    try:
        # a key pasted into Notepad comes back with a BOM; anything else non-ASCII is not a key
        text = path.read_bytes()[:1 << 16].decode("utf-8-sig", errors="replace")
    except OSError as exc:
        raise SyncError(f"无法读取公钥文件：{path}", f"Cannot read the public key file: {path}",
                        detail=str(exc)) from exc
    if "PRIVATE KEY" in text:
        raise SyncError(f"{path} 是发布者的私钥，不是公钥。私钥只应留在发布者的电脑上；这里请用同名的 .pub 文件"
                        f"（{path}.pub）。",
                        f"{path} is the publisher's private key, not the public key. The private key belongs on the "
                        f"publisher's computer only: give the .pub file of the same name here ({path}.pub).")
    try:
        return load_public_key(text)
    except SyncError as exc:
        raise SyncError(f"{path} 不是发布者公钥（应为 ipdesk publish --init-key 写出的 .pub 文件：Ed25519 公钥的 "
                        "base64 或 PEM）。",
                        f"{path} is not a publisher public key (expected the .pub file ipdesk publish --init-key "
                        "writes: base64 or PEM of an Ed25519 key).", detail=exc.detail) from exc


def generate_key(path: Path) -> Ed25519PrivateKey:
    """Write a new private key (PEM, owner-only where the OS allows) and `<path>.pub` beside it."""
    if path.exists():
        raise SyncError(f"密钥文件已存在，不会覆盖：{path}", f"The key file exists and is not overwritten: {path}")
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    Path(str(path) + ".pub").write_text(public_key_text(private.public_key()) + "\n", encoding="ascii")
    return private


def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise SyncError(f"无法读取私钥文件：{path}", f"Cannot read the private key file: {path}",
                        detail=str(exc)) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise SyncError(f"私钥不是 Ed25519 密钥：{path}", f"The private key is not an Ed25519 key: {path}")
    return key


# --- signatures ----------------------------------------------------------------------------------

def sign(body: bytes, keys: Iterable[Ed25519PrivateKey]) -> bytes:
    sigs = [
        {"keyid": key_id(k.public_key()), "sig": base64.b64encode(k.sign(body)).decode("ascii")} for k in keys
    ]
    return canonical_bytes({"signatures": sigs})


def signature_key_ids(sig_doc: bytes) -> set[str]:
    """The key ids a signature file claims (unverified; empty if it cannot be read)."""
    try:
        return {str(s["keyid"]) for s in json.loads(sig_doc.decode("utf-8"))["signatures"]}
    except (ValueError, KeyError, TypeError):
        return set()


def verify(body: bytes, sig_doc: bytes, trusted: Iterable[Ed25519PublicKey], *, what: str = MANIFEST_NAME) -> str:
    """Return the key id of a trusted key whose signature over `body` is valid, else raise."""
    by_id = {key_id(k): k for k in trusted}
    try:
        sigs = json.loads(sig_doc.decode("utf-8"))["signatures"]
        pairs = [(str(s["keyid"]), base64.b64decode(s["sig"], validate=True)) for s in sigs]
    except (ValueError, KeyError, TypeError) as exc:
        raise SignatureError(f"{what} 的签名文件无法读取。", f"The signature file of {what} cannot be read.",
                             detail=str(exc)) from exc
    known = [(kid, sig) for kid, sig in pairs if kid in by_id]
    if not known:
        raise UntrustedPublisherError(
            f"{what} 不是由受信任的发布者签名的（密钥 {', '.join(k for k, _ in pairs) or '无'}）。未做任何更改。",
            f"{what} is not signed by a trusted publisher (key {', '.join(k for k, _ in pairs) or 'none'}). "
            "Nothing was changed.",
            key_ids=tuple(k for k, _ in pairs),
        )
    for kid, sig in known:
        try:
            by_id[kid].verify(sig, body)
            return kid
        except InvalidSignature:
            continue
    raise SignatureError(
        f"{what} 的签名无效：文件被改动过或已损坏。未做任何更改。",
        f"The signature of {what} is invalid: the file was altered or damaged. Nothing was changed.",
    )


# --- the manifest --------------------------------------------------------------------------------

@dataclass(frozen=True)
class ChangeCounts:
    """What a version of a dataset adds, changes and removes against an older one (records, by
    natural key). Written by the publisher since the counts were recorded: optional in the manifest,
    so a manifest without them (an older publisher) reads as unknown (None), and an older client
    ignores them."""

    added: int
    changed: int
    removed: int

    def to_json(self) -> dict[str, int]:
        return {"added": self.added, "changed": self.changed, "removed": self.removed}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> ChangeCounts | None:
        """None unless all three are there as non-negative whole numbers (they are shown, never acted on)."""
        values = [raw.get(k) for k in ("added", "changed", "removed")]
        if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in values):
            return None
        return cls(*values)  # type: ignore[arg-type]


def removes_most(before: int, removed: int, after: int) -> bool:
    """A dataset that held records loses all of them or more than half: what a publish from an empty
    or wrong database looks like. `publish` refuses it unless told it is meant; `sync --check` warns."""
    return before > 0 and (after == 0 or 2 * removed > before)


@dataclass(frozen=True)
class ObjectRef:
    sha256: str
    size: int
    records: int
    base: int | None = None  # a delta's starting version; None for a snapshot
    counts: ChangeCounts | None = None  # a delta's: what it adds, changes and removes against `base`
    # a delta's: the content digest of the dataset version it was made from (`DatasetEntry.content`),
    # so that a client applies it only onto exactly that content; '' in a manifest written before
    # the digests were recorded (the client then goes by the version alone, as before)
    base_content: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"sha256": self.sha256, "size": self.size, "records": self.records}
        if self.base is not None:
            out["from"] = self.base
            if self.base_content:
                out["from_content"] = self.base_content
        if self.counts is not None:
            out.update(self.counts.to_json())
        return out

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> ObjectRef:
        sha = str(raw["sha256"])
        if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
            raise ValueError(f"bad sha256 {sha!r}")
        size = int(raw["size"])
        if size < 0:
            raise ValueError("negative size")
        base = raw.get("from")
        base_content = raw.get("from_content") if base is not None else ""
        return cls(sha, size, int(raw.get("records", 0)), int(base) if base is not None else None,
                   ChangeCounts.from_json(raw) if base is not None else None,
                   base_content if isinstance(base_content, str) else "")


@dataclass(frozen=True)
class DatasetEntry:
    name: str
    version: int
    as_of: str
    source: str
    edition: str
    records: int
    snapshot: ObjectRef
    deltas: tuple[ObjectRef, ...] = ()
    # what this version adds, changes and removes against the dataset's previous version (for the
    # first, every record added); None in a manifest written before the counts were recorded
    counts: ChangeCounts | None = None
    # the digest of this version's content (sha256 of its records as the publisher compares them);
    # '' in a manifest written before it was recorded. Optional: an older client ignores it.
    content: str = ""

    def delta_from(self, version: int) -> ObjectRef | None:
        return next((d for d in self.deltas if d.base == version), None)

    def to_json(self) -> dict[str, Any]:
        out = {
            "version": self.version, "as_of": self.as_of, "source": self.source, "edition": self.edition,
            "records": self.records, "snapshot": self.snapshot.to_json(),
            "deltas": [d.to_json() for d in self.deltas],
        }
        if self.counts is not None:
            out["changes"] = self.counts.to_json()
        if self.content:
            out["content"] = self.content
        return out


@dataclass(frozen=True)
class Manifest:
    version: int
    created: dt.datetime
    expires: dt.datetime
    datasets: dict[str, DatasetEntry] = field(default_factory=dict)
    publisher: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT, "version": self.version, "created": format_time(self.created),
            "expires": format_time(self.expires), "publisher": self.publisher,
            "datasets": {name: entry.to_json() for name, entry in sorted(self.datasets.items())},
        }

    def to_bytes(self) -> bytes:
        return canonical_bytes(self.to_json())

    @classmethod
    def from_bytes(cls, body: bytes) -> Manifest:
        try:
            raw = json.loads(body.decode("utf-8"))
            if raw.get("format") != FORMAT:
                raise ValueError(f"unknown format {raw.get('format')!r}")
            datasets = {}
            for name, d in raw["datasets"].items():
                if name not in DATASETS:
                    continue  # a newer publisher may add datasets this version does not know
                datasets[name] = DatasetEntry(
                    name=name, version=int(d["version"]), as_of=str(d.get("as_of", "")),
                    source=str(d.get("source", "")), edition=str(d.get("edition", "")),
                    records=int(d.get("records", 0)), snapshot=ObjectRef.from_json(d["snapshot"]),
                    deltas=tuple(ObjectRef.from_json(x) for x in d.get("deltas", [])),
                    counts=ChangeCounts.from_json(d["changes"]) if isinstance(d.get("changes"), dict) else None,
                    content=d["content"] if isinstance(d.get("content"), str) else "",
                )
            return cls(
                version=int(raw["version"]), created=parse_time(raw["created"]), expires=parse_time(raw["expires"]),
                datasets=datasets, publisher=str(raw.get("publisher", "")),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise SyncError("更新清单（manifest.json）格式不对。未做任何更改。",
                            "The update manifest (manifest.json) is malformed. Nothing was changed.",
                            detail=str(exc)) from exc


# --- key lists: the publisher's keys, each new list signed by a key of the one before -----------

def key_list_name(version: int) -> str:
    """Where a key list's version is kept for good, so that a client that missed rotations can walk
    them one by one: `keys/<version>.json` (and `.sig`)."""
    return f"{KEYS_DIR}/{version}.json"


@dataclass(frozen=True)
class KeyList:
    version: int
    keys: tuple[str, ...]  # base64 public keys
    created: str = ""

    def to_bytes(self) -> bytes:
        return canonical_bytes(
            {"format": KEYS_FORMAT, "version": self.version, "created": self.created, "keys": list(self.keys)}
        )

    def public_keys(self) -> list[Ed25519PublicKey]:
        return [load_public_key(k) for k in self.keys]

    @classmethod
    def from_bytes(cls, body: bytes, *, what: str = KEYS_NAME) -> KeyList:
        try:
            raw = json.loads(body.decode("utf-8"))
            if raw.get("format") != KEYS_FORMAT:
                raise ValueError(f"unknown format {raw.get('format')!r}")
            return cls(int(raw["version"]), tuple(str(k) for k in raw["keys"]), str(raw.get("created", "")))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise SyncError(f"密钥列表（{what}）格式不对。", f"The key list ({what}) is malformed.",
                            detail=str(exc)) from exc
