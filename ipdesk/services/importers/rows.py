"""What every reader hands to staging: raw rows with where they came from, notices and row errors."""

from __future__ import annotations

from dataclasses import dataclass, field

from ipdesk.domain.i18n import pick


@dataclass
class RawRow:
    """One record as read from a file, before validation. `values` are raw: str, int, float,
    datetime/date (from date cells or parsed XML dates), or lists for repeated XML elements."""

    kind: str  # patent | trademark | gi
    file: str
    row: int  # 1-based row in the sheet, or document number within the file
    values: dict[str, object]
    where: str = ""  # sheet name or document name inside a ZIP
    errors: list[RowError] = field(default_factory=list)  # problems the reader already found
    # the office the record belongs to when the file says (ST.96 RegistrationOfficeCode / officeCode):
    # a record of another office than CNIPA's ("CN") is not imported (`st96.foreign_office_error`)
    office: str = ""
    # a row of an Excel or CSV list: its 截至日期 column is the staff's own as-of date; an XML's as-of is
    # the date it was produced or published (either refused when later than today, `Validator._check_as_of`,
    # in words that say which)
    from_list: bool = False

    @classmethod
    def unreadable(cls, file: str, where: str, zh: str, en: str) -> RawRow:
        """A document inside a folder or ZIP that could not be read: no record, one error for the
        whole document (row 0, no column)."""
        return cls("", file, 0, {}, where=where, errors=[RowError(file, 0, "", "", zh, en, where)])

    @property
    def is_unreadable(self) -> bool:
        return not self.kind


@dataclass(frozen=True)
class RowError:
    """One reason a row was rejected: row, column, value, why (in both languages)."""

    file: str
    row: int
    column: str
    value: str
    why_zh: str
    why_en: str
    where: str = ""

    def why(self, lang: str) -> str:
        return pick(lang, self.why_zh, self.why_en)

    def column_label(self, lang: str) -> str:
        """The column as the template names it in `lang` (errors store the Chinese header)."""
        from ipdesk.services.importers.templates import english_header

        return pick(lang, self.column, english_header(self.column) or self.column)

    @property
    def whole_file(self) -> bool:
        """The error is about a whole document that could not be read, not one of its rows."""
        return self.row == 0 and not self.column

    def as_dict(self, lang: str = "zh_CN") -> dict[str, object]:
        return {"file": self.file, "where": self.where, "row": None if self.whole_file else self.row,
                "column": self.column_label(lang),
                "value": self.value, "why": self.why(lang), "why_zh": self.why_zh, "why_en": self.why_en}


@dataclass(frozen=True)
class Notice:
    """Something the person should know about a file that is not an error (encoding used, 1904
    dates, ignored columns, numbers accepted as identifiers)."""

    file: str
    zh: str
    en: str

    def text(self, lang: str) -> str:
        return pick(lang, self.zh, self.en)
