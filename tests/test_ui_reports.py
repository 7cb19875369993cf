"""The shift lead's reports on screen: the daily sheet (日报) and the staff assessment (考核)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QChart
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from test_assessment import MARCH, month  # noqa: F401 (the scripted month)
from test_daily_sheet import DAY, scripted_day  # noqa: F401 (the scripted day)

from hall.assessment import AssessmentRules
from hall.desk import Desk

from ui.assessment_view import AssessmentView, ClerksModel, Period, period_dates
from ui.daily_sheet_view import DailySheetView, ReportOutput, count_step
from ui.fonts import install_cjk_font
from ui.session import HallSession

OpenView = Callable[..., Any]


@pytest.fixture
def open_view(qtbot, session: HallSession, lead: Desk) -> OpenView:  # type: ignore[no-untyped-def]
    """open_view(DailySheetView) shows the view to the lead once its first read is in."""

    def open_(cls: Callable[[HallSession, Desk], Any], desk: Desk = lead) -> Any:
        install_cjk_font(QApplication.instance())  # type: ignore[arg-type]
        view = cls(session, desk)
        qtbot.addWidget(view)
        with qtbot.waitSignal(view.loaded, timeout=10_000):
            view.show()
        return view

    return open_


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Answer the save dialog with ``path``; the titles it was opened with."""
    asked: list[str] = []

    def answer(parent: QWidget, title: str, suggested: str, name_filter: str) -> tuple[str, str]:
        asked.append(title)
        return str(path), name_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return asked


def bars(chart: QChart) -> dict[str, dict[str, float]]:
    """What a bar chart shows: {bar set: {category: value}}."""
    (series,) = chart.series()
    assert isinstance(series, QBarSeries)
    (axis,) = (a for a in series.attachedAxes() if isinstance(a, QBarCategoryAxis))
    categories = axis.categories()
    return {
        bar_set.label(): {c: bar_set.at(i) for i, c in enumerate(categories)}
        for bar_set in series.barSets()
    }


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    found = re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE)
    assert found
    return int(found.group(1))


# -- the daily sheet -------------------------------------------------------------------------


def test_the_sheet_shows_the_scripted_day(
    scripted_day: Any,  # noqa: F811
    open_view: OpenView,
    qtbot,  # type: ignore[no-untyped-def]
    qtmodeltester,  # type: ignore[no-untyped-def]
) -> None:
    view: DailySheetView = open_view(DailySheetView)
    assert view.day() == DAY
    shown = {name: tile.value.text() for name, tile in view.tiles.items()}
    assert shown == {
        "issued": "4",
        "served": "2",
        "avg_wait": "4.3",  # (2 + 5 + 6) / 3 minutes
        "p90_wait": "6.0",
        "over_target": "1",
        "satisfaction": "50.0%",
        "complaints": "1",
        "payments": "￥236.40",
    }
    assert view.tiles["served"].detail.full_text() == "过号 1 · 转出 1"

    clerks = view.tables["按人员"]
    qtmodeltester.check(clerks)
    rows = [
        [clerks.index(r, c).data() for c in range(clerks.columnCount())]
        for r in range(clerks.rowCount())
    ]
    assert rows[0][:5] == ["2001", "张受理", "2", "0", "0"]  # served, no-shows, parked
    assert rows[1][:2] == ["2002", "赵收费"]
    assert list(view.tables) == [
        "概况",
        "按业务",
        "按窗口",
        "按人员",
        "评价",
        "收费",
        "分时段",
        "等候分布",
    ]

    hourly = bars(view.hours_chart)
    assert hourly["取号"]["10时"] == 4 and hourly["办结"]["10时"] == 2
    assert hourly["取号"]["8时"] == 0 and "17时" in hourly["取号"]  # the opening hours
    assert sum(hourly["取号"].values()) == 4
    assert list(bars(view.waits_chart)["人数"].values()) == [1, 2, 0, 0, 0, 0]

    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.set_day(date(2026, 3, 1))
    assert view.tiles["issued"].value.text() == "0"
    assert view.tiles["satisfaction"].value.text() == "—"
    assert view.tables["按人员"].rowCount() == 0


@pytest.mark.parametrize("suffix", [".pdf", ".xlsx"])
def test_export_writes_the_chosen_file(
    scripted_day: Any,  # noqa: F811
    open_view: OpenView,
    qtbot,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    suffix: str,
) -> None:
    view: DailySheetView = open_view(DailySheetView)
    asked = save_as(monkeypatch, tmp_path / "日报")  # the suffix is added
    button = view.pdf_button if suffix == ".pdf" else view.xlsx_button
    button.click()
    written = tmp_path / f"日报{suffix}"
    qtbot.waitUntil(lambda: "已导出" in view.message(), timeout=20_000)
    assert view.message() == f"已导出：{written}"
    assert asked == ["导出 PDF" if suffix == ".pdf" else "导出 Excel"]
    if suffix == ".pdf":
        text = pdf_text(written)
        assert "城东供电营业厅 营业日报 2026-03-02" in text and "张受理" in text
    else:
        from openpyxl import load_workbook

        summary = dict(load_workbook(written)["概况"].iter_rows(min_row=3, values_only=True))
        assert summary["办结"] == 2


def test_print_sends_the_sheet_to_the_printer(
    scripted_day: Any,  # noqa: F811
    open_view: OpenView,
    qtbot,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    paper = tmp_path / "printed.pdf"

    def pdf_printer(parent: QWidget) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(paper))
        return printer

    monkeypatch.setattr(ReportOutput, "ask_printer", staticmethod(pdf_printer))
    view: DailySheetView = open_view(DailySheetView)
    view.print_button.click()
    qtbot.waitUntil(lambda: "已送打印机" in view.message(), timeout=20_000)
    assert pdf_pages(paper) == 1
    assert view.print_button.isEnabled()


