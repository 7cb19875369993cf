#!/usr/bin/env python3
"""Set up Hall Desk and run it, or its tests, with one command on a fresh machine.

    python3 bootstrap.py app  [ARGS...]   # set up, then run main.py ARGS (e.g. --demo)
    python3 bootstrap.py test [ARGS...]   # set up, then run pytest ARGS on SQLite and PostgreSQL

Setup, each step skipped when already done so that a second run starts in seconds:
1. Debian/Ubuntu only: the system libraries Qt needs (and the tools the tests use, among them
   the PostgreSQL server), installed with apt-get when run as root; otherwise the exact command
   to run is printed.
2. A virtualenv .venv next to this file with `pip install -e .[test]`, redone only when
   pyproject.toml has changed since the last install (its hash is kept in .venv).
`test` runs pytest twice: on SQLite, then every test that opens a database again on PostgreSQL:
on the server of HALL_TEST_POSTGRES if set, else on a private server started for the run in a
temporary folder (as the `postgres` user when run as root) and removed afterwards. Without the
server binaries it says that PostgreSQL was skipped and why.
Standard library only: this runs before anything is installed.
"""
import contextlib
import glob
import hashlib
import importlib.util
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if sys.version_info < (3, 11):  # noqa: UP036 - this file is what tells users on older Pythons
    sys.exit(f"hall-desk: Python 3.11 or newer is needed, this is {sys.version.split()[0]}. "
             "Run this file with a newer python3 (e.g. python3.11 bootstrap.py ...).")

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
VENV_PY = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
STAMP = VENV / ".hall-desk-pyproject.sha256"
LINUX = sys.platform.startswith("linux")

# Debian packages providing the libraries that the PySide6 wheels load but do not bundle: exactly
# those `ldd` reported "not found" on a minimal Debian 12 (debootstrap minbase + python3).
QT_PACKAGES = [
    # any use of QtGui, even offscreen (tests): libGL, libEGL, X11, xkbcommon, fonts, glib, dbus
    "libgl1", "libegl1", "libx11-6", "libxkbcommon0", "libfontconfig1", "libfreetype6",
    "libglib2.0-0", "libdbus-1-3",
    # QtMultimedia / QtTextToSpeech (and their ffmpeg plugin, QtNetwork)
    "libpulse0", "libbrotli1", "libgssapi-krb5-2", "libdrm2", "libxext6", "libxrandr2",
    # a real window under X (the xcb platform plugin)
    "libx11-xcb1", "libxcb1", "libxcb-cursor0", "libxcb-glx0", "libxcb-icccm4", "libxcb-image0",
    "libxcb-keysyms1", "libxcb-randr0", "libxcb-render0", "libxcb-render-util0", "libxcb-shape0",
    "libxcb-shm0", "libxcb-sync1", "libxcb-util1", "libxcb-xfixes0", "libxcb-xkb1",
    "libxkbcommon-x11-0",
]
# espeak-ng: the hall display's voice on Linux; libusb: USB thermal ticket printers.
APP_PACKAGES = QT_PACKAGES + ["espeak-ng", "libusb-1.0-0"]
TEST_PACKAGES = APP_PACKAGES + ["poppler-utils", "postgresql"]  # pdftotext/pdftoppm; initdb


def say(msg):
    print(f"hall-desk: {msg}", flush=True)


def run(cmd, env=None):
    """Run cmd in the repository root; return its exit code, 128+N when killed by signal N.

    Ctrl+C reaches the command too: it gets a few seconds to clean up (pytest drops the test
    databases it made on a PostgreSQL server), a second Ctrl+C or anything else ends it at once.
    """
    with subprocess.Popen(cmd, cwd=ROOT, env=env) as proc:
        try:
            code = proc.wait()
        except KeyboardInterrupt:
            try:
                proc.wait(timeout=20)
            except BaseException:
                proc.kill()
            return 130
        except BaseException:
            proc.kill()
            raise
    return 128 - code if code < 0 else code


def missing_debian_packages(packages):
    query = ["dpkg-query", "-W", "-f=${Package} ${Status}\n", *packages]
    out = subprocess.run(query, capture_output=True, text=True).stdout
    installed = {line.split()[0] for line in out.splitlines() if line.endswith(" installed")}
    return [p for p in packages if p not in installed]


