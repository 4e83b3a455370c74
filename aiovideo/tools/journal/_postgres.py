"""The PostgreSQL store of the journal: one table shared by every worker on every host.

`Journal("postgresql://user@host/db")` (or `postgres://`) keeps its rows here, so that many
processes on many hosts (batch workers, web replicas, bot instances) share one journal: each
request is submitted once by one of them, and every paid id is in the database before anyone
sees its Job.

Why psycopg 3, and why its synchronous API. The store's contract (`_store.Store`) needs a write
committed before control returns to the event loop: the Journal records a generation id right
after the submit reply, and neither a cancellation nor another task may run in between. An
async driver (asyncpg, psycopg's `AsyncConnection`) awaits the commit: a cancellation could
land there and another task run before the id is durable. A synchronous round trip costs the
event loop about a millisecond on a LAN per write, a few writes per generation. psycopg 3 is
the maintained successor of psycopg2, typed, with a wheel (`psycopg[binary]`) that needs no
libpq on the machine; it is imported only when a PostgreSQL journal is opened
(`pip install 'aiovideo[postgres]'`).

How the contract is met:
- Each call is one transaction; a claim is `SELECT ... FOR UPDATE SKIP LOCKED`, then the
  UPDATE (or an `INSERT ... ON CONFLICT DO NOTHING` for a new row), then COMMIT: no lock is
  held across the network. A row another session is claiming at that moment is skipped, and
  `claim` answers False (busy: the Journal looks again shortly), as does an INSERT that lost
  the race for a new row.
- Differences from SQLite: an owner's death is known by its lease alone (`owner_gone` is
  always False): a pid means nothing on another host, so a row held by a killed worker is
  free once its `lease_until` has passed (one lease period, 120 s by default). Rows are
  listed oldest first by an identity column (`seq`).
- The database going away (a restart, a failover, a dropped connection) makes the call
  raise `JournalWriteError` (reads too: the Journal cannot go on without them); the next
  call connects again. Nothing is written by a call that raised.
- A password in the URL is never shown: `name` and every message use the URL without it.

Schema versions live in the table `aiovideo_meta` (`schema_version`, `written_by`); version 1
is the first. Opening migrates an older schema under an advisory lock (two workers starting at
once migrate it once) and refuses a newer one, before any POST.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import logging
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from aiovideo.core import ConfigurationError
from aiovideo.tools.journal._entry import COLUMNS
from aiovideo.tools.journal._store import (
    Decide,
    JournalWriteError,
    Row,
    Where,
    url_passwords,
    without_password,
)

__all__ = ["SCHEMA_VERSION", "PostgresStore"]

log = logging.getLogger("aiovideo")

SCHEMA_VERSION: Final = 1

_VERSION = importlib.metadata.version("aiovideo")

_TABLE: Final = sql.Identifier("aiovideo_journal")
_META: Final = sql.Identifier("aiovideo_meta")
# Taken (for the transaction) while the schema is created or migrated: any fixed number.
_MIGRATION_LOCK: Final = 0x6A6F75726E616C

# The statements that bring the schema from version n - 1 to n.
_MIGRATIONS: Final[dict[int, tuple[str, ...]]] = {
    1: (
        """CREATE TABLE aiovideo_journal (
            seq BIGINT GENERATED ALWAYS AS IDENTITY,
            key TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            model TEXT NOT NULL,
            prompt TEXT NOT NULL,
            generation_id TEXT,
            state TEXT NOT NULL,
            status TEXT,
            video_url TEXT,
            path TEXT,
            error TEXT,
            submitted_at DOUBLE PRECISION,
            finished_at DOUBLE PRECISION,
            client_request_id TEXT,
            attempt INTEGER NOT NULL DEFAULT 0,
            owner TEXT,
            owner_pid INTEGER,
            owner_host TEXT,
            lease_until DOUBLE PRECISION,
            updated_at DOUBLE PRECISION NOT NULL,
            downloaded_at DOUBLE PRECISION,
            cost_credits TEXT,  -- exact texts, as `_entry.cost_row` writes them
            cost_usd TEXT,
            PRIMARY KEY (key, request_hash)
        )""",
        "CREATE INDEX aiovideo_journal_by_id ON aiovideo_journal (generation_id)",
        "CREATE INDEX aiovideo_journal_by_path ON aiovideo_journal (path)",
        "CREATE INDEX aiovideo_journal_by_state ON aiovideo_journal (state)",
        "CREATE INDEX aiovideo_journal_by_seq ON aiovideo_journal (seq)",
    ),
}
assert max(_MIGRATIONS) == SCHEMA_VERSION

# A dead host must not hang the event loop for the kernel's TCP timeout (minutes): these apply
# unless the URL sets its own.
_CONNECT_DEFAULTS: Final = {
    "connect_timeout": "10",
    "keepalives": "1",
    "keepalives_idle": "10",
    "keepalives_interval": "5",
    "keepalives_count": "3",
    "application_name": "aiovideo",
}

_SELECT: Final = sql.SQL(", ").join(sql.Identifier(name) for name in COLUMNS)


class PostgresStore:
    """The journal's rows in a PostgreSQL table; see `_store.Store` and this module's docstring.

    Args:
        url: a libpq URL, `postgresql://user[:password]@host[:port]/database[?options]`
            (`postgres://` too; `?host=/run/postgresql` for a Unix socket).

    Raises:
        ConfigurationError: the database cannot be reached, or holds a journal schema that
            cannot be migrated or that a newer aiovideo wrote.
    """

    def __init__(self, url: str) -> None:
        self._url = url
        self._name = without_password(url)
        self._passwords = url_passwords(url)
        try:
            self._db = self._connect()
        except JournalWriteError as exc:
            raise ConfigurationError(str(exc)) from exc.__cause__
        try:
            self._version = self._migrate()
        except psycopg.Error as exc:
            self._db.close()
            raise ConfigurationError(
                f"cannot use {self._name} as a journal: {self._scrub(exc)}"
            ) from exc
        except ConfigurationError:
            self._db.close()
            raise

    @property
    def name(self) -> str:
        """The URL without its password."""
        return self._name

    @property
    def path(self) -> None:
        """No file: the rows are on a server."""
        return None

    @property
    def schema_version(self) -> int:
        """The schema version the database holds (`SCHEMA_VERSION` once opened)."""
        return self._version

    def close(self) -> None:
        """Close the connection (every write is already committed)."""
        self._db.close()

    # Connecting and migrating.

    def _connect(self) -> psycopg.Connection[dict[str, Any]]:
        params = psycopg.conninfo.conninfo_to_dict(self._url)
        for name, value in _CONNECT_DEFAULTS.items():
            params.setdefault(name, value)
        try:
            # autocommit: a transaction is opened only where one is meant (`_transaction`).
            return psycopg.connect(
                psycopg.conninfo.make_conninfo("", **params), autocommit=True, row_factory=dict_row
            )
        except psycopg.Error as exc:
            raise JournalWriteError(
                f"cannot connect to journal {self._name}: {self._scrub(exc)}"
            ) from exc

    def _migrate(self) -> int:
        """Create or migrate the schema, in one transaction under an advisory lock."""
        with self._db.transaction():
            self._db.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            self._db.execute(
                sql.SQL("CREATE TABLE IF NOT EXISTS {} (name TEXT PRIMARY KEY, value TEXT)").format(
                    _META
                )
            )
            version = int(self._meta("schema_version") or 0)
            if version > SCHEMA_VERSION:
                raise ConfigurationError(
                    f"journal {self._name} has schema version {version}, written by "
                    f"{self._meta('written_by') or 'an unknown (newer) aiovideo'}; this "
                    f"aiovideo {_VERSION} reads versions up to {SCHEMA_VERSION}: upgrade "
                    "aiovideo, or use another database; nothing was submitted"
                )
            for step in range(version + 1, SCHEMA_VERSION + 1):
                for statement in _MIGRATIONS[step]:
                    self._db.execute(statement.encode())
            if version < SCHEMA_VERSION:
                self._set_meta("schema_version", str(SCHEMA_VERSION))
                self._set_meta("written_by", f"aiovideo {_VERSION}")
                if version:
                    log.info(
                        "journal %s: migrated from schema version %d to %d",
                        self._name,
                        version,
                        SCHEMA_VERSION,
                    )
        return SCHEMA_VERSION

    def _meta(self, name: str) -> str | None:
        found = self._db.execute(
            sql.SQL("SELECT value FROM {} WHERE name = %s").format(_META), (name,)
        ).fetchone()
        return None if found is None else str(found["value"])

    def _set_meta(self, name: str, value: str) -> None:
        self._db.execute(
            sql.SQL(
                "INSERT INTO {} VALUES (%s, %s) ON CONFLICT (name) DO UPDATE SET value = %s"
            ).format(_META),
            (name, value, value),
        )

    # Rows.

    def get(self, key: str, request_hash: str) -> Row | None:
        """The row of (key, request hash), if any."""
        found = self.rows({"key": key, "request_hash": request_hash})
        return found[0] if found else None

    def rows(self, where: Where | None = None) -> list[Row]:
        """The rows matching `where` (every row when None), oldest first."""
        condition, params = _condition(where or {})
        query = sql.SQL("SELECT {} FROM {} WHERE {} ORDER BY seq").format(
            _SELECT, _TABLE, condition
        )
        with self._transaction("read") as db:
            return list(db.execute(query, params).fetchall())

    def update(self, where: Where, values: Mapping[str, Any]) -> int:
        """Set `values` on the rows matching `where` (one transaction); how many changed."""
        with self._transaction("write") as db:
            return _update(db, where, values)

    def delete(self, where: Where) -> int:
        """Delete the rows matching `where` (one transaction); how many."""
        condition, params = _condition(where)
        with self._transaction("write") as db:
            query = sql.SQL("DELETE FROM {} WHERE {}").format(_TABLE, condition)
            return db.execute(query, params).rowcount

    def claim(self, where: Where, decide: Decide) -> bool:
        """Lock the row (`FOR UPDATE SKIP LOCKED`), `decide`, write, commit.

        Returns:
            False, with nothing decided or written, when another session is claiming the row
            at this moment (locked, or a new row it inserted first): look again shortly.
        """
        condition, params = _condition(where)
        with self._transaction("write") as db:
            found = db.execute(
                sql.SQL(
                    "SELECT {} FROM {} WHERE {} ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED"
                ).format(_SELECT, _TABLE, condition),
                params,
            ).fetchone()
            if (
                found is None
                and db.execute(
                    sql.SQL("SELECT 1 FROM {} WHERE {} LIMIT 1").format(_TABLE, condition), params
                ).fetchone()
            ):
                return False  # there, and locked by a claim in progress
            values = decide(found)
            if values is None:
                return True
            if found is not None:
                _update(db, where, values)
                return True
            row = {**where, **values}
            _check(row)
            inserted = db.execute(
                sql.SQL("INSERT INTO {} ({}) VALUES ({}) ON CONFLICT DO NOTHING").format(
                    _TABLE,
                    sql.SQL(", ").join(map(sql.Identifier, row)),
                    sql.SQL(", ").join(sql.Placeholder() * len(row)),
                ),
                tuple(row.values()),
            )
            return inserted.rowcount == 1

    def owner_gone(self, row: Row) -> bool:
        """Never known: on many hosts a pid tells nothing; the lease alone decides."""
        del row
        return False

    @contextlib.contextmanager
    def _transaction(self, what: str) -> Iterator[psycopg.Connection[dict[str, Any]]]:
        """One transaction, on a connection made again if the last one broke; a database
        that cannot be reached, or refuses the statement, is a JournalWriteError."""
        if self._db.closed or self._db.broken:
            self._db.close()
            self._db = self._connect()
        try:
            with self._db.transaction():
                yield self._db
        except psycopg.Error as exc:
            raise JournalWriteError(
                f"cannot {what} journal {self._name}: {self._scrub(exc)}"
            ) from exc

    def _scrub(self, exc: BaseException) -> str:
        """The error's text, the password never in it (libpq does not echo it; be sure)."""
        text = str(exc).strip() or type(exc).__name__
        for password in self._passwords:
            text = text.replace(password, "***")
        return text


_KNOWN: Final = frozenset(COLUMNS)


def _check(names: Mapping[str, Any]) -> None:
    unknown = set(names) - _KNOWN
    if unknown:
        raise ValueError(f"not a journal column: {', '.join(sorted(unknown))}")


def _condition(where: Where) -> tuple[sql.Composable, Sequence[Any]]:
    _check(where)
    terms = [
        sql.SQL("{} IS NULL" if value is None else "{} = %s").format(sql.Identifier(name))
        for name, value in where.items()
    ]
    params = [value for value in where.values() if value is not None]
    return (sql.SQL(" AND ").join(terms) if terms else sql.SQL("TRUE")), params


def _update(db: psycopg.Connection[dict[str, Any]], where: Where, values: Mapping[str, Any]) -> int:
    _check(values)
    condition, params = _condition(where)
    sets = sql.SQL(", ").join(sql.SQL("{} = %s").format(sql.Identifier(name)) for name in values)
    query = sql.SQL("UPDATE {} SET {} WHERE {}").format(_TABLE, sets, condition)
    return db.execute(query, (*values.values(), *params)).rowcount