def test_todays_sheet_follows_the_hall(
    open_view: OpenView,
    guide: Desk,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    view: DailySheetView = open_view(DailySheetView)
    assert view.tiles["issued"].value.text() == "0"
    view.live_refresh.setInterval(50)
    guide.issue_ticket("A")
    guide.issue_ticket("A")
    qtbot.waitUntil(lambda: view.tiles["issued"].value.text() == "2", timeout=10_000)


def test_count_axis_steps() -> None:
    assert [count_step(n) for n in (0, 4, 6, 7, 12, 13, 30, 31, 120, 121)] == [
        1,
        1,
        1,
        2,
        2,
        5,
        5,
        10,
        20,
        50,
    ]


# -- the assessment --------------------------------------------------------------------------


def test_period_presets() -> None:
    saturday = date(2026, 4, 11)
    assert period_dates(Period.THIS_WEEK, saturday) == (date(2026, 4, 6), saturday)
    assert period_dates(Period.LAST_WEEK, saturday) == (date(2026, 3, 30), date(2026, 4, 5))
    assert period_dates(Period.THIS_MONTH, saturday) == (date(2026, 4, 1), saturday)
    assert period_dates(Period.LAST_MONTH, saturday) == MARCH
    assert period_dates(Period.LAST_MONTH, date(2026, 1, 5)) == (
        date(2025, 12, 1),
        date(2025, 12, 31),
    )


def scores(model: ClerksModel) -> dict[str, tuple[str, str]]:
    C = ClerksModel.Columns
    return {
        model.index(r, C.NAME).data(): (
            model.index(r, C.SCORE).data(),
            model.index(r, C.STARS).data(),
        )
        for r in range(model.rowCount())
    }


def open_last_month(open_view: OpenView, qtbot, desk: Desk | None = None) -> AssessmentView:  # type: ignore[no-untyped-def]
    """The assessment view on March (the month fixture leaves the clock in April)."""
    view: AssessmentView = (
        open_view(AssessmentView) if desk is None else open_view(AssessmentView, desk)
    )
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.period_choice.setCurrentIndex(view.period_choice.findData(Period.LAST_MONTH))
    assert view.period() == MARCH
    return view


def test_the_assessment_shows_scores_and_stars(
    month: None,  # noqa: F811
    open_view: OpenView,
    qtbot,  # type: ignore[no-untyped-def]
    qtmodeltester,  # type: ignore[no-untyped-def]
) -> None:
    view = open_last_month(open_view, qtbot)
    qtmodeltester.check(view.model)
    assert scores(view.model) == {
        "张受理": ("97.5", "★★★★☆"),
        "赵收费": ("93.0", "★★★☆☆"),
        "钱受理": ("100.0", "★★★★★"),
    }
    C = ClerksModel.Columns
    first = [view.model.index(0, c).data() for c in C]
    # 2 days, 20 served in 19 × 2 + 6 minutes, 1 over target, no no-shows, no pause.
    assert first[: C.PAUSE + 1] == ["2001", "张受理", "2", "20", "2.2", "1", "0", "0.0"]
    assert view.selected() is not None and view.selected().code == "2001"  # type: ignore[union-attr]
    sheet = view.clerk_sheet.toPlainText()
    assert "超时办理 1 件" in sheet and "-2.0" in sheet and "97.5 分" in sheet
    assert view.select("2002")
    assert "暂停超出 70 分钟" in view.clerk_sheet.toPlainText()


def test_the_rules_dialog_changes_the_scores(
    month: None,  # noqa: F811
    open_view: OpenView,
    lead: Desk,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    view = open_last_month(open_view, qtbot)
    view.rules_button.click()
    qtbot.waitUntil(lambda: view.rules_dialog is not None and view.rules_dialog.isVisible())
    dialog = view.rules_dialog
    assert dialog is not None
    assert dialog.rules() == AssessmentRules()  # the defaults, as stored

    # Refused: the star thresholds must rise from one star to five. Nothing changes.
    dialog.star_spins[0].setValue(95)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert dialog.error.text() == "星级分数线应为从一星到五星递增的五个分数"
    assert dialog.isVisible() and lead.assessment_rules() == AssessmentRules()

    dialog.spins["bad_rating_points"].setValue(10)
    for spin, score in zip(dialog.star_spins, (80, 85, 90, 95, 99), strict=True):
        spin.setValue(score)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        dialog.save_button.click()
    assert not dialog.isVisible()
    assert lead.assessment_rules().bad_rating_points == 10
    assert scores(view.model)["张受理"] == ("89.5", "★★☆☆☆")
    assert "考核参数已保存" in view.message()


def test_the_assessment_exports_a_page_per_clerk(
    month: None,  # noqa: F811
    open_view: OpenView,
    qtbot,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    view = open_last_month(open_view, qtbot)
    save_as(monkeypatch, tmp_path / "march.pdf")
    view.pdf_button.click()
    qtbot.waitUntil(lambda: "已导出" in view.message(), timeout=20_000)
    assert pdf_pages(tmp_path / "march.pdf") == 3
    assert "考核期：2026-03-01 至 2026-03-31" in pdf_text(tmp_path / "march.pdf")


def test_a_clerk_sees_only_their_own_and_no_rules(
    month: None,  # noqa: F811
    open_view: OpenView,
    counter,  # type: ignore[no-untyped-def]
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    view = open_last_month(open_view, qtbot, counter(2))
    assert list(scores(view.model)) == ["赵收费"]
    assert view.rules_button.isHidden()
