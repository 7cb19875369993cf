"""The shift lead's daily sheet (日报) on screen: the day's key figures as tiles, the sheet's
tables, arrivals and services per hour and the wait distribution as charts; export and print.

The tables are hall.sheet_export.sheet_tables, the very tables the PDF and XLSX exports print,
so what the lead reads on screen is what the files say. Every read runs on the session's worker.
While today is shown the sheet follows the hall's live updates, at most every few seconds: a
sheet is a few queries over the whole day, not something to redo on every call.

``ReportOutput`` (export to a chosen file, print on a chosen printer) is shared with the staff
assessment view.
"""

from __future__ import annotations

import functools
import itertools
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QMargins,
    QModelIndex,
    QObject,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPageSize,
    QPainter,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hall.desk import Desk
from hall.errors import HallError
from hall.money import format_yuan
from hall.records import BusinessType
from hall.reports import WAIT_BUCKETS_MIN, DailySheet
from hall.sheet_export import Cell, Table, minutes, percent, sheet_tables

from ui.payment_dialog import paint_pdf
from ui.session import HallSession, LiveView, connect_view
from ui.table_model import AnyIndex
from ui.widgets import ElidedLabel, named_label, set_style_property

logger = logging.getLogger(__name__)

LIVE_REFRESH_MS = 5_000
"""Today's sheet is read again at most this often while the hall changes."""
DEFAULT_HOURS = (8, 17)
"""Hours shown on the hourly chart when the hall's opening hours are not known."""
ARRIVALS_COLOUR = QColor("#1d63c9")
SERVED_COLOUR = QColor("#0a7a3f")
WAITS_COLOUR = QColor("#c77700")
TILE_FIGURE_PX = 30

STYLE = """
#viewTitle { font-size: 22px; font-weight: bold; color: #111827; }
QDateEdit { font-size: 17px; min-height: 34px; padding: 0 6px; }
#reportBar QPushButton { font-size: 16px; min-height: 34px; padding: 0 14px; }
#tile { background: #ffffff; border: 1px solid #d6dbe1; border-radius: 8px; }
#tile[alert="true"] { border: 2px solid #b42318; background: #fff5f4; }
#tileCaption { font-size: 15px; color: #4b5563; }
#tileValue { font-weight: bold; color: #111827; }
#tile[alert="true"] #tileValue { color: #b42318; }
#tileDetail { font-size: 13px; color: #6b7280; }
QTabWidget::pane { border: 1px solid #d6dbe1; background: #ffffff; }
QTabBar::tab { font-size: 15px; padding: 6px 14px; }
QTableView {
    font-size: 15px; background: #ffffff; border: none;
    alternate-background-color: #f6f8fa; selection-background-color: #d5ebe8;
    selection-color: #111827;
}
QHeaderView::section {
    font-size: 14px; font-weight: bold; color: #374151; padding: 4px 8px;
    background: #eceff3; border: none; border-bottom: 1px solid #d6dbe1;
}
#viewMessage { font-size: 15px; padding: 5px 12px; border-radius: 4px; }
#viewMessage[kind="error"] { background: #fde8e6; color: #8a1c12; border: 1px solid #f0b4ad; }
#viewMessage[kind="info"] { background: #e6f2f1; color: #0b4f49; border: 1px solid #b9dcd8; }
"""


def cell_text(cell: Cell) -> str:
    """A table cell as the exports print it: no figure is "—"."""
    return "—" if cell is None else str(cell)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


# -- exporting and printing ------------------------------------------------------------------


