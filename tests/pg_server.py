"""A private PostgreSQL server in a folder of its own, for tests and benchmarks (stdlib only).

It listens on a Unix socket only; as root it runs as the ``postgres`` user, since initdb and
the server refuse root.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


class PgUnavailable(Exception):
    """No private server can be had here; the message says why."""


def server_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: $HALL_PG_BIN, the PATH, or Debian's newest
    /usr/lib/postgresql/N/bin."""
    candidates = [Path(os.environ["HALL_PG_BIN"])] if os.environ.get("HALL_PG_BIN") else []
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).parent)
    by_version = sorted(
        (Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin") if Path(p).parent.name.isdigit()),
        key=lambda p: int(p.parent.name),
        reverse=True,
    )
    for folder in [*candidates, *by_version]:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


class PgServer:
    """A cluster in ``folder``. ``durable``: keep fsync on (benchmarks); tests turn it off."""

    def __init__(self, binaries: Path, folder: Path, user: str | None, *, durable: bool) -> None:
        self._bin = binaries
        self.folder = folder
        self._user = user
        self._durable = durable
        self.data = folder / "data"
        self.log = folder / "server.log"
        with socket.socket() as probe:  # any free number: it names the socket file
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]

    @property
    def socket_path(self) -> str:
        return str(self.folder / f".s.PGSQL.{self.port}")

    def _run(self, *args: str) -> None:
        done = subprocess.run(
            [str(self._bin / args[0]), *args[1:]],
            user=self._user,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {done.stdout}{done.stderr}")

    def init(self) -> None:
        sync = [] if self._durable else ["--no-sync"]
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", *sync)
        self.start()

    def _pg_ctl(self, action: str) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=''"
        if not self._durable:
            options += " -c fsync=off"
        # -l: the server must not keep pg_ctl's output pipe open, or this would never return.
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w",
                  "-m", "fast", action)  # fmt: skip

    def start(self) -> None:
        self._pg_ctl("start")

    def stop(self) -> None:
        self._pg_ctl("stop")

    def restart(self) -> None:
        self._pg_ctl("restart")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.folder}&port={self.port}"

    def shut_down(self) -> None:
        with contextlib.suppress(RuntimeError):
            self._run("pg_ctl", "-D", str(self.data), "-w", "-m", "immediate", "stop")


@contextlib.contextmanager
def private_server(*, durable: bool = False) -> Iterator[PgServer]:
    """A new cluster, started; stopped and removed afterwards. PgUnavailable when none can be."""
    binaries = server_binaries()
    if binaries is None:
        raise PgUnavailable(
            "no PostgreSQL server binaries (initdb, pg_ctl) on this PC: install the postgresql"
            " package, or set HALL_PG_BIN"
        )
    user = None
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        import pwd

        try:
            pwd.getpwnam("postgres")
        except KeyError:
            raise PgUnavailable(
                "running as root and there is no 'postgres' user to run the server as"
            ) from None
        user = "postgres"
    # Directly under /tmp: the server's user must reach it, and the socket path must be short.
    folder = Path(tempfile.mkdtemp(prefix="hall-pg-"))
    if user is not None:
        shutil.chown(folder, user)
    server = PgServer(binaries, folder, user, durable=durable)
    try:
        try:
            server.init()
        except (RuntimeError, OSError, subprocess.SubprocessError) as error:
            raise PgUnavailable(f"could not start a private PostgreSQL: {error}") from error
        yield server
    finally:
        server.shut_down()
        shutil.rmtree(folder, ignore_errors=True)
