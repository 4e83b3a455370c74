"""A throwaway PostgreSQL cluster for the tests: initdb + pg_ctl in a temporary folder.

It listens on a Unix socket in that folder only (no TCP port), with trust authentication.
initdb refuses to run as root: as root (CI, this project's machines) the folder is given to the
`postgres` user and the server's commands run as that user (`runuser`). The binaries come from
PATH or Debian's /usr/lib/postgresql/*/bin (`.ci/run` installs Debian's `postgresql` when none
is there). `find_binaries` is None where there are none: the fixtures skip, or fail under CI.
"""

from __future__ import annotations

import itertools
import os
import pwd
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

__all__ = ["Cluster", "find_binaries"]


def find_binaries() -> Path | None:
    """The folder holding `initdb` and `pg_ctl`: PATH first, then the newest Debian one."""
    found = shutil.which("initdb")
    if found is not None and shutil.which("pg_ctl") is not None:
        return Path(found).resolve().parent

    def version(folder: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", folder.parent.name))

    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version, reverse=True)
    for folder in debian:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


class Cluster:
    """One PostgreSQL server in a temporary folder; `url(name)` names a database on it.

    Args:
        binaries: the folder of `initdb` and `pg_ctl` (`find_binaries()`).
    """

    def __init__(self, binaries: Path) -> None:
        self._bin = binaries
        # Short and in /tmp: a Unix socket's path must stay under about 100 characters.
        self.root = Path(tempfile.mkdtemp(prefix="aiovideo-pg-"))
        self.data = self.root / "data"
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:  # initdb refuses root: the cluster belongs to `postgres`
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
        self._names = itertools.count(1)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")

    def _run(self, program: str, *args: str) -> None:
        command: Sequence[str] = [str(self._bin / program), *args]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        # Our own binaries and arguments, no shell.
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)  # noqa: S603

    def start(self) -> None:
        """Start the server (waits until it accepts connections)."""
        # No TCP (listen_addresses ''), a socket in our folder; fsync off: a test cluster
        # never survives a power cut, and clean stops (`stop`) flush everything anyway.
        options = f"-c listen_addresses='' -k {self.root} -c fsync=off"
        log = self.root / "server.log"
        self._run("pg_ctl", "start", "-w", "-D", str(self.data), "-l", str(log), "-o", options)

    def stop(self) -> None:
        """Stop the server the way an operator's restart does: fast, sessions cut."""
        self._run("pg_ctl", "stop", "-w", "-m", "fast", "-D", str(self.data))

    def url(self, database: str = "postgres", *, password: str | None = None) -> str:
        """A libpq URL for `database` on this cluster's socket."""
        user = "postgres" if password is None else f"postgres:{password}"
        return f"postgresql://{user}@/{database}?host={self.root}"

    def new_database(self) -> str:
        """Create an empty database; returns its URL."""
        import psycopg  # tests without psycopg never get here

        name = f"test_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as db:
            db.execute(f"CREATE DATABASE {name}".encode())
        return self.url(name)

    def remove(self) -> None:
        """Stop the server (if it runs) and delete its folder."""
        subprocess.run(  # noqa: S603  (our own binaries and arguments, no shell)
            [
                *(["runuser", "-u", "postgres", "--"] if self._as_postgres else []),
                str(self._bin / "pg_ctl"),
                "stop",
                "-m",
                "immediate",
                "-D",
                str(self.data),
            ],
            capture_output=True,
            check=False,
            timeout=60,
        )
        shutil.rmtree(self.root, ignore_errors=True)
