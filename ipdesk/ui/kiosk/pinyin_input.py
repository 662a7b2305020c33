"""Chinese characters from pinyin letters, for the kiosk fields that need characters: the brand
name (place names and GI names inside a mark are only found in characters) and a crop the crop
buttons do not have (patent titles are in characters).

A small candidate bar, not a full input method: letters typed on the on-screen keyboard compose a
syllable; the bar offers the characters read that way, most frequent first, taken from the words
the field is checked against — for a brand name the names in the data (places at county level and
above, GI names), for a crop the crop vocabulary and the GI product names — then the common
characters of everyday text (a brand name is mostly words no list holds: 金丰收, 鑫盛). A tap puts
the character into the field.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from pypinyin import Style, pinyin
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ipdesk.domain import rules
from ipdesk.domain.text import is_cjk
from ipdesk.services.container import Services
from ipdesk.ui.kiosk.widgets import TOUCH_MIN, role_label

log = logging.getLogger("ipdesk.ui.kiosk")

CANDIDATES = 10
CANDIDATE_COLUMNS = 4  # beside the keyboard within a 1024 px screen


@dataclass
class CharacterIndex:
    """Toneless pinyin syllable → characters, most frequent in the vocabulary first."""

    by_syllable: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_names(cls, names: Iterable[str], behind: Iterable[str] = ()) -> CharacterIndex:
        """`names`: the vocabulary, its characters ranked by how often they occur in it; `behind`:
        characters offered after the vocabulary's for the same reading, in their order (the common
        characters of everyday text, for the words of a brand name no list holds: 收 of 金丰收)."""
        counts = Counter(ch for name in names for ch in name if is_cjk(ch))
        vocabulary = set(counts)
        for rank, ch in enumerate(dict.fromkeys(c for c in behind if is_cjk(c) and c not in vocabulary)):
            counts[ch] = -1 - rank  # below every vocabulary character, in the order given
        primary: dict[str, list[str]] = {}
        other: dict[str, list[str]] = {}
        for ch, _n in counts.most_common():
            for rank, reading in enumerate(pinyin(ch, style=Style.NORMAL, heteronym=True)[0]):
                syllable = reading.replace("ü", "v")
                if syllable.isascii() and syllable.isalpha():
                    # a character's usual reading first: fu offers 福 before 市 (read fu only in 韨)
                    (primary if rank == 0 else other).setdefault(syllable, []).append(ch)
        by_syllable = {s: [*primary.get(s, ()), *(c for c in other.get(s, ()) if c not in primary.get(s, ()))]
                       for s in {*primary, *other}}
        return cls(by_syllable)

    def candidates(self, letters: str, limit: int = CANDIDATES) -> list[str]:
        """Characters read exactly `letters` first, then those whose reading starts with them."""
        letters = letters.lower()
        if not letters:
            return []
        out = list(self.by_syllable.get(letters, ()))
        if len(out) < limit:
            longer = sorted(s for s in self.by_syllable if s.startswith(letters) and s != letters)
            for syllable in longer:
                out.extend(ch for ch in self.by_syllable[syllable] if ch not in out)
                if len(out) >= limit:
                    break
        return out[:limit]


@lru_cache(maxsize=1)
def common_characters(limit: int = 4000) -> tuple[str, ...]:
    """The characters of everyday Chinese, most common first: ranked by how many of pypinyin's
    ~47,000 phrases use each (收 418th, 首 378th), with the characters common in shop and brand
    names that phrases rarely hold (鑫) first. Made once (~0.4 s, off the GUI
    thread) for both candidate bars."""
    from pypinyin.phrases_dict import phrases_dict

    counts = Counter(ch for phrase in phrases_dict for ch in phrase if is_cjk(ch))
    return (*rules.BRAND_NAME_CHARS, *(ch for ch, _n in counts.most_common(limit)))


def character_index_source(services: Services) -> Callable[[], CharacterIndex]:
    """Builds the index from the store (run it on the DB worker: a few thousand names)."""

    def build() -> CharacterIndex:
        names = list(services.wizards.place_index())
        names += [g.name for g in services.wizards.gi_names()]
        # the words a brand name is most often made of: goods, and the descriptive and praising words
        # the check knows (大米, 有机, 好, 鲜 …), so that their characters are offered too
        names += [w for words in rules.GENERIC_GOODS.values() for w in words]
        names += [*rules.DESCRIPTIVE_WORDS, *rules.LAUDATORY_CHARS, *rules.MISLEADING_WORDS]
        index = CharacterIndex.from_names(names, behind=common_characters())
        log.debug("kiosk: %d pinyin syllables for the candidate bar", len(index.by_syllable))
        return index

    return build


def crop_character_source(services: Services) -> Callable[[], CharacterIndex]:
    """The characters of farm products: the crop vocabulary and the GI names (魔芋 of 岚皋魔芋),
    which name thousands of products the crop buttons do not have. Run it on the DB worker."""

    def build() -> CharacterIndex:
        names = [g.name for g in services.wizards.gi_names()]
        for crop in rules.CROPS:
            names += [crop.name.zh, *crop.keywords]
        names += [t.name.zh for t in rules.TECHNIQUES]
        return CharacterIndex.from_names(names, behind=common_characters())

    return build


class CandidateBar(QWidget):
    """Shows the letters being composed and the characters they may mean; a tap inserts one."""

    sig_committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index: CharacterIndex | None = None
        self.target: QLineEdit | None = None
        self.composing = ""
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.status = role_label("hint", self)
        column.addWidget(self.status)
        grid = QGridLayout()
        grid.setSpacing(6)
        self.buttons: list[QPushButton] = []
        for i in range(CANDIDATES):
            button = QPushButton(self)
            button.setProperty("role", "key")
            button.setMinimumSize(QSize(TOUCH_MIN, TOUCH_MIN + 8))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, b=button: self._on_candidate_clicked(b))
            grid.addWidget(button, i // CANDIDATE_COLUMNS, i % CANDIDATE_COLUMNS)
            self.buttons.append(button)
        column.addLayout(grid)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        column.addWidget(self.hint)
        self.refresh()

    def set_index(self, index: CharacterIndex) -> None:
        self.index = index
        self.refresh()

    def add_letter(self, letter: str) -> None:
        self.composing += letter
        self.refresh()

    def remove_letter(self) -> bool:
        """Backspace inside the composed letters; False when there were none."""
        if not self.composing:
            return False
        self.composing = self.composing[:-1]
        self.refresh()
        return True

    def clear(self) -> None:
        self.composing = ""
        self.refresh()

    def refresh(self) -> None:
        found = self.index.candidates(self.composing) if self.index and self.composing else []
        for button, ch in zip(self.buttons, found + [""] * CANDIDATES, strict=False):
            button.setText(ch)
            button.setVisible(bool(ch))
        if not self.composing:
            self.status.setText(self.tr("点字母拼出读音，再点下面的字。"))
        elif self.index is None:
            self.status.setText(self.tr("正在准备汉字……"))
        elif found:
            self.status.setText(self.tr("拼音 %1：点要的字").replace("%1", self.composing))
        else:
            self.status.setText(self.tr("拼音 %1：没有对应的字").replace("%1", self.composing))
        self.hint.setText(self.tr("也可以直接用字母作名称。") if not self.composing else "")

    def on_typed(self, text: str) -> None:
        """Follow the keyboard: letters compose, backspace un-composes, anything else ends it."""
        if len(text) == 1 and text.isascii() and text.isalpha():
            self.add_letter(text.lower())
        elif text == "\b":
            self.remove_letter()
        else:
            self.clear()

    def _on_candidate_clicked(self, button: QPushButton) -> None:
        """The composed letters (already in the field) give way to the character."""
        ch = button.text()
        if not ch:
            return
        if self.target is not None:
            for _ in self.composing:
                self.target.backspace()
            self.target.insert(ch)
        self.composing = ""
        self.refresh()
        self.sig_committed.emit(ch)
