"""Following a publisher's key lists from the one this computer knows to the newest, one version at a
time, as The Update Framework does with its root metadata (docs/sync.md, "Rotation").

The repository keeps every list it published (`keys/<version>.json` and `.sig`) beside the newest
(`keys.json`). A list is followed only if a key of the list before it and one of its own keys signed
it, versions one apart, so a kiosk that slept through several rotations reaches the current key
without a key installed by hand, and a key retired along the way cannot sign a shortcut past the
list that retired it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ipdesk.services.sync.errors import (
    DownloadError,
    KeyListError,
    SignatureError,
    SyncCancelledError,
    SyncError,
)
from ipdesk.services.sync.manifest import (
    KEYS_NAME,
    MAX_KEYS_BYTES,
    MAX_SIG_BYTES,
    SIG_SUFFIX,
    KeyList,
    key_id,
    key_list_name,
    verify,
)

log = logging.getLogger("ipdesk.sync")

# Rotations a client follows in one go. A publisher rotates once a year or after an incident; more
# lists than this between the known one and the newest is not a kiosk that slept, and each is a fetch.
MAX_KEY_STEPS = 64

# what a person can always do instead: trust the publisher's current key by hand
_ASK_KEY_ZH = "向发布者索取当前的公钥文件（.pub），在“设置 → 受信任的发布者”中添加（命令行：--trusted-key 文件.pub）。"
_ASK_KEY_EN = ("ask the publisher for its current public key file (.pub) and add it under Settings → Trusted "
               "publishers (on the command line: --trusted-key FILE.pub).")


@dataclass
class KeyChain:
    """A publisher key list followed from one root key (`root`: its key id); version 0 is the root
    key alone, before any list was followed."""

    root: str
    version: int
    keys: list[Ed25519PublicKey]


class KeyFiles(Protocol):
    """What the walk needs of a source (client.Source has it: a folder or an http(s) URL)."""

    def describe(self) -> str: ...

    def fetch_small(self, name: str, cap: int, *, optional: bool = False) -> bytes | None: ...


@dataclass(frozen=True)
class SignedKeyList:
    name: str  # where it was read: keys.json or keys/<version>.json
    listing: KeyList
    body: bytes
    sig: bytes


class KeyHistory:
    """The source's key lists, each read at most once in a check: `keys.json` is the newest, the
    ones before it are `keys/<version>.json`."""

    def __init__(self, source: KeyFiles, newest: SignedKeyList, stop: Callable[[], None]) -> None:
        self.source = source
        self.newest = newest
        self._stop = stop
        self._read: dict[int, SignedKeyList | None] = {newest.listing.version: newest}

    @property
    def newest_version(self) -> int:
        return self.newest.listing.version

    def get(self, version: int) -> SignedKeyList | None:
        """The list `version`, None if the source does not have it (or not its signature)."""
        if version not in self._read:
            self._stop()
            name = key_list_name(version)
            body = self.source.fetch_small(name, MAX_KEYS_BYTES, optional=True)
            sig = self.source.fetch_small(name + SIG_SUFFIX, MAX_SIG_BYTES, optional=True) if body else None
            self._read[version] = (SignedKeyList(name, KeyList.from_bytes(body, what=name), body, sig)
                                   if body is not None and sig is not None else None)
        return self._read[version]


def read_newest(source: KeyFiles) -> SignedKeyList | None:
    """The source's `keys.json`; None if it has none or it cannot be read (it is optional: the
    manifest's own signature decides)."""
    try:
        body = source.fetch_small(KEYS_NAME, MAX_KEYS_BYTES, optional=True)
        sig = source.fetch_small(KEYS_NAME + SIG_SUFFIX, MAX_SIG_BYTES, optional=True) if body else None
    except DownloadError as exc:
        log.warning("could not read keys.json from %s: %s", source.describe(), exc.en)
        return None
    if body is None:
        return None
    try:
        listing = KeyList.from_bytes(body)
        if sig is None:
            raise SignatureError("keys.json 没有签名。", "keys.json is not signed.")
        listing.public_keys()
    except SyncError as exc:
        log.warning("ignoring keys.json from %s: %s", source.describe(), exc.en)
        return None
    return SignedKeyList(KEYS_NAME, listing, body, sig)


def follow_key_lists(history: KeyHistory, chains: list[KeyChain],
                     manifest_signers: set[str]) -> tuple[list[KeyChain], list[SyncError]]:
    """Move each chain to the source's newest list if it can get there; returns the chains that moved
    and why others could not, when that is this computer's publisher's key history at fault (a list
    missing, forged or out of order) rather than another publisher's lists. A chain moves all the
    way or not at all; an older list never replaces a newer one.

    A chain that is its root key alone (version 0: it has followed nothing yet) takes the newest list
    if the root key signed it (a list the trusted key signed is trusted, as before lists were kept);
    otherwise it looks for the oldest list its root key signed and walks on from there, but only when
    no chain's key signed the manifest: that search costs a fetch a list, and is needed only then."""
    changed: list[KeyChain] = []
    problems: list[SyncError] = []

    def attempt(chain: KeyChain, anchor: bool) -> None:
        try:
            if chain.version > 0:
                moved = _walk(history, chain.version, chain.keys)
            elif anchor:
                moved = _anchor_and_walk(history, chain.keys)
            else:
                moved = history.newest_version, _step(history.newest, history.newest_version, chain.keys, 0)
        except SyncCancelledError:
            raise
        except SyncError as exc:
            log.info("key list of root %s not followed: %s", chain.root, exc.en)
            problems.append(exc)
            return
        if moved is not None:
            chain.version, chain.keys = moved
            changed.append(chain)
            log.info("publisher key list of root %s followed to version %d (%d keys)", chain.root,
                     chain.version, len(chain.keys))

    unanchored: list[KeyChain] = []
    for chain in chains:
        if history.newest_version <= chain.version:
            continue  # the same list, or an older one (an older USB stick): never back
        if chain.version == 0 and not _signed_by(history.newest, chain.keys):
            unanchored.append(chain)
        else:
            attempt(chain, anchor=False)
    if unanchored and not any(key_id(k) in manifest_signers for c in chains for k in c.keys):
        for chain in unanchored:
            attempt(chain, anchor=True)
    return changed, problems