def ensure_system_packages(packages):
    if not LINUX:
        return  # the Qt wheels for Windows and macOS bring everything they need
    if not (shutil.which("dpkg-query") and shutil.which("apt-get")):
        say("no dpkg/apt-get (not Debian/Ubuntu): skipping system packages; Qt needs libGL, "
            "libEGL, fontconfig, libxkbcommon, xcb-cursor and libpulse from your distribution")
        return
    if importlib.util.find_spec("ensurepip") is None and not venv_works():
        packages = packages + ["python3-venv"]  # Debian's python3 makes no venv without it
    missing = missing_debian_packages(packages)
    if not missing:
        return
    install = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    if os.geteuid() != 0:
        say("these Debian packages are missing; install them with:\n"
            f"    sudo apt-get update && sudo {' '.join(install)}\n"
            "hall-desk: continuing without them (works only if the libraries come from elsewhere)")
        return
    say(f"installing Debian packages: {' '.join(missing)} …")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-q"], install):
        if run(cmd, env) != 0:
            sys.exit(f"hall-desk: `{' '.join(cmd)}` failed, see its output above")


def venv_works():
    check = ("import sys, importlib.util as u\n"
             "sys.exit(sys.version_info < (3, 11) or u.find_spec('pip') is None)")
    try:
        return subprocess.run([VENV_PY, "-c", check]).returncode == 0
    except OSError:
        return False


def ensure_venv():
    if VENV.exists() and not venv_works():
        say(f"{VENV.name} is broken, too old or has no pip: recreating it …")
        shutil.rmtree(VENV)
    if not VENV.exists():
        say(f"creating {VENV.name} with Python {sys.version.split()[0]} …")
        if run([sys.executable, "-m", "venv", VENV]) != 0:
            shutil.rmtree(VENV, ignore_errors=True)
            sys.exit("hall-desk: could not create .venv (Debian: apt-get install python3-venv)")
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == digest:
        return
    say("installing Python packages: pip install -e '.[test]' (a few minutes the first time) …")
    if run([VENV_PY, "-m", "pip", "install", "--disable-pip-version-check", "-e", ".[test]"]) != 0:
        STAMP.unlink(missing_ok=True)
        sys.exit("hall-desk: pip install failed, see its output above")
    STAMP.write_text(digest + "\n")


def app(args):
    display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    again = "python3 bootstrap.py app" + "".join(" " + shlex.quote(a) for a in args)
    if LINUX and not display and not os.environ.get("QT_QPA_PLATFORM"):
        sys.exit("hall-desk: there is no display here (neither DISPLAY nor WAYLAND_DISPLAY is "
                 "set), so the app cannot open a window. Instead run:\n"
                 f"    xvfb-run -a {again}    # a virtual X server (apt-get install xvfb)\n"
                 f"    QT_QPA_PLATFORM=offscreen {again}    # no window at all")
    ensure_system_packages(APP_PACKAGES)
    ensure_venv()
    say(f"starting main.py {' '.join(args)}".rstrip())
    code = run([VENV_PY, "main.py", *args])
    if LINUX and code == 134:  # SIGABRT: what Qt does when it cannot open its display
        say(f"Qt aborted (see above). Is display {display!r} reachable? Else: xvfb-run -a {again}")
    return code


class Skipped(Exception):
    """PostgreSQL cannot be had here; the message says why."""


def postgres_binaries():
    """The folder holding initdb and pg_ctl: Debian's newest /usr/lib/postgresql/N/bin, else
    the PATH; None if there is none."""
    debian = sorted(
        (p for p in glob.glob("/usr/lib/postgresql/*/bin") if Path(p).parent.name.isdigit()),
        key=lambda p: int(Path(p).parent.name),
        reverse=True,
    )
    on_path = shutil.which("pg_ctl")
    for folder in [Path(p) for p in debian] + ([Path(on_path).parent] if on_path else []):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


