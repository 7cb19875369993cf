"""Importing customer accounts (客户档案) from the billing system's CSV export.

The file: UTF-8 (with or without BOM) or GBK, told apart by trying UTF-8 first; comma separated;
a header row naming the columns in Chinese (户号, 户名, 用电地址, 联系电话, 用电类别, 电压等级,
合同容量, 欠费, 预存余额, 状态) or by the English aliases in ``COLUMNS``; a unit in brackets after
a name ("欠费(元)") is ignored, and so are columns no alias names. 户号, 户名 and 用电地址 are
required. Amounts are in yuan as the export writes them ("1,236.40"), stored in fen. An empty
phone, amount or capacity cell means none (0); an empty class or status is a bad row, since a
default there could downgrade an existing account.

An account already in the hall is updated from the file: the billing system is the truth for
names, contact data, classes, arrears and balances. Columns the file lacks are left as they are
(and take their defaults for new accounts). A 户号 found on more than one line is a bad row on
each of them: which line is right cannot be told.

Importing is all or nothing, in one write transaction with bulk statements. A file with bad rows
is refused (``ImportRefused``, carrying the report) unless ``skip_bad_rows``, when only the good
rows are imported.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Connection, Row, insert, select, update
from sqlalchemy.sql.expression import bindparam

from db import models as m
from hall.accounts import (
    MAX_CAPACITY_KVA,
    TARIFF_CLASSES,
    VOLTAGE_CLASSES,
    Accounts,
    checked_account,
    checked_capacity,
    checked_phone,
    checked_status,
    checked_tariff_class,
    checked_text,
    checked_voltage_class,
)
from hall.context import HallContext
from hall.errors import InvalidInput
from hall.money import parse_yuan

logger = logging.getLogger(__name__)

A = m.Account.__table__
P = m.Payment.__table__
MAX_IMPORT_BYTES = 50 * 1024 * 1024
# Rows per IN (...) lookup: well below every database's limit on bound parameters.
CHUNK = 500
REASON_SEPARATOR = "；"
"""Between the reasons of one bad row."""


class Column(NamedTuple):
    field: str
    label: str
    aliases: tuple[str, ...]


COLUMNS = (
    Column("account", "户号", ("用户编号", "客户编号", "account", "account_no", "account_number")),
    Column("name", "户名", ("用户名称", "客户名称", "name", "customer_name")),
    Column("address", "用电地址", ("地址", "address")),
    Column("phone", "联系电话", ("电话", "手机", "手机号码", "phone", "mobile", "tel")),
    Column("tariff_class", "用电类别", ("tariff_class", "tariff")),
    Column("voltage_class", "电压等级", ("voltage_class", "voltage")),
    Column("capacity_kva", "合同容量", ("capacity_kva", "capacity")),
    Column("arrears_fen", "欠费", ("欠费金额", "arrears", "arrears_yuan")),
    Column("prepaid_fen", "预存余额", ("预存", "prepaid", "balance", "prepaid_yuan")),
    Column("status", "状态", ("用户状态", "status")),
)
REQUIRED = ("account", "name", "address")
DEFAULTS: dict[str, object] = {
    "phone": "",
    "tariff_class": TARIFF_CLASSES[0],
    "voltage_class": VOLTAGE_CLASSES[0],
    "capacity_kva": 0,
    "arrears_fen": 0,
    "prepaid_fen": 0,
    "status": "normal",
}


class RowNote(NamedTuple):
    """A line of the file (1 = the header row) and what is wrong with it or worth knowing
    (several reasons joined by REASON_SEPARATOR)."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did, or (``imported`` false: a preview, or a refused file) would do.

    ``rows``: data rows read (blank lines not counted). Among the good rows: ``added``, accounts
    new to the hall; ``updated``, accounts already there whose data the file changes;
    ``unchanged``, accounts already there exactly as in the file.
    ``bad_rows``: one per bad line, all its reasons; with ``skip_bad_rows`` these are the rows
    left out. ``warnings``: accounts that paid at the hall today and whose arrears the file
    changes: the export may predate that payment. ``columns``: the recognised columns by their
    Chinese names; ``ignored_columns``: the file's other column titles.
    """

    rows: int
    added: int
    updated: int
    unchanged: int
    bad_rows: tuple[RowNote, ...]
    warnings: tuple[RowNote, ...]
    encoding: str
    columns: tuple[str, ...]
    ignored_columns: tuple[str, ...]
    imported: bool

    @property
    def ok(self) -> bool:
        return not self.bad_rows


class ImportRefused(InvalidInput):
    """The file has bad rows and ``skip_bad_rows`` was not given: nothing was imported."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__(
            f"文件有{len(report.bad_rows)}行错误，未导入任何数据；"
            "请修正后重新导入，或选择跳过错误行",
            code="import_bad_rows",
        )
        self.report = report


