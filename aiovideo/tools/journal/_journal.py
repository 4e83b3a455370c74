"""A durable record of submitted generations, so that nothing is paid for twice or lost.

The journal is a SQLite file with one row per (key, request hash). A row is claimed before its
POST, the generation id is committed the moment the submit reply arrives (before the event loop
runs anything else), and the outcome is written when the generation ends: a crash, Ctrl-C or
`kill -9` loses nothing, and the next run tracks the id again instead of posting a second time.

Claims and leases. Before its POST a row is claimed in one `BEGIN IMMEDIATE` transaction: the
row gets this Journal's `owner` (a uuid per Journal object, with its pid and host), a lease
(`lease_until`, a wall-clock expiry) and the client request id of this attempt, which is sent
as `X-Client-Request-Id` so that the POST can be found in the usage logs. Another Journal on the
same file (another process, another host) that finds a row held by a live owner does not POST:
it waits until the id appears and tracks it. A lease that expired, or whose owner was a process
of this host that no longer exists, is free; a row left `submitting` that way may have been
accepted, so it is settled first (`settle`) or sent again with a warning. Calls in one process
on one Journal share a single claim: the second caller gets the first caller's Job. Downloads
are claimed the same way (`claim_download`), so two runs never write one file at once.

The same design on PostgreSQL, statement by statement:
- `BEGIN IMMEDIATE` + `SELECT` of the row -> `BEGIN; INSERT ... ON CONFLICT DO NOTHING;
  SELECT ... WHERE key = $1 AND request_hash = $2 FOR UPDATE SKIP LOCKED` (no row back: another
  session is claiming it this very moment; treat it as held and look again shortly);
- the lease checks and the `UPDATE ... SET owner, lease_until, client_request_id, attempt`
  stay as they are, then `COMMIT`; the POST always happens after the commit, never inside a
  transaction (no lock is held across the network);
- a worker taking many lines at once: `SELECT ... WHERE state = 'submitting' AND lease_until <
  now() OR ... ORDER BY rowid LIMIT n FOR UPDATE SKIP LOCKED`;
- the pid check of a dead owner is SQLite-only (one host); PostgreSQL relies on the lease alone.

It uses the standard `sqlite3` module, synchronously, on purpose: each transaction is small
(well under a millisecond in WAL mode), and the promise above needs the id on disk before
control returns to the event loop, which a thread hop (aiosqlite) would not give.

Schema versions (`PRAGMA user_version`): 0 is a journal of aiovideo 0.1.0 and before (no
version, maybe missing columns); 1 adds the claim columns and a `meta` table naming the
aiovideo that wrote it; 2 adds `downloaded_at`, and a generation that ended on 404s is no
longer `failed` but still `submitted` (such rows of older journals are turned back on
migrating, to be tracked again instead of paid for again by `resubmit_failed`); 3 adds what
each generation cost (`cost_credits`, `cost_usd`: unknown for rows of older versions). An older
journal is migrated on open (`ALTER TABLE ADD COLUMN`) or refused when a column cannot be
added; a newer one is refused. Both happen before any POST.

Use it from an app:

    journal = aiovideo.Journal("jobs.sqlite")
    async with aiovideo.Client() as client:
        jobs = journal.resume(client)                 # after a restart: ids of the last run
        job = await journal.submit(client, request, key="order-17")  # POST once, ever
        video = await job                             # the outcome is recorded too
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import importlib.metadata
import logging
import os
import socket
import sqlite3
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

import anyio
import attrs

from aiovideo.core import (
    AiovideoError,
    APIStatusError,
    ConfigurationError,
    Cost,
    GenerationFailedError,
    NotFoundError,
    SpendLimitError,
    TransportError,
    ValidationError,
)

if TYPE_CHECKING:
    from aiovideo.core import Client, Job, UsageRecord, VideoRequest


# Written into the journal with each schema change (who wrote it, for a newer one's error).
_VERSION = importlib.metadata.version("aiovideo")
__all__ = [
    "SETTLE_WINDOW",
    "Entry",
    "Journal",
    "JournalWriteError",
    "LogLookup",
    "Settlement",
    "UnsettledSubmitError",
]

log = logging.getLogger("aiovideo")

SCHEMA_VERSION: Final = 3

# A submit not in the usage logs this long after it was sent is taken as never accepted: the
# logs show a video request once its generation has ended (minutes), plus the analytics
# pipeline's lag. An hour leaves room for slow queues; `settle(window=...)` changes it.
SETTLE_WINDOW: Final = 3600.0

# Row states. A generation id is known from SUBMITTED on. A generation whose tracking ended
# without the server's word (404s past the client's window, a deadline, a closed client) stays
# SUBMITTED, with `status` and `error` saying why: the next run tracks it again.
SUBMITTING: Final = "submitting"  # claimed; the POST may have gone out; no reply recorded yet
SUBMITTED: Final = "submitted"  # the id is known; the generation is pending
COMPLETED: Final = "completed"  # the server finished it; not downloaded yet
DOWNLOADED: Final = "downloaded"  # the file is at `path`
FAILED: Final = "failed"  # the server reported a failure status (`error`): final
REJECTED: Final = "rejected"  # the submit was answered with an error: never accepted

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
    ("cost_credits", "INTEGER", "INTEGER"),
    ("cost_usd", "REAL", "REAL"),
)

# A status the journal writes for a generation that answered 404 until the client gave up.
NOT_FOUND: Final = "not_found"


class JournalWriteError(AiovideoError):
    """The journal could not be written (disk full, I/O error, read-only file).

    `generation_id` is set when a generation was accepted (and billed) but its id could not be
    recorded: keep it (it is also logged at ERROR), and `job` is its Job, still tracked.
    """

    def __init__(self, message: str, *, generation_id: str | None = None) -> None:
        super().__init__(message)
        self.generation_id = generation_id
        self.job: Job | None = None


class UnsettledSubmitError(AiovideoError):
    """An earlier submit of this row may have been accepted, and it is not settled yet.

    Its reply was lost (the run was killed, the connection cut, the reply unreadable): the
    generation may exist and be billed. `Journal.settle` looks it up in the usage logs; or
    submit with `resend_unsettled=True` to send it again anyway, accepting a possible second
    charge. Raised before any POST.

    Attributes:
        entry: the journal row.
    """

    def __init__(self, message: str, *, entry: Entry) -> None:
        super().__init__(message)
        self.entry = entry


# Finds client request ids in the usage logs: {client request id: its row} for those found.
LogLookup = Callable[[Sequence["Entry"]], Awaitable[dict[str, "UsageRecord"]]]


@attrs.frozen
class Entry:
    """One journal row: what is known about the request filed under `key`."""

    key: str
    request_hash: str
    model: str
    prompt: str
    generation_id: str | None
    state: str
    status: str | None
    video_url: str | None
    path: str | None
    error: str | None
    submitted_at: float | None
    finished_at: float | None
    client_request_id: str | None = None
    attempt: int = 0
    owner: str | None = None
    owner_pid: int | None = None
    owner_host: str | None = None
    lease_until: float | None = None
    updated_at: float | None = None
    downloaded_at: float | None = None
    cost_credits: int | None = None
    cost_usd: float | None = None

    @property
    def cost(self) -> Cost | None:
        """What the generation cost, as the API reported it; None when not reported."""
        if self.cost_credits is None and self.cost_usd is None:
            return None
        return Cost(credits=self.cost_credits, usd=self.cost_usd)

    @property
    def pending(self) -> bool:
        """An id is known and the server has not finished the generation."""
        return self.generation_id is not None and self.state == SUBMITTED

    @property
    def holder(self) -> str:
        """Who holds (or last held) the row's claim: `pid 123 on host`."""
        return f"pid {self.owner_pid} on {self.owner_host}"


