"""What can stop an update. Every one leaves the data exactly as they were, and says so."""

from __future__ import annotations

from ipdesk.services.errors import IpdeskError


class SyncError(IpdeskError):
    """Anything that stops an update; the data stay exactly as they were."""

    exit_code = 6


class SignatureError(SyncError):
    """The manifest (or keys.json) is not signed by a trusted key, or the signature is wrong."""

    kind = "signature"  # `ipdesk sync --json` names errors by kind; the subclass below is one too


class UntrustedPublisherError(SignatureError):
    """Signed, but by no key this computer trusts (or none is trusted at all): the person can act on
    it by adding that publisher's key file. `key_ids` are the keys that did sign."""

    def __init__(self, zh: str, en: str, *, key_ids: tuple[str, ...] = (), detail: str = "") -> None:
        super().__init__(zh, en, detail=detail)
        self.key_ids = key_ids


class KeyListError(SignatureError):
    """The publisher's key lists cannot be followed from the one this computer knows to the newest
    (a list missing at the source, one not signed by the list before it, too many to walk): said
    instead of "untrusted publisher" when that is why the update cannot be verified."""


class RollbackError(SyncError):
    """The source offers older data than this computer already has (rollback or replay).

    `switchable`: the manifest may be another publisher's (its signing key `key_id` is not the one
    the last update was recorded with, or none was recorded), so a deliberate publisher switch
    (`ipdesk sync --switch-publisher`, the window's question) is offered."""

    def __init__(self, zh: str, en: str, *, key_id: str = "", previous_key_id: str = "", switchable: bool = False,
                 detail: str = "") -> None:
        super().__init__(zh, en, detail=detail)
        self.key_id = key_id
        self.previous_key_id = previous_key_id
        self.switchable = switchable


class PublisherChangedError(RollbackError):
    """The manifest is signed by a trusted key of another root (another publisher's repository, or a
    key added by hand) than the update applied last. Package versions of two publishers cannot be
    compared, so nothing is applied until the person switches publisher on purpose."""

    kind = "publisher_changed"

    def __init__(self, zh: str, en: str, *, key_id: str, previous_key_id: str, detail: str = "") -> None:
        super().__init__(zh, en, key_id=key_id, previous_key_id=previous_key_id, switchable=True, detail=detail)


class StaleSourceError(SyncError):
    """The manifest is past its expiry: the source is stale (or this computer's clock is wrong)."""


class DownloadError(SyncError):
    """The source could not be reached or kept failing; a later sync resumes what was fetched."""


class ObjectIntegrityError(SyncError):
    """A downloaded object does not match the size or sha256 the signed manifest promises."""


class DiskFullError(SyncError):
    """Not enough free space for the download or the apply."""


class SyncBusyError(SyncError):
    """Another process is updating the same data folder."""

    exit_code = 5


class SyncCancelledError(SyncError):
    """The person (or the app shutting down) cancelled the update."""


class SyncYieldedError(SyncCancelledError):
    """A background download stopped because someone asked for an update now; that update goes on
    from the bytes it had fetched."""


class RemovalsHeldError(SyncError):
    """The update would remove most of a dataset here (an empty or wrong database published with
    `--allow-removals`): not applied unless the person allows it (`ipdesk sync --allow-removals`, the
    window's question). `datasets`: name → (records before, removed, after); `key_id` and `version`
    name the manifest, so that an allowance given for it applies to it only."""

    kind = "removals"

    def __init__(self, zh: str, en: str, *, datasets: dict[str, tuple[int, int, int]], key_id: str = "",
                 version: int = 0, replaced: frozenset[str] = frozenset()) -> None:
        super().__init__(zh, en)
        self.datasets = datasets
        self.key_id = key_id
        self.version = version
        self.replaced = replaced  # the datasets whose rows a snapshot replaces as a whole