@dataclass(frozen=True, slots=True)
class _Parsed:
    encoding: str
    rows: int
    good: tuple[tuple[int, dict[str, Any]], ...]  # (line, values by field)
    bad: tuple[RowNote, ...]
    fields: tuple[str, ...]
    ignored: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Plan:
    new: tuple[dict[str, Any], ...]
    changed: tuple[dict[str, Any], ...]  # values by field, and the row's id as "b_id"
    unchanged: int
    warnings: tuple[RowNote, ...]


class AccountImporter:
    """Previews and imports billing exports into the hall's accounts. Thread-safe."""

    def __init__(self, ctx: HallContext, accounts: Accounts) -> None:
        self._ctx = ctx
        self._accounts = accounts

    def preview(self, source: str | os.PathLike[str] | bytes) -> ImportReport:
        """Check the file and say what importing it would do; changes nothing."""
        parsed = self._parse(source)
        with self._ctx.database.read() as conn:
            plan = self._plan(conn, parsed)
        return _report(parsed, plan, imported=False)

    def run(
        self, source: str | os.PathLike[str] | bytes, *, skip_bad_rows: bool = False
    ) -> ImportReport:
        """Import the file's good rows; with bad rows and no ``skip_bad_rows``, ImportRefused."""
        parsed = self._parse(source)  # before taking the write lock: parsing takes the longest
        if parsed.bad and not skip_bad_rows:
            with self._ctx.database.read() as conn:
                raise ImportRefused(_report(parsed, self._plan(conn, parsed), imported=False))
        with self._ctx.database.write() as conn:
            plan = self._plan(conn, parsed)
            if plan.new:
                conn.execute(insert(A), list(plan.new))
            if plan.changed:
                conn.execute(update(A).where(A.c.id == bindparam("b_id")), list(plan.changed))
        report = _report(parsed, plan, imported=True)
        logger.info(
            "imported accounts: %d rows, %d added, %d updated, %d bad rows skipped",
            report.rows,
            report.added,
            report.updated,
            len(report.bad_rows),
        )
        return report

    def _parse(self, source: str | os.PathLike[str] | bytes) -> _Parsed:
        data = _read(source)
        with self._ctx.database.read() as conn:
            length = self._accounts.account_length(conn)
        return parse(data, account_length=length)

    def _plan(self, conn: Connection, parsed: _Parsed) -> _Plan:
        ctx = self._ctx
        numbers = [values["account"] for _line, values in parsed.good]
        existing: dict[str, Row[Any]] = {}
        for start in range(0, len(numbers), CHUNK):
            rows = conn.execute(
                select(A.c.id, *(A.c[f] for f in parsed.fields)).where(
                    A.c.hall_id == ctx.hall_id, A.c.account.in_(numbers[start : start + CHUNK])
                )
            ).all()
            existing.update((r.account, r) for r in rows)
        paid_today = self._paid_since(conn, _start_of_day(ctx))
        now = ctx.now()
        new: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        warnings: list[RowNote] = []
        for line, values in parsed.good:
            current = existing.get(values["account"])
            if current is None:
                new.append(DEFAULTS | values | {"hall_id": ctx.hall_id, "created_at": now})
                continue
            if all(current._mapping[f] == v for f, v in values.items()):
                continue
            changed.append(
                {k: v for k, v in values.items() if k != "account"} | {"b_id": current.id}
            )
            receipt = paid_today.get(current.id)
            if (
                receipt is not None
                and "arrears_fen" in values
                and values["arrears_fen"] != current.arrears_fen
            ):
                warnings.append(
                    RowNote(
                        line,
                        f"户号 {values['account']} 今天已在营业厅缴费（收据 {receipt}），"
                        "导出的欠费可能未计入这笔缴费，请与营销系统核对",
                    )
                )
        return _Plan(tuple(new), tuple(changed), len(existing) - len(changed), tuple(warnings))

    def _paid_since(self, conn: Connection, since: datetime) -> dict[int, str]:
        """Accounts with a payment (or reversal) since ``since``: their latest receipt number."""
        rows = conn.execute(
            select(P.c.account_id, P.c.receipt_number)
            .where(P.c.hall_id == self._ctx.hall_id, P.c.issued_at >= since)
            .order_by(P.c.id)
        ).all()
        return dict(rows)


