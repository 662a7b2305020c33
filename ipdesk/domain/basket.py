"""The report basket: records a staff member collects from any view or wizard for one report."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class BasketItem:
    kind: str  # gi | patent | trademark | place | class | wizard
    ref_id: int  # record id (division code as an int for a place; 0 for a wizard outcome)
    title: str
    subtitle: str = ""
    payload: Any = None  # a wizard outcome or extra data the report renders
    client: str = ""  # whom it was for, typed with it (a wizard result's 服务对象); '' when not said


def common_client(items: Iterable[BasketItem]) -> str:
    """The one client `items` were typed for: '' when none was, or when they name different ones."""
    names = {item.client for item in items if item.client}
    return names.pop() if len(names) == 1 else ""


@dataclass
class ReportBasket:
    items: list[BasketItem] = field(default_factory=list)
    _listeners: list[Callable[[], None]] = field(default_factory=list, repr=False)

    def add(self, item: BasketItem) -> bool:
        """Add once; returns False when the record is already in the basket."""
        if item.kind != "wizard" and any(i.kind == item.kind and i.ref_id == item.ref_id for i in self.items):
            return False
        self.items.append(item)
        self._changed()
        return True

    def set_client(self, payload: object, client: str) -> bool:
        """The client typed for the item that holds `payload` (a wizard's outcome) after it was added;
        True when an item changed."""
        changed = False
        for index, item in enumerate(self.items):
            if item.payload is payload and payload is not None and item.client != client:
                self.items[index] = replace(item, client=client)
                changed = True
        if changed:
            self._changed()
        return changed

    def client(self) -> str:
        """The one client the items were typed for ('' when none was, or when they name different ones)."""
        return common_client(self.items)

    def remove(self, index: int) -> None:
        del self.items[index]
        self._changed()

    def clear(self) -> None:
        self.items.clear()
        self._changed()

    def subscribe(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[], None]) -> None:
        """Stop calling `listener` (a view that is gone); one not subscribed is ignored."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()

    def __len__(self) -> int:
        return len(self.items)
