"""Commands without a window, for scheduled jobs and administrators:

    python main.py report --day 2026-03-02 --out day.pdf [--db URL]

Whoever can run these can open the database itself, so they act with the database's authority
rather than a signed-in desk's.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date

from hall import open_hall
from hall.errors import HallError
from hall.sheet_export import export_daily_sheet

COMMANDS = ("report",)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hall-desk", description="Hall Desk commands")
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser(
        "report", help="export a day's sheet (营业日报) as PDF or XLSX, chosen by --out's suffix"
    )
    report.add_argument(
        "--day",
        type=date.fromisoformat,
        help="business day as YYYY-MM-DD (default: today, in the hall's timezone)",
    )
    report.add_argument("--out", required=True, help="the file to write: NAME.pdf or NAME.xlsx")
    report.add_argument("--db", metavar="URL", help="database URL (default: the SQLite file)")
    return parser


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(list(argv))
    hall = open_hall(args.db)
    try:
        if hall.needs_setup:
            print("营业厅尚未初始化，没有可导出的日报", file=sys.stderr)
            return 1
        day = args.day or hall.today()
        written = export_daily_sheet(hall.daily_sheet(day), args.out)
    except HallError as error:
        print(error.message, file=sys.stderr)
        return 1
    finally:
        hall.close()
    print(f"{written}")
    return 0