def _start_of_day(ctx: HallContext) -> datetime:
    return datetime.combine(ctx.today(), time(0), tzinfo=ctx.zone)


def _report(parsed: _Parsed, plan: _Plan, *, imported: bool) -> ImportReport:
    labels = {c.field: c.label for c in COLUMNS}
    return ImportReport(
        rows=parsed.rows,
        added=len(plan.new),
        updated=len(plan.changed),
        unchanged=plan.unchanged,
        bad_rows=parsed.bad,
        warnings=plan.warnings,
        encoding=parsed.encoding,
        columns=tuple(labels[f] for f in parsed.fields),
        ignored_columns=parsed.ignored,
        imported=imported,
    )


def _read(source: str | os.PathLike[str] | bytes) -> bytes:
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        try:
            if path.stat().st_size > MAX_IMPORT_BYTES:
                raise _too_large()
            data = path.read_bytes()
        except FileNotFoundError:
            raise InvalidInput(f"找不到文件 {path}", code="import_unreadable") from None
        except OSError as error:
            raise InvalidInput(
                f"无法读取文件 {path.name}：{error.strerror or error}", code="import_unreadable"
            ) from None
    if len(data) > MAX_IMPORT_BYTES:
        raise _too_large()
    return data


def _too_large() -> InvalidInput:
    return InvalidInput(
        f"文件过大（超过{MAX_IMPORT_BYTES // (1024 * 1024)}MB），请分批导出",
        code="import_too_large",
    )


def parse(data: bytes, *, account_length: int) -> _Parsed:
    """Read and check every row of an export; raises InvalidInput only for the file as a whole
    (not a CSV, an unknown encoding, a header without the required columns)."""
    text, encoding = _decode(data)
    records = _records(text)
    first = next(records, None)
    if first is None:
        raise InvalidInput("文件是空的", code="import_empty")
    fields, ignored = _columns(first[1])
    labels = {c.field: c.label for c in COLUMNS}

    rows = 0
    good: list[tuple[int, dict[str, Any]]] = []
    reasons: dict[int, list[str]] = {}
    lines_of: dict[str, list[int]] = {}
    for line, cells in records:
        rows += 1
        values: dict[str, Any] = {}
        problems: list[str] = []
        extra = [c for c in cells[len(fields) :] if c.strip()]
        if extra:
            problems.append(f"该行有{len(cells)}列，比表头多{len(cells) - len(fields)}列")
        for index, field in enumerate(fields):
            if field is None:
                continue
            cell = cells[index].strip() if index < len(cells) else ""
            try:
                values[field] = _value(field, cell, account_length)
            except InvalidInput as error:
                problems.append(f"{labels[field]}：{error.message}")
        if "account" in values:
            lines_of.setdefault(values["account"], []).append(line)
        if problems:
            reasons[line] = problems
        else:
            good.append((line, values))
    for number, lines in lines_of.items():
        if len(lines) > 1:
            where = "、".join(str(n) for n in lines)
            for line in lines:
                reasons.setdefault(line, []).append(
                    f"户号 {number} 在文件中重复出现（第{where}行）"
                )
    return _Parsed(
        encoding=encoding,
        rows=rows,
        good=tuple((line, values) for line, values in good if line not in reasons),
        bad=tuple(RowNote(line, REASON_SEPARATOR.join(reasons[line])) for line in sorted(reasons)),
        fields=tuple(f for f in fields if f is not None),
        ignored=ignored,
    )


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"PK\x03\x04"):
        raise InvalidInput(
            "这是 Excel 文件，请在 Excel 中另存为 CSV 后再导入", code="import_not_csv"
        )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        # GB18030 is the superset of GBK that Windows' "ANSI" Chinese exports fit in.
        return data.decode("gb18030"), "GBK"
    except UnicodeDecodeError:
        raise InvalidInput(
            "无法识别文件编码，请导出为 UTF-8 或 GBK 编码的 CSV", code="import_encoding"
        ) from None


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Non-blank CSV records with the line each starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    last_line = 0
    try:
        for cells in reader:
            line, last_line = last_line + 1, reader.line_num
            if any(c.strip() for c in cells):
                yield line, cells
    except csv.Error as error:
        raise InvalidInput(
            f"第{last_line + 1}行不是有效的 CSV：{error}", code="import_not_csv"
        ) from None