class ReportOutput(QObject):
    """Writes a report to a file the lead chooses, or prints it. GUI thread only.

    ``write(path)`` writes the report to ``path`` (its suffix says .pdf or .xlsx) and runs on the
    session's worker; printing writes a PDF to a temporary file and paints its pages on the
    printer chosen. One job at a time; ``busy_changed`` says when one starts and ends, ``done``
    and ``failed`` what to tell the lead.
    """

    busy_changed = Signal(bool)
    done = Signal(str)
    failed = Signal(str)

    def __init__(self, session: HallSession, parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self._widget = parent
        self._busy = False

    @property
    def busy(self) -> bool:
        return self._busy

    def export(self, write: Callable[[Path], object], *, suffix: str, suggested_name: str) -> None:
        """Ask where to save the report (.pdf or .xlsx) and write it there."""
        if self._busy:
            return
        path = self.ask_path(self._widget, suffix, suggested_name)
        if path is None:
            return

        def written(_result: object) -> None:
            self.done.emit(self.tr("已导出：{path}").format(path=str(path)))

        self._run(functools.partial(write, path), written)

    def print_report(self, write: Callable[[Path], object], *, document_name: str) -> None:
        """Ask for a printer and print the report's PDF on it."""
        if self._busy:
            return
        printer = self.ask_printer(self._widget)
        if printer is None:
            return
        printer.setDocName(document_name)
        handle, name = tempfile.mkstemp(prefix="hall-desk-", suffix=".pdf")
        os.close(handle)
        path = Path(name)

        def printed(_result: object) -> None:
            try:
                reason = paint_pdf(printer, path)
            finally:
                path.unlink(missing_ok=True)
            if reason is None:
                self.done.emit(
                    self.tr("已送打印机：{printer}").format(printer=_printer_name(printer))
                )
            else:
                self.failed.emit(reason)

        self._run(functools.partial(write, path), printed, cleanup=path)

    @staticmethod
    def ask_path(parent: QWidget, suffix: str, suggested_name: str) -> Path | None:
        """The save dialog; the path chosen (with ``suffix``), or None when cancelled."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        if suffix == ".pdf":
            title = QCoreApplication.translate("ReportOutput", "导出 PDF")
            name_filter = QCoreApplication.translate("ReportOutput", "PDF 文件 (*.pdf)")
        else:
            title = QCoreApplication.translate("ReportOutput", "导出 Excel")
            name_filter = QCoreApplication.translate("ReportOutput", "Excel 工作簿 (*.xlsx)")
        chosen, _filter = QFileDialog.getSaveFileName(
            parent, title, str(Path(folder) / f"{suggested_name}{suffix}"), name_filter
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    @staticmethod
    def ask_printer(parent: QWidget) -> QPrinter | None:
        """The print dialog; the printer chosen, or None when cancelled. Tests patch this."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))  # the reports are A4
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(QCoreApplication.translate("ReportOutput", "打印"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer

    def _run(
        self,
        call: Callable[[], object],
        on_done: Callable[[object], None],
        *,
        cleanup: Path | None = None,
    ) -> None:
        self._set_busy(True)

        def finished(result: object) -> None:
            self._set_busy(False)
            on_done(result)

        def refused(error: Exception) -> None:
            self._set_busy(False)
            if cleanup is not None:
                cleanup.unlink(missing_ok=True)
            if isinstance(error, HallError):
                self.failed.emit(error.message)
            else:
                self.failed.emit(self.tr("未能写出文件：{error}").format(error=error))

        self._session.run(call, on_done=finished, on_error=refused, context=self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_changed.emit(busy)


def _printer_name(printer: QPrinter) -> str:
    return printer.printerName() or printer.outputFileName()


# -- the pieces of the sheet -----------------------------------------------------------------


class SheetTableModel(QAbstractTableModel):
    """One of the sheet's tables (hall.sheet_export.Table), read-only: its headers and its
    typed cells, figures right-aligned."""

    def __init__(self, table: Table, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = table

    @property
    def table(self) -> Table:
        return self._table

    def set_table(self, table: Table) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._table.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._table.headers)

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._table.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._table.headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._table.rows):
            return None
        cell = self._table.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(cell)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            figure = cell is None or isinstance(cell, int | Decimal)
            horizontal = Qt.AlignmentFlag.AlignRight if figure else Qt.AlignmentFlag.AlignLeft
            return horizontal | Qt.AlignmentFlag.AlignVCenter
        return None


class FigureLabel(QLabel):
    """A one-line figure in large type that shrinks (to half at most) rather than be cut off:
    a day's takings run to six digits, and a tile on a 1366-pixel screen is narrow."""

    def __init__(self, name: str, pixel_size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._pixel_size = pixel_size
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        full = QFont(self.font())
        full.setPixelSize(pixel_size)
        self.setFixedHeight(QFontMetrics(full).height())
        self._fit()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        font = QFont(self.font())
        size = self._pixel_size
        font.setPixelSize(size)
        while size > self._pixel_size // 2 and (
            QFontMetrics(font).horizontalAdvance(self.text()) > self.contentsRect().width()
        ):
            size -= 1
            font.setPixelSize(size)
        if font.pixelSize() != self.font().pixelSize():
            self.setFont(font)


class StatTile(QFrame):
    """One key figure: what it is, the figure in large, and a line of detail."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.caption = ElidedLabel("tileCaption")
        self.caption.setText(caption)
        self.value = FigureLabel("tileValue", TILE_FIGURE_PX)
        self.detail = ElidedLabel("tileDetail")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 8)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)

    def show_figure(self, value: str, detail: str = "", *, alert: bool = False) -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        set_style_property(self, "alert", alert, self.value)


def chart_hours(sheet: DailySheet, businesses: Sequence[BusinessType]) -> list[int]:
    """The hours of the hourly chart: the hall's opening hours, widened to any hour with
    arrivals or services."""
    active = [b for b in businesses if b.active]
    if active:
        first = min(b.opens_at.hour for b in active)
        closes = max(b.closes_at for b in active)
        last = closes.hour - 1 if closes.minute == 0 else closes.hour
    else:
        first, last = DEFAULT_HOURS
    busy = set(sheet.arrivals_by_hour) | set(sheet.served_by_hour)
    if busy:
        first, last = min(first, *busy), max(last, *busy)
    return list(range(first, last + 1))


def count_step(maximum: int, steps: int = 6) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, ... that reaches ``maximum`` in ``steps`` steps."""
    scale = 1
    while True:
        for base in (1, 2, 5):
            if maximum <= steps * base * scale:
                return base * scale
        scale *= 10


def count_axis(maximum: int) -> QValueAxis:
    """A value axis for counts: from 0, whole-number ticks, about six steps."""
    step = count_step(maximum)
    axis = QValueAxis()
    axis.setRange(0, (maximum // step + 1) * step)  # room above the tallest bar
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setLabelFormat("%d")
    return axis


def _new_chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _show_bars(
    chart: QChart,
    categories: list[str],
    bars: list[tuple[str, QColor, list[int]]],
    *,
    categories_title: str = "",
) -> None:
    """Replace what ``chart`` shows by one bar series: a set of bars per (name, colour, values)."""
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
    series = QBarSeries()
    for name, colour, values in bars:
        bar_set = QBarSet(name)
        bar_set.setColor(colour)
        bar_set.setBorderColor(colour)
        bar_set.append([float(v) for v in values])
        series.append(bar_set)
    chart.addSeries(series)
    x_axis = QBarCategoryAxis()
    x_axis.append(categories)
    x_axis.setTitleText(categories_title)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(x_axis)
    y_axis = count_axis(max((max(values, default=0) for _, _, values in bars), default=0))
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(y_axis)
    chart.legend().setVisible(len(bars) > 1)


# -- the view ----------------------------------------------------------------------------------


class DailySheetView(QWidget):
    """The daily sheet of one business day, for the shift lead (``desk``). GUI thread only.

    Reads run on ``session``'s worker, one at a time; a day chosen while one is in flight is read
    when it returns. ``loaded`` is emitted with every DailySheet shown.
    """

    loaded = Signal(object)

    def __init__(self, session: HallSession, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._desk = desk
        self._sheet: DailySheet | None = None
        self._loading = False
        self._reload_again = False
        self._stale = True
        self._seen_view: LiveView | None = session.latest
        self.setStyleSheet(STYLE)
        self.output = ReportOutput(session, self)
        self.output.busy_changed.connect(self._sync_buttons)
        self.output.done.connect(lambda text: self._say(text, error=False))
        self.output.failed.connect(lambda text: self._say(text, error=True))
        self._build(session.hall.today())

        # Live updates for today are folded into one read per interval.
        self.live_refresh = QTimer(self)
        self.live_refresh.setSingleShot(True)
        self.live_refresh.setInterval(LIVE_REFRESH_MS)
        self.live_refresh.timeout.connect(self.reload)
        connect_view(session, self._hall_changed)
        self.date_edit.dateChanged.connect(lambda _day: self.reload())
        self.reload()

    # -- building ----------------------------------------------------------------------------

    def _build(self, today: date) -> None:
        self.date_edit = QDateEdit(qdate(today))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMaximumDate(qdate(today))
        previous = QPushButton(self.tr("前一天"))
        following = QPushButton(self.tr("后一天"))
        today_button = QPushButton(self.tr("今天"))
        previous.clicked.connect(lambda: self.date_edit.setDate(self.date_edit.date().addDays(-1)))
        following.clicked.connect(lambda: self.date_edit.setDate(self.date_edit.date().addDays(1)))
        today_button.clicked.connect(
            lambda: self.set_day(self._session.hall.today())  # the business day now
        )
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.reload)
        self.pdf_button = QPushButton(self.tr("导出 PDF"))
        self.xlsx_button = QPushButton(self.tr("导出 Excel"))
        self.print_button = QPushButton(self.tr("打印"))
        self.pdf_button.clicked.connect(lambda: self.export(".pdf"))
        self.xlsx_button.clicked.connect(lambda: self.export(".xlsx"))
        self.print_button.clicked.connect(self.print_sheet)

        bar = QFrame()
        bar.setObjectName("reportBar")
        top = QHBoxLayout(bar)
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(6)
        top.addWidget(named_label("viewTitle", self.tr("营业日报")))
        top.addSpacing(12)
        for widget in (previous, self.date_edit, following, today_button):
            top.addWidget(widget)
        top.addStretch(1)
        for button in (self.refresh_button, self.pdf_button, self.xlsx_button, self.print_button):
            button.setAutoDefault(False)
            top.addWidget(button)

        self.tiles = {
            "issued": StatTile(self.tr("取号")),
            "served": StatTile(self.tr("办结")),
            "avg_wait": StatTile(self.tr("平均等候(分钟)")),
            "p90_wait": StatTile(self.tr("90%等候(分钟)")),
            "over_target": StatTile(self.tr("办理超时")),
            "satisfaction": StatTile(self.tr("满意率")),
            "complaints": StatTile(self.tr("投诉")),
            "payments": StatTile(self.tr("收费合计")),
        }
        tiles = QGridLayout()
        tiles.setSpacing(8)
        for column, tile in enumerate(self.tiles.values()):
            tiles.addWidget(tile, 0, column)
            tiles.setColumnStretch(column, 1)

        self.message_bar = named_label("viewMessage")
        self.message_bar.setWordWrap(True)
        self.message_bar.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_bar.hide()

        self.tabs = QTabWidget()
        self.tables: dict[str, SheetTableModel] = {}
        self.hours_chart = _new_chart(self.tr("分时段取号与办结"))
        self.waits_chart = _new_chart(self.tr("等候时间分布"))
        charts = QHBoxLayout()
        charts.setSpacing(8)
        for chart, stretch in ((self.hours_chart, 3), (self.waits_chart, 2)):
            view = QChartView(chart)
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            # A chart would take 600 px; it gets what the stretch factors give it instead.
            view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
            view.setMinimumHeight(220)
            charts.addWidget(view, stretch)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        layout.addWidget(bar)
        layout.addLayout(tiles)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(charts, 1)
        self._sync_buttons()

    def _table_view(self, model: SheetTableModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(30)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return view

    # -- what other code and tests may look at -----------------------------------------------

    @property
    def sheet(self) -> DailySheet | None:
        """The sheet shown (None before the first read)."""
        return self._sheet

    @property
    def loading(self) -> bool:
        return self._loading

    def day(self) -> date:
        return pydate(self.date_edit.date())

    def set_day(self, day: date) -> None:
        """Show the sheet of ``day`` (read on the worker)."""
        if qdate(day) > self.date_edit.maximumDate():
            self.date_edit.setMaximumDate(qdate(day))
        self.date_edit.setDate(qdate(day))

    def message(self) -> str:
        return self.message_bar.text() if self.message_bar.isVisible() else ""

    # -- reading -----------------------------------------------------------------------------

    def _hall_changed(self, view: LiveView) -> None:
        """Something changed in the hall: re-read today's sheet within LIVE_REFRESH_MS."""
        if view is self._seen_view:
            return  # the reading this view started from
        self._seen_view = view
        if qdate(view.snapshot.day) > self.date_edit.maximumDate():
            self.date_edit.setMaximumDate(qdate(view.snapshot.day))  # a new business day
        if view.snapshot.day == self.day() and not self.live_refresh.isActive():
            self.live_refresh.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Read the chosen day's sheet again. A hidden view reads when it is shown next."""
        if not self.isVisible() and self._sheet is not None:
            self._stale = True
            return
        if self._loading:
            self._reload_again = True
            return
        self._loading = True
        self._stale = False
        self._sync_buttons()
        self._session.run(
            functools.partial(self._desk.daily_sheet, self.day()),
            on_done=self._read,
            on_error=self._read_failed,
            context=self,
        )

    def _read(self, sheet: DailySheet) -> None:
        self._loading = False
        if self._reload_again or sheet.day != self.day():
            self._reload_again = False
            self.reload()
            return
        self._sheet = sheet
        self._show(sheet)
        self._sync_buttons()
        self.loaded.emit(sheet)

    def _read_failed(self, error: Exception) -> None:
        self._loading = False
        self._reload_again = False
        self._sync_buttons()
        text = error.message if isinstance(error, HallError) else str(error)
        self._say(self.tr("未能读取日报：{error}").format(error=text), error=True)

    # -- showing -----------------------------------------------------------------------------

    def _show(self, sheet: DailySheet) -> None:
        self._show_tiles(sheet)
        self._show_tables(sheet)
        businesses = self._session.latest.snapshot.businesses if self._session.latest else ()
        hours = chart_hours(sheet, businesses)
        _show_bars(
            self.hours_chart,
            [self.tr("{hour}时").format(hour=hour) for hour in hours],
            [
                (
                    self.tr("取号"),
                    ARRIVALS_COLOUR,
                    [sheet.arrivals_by_hour.get(h, 0) for h in hours],
                ),
                (self.tr("办结"), SERVED_COLOUR, [sheet.served_by_hour.get(h, 0) for h in hours]),
            ],
        )
        # The core's bucket names ("0-5分钟") are too long under a bar: minutes go in the title.
        bounds = (0, *WAIT_BUCKETS_MIN)
        wait_labels = [f"{low}-{high}" for low, high in itertools.pairwise(bounds)]
        wait_labels.append(self.tr("{minutes}以上").format(minutes=bounds[-1]))
        _show_bars(
            self.waits_chart,
            wait_labels,
            [(self.tr("人数"), WAITS_COLOUR, [count for _label, count in sheet.wait_distribution])],
            categories_title=self.tr("等候(分钟)"),
        )

    def _show_tiles(self, sheet: DailySheet) -> None:
        t = self.tiles
        t["issued"].show_figure(
            str(sheet.issued), self.tr("日终未办关闭 {count}").format(count=sheet.closed_unserved)
        )
        t["served"].show_figure(
            str(sheet.served),
            self.tr("过号 {no_shows} · 转出 {transferred}").format(
                no_shows=sheet.no_shows, transferred=sheet.transferred
            ),
        )
        t["avg_wait"].show_figure(
            cell_text(minutes(sheet.avg_wait_s)),
            self.tr("平均办理 {minutes} 分钟").format(
                minutes=cell_text(minutes(sheet.avg_handle_s))
            ),
        )
        t["p90_wait"].show_figure(
            cell_text(minutes(sheet.p90_wait_s)),
            self.tr("等候超{limit}分钟 {count} 人").format(
                limit=sheet.wait_limit_s // 60, count=sheet.long_waits
            ),
            alert=sheet.long_waits > 0,
        )
        t["over_target"].show_figure(
            str(sheet.over_target), self.tr("超过业务办理时限"), alert=sheet.over_target > 0
        )
        rate = percent(sheet.satisfaction)
        t["satisfaction"].show_figure(
            "—" if rate is None else self.tr("{rate}%").format(rate=rate),
            self.tr("评价 {count} 次").format(count=sheet.rated),
        )
        t["complaints"].show_figure(
            str(sheet.complaints_opened),
            self.tr("逾期未办 {count}").format(count=sheet.complaints_overdue),
            alert=sheet.complaints_overdue > 0,
        )
        t["payments"].show_figure(
            format_yuan(sum(sheet.payments_fen.values())),
            self.tr("收据 {receipts} · 冲正 {reversals}").format(
                receipts=sheet.receipts, reversals=sheet.reversals
            ),
        )

    def _show_tables(self, sheet: DailySheet) -> None:
        for table in sheet_tables(sheet):
            model = self.tables.get(table.title)
            if model is None:
                model = SheetTableModel(table, self)
                self.tables[table.title] = model
                self.tabs.addTab(self._table_view(model), table.title)
            else:
                model.set_table(table)

    # -- exporting and printing --------------------------------------------------------------

    def export(self, suffix: str) -> None:
        """导出 PDF / 导出 Excel: the chosen day's sheet, read afresh, to a file the lead picks."""
        day = self.day()
        name = self.tr("营业日报-{day}").format(day=day.isoformat())
        write = functools.partial(self._desk.export_daily_sheet, day)
        self.output.export(write, suffix=suffix, suggested_name=name)

    def print_sheet(self) -> None:
        """打印: the chosen day's sheet (its PDF) on a printer the lead picks."""
        day = self.day()
        name = self.tr("营业日报 {day}").format(day=day.isoformat())
        self.output.print_report(
            functools.partial(self._desk.export_daily_sheet, day), document_name=name
        )

    # -- state -------------------------------------------------------------------------------

    def _sync_buttons(self, *_: object) -> None:
        idle = not self.output.busy
        for button in (self.pdf_button, self.xlsx_button, self.print_button):
            button.setEnabled(idle)
        self.refresh_button.setEnabled(not self._loading)

    def _say(self, text: str, *, error: bool) -> None:
        self.message_bar.setText(text)
        set_style_property(self.message_bar, "kind", "error" if error else "info")
        self.message_bar.show()
