"""Commands without a window, for scheduled jobs and administrators:

    python main.py report --day 2026-03-02 --out day.pdf [--db URL] [--hall CODE]
    python main.py report --halls east,west --day 2026-03-02 --out cmp.xlsx [--db URL]
    python main.py db upgrade [--db URL]
    python main.py db backup [--db URL] [--out FILE]
    python main.py db copy --from sqlite:///hall.db --to postgresql+psycopg://… [--hall CODE]
                           [--as CODE]

Whoever can run these can open the database itself, so they act with the database's authority
rather than a signed-in desk's. Exit status: 0 done, 1 refused or failed (the reason on stderr),
2 wrong arguments.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date

from sqlalchemy.exc import SQLAlchemyError

from hall import default_database_url, open_hall
from hall.errors import HallError
from hall.facade import HALL_CODE

COMMANDS = ("report", "db")


def _hall_code(text: str) -> str:
    from hall.facade import check_hall_code

    try:
        return check_hall_code(text)
    except HallError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD：{text}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hall-desk", description="Hall Desk commands")
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser(
        "report",
        help="export a day's sheet (营业日报) as PDF or XLSX, chosen by --out's suffix; "
        "with --halls, several halls side by side",
    )
    report.add_argument(
        "--day",
        type=_day,
        help="business day as YYYY-MM-DD (default: today, in the hall's timezone)",
    )
    report.add_argument("--out", required=True, help="the file to write: NAME.pdf or NAME.xlsx")
    report.add_argument("--db", metavar="URL", help="database URL (default: the SQLite file)")
    which = report.add_mutually_exclusive_group()
    which.add_argument(
        "--hall",
        type=_hall_code,
        default=HALL_CODE,
        metavar="CODE",
        help="the hall's code on a database shared by several halls (default: %(default)s)",
    )
    which.add_argument(
        "--halls",
        metavar="A,B,C",
        help="compare these halls' sheets side by side (XLSX: a column per hall and a sheet "
        "per hall; PDF: one page)",
    )

    db = commands.add_parser("db", help="database administration: upgrade, backup, copy a hall")
    actions = db.add_subparsers(dest="action", required=True)
    up = actions.add_parser("upgrade", help="migrate the schema to the newest revision")
    up.add_argument("--db", metavar="URL", help="database URL (default: the SQLite file)")
    backup = actions.add_parser(
        "backup",
        help="copy an SQLite database into a new file (safe while the app runs); "
        "PostgreSQL: prints the pg_dump command",
    )
    backup.add_argument("--db", metavar="URL", help="database URL (default: the SQLite file)")
    backup.add_argument(
        "--out",
        metavar="FILE",
        help="the backup file (default: backups/hall-YYYYMMDD-HHMMSS.db in the user data folder)",
    )
    copy = actions.add_parser(
        "copy", help="copy one hall's records into another database (e.g. SQLite to PostgreSQL)"
    )
    copy.add_argument("--from", dest="source", required=True, metavar="URL", help="source URL")
    copy.add_argument("--to", dest="target", required=True, metavar="URL", help="target URL")
    copy.add_argument(
        "--hall",
        type=_hall_code,
        default=HALL_CODE,
        metavar="CODE",
        help="the hall to copy (default: %(default)s)",
    )
    copy.add_argument(
        "--as",
        dest="target_hall",
        type=_hall_code,
        metavar="CODE",
        help="its code in the target (default: the same); for halls whose files all say 'main'",
    )
    return parser


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(list(argv))
    try:
        if args.command == "report":
            return _report(args)
        return {"upgrade": _upgrade, "backup": _backup, "copy": _copy}[args.action](args)
    except HallError as error:
        _err(error.message)
    except SQLAlchemyError as error:
        _err(f"数据库操作失败：{_first_line(error)}")
    except OSError as error:
        _err(f"文件操作失败：{error}")
    return 1


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _first_line(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    return str(original).strip().splitlines()[0] if str(original).strip() else repr(error)


# -- report -----------------------------------------------------------------------------------


def _report(args: argparse.Namespace) -> int:
    if args.halls is not None:
        return _regional(args)
    hall = open_hall(args.db, hall=args.hall)
    try:
        if hall.needs_setup:
            _err(f"营业厅“{args.hall}”尚未初始化，没有可导出的日报")
            return 1
        from hall.sheet_export import export_daily_sheet

        day = args.day or hall.today()
        written = export_daily_sheet(hall.daily_sheet(day), args.out)
    finally:
        hall.close()
    print(f"{written}")
    return 0


def _regional(args: argparse.Namespace) -> int:
    from hall.regional import compare_halls, export_comparison, parse_hall_codes

    codes = parse_hall_codes(args.halls)
    comparison = compare_halls(args.db or default_database_url(), codes, args.day)
    written = export_comparison(comparison, args.out)
    print(f"{written}")
    return 0


# -- db ---------------------------------------------------------------------------------------


def _upgrade(args: argparse.Namespace) -> int:
    from hall.db_tools import DbToolError, shown, upgrade_database

    url = args.db or default_database_url()
    try:
        result = upgrade_database(url)
    except DbToolError as error:
        _err(error.message)
        return 1
    if not result.changed:
        print(f"数据库已是最新版本：{result.after}（{shown(url)}）")
    elif result.before is None:
        print(f"已在空数据库中建立表结构，版本 {result.after}（{shown(url)}）")
    else:
        print(f"数据库已从版本 {result.before} 升级到 {result.after}（{shown(url)}）")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from sqlalchemy import make_url

    from hall.db_tools import DbToolError, backup_sqlite, pg_dump_command

    url = args.db or default_database_url()
    backend = make_url(url).get_backend_name()
    if backend == "postgresql":
        _err(
            "PostgreSQL 数据库不由本程序备份，请在能连接服务器的电脑上用 PostgreSQL 自带的 "
            "pg_dump 备份（需与服务器同一大版本或更新）：\n\n"
            f"  {pg_dump_command(url, args.out)}\n\n"
            "密码不要写在命令行上：用环境变量 PGPASSWORD 或 ~/.pgpass 文件提供。\n"
            "恢复到一个新建的空数据库：pg_restore --dbname=新库名 备份文件"
        )
        return 1
    if backend != "sqlite":
        _err(f"不支持备份这种数据库：{backend}")
        return 1
    try:
        result = backup_sqlite(url, args.out)
    except DbToolError as error:
        _err(error.message)
        return 1
    size_kb = max(1, result.size_bytes // 1024)
    print(
        f"已备份到 {result.path}（{size_kb} KB，{result.tickets} 张票，"
        f"数据库版本 {result.revision or '无'}）"
    )
    return 0


def _copy(args: argparse.Namespace) -> int:
    from hall.db_tools import DbToolError, copy_hall, shown

    print(f"正在复制营业厅“{args.hall}”：{shown(args.source)} → {shown(args.target)} …", flush=True)
    try:
        result = copy_hall(
            args.source,
            args.target,
            args.hall,
            target_code=args.target_hall,
        )
    except DbToolError as error:
        _err(error.message)
        return 1
    print(
        f"已复制营业厅“{result.hall_name}”（{result.source_hall} → {result.target_hall}），"
        f"共 {result.total_rows} 行，在一个事务中提交。"
    )
    print("核对行数（源 / 目标）：")
    width = max(len(t.table) for t in result.tables)
    for t in result.tables:
        shift = f"  编号顺延 +{t.id_offset}" if t.id_offset else ""
        print(f"  {t.table:<{width}}  {t.source_rows:>8} / {t.copied_rows:<8}{shift}")
    if result.ids_kept:
        print("所有记录保留了原编号。")
    else:
        print("目标库中已有其他营业厅使用了部分编号，上面标出的表的编号已整体顺延，引用一并更新。")
    if result.sequences_reset:
        print("已重设 PostgreSQL 序列：" + "，".join(result.sequences_reset))
    return 0