def _normal(title: str) -> str:
    """A column title as compared with the aliases: no unit in brackets, case, spaces."""
    title = re.sub(r"[（(][^）)]*[）)]\s*$", "", title.replace("\ufeff", "").strip())
    return re.sub(r"[\s_\-]+", "_", title.strip()).lower()


_BY_TITLE = {_normal(title): c.field for c in COLUMNS for title in (c.label, *c.aliases)}


def _columns(header: list[str]) -> tuple[list[str | None], tuple[str, ...]]:
    """The field each header cell names (None: ignored), and the ignored titles."""
    fields: list[str | None] = []
    ignored: list[str] = []
    seen: dict[str, int] = {}
    labels = {c.field: c.label for c in COLUMNS}
    for index, title in enumerate(header, start=1):
        field = _BY_TITLE.get(_normal(title))
        if field is not None and field in seen:
            raise InvalidInput(
                f"表头第{seen[field]}列和第{index}列都是“{labels[field]}”，请只保留一列",
                code="import_header",
            )
        if field is None and title.strip():
            ignored.append(title.strip())
        elif field is not None:
            seen[field] = index
        fields.append(field)
    missing = [labels[f] for f in REQUIRED if f not in seen]
    if missing:
        raise InvalidInput(
            "表头缺少必需的列：" + "、".join(missing) + "（第一行应为列名，如 户号,户名,用电地址）",
            code="import_header",
        )
    return fields, tuple(ignored)


def _value(field: str, cell: str, account_length: int) -> object:
    if field == "account":
        return checked_account(cell, account_length)
    if field == "name":
        return checked_text(cell, "户名", 100)
    if field == "address":
        return checked_text(cell, "用电地址", 200)
    if field == "phone":
        return checked_phone(cell)
    if field == "tariff_class":
        return checked_tariff_class(cell)
    if field == "voltage_class":
        return checked_voltage_class(cell)
    if field == "capacity_kva":
        return _capacity(cell)
    if field in ("arrears_fen", "prepaid_fen"):
        return parse_yuan(cell) if cell else 0
    if field == "status":
        return checked_status(cell)
    raise AssertionError(field)


def _capacity(cell: str) -> int:
    figures = re.sub(r"(?i)\s*kva$", "", cell).replace(",", "")
    if not figures:
        return 0
    if not (figures.isascii() and figures.isdigit()) or len(figures) > len(str(MAX_CAPACITY_KVA)):
        raise InvalidInput(
            f"“{cell}”不是有效的容量，应为0到{MAX_CAPACITY_KVA}之间的整数（kVA）",
            code="invalid_capacity",
        )
    return checked_capacity(int(figures))
