"""The read-only table model the workstations' lists are built on: one row per record."""

from __future__ import annotations

import difflib
import logging
from collections.abc import Callable, Hashable, Mapping, Sequence
from enum import IntEnum
from typing import ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

logger = logging.getLogger(__name__)

AnyIndex = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
"""Data role giving the record a row shows."""

R = TypeVar("R")


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """A read-only table of records (frozen dataclasses), one row each, in the order given.

    A subclass names its columns in a nested ``Columns(IntEnum)`` and their titles in
    ``header_texts``, and says what a cell shows through the hooks: ``display`` (required),
    ``alignment``, ``foreground``, ``background``, ``bold`` and ``tooltip``. It feeds the rows
    with ``sync``, which follows a new list with row inserts and removes rather than a reset, so
    a view's selection and scroll position survive every refresh. GUI thread only.
    """

    Columns: ClassVar[type[IntEnum]]

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[R] = []
        self._headers = self.header_texts()

    # -- what a subclass says ----------------------------------------------------------------

    def header_texts(self) -> Mapping[IntEnum, str]:
        """The title of every column, translated (asked once, when the model is made)."""
        raise NotImplementedError

    def display(self, record: R, column: IntEnum) -> str:
        raise NotImplementedError

    def alignment(self, column: IntEnum) -> Qt.AlignmentFlag | None:
        """How a column's cells and its title are aligned (None: the view's default)."""
        return None

    def foreground(self, record: R, column: IntEnum) -> QColor | None:
        return None

    def background(self, record: R, column: IntEnum) -> QColor | None:
        return None

    def bold(self, record: R, column: IntEnum) -> bool:
        return False

    def tooltip(self, record: R, column: IntEnum) -> str | None:
        return None

    # -- feeding -----------------------------------------------------------------------------

    @property
    def records(self) -> tuple[R, ...]:
        return tuple(self._records)

    def record_at(self, row: int) -> R | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def sync(self, records: Sequence[R], *, key: Callable[[R], Hashable]) -> None:
        """Show ``records`` in this order. A row whose record has the key of one shown already is
        kept (with dataChanged when the record changed); the others are removed or inserted.
        Keys must be unique within a list."""
        new = list(records)
        old_keys = [key(r) for r in self._records]
        new_keys = [key(r) for r in new]
        matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
        shift = 0  # rows inserted minus rows removed so far
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for k in range(i2 - i1):
                    row = i1 + shift + k
                    if self._records[row] != new[j1 + k]:
                        self._records[row] = new[j1 + k]
                        self._emit_row_changed(row)
                continue
            if i2 > i1:  # delete, or the first half of replace
                first = i1 + shift
                self.beginRemoveRows(QModelIndex(), first, first + (i2 - i1) - 1)
                del self._records[first : first + (i2 - i1)]
                self.endRemoveRows()
                shift -= i2 - i1
            if j2 > j1:  # insert, or the second half of replace
                first = i2 + shift  # where the old rows i1..i2 ended, in the list as it is now
                self.beginInsertRows(QModelIndex(), first, first + (j2 - j1) - 1)
                self._records[first:first] = new[j1:j2]
                self.endInsertRows()
                shift += j2 - j1
        assert [key(r) for r in self._records] == new_keys

    def replace(self, records: Sequence[R]) -> None:
        """Show ``records`` instead of what was shown (a new search, another customer): a reset,
        after which views size their columns to the new contents."""
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def _emit_row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.Columns) - 1))

    def _emit_column_changed(self, column: IntEnum) -> None:
        """Every cell of ``column`` may show something else now (a clock moved, names changed)."""
        if self._records:
            last = len(self._records) - 1
            self.dataChanged.emit(self.index(0, column), self.index(last, column))

    # -- Qt model interface ------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.Columns)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.Columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[self.Columns(section)]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(self.Columns(section))
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        column = self.Columns(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(record, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return _brush(self.foreground(record, column))
        if role == Qt.ItemDataRole.BackgroundRole:
            return _brush(self.background(record, column))
        if role == Qt.ItemDataRole.FontRole:
            return _bold_font() if self.bold(record, column) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(record, column)
        if role == RECORD_ROLE:
            return record
        return None


def _brush(colour: QColor | None) -> QBrush | None:
    return None if colour is None else QBrush(colour)


def _bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
