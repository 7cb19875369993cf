#!/usr/bin/env python3
"""Set up Hall Desk and run it, or its tests, with one command on a fresh machine.

    python3 bootstrap.py app  [ARGS...]   # set up, then run main.py ARGS (e.g. --demo)
    python3 bootstrap.py test [ARGS...]   # set up, then run pytest ARGS

Setup, each step skipped when already done so that a second run starts in seconds:
1. Debian/Ubuntu only: the system libraries Qt needs (and the tools the tests use), installed
   with apt-get when run as root; otherwise the exact command to run is printed.
2. A virtualenv .venv next to this file with `pip install -e .[test]`, redone only when
   pyproject.toml has changed since the last install (its hash is kept in .venv).
Standard library only: this runs before anything is installed.
"""
import hashlib
import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
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
APP_PACKAGES = QT_PACKAGES + ["espeak-ng"]  # espeak-ng: the hall display's voice on Linux
TEST_PACKAGES = APP_PACKAGES + ["poppler-utils", "postgresql"]  # pdftotext/pdftoppm; initdb


def say(msg):
    print(f"hall-desk: {msg}", flush=True)


def run(cmd, env=None):
    """Run cmd in the repository root; return its exit code, 128+N when killed by signal N."""
    try:
        code = subprocess.run(cmd, cwd=ROOT, env=env).returncode
    except KeyboardInterrupt:
        return 130
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


def test(args):
    ensure_system_packages(TEST_PACKAGES)
    ensure_venv()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM") or "offscreen"}
    say(f"running pytest {' '.join(args)}".rstrip())
    code = run([VENV_PY, "-m", "pytest", *args], env)
    if code == 5:
        say("FAILED: pytest collected no tests (exit 5); a suite that ran nothing is not green")
        return 1
    return code


def main(argv):
    commands = {"app": app, "test": test}
    if not argv or argv[0] not in commands:
        print("usage:\n" + __doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
