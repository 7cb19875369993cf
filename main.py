"""Hall Desk: start the app.

    python main.py [--db URL | --demo] [--hall CODE] [--lang zh_CN|en]
    python main.py report --day 2026-03-02 --out day.pdf [--db URL] [--hall CODE]
    python main.py report --halls east,west --day 2026-03-02 --out cmp.xlsx [--db URL]
    python main.py db upgrade|backup|copy ...        (see hall/cli.py)

On a new database a first-run dialog names the hall and creates its shift lead, who then adds
staff. Each workstation (ticket desk, counter, hall display, rating pad, lead console) is opened
by signing in; Ctrl+N opens another one in the same process.
"""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from platformdirs import user_data_dir, user_log_dir
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from hall import cli, open_hall
from hall.demo import build_demo_hall
from hall.facade import HALL_CODE, Hall

from ui.app import HallDeskApp
from ui.fonts import install_cjk_font
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, install_translations
from ui.session import HallSession
from ui.setup_dialog import FirstRunDialog
from ui.signin import StationKind, Workstation
from ui.worker import DbWorker

logger = logging.getLogger(__name__)

APP_NAME = "HallDesk"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our options, and whatever is left for Qt (e.g. ``-platform offscreen``)."""
    parser = argparse.ArgumentParser(
        prog="hall-desk", description="Hall Desk: queue and counter desk of the service hall."
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="SQLAlchemy database URL, e.g. sqlite:////path/hall.db or "
        "postgresql+psycopg://user@host/hall (default: the SQLite file in the user data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a demo hall (sample staff, shown at sign-in, and a morning of traffic)",
    )
    parser.add_argument(
        "--hall",
        metavar="CODE",
        help="this PC's hall, when several halls share one database server (remembered on "
        "this PC; default: main)",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=DEFAULT_LANGUAGE,
        help="interface language (default: %(default)s)",
    )
    return parser.parse_known_args(list(argv))


def configure_logging() -> Path:
    """Log to stderr and to a rotating file in the user log folder; return the file's path."""
    folder = Path(user_log_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    log_file = folder / "hall-desk.log"
    to_file = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    to_stderr = logging.StreamHandler()
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT, handlers=[to_stderr, to_file])
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    sys.excepthook = _log_uncaught
    return log_file


def _log_uncaught(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    # Exceptions raised in Qt slots end up here; the app keeps running.
    logger.critical("uncaught exception", exc_info=(kind, error, tb))


def _tr(text: str) -> str:
    return QCoreApplication.translate("main", text)


def demo_database_url() -> str:
    """A fresh demo database in the user data folder, replacing the previous demo."""
    folder = Path(user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("demo.db*"):
        old.unlink()
    return f"sqlite:///{folder / 'demo.db'}"


def _hall_code(given: str | None) -> str:
    """The hall given with --hall, else the one this PC remembers (see _remember_hall)."""
    return given or str(QSettings().value("hall/code", HALL_CODE))


def _remember_hall(code: str) -> None:
    """Once its hall has opened, this PC opens the same one without --hall next time."""
    QSettings().setValue("hall/code", code)


def _open(url: str | None, *, demo: bool, hall: str = HALL_CODE) -> Hall | None:
    try:
        if demo:
            return build_demo_hall(demo_database_url())
        return open_hall(url, hall=hall)
    except Exception as exc:
        logger.exception("cannot open the hall database")
        QMessageBox.critical(
            None,
            _tr("无法打开数据库"),
            _tr("无法打开营业厅数据库：\n{error}").format(error=exc),
        )
        return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in cli.COMMANDS:
        return cli.main(argv)
    args, qt_args = parse_args(argv)
    log_file = configure_logging()
    logger.info("Hall Desk starting (log file %s)", log_file)

    app = QApplication([sys.argv[0], *qt_args])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Hall Desk")
    install_translations(app, args.lang)  # the translators are children of app
    install_cjk_font(app)

    hall_code = HALL_CODE if args.demo else _hall_code(args.hall)
    hall = _open(args.db, demo=args.demo, hall=hall_code)
    if hall is None:
        return 1
    if args.hall and not args.demo:
        _remember_hall(hall_code)
    worker = DbWorker()
    session: HallSession | None = None
    try:
        first_lead = None
        if hall.needs_setup:
            first_lead = FirstRunDialog.ask(hall, worker)
            if first_lead is None:
                logger.info("first-run setup cancelled")
                return 0
        session = HallSession(hall, worker)
        hall_desk = HallDeskApp(session, demo=args.demo)
        if first_lead is not None:
            # The new lead goes straight on to add the hall's staff.
            console = hall_desk.open(
                hall.sign_in(*first_lead), Workstation(StationKind.LEAD_CONSOLE)
            )
            console.manage_staff()
        elif hall_desk.open_workstation() is None:
            return 0
        return app.exec()
    finally:
        if session is not None:
            session.close()
        worker.shutdown()
        hall.close()
        logger.info("Hall Desk stopped")


if __name__ == "__main__":
    sys.exit(main())