@contextlib.contextmanager
def private_postgres():
    """A PostgreSQL server for one test run: a new cluster in a temporary folder, reachable only
    on a Unix socket in that folder, without fsync (its data is thrown away), sorting text by
    ICU's zh-Hans-CN where it can, as a Chinese installation would. Yields the URL of its
    `postgres` database; stops the server and removes the folder on leaving, whatever happened.
    Raises Skipped when no server can be run here."""
    binaries = postgres_binaries()
    if binaries is None:
        how = ("apt-get install postgresql" if LINUX and shutil.which("apt-get")
               else "install the PostgreSQL server")
        raise Skipped(f"no PostgreSQL server binaries (initdb, pg_ctl) found; {how}, or set "
                      "HALL_TEST_POSTGRES to a server URL")
    user = None
    if os.name != "nt" and os.geteuid() == 0:  # initdb and postgres refuse to run as root
        import pwd
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            raise Skipped("running as root and there is no `postgres` user to run the server as "
                          "(initdb refuses root)") from None
        user = "postgres"
    folder = Path(tempfile.mkdtemp(prefix="hall-desk-pg-"))
    data, log = folder / "data", folder / "server.log"
    with socket.socket() as probe:  # a free number; with no TCP listener it names the socket
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    def pg(*cmd, **kwargs):
        done = subprocess.run([str(binaries / cmd[0]), *cmd[1:]], user=user, cwd=folder,
                              capture_output=True, text=True, timeout=120, **kwargs)
        if done.returncode != 0:
            server_log = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise RuntimeError(f"{cmd[0]} failed (exit {done.returncode}):\n"
                               f"{done.stdout}{done.stderr}{server_log}")

    try:
        if user is not None:
            shutil.chown(folder, user)
        say(f"starting a private PostgreSQL server ({binaries.parent.name}) in {folder} …")
        initdb = ["initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                  "--no-sync"]
        try:
            pg(*initdb, "--locale=C.UTF-8", "--locale-provider=icu", "--icu-locale=zh-Hans-CN")
        except RuntimeError:  # older than PostgreSQL 15, or built without ICU: byte order
            shutil.rmtree(data, ignore_errors=True)
            pg(*initdb, "--no-locale")
        options = (f"-p {port} -k {folder} -c listen_addresses='' -c max_connections=300"
                   " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        # Its own session: a Ctrl+C in the terminal reaches pytest, and the server is stopped
        # below in order. -l: the server must not hold pg_ctl's output pipe open.
        pg("pg_ctl", "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start",
           start_new_session=True)
        yield f"postgresql+psycopg://postgres@/postgres?host={folder}&port={port}"
    finally:
        if (data / "postmaster.pid").exists():  # started, even if pg_ctl gave up waiting
            with contextlib.suppress(Exception):
                pg("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def pytest_run(what, args, env):
    """Run pytest with args; (exit code, seconds)."""
    say(f"running pytest on {what}: pytest {' '.join(args)}".rstrip())
    start = time.monotonic()
    code = run([VENV_PY, "-m", "pytest", *args], env)
    return code, time.monotonic() - start


def minutes(seconds):
    return f"{seconds:.1f} s" if seconds < 60 else f"{int(seconds // 60)} min {seconds % 60:.0f} s"


def verdict(code, took):
    """What a pytest run's exit code means here, and the exit code that counts (0: fine)."""
    if code == 0:
        return f"passed, {minutes(took)}", 0
    if code == 5:
        return f"FAILED: pytest collected no tests (exit 5), {minutes(took)}", 1
    return f"FAILED (exit {code}), {minutes(took)}", code


def test(args):
    ensure_system_packages(TEST_PACKAGES)
    ensure_venv()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM") or "offscreen"}
    given = env.pop("HALL_TEST_POSTGRES", None)  # for the second run only
    results = []  # (database, what happened, exit code that counts)

    code, took = pytest_run("SQLite", args, env)
    results.append(("SQLite", *verdict(code, took)))

    def on_postgres(url, where):
        code, took = pytest_run(f"PostgreSQL ({where})", args, {**env, "HALL_TEST_POSTGRES": url})
        if code == 5:  # the conftest deselected them all: none of these tests opens a database
            results.append(("PostgreSQL", "nothing to run: no chosen test opens a database", 0))
        else:
            results.append(("PostgreSQL", *verdict(code, took)))

    if code == 130:
        results.append(("PostgreSQL", "not run: interrupted", 0))
    elif given:
        on_postgres(given, "HALL_TEST_POSTGRES")
    else:
        # SIGTERM (a CI timeout) unwinds like Ctrl+C, so that the server is stopped and removed.
        previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        try:
            with private_postgres() as url:
                on_postgres(url, "a private server")
        except Skipped as why:
            results.append(("PostgreSQL", f"skipped ({why})", 0))
        except RuntimeError as error:
            say(f"the private PostgreSQL server did not start: {error}")
            results.append(("PostgreSQL", "FAILED: the private server did not start", 1))
        finally:
            signal.signal(signal.SIGTERM, previous)
    for database, what, _code in results:
        say(f"{database}: {what}")
    return next((code for _database, _what, code in results if code), 0)


def main(argv):
    commands = {"app": app, "test": test}
    if not argv or argv[0] not in commands:
        print("usage:\n" + __doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
