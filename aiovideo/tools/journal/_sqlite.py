"""The SQLite store of the journal: one file, its schema and migrations, its transactions.

It uses the standard `sqlite3` module, synchronously, on purpose: each transaction is small
(well under a millisecond in WAL mode), and the store's contract (`_store.Store`) needs a write
committed before control returns to the event loop, which a thread hop (aiosqlite) would not give.

Schema versions (`PRAGMA user_version`): 0 is a journal of aiovideo 0.1.0 and before (no
version, maybe missing columns); 1 adds the claim columns and a `meta` table naming the
aiovideo that wrote it; 2 adds `downloaded_at`, and a generation that ended on 404s is no
longer `failed` but still `submitted` (such rows of older journals are turned back on
migrating, to be tracked again instead of paid for again by `resubmit_failed`); 3 adds what
each generation cost (`cost_credits`, `cost_usd`: unknown for rows of older versions); 4 holds
that cost exactly, as text (`_entry.cost_row`: credits of any size, which an INTEGER column
cannot bind past 2**63, and a USD amount that a REAL column would turn binary). An older
journal is migrated on open (`ALTER TABLE ADD COLUMN`; from version 3, the table is rebuilt
with text cost columns, each old REAL amount recomputed from the row's credits where it has
them, else read through the float's shortest text: 0.06 stays "0.06") or refused when a column
cannot be added; a newer one is refused. Both happen before any POST.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import logging
import os
import socket
import sqlite3
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final

from aiovideo.core import ConfigurationError, Cost
from aiovideo.tools.journal._entry import COLUMNS, FAILED, NOT_FOUND, SUBMITTED, cost_row
from aiovideo.tools.journal._store import Decide, JournalWriteError, Row, Where

__all__ = ["SCHEMA_VERSION", "SQLiteStore"]

log = logging.getLogger("aiovideo")

SCHEMA_VERSION: Final = 4

# Written into the journal with each schema change (who wrote it, for a newer one's error).
_VERSION = importlib.metadata.version("aiovideo")

# (name, declaration in a new table, declaration for ALTER TABLE ADD COLUMN or None when a
# journal without it cannot be migrated). Version 0 had the first thirteen.
_COLUMNS: Final = (
    ("key", "TEXT NOT NULL", None),
    ("request_hash", "TEXT NOT NULL", None),
    ("model", "TEXT NOT NULL", "TEXT NOT NULL DEFAULT ''"),
    ("prompt", "TEXT NOT NULL", "TEXT NOT NULL DEFAULT ''"),
    ("generation_id", "TEXT", "TEXT"),
    ("state", "TEXT NOT NULL", None),
    ("status", "TEXT", "TEXT"),
    ("video_url", "TEXT", "TEXT"),
    ("path", "TEXT", "TEXT"),
    ("error", "TEXT", "TEXT"),
    ("submitted_at", "REAL", "REAL"),
    ("finished_at", "REAL", "REAL"),
    ("updated_at", "REAL NOT NULL", "REAL NOT NULL DEFAULT 0"),
    # Version 1: claims.
    ("client_request_id", "TEXT", "TEXT"),
    ("attempt", "INTEGER NOT NULL DEFAULT 0", "INTEGER NOT NULL DEFAULT 0"),
    ("owner", "TEXT", "TEXT"),
    ("owner_pid", "INTEGER", "INTEGER"),
    ("owner_host", "TEXT", "TEXT"),
    ("lease_until", "REAL", "REAL"),
    # Version 2: when the file at `path` was written.
    ("downloaded_at", "REAL", "REAL"),
    # Version 3: what the generation cost, as the API reported it (NULL: not reported).
    # Version 4: as exact texts (version 3 had INTEGER and REAL: `_exact_costs`).
    ("cost_credits", "TEXT", "TEXT"),
    ("cost_usd", "TEXT", "TEXT"),
)
_TEXT_COSTS: Final = ("cost_credits", "cost_usd")
assert {name for name, _, _ in _COLUMNS} == set(COLUMNS)  # the table holds every Entry field


class SQLiteStore:
    """The journal's rows in one SQLite file (WAL mode); see `_store.Store` for the contract.

    Args:
        path: the file; its folder is created when missing.

    Raises:
        ConfigurationError: the file cannot be opened, is not a journal, cannot be migrated,
            or was written by a newer aiovideo.
    """

    def __init__(self, path: str | Path) -> None:
        self._path = Path(path)
        self._host = socket.gethostname()
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            # timeout: how long a claim waits for another process's transaction (each is tiny).
            self._db = sqlite3.connect(self._path, isolation_level=None, timeout=30.0)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigurationError(f"cannot open journal {self._path}: {exc}") from exc
        try:
            self._prepare()
        except sqlite3.Error as exc:
            self._db.close()
            raise ConfigurationError(f"cannot use {self._path} as a journal: {exc}") from exc
        except ConfigurationError:
            self._db.close()
            raise
        self._db.row_factory = sqlite3.Row
        # The file this connection writes: SQLite goes on writing to it even once it is
        # unlinked (its folder deleted) or another file takes its name, and nobody would ever
        # read those rows again. Every write first checks that the name still leads here.
        self._identity = _identity(self._path)
        self._lost: str | None = None

    @property
    def name(self) -> str:
        """The file's path, as given."""
        return str(self._path)

    @property
    def path(self) -> Path:
        """The SQLite file."""
        return self._path

    @property
    def schema_version(self) -> int:
        """`PRAGMA user_version`: `SCHEMA_VERSION` once opened (older files are migrated)."""
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        """Close the file (every write is already committed)."""
        self._db.close()

    # Opening: WAL, schema, migrations.

    def _prepare(self, tries: int = 100) -> None:
        """Switch to WAL and bring the schema up to date, waiting out another process.

        Two runs opening one new journal at once race to switch it to WAL, and SQLite answers
        that switch "database is locked" at once, without its busy handler: so it is retried
        here, a bounded number of times (about 10 s in all).
        """
        for attempt in range(tries):
            try:
                # WAL + NORMAL: a committed row survives the process being killed (it is in
                # the OS's hands); only a power cut could lose the last transactions.
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._migrate()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == tries - 1:
                    raise
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                time.sleep(0.1)  # a constructor, before any request: nothing else to run
            else:
                return

    def _migrate(self) -> None:
        db = self._db
        db.execute("BEGIN IMMEDIATE")  # two runs opening one old journal migrate it once
        try:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise ConfigurationError(
                    f"journal {self._path} has schema version {version}, written by "
                    f"{self._written_by()}; this aiovideo {_VERSION} reads versions up to "
                    f"{SCHEMA_VERSION}: upgrade aiovideo, or use another --journal file"
                )
            self._columns(version)
            self._exact_costs()
            db.execute("CREATE INDEX IF NOT EXISTS entries_by_id ON entries (generation_id)")
            db.execute("CREATE INDEX IF NOT EXISTS entries_by_path ON entries (path)")
            if version < 2:  # the version that stopped marking 404 endings failed
                self._track_not_found_again()
            db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
            if version < SCHEMA_VERSION:
                db.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('written_by', ?)",
                    (f"aiovideo {_VERSION}",),
                )
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _columns(self, version: int) -> None:
        """Create the table, or add the columns an older version lacks (inside `_migrate`)."""
        db = self._db
        have = {row[1] for row in db.execute("PRAGMA table_info(entries)")}
        if not have:
            columns = ", ".join(f"{name} {decl}" for name, decl, _ in _COLUMNS)
            db.execute(f"CREATE TABLE entries ({columns}, PRIMARY KEY (key, request_hash))")
            return
        missing = [(name, add) for name, _, add in _COLUMNS if name not in have]
        fatal = [name for name, add in missing if add is None]
        if fatal:
            raise ConfigurationError(
                f"journal {self._path} (schema version {version}) has no column "
                f"{', '.join(fatal)} and cannot be migrated; nothing was submitted. "
                "Use another --journal file (the ids in this one can be read with sqlite3)"
            )
        for name, add in missing:
            db.execute(f"ALTER TABLE entries ADD COLUMN {name} {add}")
        if missing:
            log.info(
                "journal %s: migrated from schema version %d to %d (added %s)",
                self._path,
                version,
                SCHEMA_VERSION,
                ", ".join(name for name, _ in missing),
            )

    def _exact_costs(self) -> None:
        """Rebuild a table whose cost columns are not TEXT (version 3), its cost values made
        exact texts (inside `_migrate`, which recreates the indexes dropped with it)."""
        db = self._db
        declared = {row[1]: str(row[2]).upper() for row in db.execute("PRAGMA table_info(entries)")}
        if all(declared[name] == "TEXT" for name in _TEXT_COSTS):
            return
        names = [name for name, _, _ in _COLUMNS]
        columns = ", ".join(f"{name} {decl}" for name, decl, _ in _COLUMNS)
        db.execute(f"CREATE TABLE entries_exact ({columns}, PRIMARY KEY (key, request_hash))")
        insert = (
            f"INSERT INTO entries_exact ({', '.join(names)}) "  # noqa: S608  (our own names)
            f"VALUES ({', '.join('?' for _ in names)})"
        )
        old = db.execute(f"SELECT {', '.join(names)} FROM entries ORDER BY rowid")  # noqa: S608
        for values in old.fetchall():  # in rowid order: `rows` stays oldest first
            row = dict(zip(names, values, strict=True))
            db.execute(insert, tuple({**row, **_exact_cost(row)}.values()))
        db.execute("DROP TABLE entries")
        db.execute("ALTER TABLE entries_exact RENAME TO entries")
        log.info("journal %s: costs now kept as exact text (schema version 4)", self._path)

    def _track_not_found_again(self) -> None:
        """Versions 0 and 1 marked a generation that answered 404 `failed`: it may well exist
        (a blip of the provider's store), so it is made pending again, to be tracked."""
        cursor = self._db.execute(
            "UPDATE entries SET state = ? WHERE state = ? AND status = ? "
            "AND generation_id IS NOT NULL",
            (SUBMITTED, FAILED, NOT_FOUND),
        )
        if cursor.rowcount:
            log.info(
                "journal %s: %d generations that answered 404 will be tracked again",
                self._path,
                cursor.rowcount,
            )

    def _written_by(self) -> str:
        try:
            row = self._db.execute("SELECT value FROM meta WHERE name = 'written_by'").fetchone()
        except sqlite3.Error:
            row = None
        return "an unknown (newer) aiovideo" if row is None else str(row[0])

    # Rows.

    def get(self, key: str, request_hash: str) -> Row | None:
        """The row of (key, request hash), if any."""
        found = self.rows({"key": key, "request_hash": request_hash})
        return found[0] if found else None

    def rows(self, where: Where | None = None) -> list[Row]:
        """The rows matching `where` (every row when None), oldest first."""
        condition, params = _condition(where or {})
        return [
            dict(row)
            for row in self._db.execute(
                f"SELECT * FROM entries WHERE {condition} ORDER BY rowid",  # noqa: S608  (our names)
                params,
            )
        ]

    def update(self, where: Where, values: Mapping[str, Any]) -> int:
        """Set `values` on the rows matching `where` (one transaction); how many changed."""
        with self._transaction() as db:
            return _update(db, where, values)

    def delete(self, where: Where) -> int:
        """Delete the rows matching `where` (one transaction); how many."""
        condition, params = _condition(where)
        with self._transaction() as db:
            return db.execute(f"DELETE FROM entries WHERE {condition}", params).rowcount  # noqa: S608

    def claim(self, where: Where, decide: Decide) -> bool:
        """Read, `decide` and write in one `BEGIN IMMEDIATE` transaction (the file's write
        lock, held from the read on, excludes every other writer); always True (it waits)."""
        condition, params = _condition(where)
        with self._transaction() as db:
            found = db.execute(
                f"SELECT * FROM entries WHERE {condition} ORDER BY rowid LIMIT 1",  # noqa: S608
                params,
            ).fetchone()
            values = decide(None if found is None else dict(found))
            if values is None:
                return True
            if found is not None:
                _update(db, where, values)
                return True
            row = {**where, **values}
            _check(row)
            db.execute(
                f"INSERT INTO entries ({', '.join(row)}) "  # noqa: S608
                f"VALUES ({', '.join('?' for _ in row)})",
                tuple(row.values()),
            )
            return True

    def owner_gone(self, row: Row) -> bool:
        """The owner was a process of this host that no longer runs."""
        pid = row.get("owner_pid")
        return row.get("owner_host") == self._host and pid is not None and not _pid_alive(pid)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """`BEGIN IMMEDIATE` ... `COMMIT`; a failure to write is a JournalWriteError, and so
        is a file removed or replaced under the store (see `_check_file`)."""
        if self._lost is not None:
            raise JournalWriteError(self._lost)
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise JournalWriteError(f"cannot write journal {self._path}: {exc}") from exc
        try:
            self._check_file()  # under the write lock: no other run swaps it meanwhile
            yield self._db
            self._db.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise JournalWriteError(f"cannot write journal {self._path}: {exc}") from exc
            raise


    def _check_file(self) -> None:
        """Raise JournalWriteError when the journal's name no longer leads to this file.

        Removed (its folder deleted mid-run): its rows are written again, once, to a new file
        at the same name (SQLite's backup of the open, unlinked file), so a re-run finds every
        id this run received and tracks them instead of paying again. Replaced by another
        file: that one is left alone. Either way, every later write fails the same way.
        """
        try:
            now = _identity(self._path)
        except FileNotFoundError:
            now = None
        if now == self._identity:
            return
        self._db.execute("ROLLBACK")
        if now is None:
            self._lost = (
                f"journal {self._path} was removed during the run: "
                + self._rescue()
                + "; no more lines are submitted"
            )
        else:
            self._lost = (
                f"journal {self._path} was replaced by another file during the run: no more "
                "lines are submitted, and the ids this run received are not in the new file"
            )
        log.error("%s", self._lost)
        raise JournalWriteError(self._lost)

    def _rescue(self) -> str:
        """Copy the rows into a new file at the journal's name; what became of them."""
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            copy = sqlite3.connect(self._path, isolation_level=None)
            try:
                self._db.backup(copy)
                # This Journal can write nothing more: it holds no row. Another run adopts its
                # pending generations at once rather than waiting out their leases.
                copy.execute("UPDATE entries SET owner = NULL, lease_until = NULL")
            finally:
                copy.close()
        except (OSError, sqlite3.Error) as exc:
            return f"its rows could not be written again there ({exc})"
        return "its rows were written again there, for the next run"