@attrs.frozen
class Settlement:
    """What `Journal.settle` made of the rows whose submit reply was lost.

    Attributes:
        adopted: Jobs of the generations the usage logs show accepted: tracked, no POST.
        resendable: rows the logs show failed, or missing long after: sent again safely.
        undecided: rows not in the logs yet, within the window: left unsent for now.
    """

    adopted: list[Job] = attrs.field(factory=list)
    resendable: list[Entry] = attrs.field(factory=list)
    undecided: list[Entry] = attrs.field(factory=list)


@attrs.frozen
class _Claim:
    action: Literal["post", "track", "wait", "unsettled"]
    entry: Entry | None
    client_request_id: str | None = None


@attrs.define
class _Shared:
    """One in-process claim, awaited by every caller of `submit` for the same row."""

    done: anyio.Event = attrs.field(factory=anyio.Event)
    job: Job | None = None
    error: BaseException | None = None


def client_request_id(key: str, request_hash: str, attempt: int) -> str:
    """The `X-Client-Request-Id` of one attempt at one row (fits the API's 1-128 alphabet)."""
    key_digest = hashlib.sha256(key.encode()).hexdigest()[:8]
    return f"aiovideo-{request_hash[:24]}-{key_digest}-{attempt}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: it exists
    return True


class Journal:
    """A SQLite journal of generations, keyed by a caller's key and the request's hash.

    A changed request under the same key is a new row: the old row (and its id) stays.

    Args:
        path: the SQLite file; its folder is created when missing.
        lease: seconds a claim on a row is held before another owner may take it over (a
            live process of this host keeps its claims beyond that).
        poll_interval: seconds between looks at a row another owner holds.

    Raises:
        ConfigurationError: the file cannot be opened, is not a journal, cannot be migrated,
            or was written by a newer aiovideo.
    """

    def __init__(
        self, path: str | Path, *, lease: float = 120.0, poll_interval: float = 0.25
    ) -> None:
        self.path = Path(path)
        self.lease = lease
        self.poll_interval = poll_interval
        self.owner = uuid.uuid4().hex
        self._pid = os.getpid()
        self._host = socket.gethostname()
        self._shared: dict[tuple[str, str], _Shared] = {}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # timeout: how long a claim waits for another process's transaction (each is tiny).
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigurationError(f"cannot open journal {self.path}: {exc}") from exc
        try:
            self._prepare()
        except sqlite3.Error as exc:
            self._db.close()
            raise ConfigurationError(f"cannot use {self.path} as a journal: {exc}") from exc
        except ConfigurationError:
            self._db.close()
            raise
        self._db.row_factory = sqlite3.Row

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
                    f"journal {self.path} has schema version {version}, written by "
                    f"{self._written_by()}; this aiovideo {_VERSION} reads versions up to "
                    f"{SCHEMA_VERSION}: upgrade aiovideo, or use another --journal file"
                )
            have = {row[1] for row in db.execute("PRAGMA table_info(entries)")}
            if not have:
                columns = ", ".join(f"{name} {decl}" for name, decl, _ in _COLUMNS)
                db.execute(f"CREATE TABLE entries ({columns}, PRIMARY KEY (key, request_hash))")
            else:
                missing = [(name, add) for name, _, add in _COLUMNS if name not in have]
                fatal = [name for name, add in missing if add is None]
                if fatal:
                    raise ConfigurationError(
                        f"journal {self.path} (schema version {version}) has no column "
                        f"{', '.join(fatal)} and cannot be migrated; nothing was submitted. "
                        "Use another --journal file (the ids in this one can be read with "
                        "sqlite3)"
                    )
                for name, add in missing:
                    db.execute(f"ALTER TABLE entries ADD COLUMN {name} {add}")
                if missing:
                    log.info(
                        "journal %s: migrated from schema version %d to %d (added %s)",
                        self.path,
                        version,
                        SCHEMA_VERSION,
                        ", ".join(name for name, _ in missing),
                    )
            db.execute("CREATE INDEX IF NOT EXISTS entries_by_id ON entries (generation_id)")
            db.execute("CREATE INDEX IF NOT EXISTS entries_by_path ON entries (path)")
            if version < 2:  # the version that stopped marking 404 endings failed
                self._track_not_found_again(db)
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

    def _track_not_found_again(self, db: sqlite3.Connection) -> None:
        """Versions 0 and 1 marked a generation that answered 404 `failed`: it may well exist
        (a blip of the provider's store), so it is made pending again, to be tracked."""
        cursor = db.execute(
            "UPDATE entries SET state = ? WHERE state = ? AND status = ? "
            "AND generation_id IS NOT NULL",
            (SUBMITTED, FAILED, NOT_FOUND),
        )
        if cursor.rowcount:
            log.info(
                "journal %s: %d generations that answered 404 will be tracked again",
                self.path,
                cursor.rowcount,
            )

    def _written_by(self) -> str:
        try:
            row = self._db.execute("SELECT value FROM meta WHERE name = 'written_by'").fetchone()
        except sqlite3.Error:
            row = None
        return "an unknown (newer) aiovideo" if row is None else str(row[0])

    def __repr__(self) -> str:
        return f"<aiovideo.Journal {str(self.path)!r}>"

    def close(self) -> None:
        """Close the file (every write is already committed)."""
        self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Reading.

    def get(self, key: str, request: VideoRequest) -> Entry | None:
        """The row for this key and this exact request, if any."""
        return self._get(key, request.fingerprint())

    def _get(self, key: str, request_hash: str) -> Entry | None:
        row = self._db.execute(
            "SELECT * FROM entries WHERE key = ? AND request_hash = ?", (key, request_hash)
        ).fetchone()
        return None if row is None else _entry(row)

    def by_id(self, generation_id: str) -> Entry | None:
        """The row of a generation id, if any."""
        row = self._db.execute(
            "SELECT * FROM entries WHERE generation_id = ?", (generation_id,)
        ).fetchone()
        return None if row is None else _entry(row)

    def by_path(self, path: str | Path) -> list[Entry]:
        """The rows whose file is at `path` (as `record_downloaded` stores it)."""
        rows = self._db.execute(
            "SELECT * FROM entries WHERE path = ?", (str(Path(path).resolve()),)
        ).fetchall()
        return [_entry(row) for row in rows]

    def entries(self) -> list[Entry]:
        """Every row, oldest first."""
        rows = self._db.execute("SELECT * FROM entries ORDER BY rowid").fetchall()
        return [_entry(row) for row in rows]

    def pending(self) -> list[Entry]:
        """Rows with a known id whose generation had not finished when last seen."""
        return [entry for entry in self.entries() if entry.pending]

    # Writing: each call is one committed transaction.

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """`BEGIN IMMEDIATE` ... `COMMIT`; a failure to write is a JournalWriteError."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise JournalWriteError(f"cannot write journal {self.path}: {exc}") from exc
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise JournalWriteError(f"cannot write journal {self.path}: {exc}") from exc
            raise

    def _set(self, where: str, params: tuple[Any, ...], **values: Any) -> int:
        values.setdefault("updated_at", time.time())
        sets = ", ".join(f"{name} = ?" for name in values)
        with self._transaction() as db:
            cursor = db.execute(
                f"UPDATE entries SET {sets} WHERE {where}",  # noqa: S608  (our own names)
                (*values.values(), *params),
            )
            return cursor.rowcount

    def _set_row(self, key: str, request: VideoRequest, **values: Any) -> int:
        return self._set("key = ? AND request_hash = ?", (key, request.fingerprint()), **values)

    def _update(self, generation_id: str, **values: Any) -> None:
        self._set("generation_id = ?", (generation_id,), **values)

    def record_downloaded(
        self, generation_id: str, path: str | Path, *, at: float | None = None
    ) -> None:
        """The video of `generation_id` is on disk at `path` (its download claim ends).

        The path is stored absolute (resolved); `at` is when the file was written (now).
        """
        self._update(
            generation_id,
            state=DOWNLOADED,
            path=str(Path(path).resolve()),
            downloaded_at=time.time() if at is None else at,
            owner=None,
            lease_until=None,
        )

    # Claims.

    def _alive(self, entry: Entry, now: float) -> bool:
        """Does another owner still hold `entry`'s claim?"""
        if entry.owner is None or entry.owner == self.owner:
            return False
        pid = entry.owner_pid
        if entry.owner_host == self._host and pid is not None and not _pid_alive(pid):
            return False  # killed: no need to wait for its lease to run out
        return entry.lease_until is not None and entry.lease_until > now

    def _hold(self, now: float) -> dict[str, Any]:
        return {
            "owner": self.owner,
            "owner_pid": self._pid,
            "owner_host": self._host,
            "lease_until": now + self.lease,
        }

    def _claim(
        self,
        key: str,
        request: VideoRequest,
        *,
        resubmit_failed: bool,
        resend_unsettled: bool = False,
    ) -> _Claim:
        """Decide, in one transaction, whether this owner posts `request`, tracks or waits."""
        request_hash = request.fingerprint()
        now = time.time()
        with self._transaction() as db:
            row = db.execute(
                "SELECT * FROM entries WHERE key = ? AND request_hash = ?", (key, request_hash)
            ).fetchone()
            known = None if row is None else _entry(row)
            retry = resubmit_failed and known is not None and known.state == FAILED
            if known is not None and known.generation_id is not None and not retry:
                return _Claim("track", known)
            if known is not None and known.state == SUBMITTING:
                if self._alive(known, now):
                    return _Claim("wait", known)
                if not resend_unsettled:
                    return _Claim("unsettled", known)
            attempt = (known.attempt if known is not None else 0) + 1
            request_id = client_request_id(key, request_hash, attempt)
            values: dict[str, Any] = {
                "state": SUBMITTING,
                "generation_id": None,
                "status": None,
                "error": None,
                "attempt": attempt,
                "client_request_id": request_id,
                "updated_at": now,
                **self._hold(now),
            }
            names = ", ".join(values)
            marks = ", ".join("?" for _ in values)
            updates = ", ".join(f"{name} = excluded.{name}" for name in values)
            db.execute(
                f"INSERT INTO entries (key, request_hash, model, prompt, {names}) "  # noqa: S608
                f"VALUES (?, ?, ?, ?, {marks}) "
                f"ON CONFLICT (key, request_hash) DO UPDATE SET {updates}",
                (key, request_hash, request.model, request.prompt, *values.values()),
            )
        return _Claim("post", known, request_id)

    def claim_download(self, generation_id: str) -> bool:
        """Take the download of `generation_id`: False while another live owner holds it."""
        now = time.time()
        with self._transaction() as db:
            row = db.execute(
                "SELECT * FROM entries WHERE generation_id = ?", (generation_id,)
            ).fetchone()
            if row is None:
                return True  # not journaled here: nobody else can be downloading it
            if self._alive(_entry(row), now):
                return False
            hold = self._hold(now)
            sets = ", ".join(f"{name} = ?" for name in hold)
            db.execute(
                f"UPDATE entries SET {sets} WHERE generation_id = ?",  # noqa: S608
                (*hold.values(), generation_id),
            )
        return True

    def release_download(self, generation_id: str) -> None:
        """Give up a download claim (the download failed): another run may try."""
        self._set(
            "generation_id = ? AND owner = ?",
            (generation_id, self.owner),
            owner=None,
            lease_until=None,
        )

    # Working with a client.

    async def submit(
        self,
        client: Client,
        request: VideoRequest,
        *,
        key: str | None = None,
        resubmit_failed: bool = False,
        resend_unsettled: bool = False,
        describe: str | None = None,
        **options: Any,
    ) -> Job:
        """Submit `request` once, ever: a request already journaled under `key` is tracked.

        Concurrent calls for the same key and request share one POST and get the same Job,
        whether they come from this Journal or from another process using the same file.

        Args:
            client: an open Client.
            request: the request.
            key: the caller's name for it (an input line, an order id); default: its hash.
            resubmit_failed: submit again (and pay again) if the server said its generation
                failed. Never one that ended on 404s or a deadline: that one is tracked again.
            resend_unsettled: send it again even if an earlier submit of it lost its reply
                and was not settled (`settle`): that earlier one may be billed too.
            describe: how warnings name it (e.g. "line 7 ('a red fox...')"); default: the key.
            **options: passed to `client.submit` / `client.track` (e.g. `timeout=`).

        Returns:
            The Job. Its outcome (status, video URL or error) is written when it ends.

        Raises:
            APIStatusError, TransportError, ResponseFormatError: the submit failed. A refusal
                by the server is recorded as such; a reply lost in transit is kept as
                "submitting" and warned about on the next try.
            UnsettledSubmitError: an earlier submit of it lost its reply and may have been
                accepted; `settle` it first (raised before any POST).
            JournalWriteError: the journal cannot be written. Raised before the POST, or
                after it with the `generation_id` (and `job`) that could not be recorded.
        """
        key = request.fingerprint() if key is None else key
        ident = (key, request.fingerprint())
        shared = self._shared.get(ident)
        if shared is not None:  # another task of this process is submitting it right now
            await shared.done.wait()
            if shared.error is not None:
                raise shared.error
            assert shared.job is not None
            return shared.job
        shared = self._shared[ident] = _Shared()
        try:
            shared.job = await self._submit(
                client,
                request,
                key,
                describe or repr(key),
                options,
                resubmit=resubmit_failed,
                resend=resend_unsettled,
            )
        except BaseException as exc:
            shared.error = exc
            raise
        finally:
            del self._shared[ident]
            shared.done.set()
        return shared.job

    async def _submit(
        self,
        client: Client,
        request: VideoRequest,
        key: str,
        describe: str,
        options: dict[str, Any],
        *,
        resubmit: bool,
        resend: bool,
    ) -> Job:
        while True:
            claim = self._claim(key, request, resubmit_failed=resubmit, resend_unsettled=resend)
            if claim.action != "wait":
                break
            # Another run holds the row and is posting it: its id will appear here.
            await anyio.sleep(self.poll_interval)
        if claim.action == "track":
            assert claim.entry is not None
            assert claim.entry.generation_id is not None
            job = client.track(claim.entry.generation_id, model=request.model, **options)
            self.watch(job)
            return job
        known = claim.entry
        if claim.action == "unsettled":
            assert known is not None
            raise UnsettledSubmitError(
                f"an earlier submit of {describe} (request id {known.client_request_id}, "
                f"{_ago(known.updated_at)}) lost its reply and may have been accepted and "
                "billed: settle it from the usage logs first (Journal.settle), or send it "
                "again anyway with resend_unsettled=True; nothing was sent",
                entry=known,
            )
        if known is not None and known.state == SUBMITTING:
            log.warning(
                "journal %s: an earlier submit of %s (request id %s) lost its reply and was "
                "not settled; sending it again as asked: if the server had accepted it, both "
                "are billed",
                self.path,
                describe,
                known.client_request_id,
            )
        try:
            job = await client.submit(request, client_request_id=claim.client_request_id, **options)
        except (ValidationError, ConfigurationError, SpendLimitError):
            self._release(key, request, known)  # refused before any POST: nothing was sent
            raise
        except TransportError as exc:
            if not exc.request_sent:  # the connection never carried the request
                self._release(key, request, known)
            raise
        except APIStatusError as exc:
            # The server answered: it did not accept the request. Nothing to lose.
            self._set(
                "key = ? AND request_hash = ? AND owner = ?",
                (key, request.fingerprint(), self.owner),
                state=REJECTED,
                error=str(exc),
                owner=None,
                lease_until=None,
            )
            raise
        # No await between the reply and this commit: nothing else runs in between.
        try:
            written = self._set(
                "key = ? AND request_hash = ? AND generation_id IS NULL",
                (key, request.fingerprint()),
                generation_id=job.id,
                state=SUBMITTED,
                status=job.status,
                submitted_at=time.time(),
                owner=None,
                lease_until=None,
            )
        except JournalWriteError as exc:
            log.error(  # noqa: TRY400  (the traceback adds nothing; the id is what matters)
                "generation %s of %s was accepted (and billed) but the journal could not "
                "record it (%s): keep this id, `aiovideo status %s` shows it",
                job.id,
                describe,
                exc,
                job.id,
            )
            error = JournalWriteError(
                f"generation {job.id} was accepted but not recorded: {exc}",
                generation_id=job.id,
            )
            error.job = job
            raise error from exc
        if not written:
            log.error(
                "generation %s of %s was accepted, but another run recorded an id for it "
                "meanwhile (its claim had expired): both are billed; this one is tracked "
                "but not journaled",
                job.id,
                describe,
            )
            return job
        self.watch(job)
        return job

    def _release(self, key: str, request: VideoRequest, known: Entry | None) -> None:
        """Undo this owner's claim on a row whose request was never sent."""
        where = "key = ? AND request_hash = ? AND owner = ? AND state = ?"
        params = (key, request.fingerprint(), self.owner, SUBMITTING)
        if known is None:
            with self._transaction() as db:
                db.execute(f"DELETE FROM entries WHERE {where}", params)  # noqa: S608
            return
        self._set(
            where,
            params,
            state=known.state,
            status=known.status,
            error=known.error,
            attempt=known.attempt,
            client_request_id=known.client_request_id,
            generation_id=known.generation_id,
            owner=known.owner,
            owner_pid=known.owner_pid,
            owner_host=known.owner_host,
            lease_until=known.lease_until,
        )

    def unsettled(self) -> list[Entry]:
        """Rows whose submit lost its reply (no live owner holds them): see `settle`."""
        now = time.time()
        return [e for e in self.entries() if e.state == SUBMITTING and not self._alive(e, now)]

    async def settle(
        self,
        client: Client,
        *,
        window: float = SETTLE_WINDOW,
        lookup: LogLookup | None = None,
        **options: Any,
    ) -> Settlement:
        """Settle the rows whose submit lost its reply, from the usage logs (`GET /v2/logs`).

        Every submit carries its row's client request id, which the usage logs list next to
        the generation id it created. For each unsettled row:
        - found, succeeded: its generation id (the row's `inference_id`) is adopted and
          tracked (no POST, no new charge);
        - found, failed: refused, or a generation that failed; either way it cost nothing
          (the API bills only what succeeds): marked rejected, the next submit sends it again;
        - not found, sent less than `window` seconds ago: undecided, left as it is (the logs
          show a video request only once its generation has ended, some time after); the
          next submit of it raises `UnsettledSubmitError` until a later `settle` decides;
        - not found, sent longer ago (or sent by an aiovideo too old to give it a request id):
          taken as never accepted, marked rejected, and sent again by the next submit.
        Call it before submitting (the batch command does, at every start).

        Args:
            client: an open Client, to read the usage logs with and track adopted ids.
            window: seconds after its submit that a row missing from the logs is undecided.
            lookup: where to look request ids up (default: the client's usage logs).
            **options: passed to `client.track` for the adopted ids (e.g. `timeout=`).

        Returns:
            The Settlement: adopted Jobs, rows to send again, rows still undecided.
        """
        rows = self.unsettled()
        settlement = Settlement()
        if not rows:
            return settlement
        found = await (lookup or _logs_lookup(client))(rows)
        now = time.time()
        for entry in rows:
            record = found.get(entry.client_request_id or "")
            where = "key = ? AND request_hash = ? AND state = ? AND attempt = ?"
            params = (entry.key, entry.request_hash, SUBMITTING, entry.attempt)
            if record is not None and record.status == "succeeded" and record.inference_id:
                written = self._set(
                    where,
                    params,
                    generation_id=record.inference_id,
                    state=SUBMITTED,
                    submitted_at=record.created or entry.updated_at,
                    owner=None,
                    lease_until=None,
                )
                if written:
                    job = client.track(record.inference_id, model=entry.model, **options)
                    self.watch(job)
                    settlement.adopted.append(job)
                continue
            if record is not None and record.status == "failed":
                error = "the usage logs show this submit failed (not billed): sent again"
            elif record is None and now - (entry.updated_at or 0.0) >= window:
                error = (
                    f"not in the usage logs {_ago(entry.updated_at)}: taken as never "
                    "accepted, sent again"
                )
            else:
                settlement.undecided.append(entry)
                continue
            if self._set(where, params, state=REJECTED, error=error, owner=None, lease_until=None):
                settlement.resendable.append(entry)
        return settlement

    def watch(self, job: Job) -> None:
        """Record the outcome of `job` (status, video URL or error) when it ends."""
        job.add_done_callback(self._on_done)

    def _on_done(self, job: Job) -> None:
        try:
            self._record_outcome(job)
        except JournalWriteError as exc:
            # The id itself is already on disk: the next run tracks it and learns the outcome.
            log.error("journal: the outcome of generation %s is not recorded: %s", job.id, exc)  # noqa: TRY400

    def _record_outcome(self, job: Job) -> None:
        try:
            video = job.result()
        except GenerationFailedError as exc:
            self._update(
                job.id, state=FAILED, status=exc.status, error=exc.error, finished_at=time.time()
            )
        except NotFoundError as exc:
            # 404s outlasted the client's window. Not the server's word that it failed: the
            # provider's store can lag or blink, and the generation (paid for) may well be
            # there. It stays pending, so the next run tracks it again; `resubmit_failed`
            # never sends it again.
            self._update(job.id, status=NOT_FOUND, error=str(exc))
        except (AiovideoError, asyncio.CancelledError):
            return  # ended locally (timeout, cancel, client closed): pending on the server
        else:
            # Kept, so that a later run reporting this line (or tracking it again) knows what
            # it cost without counting it again; a reply without a cost keeps the one known.
            cost = job.cost
            self._update(
                job.id,
                state=COMPLETED,
                status=job.status,
                video_url=video.url,
                error=None,
                finished_at=time.time(),
                **({} if cost is None else {"cost_credits": cost.credits, "cost_usd": cost.usd}),
            )

    def resume(self, client: Client, **options: Any) -> list[Job]:
        """Track again every generation still pending in the journal (no POST)."""
        jobs = []
        for entry in self.pending():
            assert entry.generation_id is not None
            job = client.track(entry.generation_id, model=entry.model, **options)
            self.watch(job)
            jobs.append(job)
        return jobs


def _ago(moment: float | None) -> str:
    if not moment:
        return "at an unknown time"
    seconds = max(0, round(time.time() - moment))
    if seconds < 120:
        return f"{seconds} s ago"
    return f"{seconds // 60} min ago" if seconds < 7200 else f"{seconds // 3600} h ago"


def _logs_lookup(client: Client) -> LogLookup:
    """Look request ids up in the client's usage logs, from the earliest claim on."""

    async def lookup(rows: Sequence[Entry]) -> dict[str, UsageRecord]:
        wanted = {row.client_request_id for row in rows if row.client_request_id}
        if not wanted:
            return {}
        # From a little before the earliest claim: the server's clock is not ours.
        start = min(row.updated_at or time.time() for row in rows) - 300.0
        found: dict[str, UsageRecord] = {}
        async with contextlib.aclosing(client.usage_logs(start=start)) as records:
            async for record in records:
                request_id = record.client_request_id
                if request_id in wanted and request_id not in found:
                    found[request_id] = record
                    if len(found) == len(wanted):
                        break
        return found

    return lookup


def _entry(row: sqlite3.Row) -> Entry:
    return Entry(**{field.name: row[field.name] for field in attrs.fields(Entry)})