def _signed_by(entry: SignedKeyList, keys: list[Ed25519PublicKey]) -> bool:
    try:
        verify(entry.body, entry.sig, keys, what=entry.name)
    except SignatureError:
        return False
    return True


def _ids(keys: list[Ed25519PublicKey]) -> set[str]:
    return {key_id(k) for k in keys}


def _walk(history: KeyHistory, known: int, keys: list[Ed25519PublicKey]) -> tuple[int, list[Ed25519PublicKey]] | None:
    """From the list `known` (holding `keys`) to the newest, one version at a time. None when the
    first step is not signed by `keys` and the source's own list `known` is not this one: another
    publisher's repository, not a forged list of ours."""
    newest = history.newest_version
    if newest - known > MAX_KEY_STEPS:
        raise KeyListError(
            f"更新来源的发布者密钥列表已是第 {newest} 版，本机的是第 {known} 版，相差超过 {MAX_KEY_STEPS} 版，"
            f"不会逐版跟随。未做任何更改。请{_ASK_KEY_ZH}",
            f"The update source's publisher key list is at version {newest} and this computer's at version "
            f"{known}: more than {MAX_KEY_STEPS} versions apart, too many to follow one by one. Nothing was "
            f"changed. {_ASK_KEY_EN[0].upper()}{_ASK_KEY_EN[1:]}",
        )
    for version in range(known + 1, newest + 1):
        entry = history.get(version)
        if entry is None:
            name = key_list_name(version)
            raise KeyListError(
                f"更新来源中缺少密钥列表 {name}：本机的发布者密钥列表是第 {known} 版，更新来源的已是第 {newest} 版，"
                "要逐版确认新密钥，中间每一版都不能少。未做任何更改。请发布者把仓库中的 keys 文件夹完整上传"
                f"（U 盘则重新完整复制更新文件夹），或者{_ASK_KEY_ZH}",
                f"The key list {name} is missing at the update source: this computer's publisher key list is "
                f"version {known}, the source's is version {newest}, and every version in between is needed to "
                "confirm the new key. Nothing was changed. Ask the publisher to upload the repository's keys "
                f"folder completely (for a USB stick: copy the update folder again completely), or {_ASK_KEY_EN}",
            )
        if version == known + 1 and entry.listing.version == version and not _signed_by(entry, keys):
            ours = history.get(known)
            if ours is None or _ids(ours.listing.public_keys()) != _ids(keys):
                return None
        keys = _step(entry, version, keys, version - 1)
    return newest, keys


def _anchor_and_walk(history: KeyHistory,
                     root: list[Ed25519PublicKey]) -> tuple[int, list[Ed25519PublicKey]] | None:
    """A root key that did not sign the newest list (a computer set up from an older release, whose
    bundled key was rotated away since): start at the oldest list the root key signed and walk on.
    None when the source keeps no such list (an older repository, or another publisher's)."""
    for version in range(1, min(history.newest_version, MAX_KEY_STEPS + 1)):
        entry = history.get(version)
        if entry is None:
            return None
        if entry.listing.version == version and _signed_by(entry, root):
            return _walk(history, version, _step(entry, version, root, 0))
    return None


def _step(entry: SignedKeyList, version: int, trusted: list[Ed25519PublicKey],
          known: int) -> list[Ed25519PublicKey]:
    """The keys of `entry`, which must be the list `version`, signed by a key of `trusted` (the list
    `known`, 0: the root key) and by one of its own keys."""
    name = entry.name
    if entry.listing.version != version:
        raise KeyListError(
            f"密钥列表 {name} 的版本号不对（应为第 {version} 版，写的是第 {entry.listing.version} 版），已拒绝。"
            "未做任何更改。请告知发布者。",
            f"The key list {name} has the wrong version (it should be version {version}; it says "
            f"{entry.listing.version}): refused. Nothing was changed. Tell the publisher.",
        )
    try:
        verify(entry.body, entry.sig, trusted, what=name)
    except SignatureError as exc:
        known_zh = f"本机已知的上一版密钥列表（第 {known} 版）" if known else "本机信任的发布者密钥"
        known_en = f"the previous key list this computer knows (version {known})" if known else \
            "the publisher key this computer trusts"
        raise KeyListError(
            f"密钥列表 {name} 不是由{known_zh}中的密钥签名的，已拒绝：它可能是伪造的。未做任何更改。"
            f"如果发布者确实更换了密钥，请{_ASK_KEY_ZH}",
            f"The key list {name} is not signed by a key of {known_en}: refused, it may be forged. Nothing was "
            f"changed. If the publisher did change its key, {_ASK_KEY_EN}",
            detail=exc.en,
        ) from exc
    keys = entry.listing.public_keys()
    try:
        verify(entry.body, entry.sig, keys, what=name)
    except SignatureError as exc:
        raise KeyListError(
            f"密钥列表 {name} 没有由它列出的任何一个新密钥签名，已拒绝（发布者轮换密钥时必须持有新私钥）。"
            "未做任何更改。请告知发布者。",
            f"The key list {name} is not signed by any of the keys it lists: refused (a publisher rotating its "
            "key must hold the new private key). Nothing was changed. Tell the publisher.",
            detail=exc.en,
        ) from exc
    return keys