_KNOWN: Final = frozenset(COLUMNS)


def _identity(path: Path) -> tuple[int, int]:
    """(device, inode) of the file at `path`: which file the name leads to."""
    info = os.stat(path)
    return info.st_dev, info.st_ino


def _check(names: Mapping[str, Any]) -> None:
    """Column names go into SQL text: only the table's own are taken."""
    unknown = set(names) - _KNOWN
    if unknown:
        raise ValueError(f"not a journal column: {', '.join(sorted(unknown))}")


def _condition(where: Where) -> tuple[str, tuple[Any, ...]]:
    _check(where)
    terms = [f"{name} IS NULL" if value is None else f"{name} = ?" for name, value in where.items()]
    params = tuple(value for value in where.values() if value is not None)
    return " AND ".join(terms) or "1", params


def _update(db: sqlite3.Connection, where: Where, values: Mapping[str, Any]) -> int:
    _check(values)
    condition, params = _condition(where)
    sets = ", ".join(f"{name} = ?" for name in values)
    cursor = db.execute(
        f"UPDATE entries SET {sets} WHERE {condition}",  # noqa: S608  (our own names)
        (*values.values(), *params),
    )
    return cursor.rowcount


def _exact_cost(row: Mapping[str, Any]) -> dict[str, str | None]:
    """A version-3 row's cost as version 4 holds it: the USD from the credits where the row
    has them (exact, as a reply's is read now), else the REAL read through its shortest text."""
    credits, usd = row["cost_credits"], row["cost_usd"]
    if credits is not None:
        return cost_row(Cost(credits=int(credits)))
    if usd is not None:
        return cost_row(Cost(usd=usd))
    return {"cost_credits": None, "cost_usd": None}


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: it exists
    return True
