"""The seam under the Journal: what a store of journal rows must do, and when it must be durable.

The Journal holds the workflow (when to claim, POST, record, settle); a store holds the rows
and makes each write atomic and durable. SQLite is one store (`_sqlite.py`), PostgreSQL
another (`_postgres.py`, whose docstring says where it differs: leases alone tell a dead owner).
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from aiovideo.core import AiovideoError

if TYPE_CHECKING:
    from aiovideo.core import Job

__all__ = ["Decide", "JournalWriteError", "Row", "Store", "Where", "without_password"]

# A row as a store hands it over: a plain mapping keyed by `Entry`'s field names (`COLUMNS`).
Row = Mapping[str, Any]
# Which rows a call is about: column name -> value, all of them equal; None matches NULL.
Where = Mapping[str, Any]
# Inside a claim: given the row found (None: none yet), the values to write (None: none).
Decide = Callable[[Row | None], Mapping[str, Any] | None]


class JournalWriteError(AiovideoError):
    """The journal could not be written (disk full, I/O error, read-only file).

    `generation_id` is set when a generation was accepted (and billed) but its id could not be
    recorded: keep it (it is also logged at ERROR), and `job` is its Job, still tracked.
    """

    def __init__(self, message: str, *, generation_id: str | None = None) -> None:
        super().__init__(message)
        self.generation_id = generation_id
        self.job: Job | None = None


class Store(Protocol):
    """Where a Journal keeps its rows: one per (key, request hash), as plain mappings.

    The contract, which the Journal's promises (never pay twice, never lose a paid id, resume
    after a crash) rest on:

    - Every method is synchronous and does not return before its transaction is committed:
      a write that returned survives the process being killed (`kill -9`, a crash). The Journal
      relies on there being no await inside a store call: it records a generation id with
      `update` right after the submit reply arrives, with no await between the reply and the
      commit, and hands the Job to anyone (its caller, other tasks waiting on the same row)
      only after `update` returned. So neither a cancellation nor another task can run
      between the reply and the commit, and a paid id is on disk before anyone can act on it.
    - `claim` is one transaction that excludes every other claim of the same rows, by any
      Journal on the same store (other processes, other hosts): `decide` sees the row as it is
      committed and its values are written before any other claim can read the row. The
      Journal sends its POST only after `claim` returned (committed): no lock is held across
      the network, and a claim row (state `submitting`, owner, lease, client request id) is
      durable before the request can reach the server.
    - A write that cannot be made raises `JournalWriteError` and writes nothing. So does every
      write once the store's storage was removed or replaced under it (a file deleted with its
      folder mid-run, another file or database put in its place): a write that "succeeds" into
      storage nobody will read again loses paid ids. A store checks this inside each write
      transaction (SQLite compares the file's device and inode with those it opened; a server
      store would compare an identity it reads at open, e.g. a row of its own in the database,
      with the one it finds now); it may first save its rows where the next run finds them
      (SQLite writes a copy at the removed file's name). Opening a
      store that cannot be used (unreachable, not a journal, a schema it cannot migrate or
      that a newer aiovideo wrote) raises `ConfigurationError` before any row is read.
    - Rows come back with every key of `COLUMNS`; `rows` lists them oldest first (in the
      order they were first written). Leases and times are wall-clock seconds (`time.time()`).

    The look-ups the Journal makes: `get` (a claim's row), `rows(...)` by generation id (an
    outcome, a download claim), by path (whose file is this) and by state (`submitting`: the
    rows `settle` looks up in the usage logs).
    """

    @property
    def name(self) -> str:
        """How messages name the store: a file path, or a URL without its password."""
        ...

    @property
    def path(self) -> Path | None:
        """The store's file, when it is one (SQLite); None for a store on a server."""
        ...

    @property
    def schema_version(self) -> int:
        """The version of the row layout this store holds (after any migration on open)."""
        ...

    def close(self) -> None:
        """Release the connection; every write is already committed."""
        ...

    def get(self, key: str, request_hash: str) -> Row | None:
        """The row of (key, request hash), if any."""
        ...

    def rows(self, where: Where | None = None) -> list[Row]:
        """The rows matching `where` (every row when None), oldest first."""
        ...

    def update(self, where: Where, values: Mapping[str, Any]) -> int:
        """Set `values` on the rows matching `where`, in one committed transaction.

        Returns:
            How many rows were changed (0: none matched; a condition is how a write checks
            that the row is still as the Journal last saw it).

        Raises:
            JournalWriteError: nothing was written.
        """
        ...

    def delete(self, where: Where) -> int:
        """Delete the rows matching `where`, in one committed transaction; how many.

        Raises:
            JournalWriteError: nothing was deleted.
        """
        ...

    def claim(self, where: Where, decide: Decide) -> bool:
        """Read, decide and write in one transaction excluding other claims of those rows.

        The first row matching `where` (or None) is passed to `decide`; the values it returns
        are set on the matching rows, or, when none matched, written as a new row of `where`
        plus the values. Nothing is written when `decide` returns None.

        Returns:
            True when decided; False when another claim of the rows is in progress at this
            very moment and this one did not wait for it (nothing decided, nothing written:
            look again shortly). A store that waits for the other claim (SQLite's file lock)
            always answers True.

        Raises:
            JournalWriteError: nothing was written.
        """
        ...

    def owner_gone(self, row: Row) -> bool:
        """Is the row's owner known to have ended, so that its lease need not run out?

        A store that cannot tell answers False, and the lease alone decides. (SQLite, on one
        host, checks whether the owner's pid still runs there.)
        """
        ...


def without_password(url: str) -> str:
    """A store's URL as messages may show it: its password (if any, in the user part or as
    libpq's `password=` query parameter) replaced by `***`."""
    parts = urllib.parse.urlsplit(url)
    query = re.sub(r"(?i)(^|&)(password=)[^&]*", r"\1\2***", parts.query)
    parts = parts._replace(query=query)
    if parts.password is None:
        return parts.geturl()
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return parts._replace(netloc=f"{parts.username}:***@{host}").geturl()


def url_passwords(url: str) -> list[str]:
    """Every password a store's URL holds (its user part's, its `password=` parameters')."""
    parts = urllib.parse.urlsplit(url)
    found = [parts.password] if parts.password else []
    found += [
        value
        for name, value in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        if name.lower() == "password" and value
    ]
    return found
