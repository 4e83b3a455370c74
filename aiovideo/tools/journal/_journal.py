"""The Journal: submit a request once, ever; record every paid id before anyone sees its Job.

A row per (key, request hash) is claimed before its POST, the generation id is committed the
moment the submit reply arrives (before the event loop runs anything else), and the outcome is
written when the generation ends: a crash, Ctrl-C or `kill -9` loses nothing, and the next run
tracks the id again instead of posting a second time. The rows live in a store (`_store.Store`,
whose docstring is the contract this module relies on); a path or `sqlite:///` URL is SQLite,
a `postgresql://` URL is PostgreSQL (`_postgres.py`: many hosts on one journal).

Claims and leases. Before its POST a row is claimed in one store transaction: the row gets this
Journal's `owner` (a uuid per Journal object, with its pid and host), a lease (`lease_until`, a
wall-clock expiry) and the client request id of this attempt, which is sent as
`X-Client-Request-Id` so that the POST can be found in the usage logs. Another Journal on the
same store (another process, another host) that finds a row held by a live owner does not POST:
it waits until the id appears and tracks it. A lease that expired, or whose owner the store
knows has ended, is free; a row left `submitting` that way may have been accepted, so it is
settled first (`settle`) or sent again with a warning. Calls in one process on one Journal
share a single claim: the second caller gets the first caller's Job. Downloads are claimed the
same way (`claim_download`), so two runs never write one file at once.

Pending generations are owned the same way: the claim to submit becomes, once the id is
committed, the lease of the Journal that tracks it, renewed by one timer per Journal
(`_lease.Renewal`, every third of a lease) while its Job runs; given up when the generation
fails or its tracking ends here, and left to run out when it completes (so that its owner,
not another run, downloads it). Another Journal adopts a pending row (`adopt`: takes
its lease in one transaction, tracks it, no POST) only once its owner is gone: so replicas
and fleet workers on one store track each generation once, and a dead one's generations are
tracked again within a lease. `submit(..., wait_for_others=False)` lets a worker skip a row
another live owner holds (`HeldElsewhereError`) instead of waiting for it.

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
import functools
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import anyio
import attrs

from aiovideo.core import (
    AiovideoError,
    APIStatusError,
    ConfigurationError,
    Cost,
    GenerationFailedError,
    NotFoundError,
    Phase,
    SpendLimitError,
    TransportError,
    ValidationError,
    classify,
    total_cost,
)
from aiovideo.tools.journal._entry import (
    COMPLETED,
    DOWNLOADED,
    FAILED,
    NOT_FOUND,
    REJECTED,
    SUBMITTED,
    SUBMITTING,
    Entry,
    ago,
    client_request_id,
    cost_row,
    to_entry,
)
from aiovideo.tools.journal._lease import Renewal
from aiovideo.tools.journal._open import open_store
from aiovideo.tools.journal._settle import (
    SETTLE_WINDOW,
    LogLookup,
    Settlement,
    Verdict,
    logs_lookup,
    verdict,
)
from aiovideo.tools.journal._store import JournalWriteError, Row, Where

if TYPE_CHECKING:
    from aiovideo.core import Client, Job, VideoRequest

__all__ = ["HeldElsewhereError", "Journal", "UnsettledSubmitError"]

log = logging.getLogger("aiovideo")


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


def _maybe_paid(entry: Entry) -> bool:
    """Could this `failed` row's generation have been billed? A cost was reported, or the
    server called it a success (an older aiovideo marked "completed without a video" failed):
    `resubmit_failed` then tracks its id again instead of replacing it with a new, paid one."""
    paid = any(cost is not None and cost > 0 for cost in (entry.cost_credits, entry.cost_usd))
    return paid or (entry.status is not None and classify(entry.status) is Phase.SUCCESS)


class HeldElsewhereError(AiovideoError):
    """Another live owner (another process or host) holds the row: it is submitting it, or
    tracking its generation. Raised by `Journal.submit(..., wait_for_others=False)` instead of
    waiting for it, before any POST: come back to the row later (`Journal.held` tells when
    it is free), or leave it to its owner.

    Attributes:
        entry: the journal row (None: another owner was claiming it at that very moment).
    """

    def __init__(self, message: str, *, entry: Entry | None) -> None:
        super().__init__(message)
        self.entry = entry


@attrs.frozen
class _Claim:
    action: Literal["post", "track", "wait", "unsettled"]
    entry: Entry | None
    client_request_id: str | None = None
    # "track": this Journal now holds the pending row's lease (else it follows another's);
    # `elsewhere`: another live owner holds the row (tracks or downloads it).
    owned: bool = False
    elsewhere: bool = False


@attrs.define
class _Shared:
    """One in-process submit of a row, awaited by every caller of `submit` for that row.

    It runs in a task of its own so that cancelling one caller cannot cancel it for the
    others: only the last caller to leave cancels it (and waits for it to unwind).
    """

    task: asyncio.Task[Job]
    callers: int = 0


def _retrieve(task: asyncio.Task[Job]) -> None:
    # A submit whose callers were all cancelled may still fail: read its exception so that
    # asyncio does not log it as never retrieved.
    if not task.cancelled():
        task.exception()


class Journal:
    """A journal of generations, keyed by a caller's key and the request's hash.

    A changed request under the same key is a new row: the old row (and its id) stays.

    Args:
        target: where the rows are kept: a SQLite file (a path, or `sqlite:///relative` /
            `sqlite:////absolute`; its folder is created when missing), or a PostgreSQL
            database (`postgresql://user@host/db`, `postgres://`; `pip install
            'aiovideo[postgres]'`), which many processes on many hosts can share.
        lease: seconds a claim on a row is held before another owner may take it over (an
            owner the store knows is alive keeps its claims beyond that). A pending
            generation this Journal tracks is held the same way, its lease renewed every
            third of a lease while its Job runs: another Journal adopts it (`adopt`) only
            once this one is gone (closed, killed, or its renewals failing for a lease).
        poll_interval: seconds between looks at a row another owner holds.
        clock: the wall clock leases are read and written on (seconds since the epoch, as
            every host sharing the store reads them); tests pass a fake one.

    Raises:
        ConfigurationError: the target cannot be opened, is not a journal, cannot be
            migrated, was written by a newer aiovideo, or names a store not supported (or
            whose driver is not installed).
    """

    def __init__(
        self,
        target: str | Path,
        *,
        lease: float = 120.0,
        poll_interval: float = 0.25,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if not lease > 0:
            raise ConfigurationError(f"lease={lease!r}: a lease is a positive number of seconds")
        self._store = open_store(target)
        self.path: Path | None = self._store.path
        self.lease = lease
        self.poll_interval = poll_interval
        self.owner = uuid.uuid4().hex
        self._clock = clock
        self._pid = os.getpid()
        self._host = socket.gethostname()
        self._shared: dict[tuple[str, str], _Shared] = {}
        # The Jobs this Journal watches, by generation id, while they run; `_owned`: those
        # whose row's lease it holds (the others follow a row another live owner holds).
        self._jobs: dict[str, Job] = {}
        self._owned: set[str] = set()
        # The status last written on each owned row: a renewal writes a newer one.
        self._statuses: dict[str, str] = {}
        # The generations whose download this Journal holds (`claim_download`).
        self._downloads: set[str] = set()
        self._renewal = Renewal(self.renew_leases, every=lease / 3, name=self._store.name)
        self._closed = False

    def __repr__(self) -> str:
        return f"<aiovideo.Journal {self._store.name!r}>"

    @property
    def name(self) -> str:
        """How messages name the store: its file, or its URL without the password."""
        return self._store.name

    @property
    def host(self) -> str:
        """This machine's name, as the rows this Journal claims record it (`owner_host`)."""
        return self._host

    def held(self, entry: Entry) -> bool:
        """Does another owner (another run, process or host) hold the row's claim right now?

        A claim is held while its lease runs (and, on SQLite, while its owner's process runs):
        the row is being submitted, tracked (a pending generation) or downloaded elsewhere.
        """
        row = {name: getattr(entry, name) for name in ("owner", "owner_pid", "owner_host")}
        return self._alive({**row, "lease_until": entry.lease_until}, self._clock())

    @property
    def schema_version(self) -> int:
        """The version of the row layout the store holds (after migrating on open)."""
        return self._store.schema_version

    def close(self) -> None:
        """Give up this Journal's claims, then close the store (every write is committed).

        A claim left behind would be waited on until its lease ran out by a store that cannot
        tell that its owner ended (PostgreSQL: the next run would wait a lease period); a row
        still `submitting` becomes unsettled at once, for the next run to settle. When the
        store cannot be written (the database is gone), the leases run out instead. The
        pending generations it tracked are given up too: another Journal adopts them at once.
        """
        if self._closed:
            return
        self._closed = True
        self._renewal.stop()
        with contextlib.suppress(JournalWriteError):
            self._store.update({"owner": self.owner}, {"owner": None, "lease_until": None})
        self._store.close()

    def renew_leases(self) -> int:
        """Renew the lease of every row this Journal holds as a pending generation it tracks
        or a download it makes (its timer does it every third of a lease; see `lease`).

        A claim to submit is renewed while its POST is on the wire (a POST may wait in the
        client's rate budget for longer than a lease; a POST that ends without an id gives
        its claim up: `_unclaim`). The lease of a generation that completed is not: its owner
        claims its download at once (a batch), or lets the lease run out (an app that
        downloads nothing). Each tracked generation's status, if it changed, is written too,
        so that other Journals read it fresh (a renewal period old at most).

        Returns:
            How many rows were renewed (0: none held; the timer then stops until a lease is
            taken again).

        Raises:
            JournalWriteError: the store cannot be written.
        """
        now = self._clock()
        renew = {"lease_until": now + self.lease}
        # A POST on the wire: its `updated_at` too, from which `settle` counts its window
        # (the POST may have left only just before its owner died).
        renewed = self._store.update(
            {"owner": self.owner, "state": SUBMITTING}, {**renew, "updated_at": now}
        )
        renewed += self._store.update({"owner": self.owner, "state": SUBMITTED}, renew)
        self._write_statuses()
        for generation_id in list(self._downloads):  # a few at a time (the batch's slots)
            where = {"generation_id": generation_id, "owner": self.owner}
            renewed += self._store.update(where, renew)
        return renewed

    def _write_statuses(self) -> None:
        """Write the status of each tracked generation that changed since it was last
        written: other Journals (a web app's replicas) read it from the row, a renewal old
        at most. A few writes per generation, never one per check."""
        for generation_id in list(self._owned):
            job = self._jobs.get(generation_id)
            if job is None or job.done() or self._statuses.get(generation_id) == job.status:
                continue
            where = {"generation_id": generation_id, "state": SUBMITTED, "owner": self.owner}
            self._store.update(where, {"status": job.status})
            self._statuses[generation_id] = job.status

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Reading.

    def get(self, key: str, request: VideoRequest) -> Entry | None:
        """The row for this key and this exact request, if any."""
        row = self._store.get(key, request.fingerprint())
        return None if row is None else to_entry(row)

    def by_key(self, key: str) -> list[Entry]:
        """The rows under `key`, whatever their request (one per request journaled under it)."""
        return [to_entry(row) for row in self._store.rows({"key": key})]

    def by_id(self, generation_id: str) -> Entry | None:
        """The row of a generation id, if any."""
        rows = self._store.rows({"generation_id": generation_id})
        return to_entry(rows[0]) if rows else None

    def by_path(self, path: str | Path) -> list[Entry]:
        """The rows whose file is at `path` (as `record_downloaded` stores it)."""
        rows = self._store.rows({"path": str(Path(path).resolve())})
        return [to_entry(row) for row in rows]

    def entries(self) -> list[Entry]:
        """Every row, oldest first."""
        return [to_entry(row) for row in self._store.rows()]

    def spent(self) -> Cost:
        """What the journaled generations cost, as the API reported it: each generation once.

        A server may answer one generation id to two submits (two rows, one generation): it
        is counted once, however many rows hold its id.
        """
        costs: dict[str, Cost | None] = {}
        for entry in self.entries():
            if entry.generation_id is not None and entry.cost is not None:
                costs.setdefault(entry.generation_id, entry.cost)
        return total_cost(costs.values())

    def pending(self) -> list[Entry]:
        """Rows with a known id whose generation had not finished when last seen."""
        return [entry for entry in self.entries() if entry.pending]

    def unsettled(self) -> list[Entry]:
        """Rows whose submit lost its reply (no live owner holds them; not one this Journal
        is sending right now): see `settle`."""
        now = self._clock()
        rows = self._store.rows({"state": SUBMITTING})
        return [
            to_entry(row)
            for row in rows
            if row["owner"] != self.owner and not self._alive(row, now)
        ]

    # Writing: each call is one committed transaction.

    def _set(self, where: Where, **values: Any) -> int:
        """Set `values` (and `updated_at`) on the rows matching `where`; how many changed."""
        values.setdefault("updated_at", self._clock())
        return self._store.update(where, values)

    def _update(self, generation_id: str, **values: Any) -> None:
        self._set({"generation_id": generation_id}, **values)

    def record_downloaded(
        self, generation_id: str, path: str | Path, *, at: float | None = None
    ) -> None:
        """The video of `generation_id` is on disk at `path` (its download claim ends).

        Args:
            generation_id: the generation whose video was written.
            path: where; stored absolute (resolved).
            at: when the file was written (default: now).

        Raises:
            JournalWriteError: the journal cannot be written.
        """
        self._downloads.discard(generation_id)
        self._update(
            generation_id,
            state=DOWNLOADED,
            path=str(Path(path).resolve()),
            downloaded_at=self._clock() if at is None else at,
            owner=None,
            lease_until=None,
        )

    # Claims.

    def _alive(self, row: Row, now: float) -> bool:
        """Does another owner still hold the row's claim?"""
        owner = row.get("owner")
        if owner is None or owner == self.owner:
            return False
        if self._store.owner_gone(row):
            return False  # killed: no need to wait for its lease to run out
        lease_until = row.get("lease_until")
        return lease_until is not None and lease_until > now

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
        """Decide, in one store transaction, whether this owner posts `request`, tracks or
        waits; a claim to post is committed before this returns."""
        request_hash = request.fingerprint()
        now = self._clock()
        claim = _Claim("post", None)

        def decide(row: Row | None) -> dict[str, Any] | None:
            nonlocal claim
            known = None if row is None else to_entry(row)
            retry = (
                resubmit_failed
                and known is not None
                and known.state == FAILED
                and not _maybe_paid(known)
            )
            if known is not None and known.generation_id is not None and not retry:
                values: dict[str, Any] = {}
                if resubmit_failed and known.state == FAILED:
                    # A paid id asked for again: tracked, and pending again so that what it
                    # now says (completed, with its video) is written on its row.
                    values = {"state": SUBMITTED, "error": None, "updated_at": now}
                # A pending row nobody alive holds is this Journal's to track (adopted);
                # one another live owner tracks is followed, its lease left to that owner.
                elsewhere = row is not None and self._alive(row, now)
                owned = (known.state == SUBMITTED or bool(values)) and not elsewhere
                claim = _Claim("track", known, owned=owned, elsewhere=elsewhere)
                return {**values, **self._hold(now)} if owned else (values or None)
            if row is not None and known is not None and known.state == SUBMITTING:
                if self._alive(row, now):
                    claim = _Claim("wait", known)
                    return None
                if not resend_unsettled:
                    claim = _Claim("unsettled", known)
                    return None
            attempt = (known.attempt if known is not None else 0) + 1
            request_id = client_request_id(key, request_hash, attempt)
            claim = _Claim("post", known, request_id)
            return {
                "model": request.model,
                "prompt": request.prompt,
                "state": SUBMITTING,
                "generation_id": None,
                "status": None,
                "error": None,
                "attempt": attempt,
                "client_request_id": request_id,
                "updated_at": now,
                **self._hold(now),
            }

        if not self._store.claim({"key": key, "request_hash": request_hash}, decide):
            return _Claim("wait", None)  # another owner is claiming it this very moment
        return claim

    def _release(self, key: str, request: VideoRequest, known: Entry | None) -> None:
        """Undo this owner's claim on a row whose request was never sent."""
        where = {
            "key": key,
            "request_hash": request.fingerprint(),
            "owner": self.owner,
            "state": SUBMITTING,
        }
        if known is None:
            self._store.delete(where)
            return
        self._set(
            where,
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

    def claim_download(self, generation_id: str) -> bool:
        """Take the download of `generation_id`, so that two runs never write one file.

        Args:
            generation_id: the generation whose video is about to be downloaded.

        Returns:
            True: this Journal holds it now (or the id is not journaled here: nobody else can
            be downloading it); False: another live owner holds it (look again later).

        Raises:
            JournalWriteError: the journal cannot be written.
        """
        now = self._clock()
        taken = True

        def decide(row: Row | None) -> dict[str, Any] | None:
            nonlocal taken
            if row is None:
                return None
            if self._alive(row, now):
                taken = False
                return None
            return self._hold(now)

        if not self._store.claim({"generation_id": generation_id}, decide) or not taken:
            return False
        self._downloads.add(generation_id)
        self._renewal.start()  # a long download keeps its claim
        return True

    def release_download(self, generation_id: str) -> None:
        """Give up a download claim (the download failed): another run may try.

        Raises:
            JournalWriteError: the journal cannot be written.
        """
        self._downloads.discard(generation_id)
        self._set(
            {"generation_id": generation_id, "owner": self.owner}, owner=None, lease_until=None
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
        wait_for_others: bool = True,
        describe: str | None = None,
        **options: Any,
    ) -> Job:
        """Submit `request` once, ever: a request already journaled under `key` is tracked.

        Concurrent calls for the same key and request share one POST and get the same Job,
        whether they come from this Journal or from another process using the same store.

        Args:
            client: an open Client.
            request: the request.
            key: the caller's name for it (an input line, an order id); default: its hash.
            resubmit_failed: submit again (and pay again) if the server said its generation
                failed. Never one that ended on 404s or a deadline: that one is tracked again.
            resend_unsettled: send it again even if an earlier submit of it lost its reply
                and was not settled (`settle`): that earlier one may be billed too.
            wait_for_others: while another live owner (another process or host) is
                submitting the row, wait for its id; when it tracks the row's pending
                generation, follow it (a Job of its own, the lease left to that owner).
                False: raise `HeldElsewhereError` instead (a fleet worker goes on with
                another line). Calls of this process that share one submit share the
                first caller's choice.
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
            HeldElsewhereError: with `wait_for_others=False`, another live owner holds the
                row (raised before any POST).
            JournalWriteError: the journal cannot be written. Raised before the POST, or
                after it with the `generation_id` (and `job`) that could not be recorded.
        """
        key = request.fingerprint() if key is None else key
        ident = (key, request.fingerprint())
        while True:
            shared = self._shared.get(ident)
            if shared is None:  # else another task of this process is submitting it now
                work = self._submit(
                    client,
                    request,
                    key,
                    describe or repr(key),
                    options,
                    resubmit=resubmit_failed,
                    resend=resend_unsettled,
                    wait=wait_for_others,
                )
                shared = self._shared[ident] = _Shared(asyncio.ensure_future(work))
                shared.task.add_done_callback(_retrieve)
                shared.task.add_done_callback(functools.partial(self._unshare, ident, shared))
            job = await self._await_shared(shared)
            if job is not None:
                return job
            # The submit was cancelled by its last other caller just as this one came: take
            # a turn of our own.

    def _unshare(self, ident: tuple[str, str], shared: _Shared, _: object) -> None:
        if self._shared.get(ident) is shared:
            del self._shared[ident]

    @staticmethod
    async def _await_shared(shared: _Shared) -> Job | None:
        """The shared submit's Job (or its error); None if it was cancelled under us.

        A caller that is cancelled leaves; the submit goes on for the others, and is
        cancelled only when no caller is left.
        """
        shared.callers += 1
        try:
            return await asyncio.shield(shared.task)
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if current is not None and current.cancelling():
                if shared.callers == 1 and not shared.task.done():
                    shared.task.cancel()  # nobody else waits for it: stop it, and its POST
                    await asyncio.wait({shared.task})
                raise
            if shared.task.cancelled():
                return None
            raise  # pragma: no cover  (the submit raised CancelledError of its own)
        finally:
            shared.callers -= 1

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
        wait: bool,
    ) -> Job:
        """Claim the row, then track its id, refuse (unsettled), or POST and record the id."""
        claim = await self._claim_in_turn(
            key, request, resubmit=resubmit, resend=resend, wait=wait, describe=describe
        )
        known = claim.entry
        if claim.action == "track":
            assert known is not None
            assert known.generation_id is not None
            if claim.elsewhere and not wait:
                raise self._held_elsewhere(describe, known)
            return self._track(
                client, known.generation_id, request.model, options, owned=claim.owned
            )
        if claim.action == "unsettled":
            assert known is not None
            raise UnsettledSubmitError(
                f"an earlier submit of {describe} (request id {known.client_request_id}, "
                f"{ago(known.updated_at)}) lost its reply and may have been accepted and "
                "billed: settle it from the usage logs first (Journal.settle), or send it "
                "again anyway with resend_unsettled=True; nothing was sent",
                entry=known,
            )
        if known is not None and known.state == SUBMITTING:
            log.warning(
                "journal %s: an earlier submit of %s (request id %s) lost its reply and was "
                "not settled; sending it again as asked: if the server had accepted it, both "
                "are billed",
                self._store.name,
                describe,
                known.client_request_id,
            )
        self._renewal.start()  # the claim is renewed while the POST is on the wire
        job = await self._post(client, request, claim, options, key=key, describe=describe)
        # `_post` returned straight into this frame: the event loop has run nothing since the
        # reply, and runs nothing until the id is committed.
        return self._record_id(job, key, request, describe)

    async def _claim_in_turn(
        self,
        key: str,
        request: VideoRequest,
        *,
        resubmit: bool,
        resend: bool,
        wait: bool,
        describe: str,
    ) -> _Claim:
        """Claim the row, waiting while another owner holds it (its id will appear), or
        raising HeldElsewhereError when not to `wait`."""
        while True:
            claim = self._claim(key, request, resubmit_failed=resubmit, resend_unsettled=resend)
            if claim.action != "wait":
                return claim
            if not wait:
                raise self._held_elsewhere(describe, claim.entry)
            await anyio.sleep(self.poll_interval)

    def _held_elsewhere(self, describe: str, entry: Entry | None) -> HeldElsewhereError:
        doing = "claiming" if entry is None else "submitting"
        if entry is not None and entry.pending:
            doing = f"tracking generation {entry.generation_id} of"
        elif entry is not None and entry.generation_id is not None:
            doing = f"downloading generation {entry.generation_id} of"
        holder = "" if entry is None else f" ({entry.holder})"
        return HeldElsewhereError(
            f"another owner{holder} is {doing} {describe}; nothing was sent", entry=entry
        )

    async def _post(
        self,
        client: Client,
        request: VideoRequest,
        claim: _Claim,
        options: dict[str, Any],
        *,
        key: str,
        describe: str,
    ) -> Job:
        """Send the claimed request; a failure releases or marks the claim, and is raised."""
        try:
            return await client.submit(
                request, client_request_id=claim.client_request_id, **options
            )
        except (ValidationError, ConfigurationError, SpendLimitError):
            self._release(key, request, claim.entry)  # refused before any POST: nothing sent
            raise
        except TransportError as exc:
            if not exc.request_sent:  # the connection never carried the request
                self._release(key, request, claim.entry)
            else:  # it may have been accepted: `submitting`, for settle to decide
                self._unclaim(key, request)
            raise
        except APIStatusError as exc:
            # The server answered: it did not accept the request. Nothing to lose.
            self._set(
                {"key": key, "request_hash": request.fingerprint(), "owner": self.owner},
                state=REJECTED,
                error=str(exc),
                owner=None,
                lease_until=None,
            )
            raise
        except BaseException as exc:
            # Cancelled, or a reply that could not be read: it may have been accepted.
            self._unclaim(key, request)
            left = claim.client_request_id and client.abandoned_submit(claim.client_request_id)
            if isinstance(exc, asyncio.CancelledError) and left:
                # The POST goes on without its caller: its id is recorded when it comes.
                late = functools.partial(
                    self._record_late, key, request, describe, claim.client_request_id
                )
                left.add_done_callback(late)
            raise

    def _record_late(
        self,
        key: str,
        request: VideoRequest,
        describe: str,
        request_id: str | None,
        left: asyncio.Future[Job],
    ) -> None:
        """Record the id of a POST whose caller was cancelled once its reply came, on its row
        if the row is still that attempt (not sent again, nor settled, meanwhile); a lost
        reply leaves the row unsettled (for `settle`), as it is already."""
        if left.cancelled() or left.exception() is not None:
            return
        if self._closed:  # unsettled, for the next run's `settle`; a WARNING names the id
            return
        with contextlib.suppress(JournalWriteError):  # logged with the id by _record_id
            self._record_id(left.result(), key, request, describe, request_id=request_id)

    def _unclaim(self, key: str, request: VideoRequest) -> None:
        """Leave a row whose POST may have been accepted `submitting`, held by nobody: every
        Journal then sees it unsettled at once (for `settle`), and this one's renewals, which
        keep the claims of POSTs still on the wire, do not keep it."""
        where = {
            "key": key,
            "request_hash": request.fingerprint(),
            "owner": self.owner,
            "state": SUBMITTING,
        }
        with contextlib.suppress(JournalWriteError):  # then its lease runs out instead
            self._set(where, owner=None, lease_until=None)

    def _record_id(
        self,
        job: Job,
        key: str,
        request: VideoRequest,
        describe: str,
        *,
        request_id: str | None = None,
    ) -> Job:
        """Commit the accepted generation's id, then watch its outcome; returns the Job.

        `request_id`: written only on the row of that attempt (a late reply).

        Raises:
            JournalWriteError: the id could not be recorded; it carries the id and the Job.
        """
        now = self._clock()
        where = {"key": key, "request_hash": request.fingerprint(), "generation_id": None}
        if request_id is not None:
            where["client_request_id"] = request_id
        try:
            written = self._set(
                where,
                generation_id=job.id,
                state=SUBMITTED,
                status=job.status,
                submitted_at=now,
                **self._hold(now),  # the claim to submit becomes the lease of its tracking
                # What the submit reply said it costs: counted by later --max-spend runs even
                # if this one stops before the generation ends.
                **({} if job.counted_cost is None else cost_row(job.counted_cost)),
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
            self._unclaim(key, request)  # unsettled: the usage logs hold its id
            error = JournalWriteError(
                f"generation {job.id} was accepted but not recorded: {exc}",
                generation_id=job.id,
            )
            error.job = job
            raise error from exc
        if not written:
            why = (
                "its row was sent again or settled while the reply was late"
                if request_id is not None
                else "another run recorded an id for it meanwhile (its claim had expired)"
            )
            log.error(
                "generation %s of %s was accepted, but %s: both are billed; this one is "
                "tracked but not journaled",
                job.id,
                describe,
                why,
            )
            return job
        self._watch(job, owned=True)
        return job

    def _track(
        self,
        client: Client,
        generation_id: str,
        model: str,
        options: dict[str, Any],
        *,
        owned: bool,
    ) -> Job:
        """Track `generation_id` and watch its outcome; `owned`: its row's lease is held."""
        try:
            job = client.track(generation_id, model=model, **options)
        except BaseException:
            if owned:  # nothing tracks it here: let another Journal adopt it at once
                self._let_go(generation_id)
            raise
        self._watch(job, owned=owned)
        return job

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
        found = await (lookup or logs_lookup(client))(rows)
        now = self._clock()
        for entry in rows:
            decided = verdict(
                entry, found.get(entry.client_request_id or ""), now=now, window=window
            )
            self._apply(client, entry, decided, settlement, options)
        return settlement

    def _apply(
        self,
        client: Client,
        entry: Entry,
        decided: Verdict,
        settlement: Settlement,
        options: dict[str, Any],
    ) -> None:
        """Write one unsettled row's verdict, and file it in `settlement`."""
        # Written only if the row is still this very unsettled attempt.
        where = {
            "key": entry.key,
            "request_hash": entry.request_hash,
            "state": SUBMITTING,
            "attempt": entry.attempt,
        }
        if decided.action == "wait":
            settlement.undecided.append(entry)
        elif decided.action == "resend":
            if self._set(where, state=REJECTED, error=decided.error, owner=None, lease_until=None):
                settlement.resendable.append(entry)
        elif decided.generation_id is not None and self._set(
            where,
            generation_id=decided.generation_id,
            state=SUBMITTED,
            submitted_at=decided.submitted_at,
            **self._hold(self._clock()),
        ):
            job = self._track(client, decided.generation_id, entry.model, options, owned=True)
            settlement.adopted.append(job)

    def watch(self, job: Job) -> None:
        """Record the outcome of `job` (status, video URL or error) when it ends.

        It does not take the row's lease: a Job of the Journal's own (`submit`, `adopt`,
        `resume`, `settle`) holds it while it runs.
        """
        self._watch(job, owned=False)

    def _watch(self, job: Job, *, owned: bool) -> None:
        self._jobs[job.id] = job
        if owned:
            self._watch_owned(job)
        job.add_done_callback(self._on_done)

    def _watch_owned(self, job: Job) -> None:
        self._owned.add(job.id)
        self._renewal.start()

    def _on_done(self, job: Job) -> None:
        if self._jobs.get(job.id) is job:
            del self._jobs[job.id]
        owned = job.id in self._owned
        self._owned.discard(job.id)
        self._statuses.pop(job.id, None)
        if self._closed:
            return  # its claims were given up on closing; the next run tracks it again
        try:
            self._record_outcome(job)
            if owned:
                self._let_go(job.id)  # still pending (ended here): another may adopt it now
        except JournalWriteError as exc:
            # The id itself is already on disk: the next run tracks it and learns the outcome.
            log.error("journal: the outcome of generation %s is not recorded: %s", job.id, exc)  # noqa: TRY400

    def _let_go(self, generation_id: str) -> None:
        """Give up the lease of a pending row this Journal no longer tracks."""
        self._set(
            {"generation_id": generation_id, "state": SUBMITTED, "owner": self.owner},
            owner=None,
            lease_until=None,
        )

    def _outcome(self, generation_id: str, **values: Any) -> None:
        """Write a generation's outcome on its row while the row is pending: another run
        tracking the same id may have finished and downloaded it already, and its
        `downloaded` (and path) must stay."""
        self._set({"generation_id": generation_id, "state": SUBMITTED}, **values)

    def _record_outcome(self, job: Job) -> None:
        try:
            video = job.result()
        except GenerationFailedError as exc:
            self._outcome(
                job.id,
                state=FAILED,
                status=exc.status,
                error=exc.error,
                finished_at=self._clock(),
                owner=None,
                lease_until=None,
            )
        except NotFoundError as exc:
            # 404s outlasted the client's window. Not the server's word that it failed: the
            # provider's store can lag or blink, and the generation (paid for) may well be
            # there. It stays pending, so the next run tracks it again; `resubmit_failed`
            # never sends it again.
            self._outcome(job.id, status=NOT_FOUND, error=str(exc))
        except (AiovideoError, asyncio.CancelledError):
            return  # ended locally (timeout, cancel, client closed): pending on the server
        else:
            # Kept, so that a later run reporting this line (or tracking it again) knows what
            # it cost without counting it again; a reply without a cost keeps the one known.
            # The cost the client counted (the largest reported), so that later --max-spend
            # runs count what this one did.
            cost = job.counted_cost
            self._outcome(
                job.id,
                state=COMPLETED,
                status=job.status,
                video_url=video.url,
                error=None,
                finished_at=self._clock(),
                # The lease is kept, no longer renewed: the owner downloads it now (its claim
                # to download takes over), and another run only once the owner is gone.
                **({} if cost is None else cost_row(cost)),
            )

    def resume(self, client: Client, **options: Any) -> list[Job]:
        """Track again every generation still pending in the journal (no POST), but those
        another live owner tracks: the same as `adopt`, named for a restart.

        Args:
            client: an open Client.
            **options: passed to `client.track` (e.g. `timeout=`).

        Returns:
            The Jobs, one per pending row taken; their outcomes are recorded when they end.

        Raises:
            JournalWriteError: the journal cannot be read or written.
        """
        return self.adopt(client, **options)

    def adopt(self, client: Client, **options: Any) -> list[Job]:
        """Take over every pending generation whose owner is gone, and track it (no POST).

        A pending row is held by the Journal that tracks it, for a lease it renews (see
        `lease`); a row whose lease ran out (its owner killed, its host gone, its database
        connection lost for a lease), or whose owner the store knows has ended (SQLite: a
        process of this host no longer running), or that nobody holds (an earlier run) is
        claimed here in one store transaction, so that of several Journals adopting at once
        exactly one takes it. Call it every so often (a fleet worker, a web app's replicas):
        a dead owner's generations are then tracked again within a lease and that period.

        Args:
            client: an open Client.
            **options: passed to `client.track` (e.g. `timeout=`).

        Returns:
            The Jobs of the generations adopted (a generation this Journal already followed
            is taken over without a second Job); their outcomes are recorded when they end.

        Raises:
            JournalWriteError: the journal cannot be read or written.
        """
        now = self._clock()
        jobs = []
        for row in self._store.rows({"state": SUBMITTED}):
            generation_id = row["generation_id"]
            if generation_id is None or generation_id in self._owned or self._alive(row, now):
                continue
            if not self._take(row, now):
                continue  # another Journal took it first
            log.info(
                "journal %s: adopted generation %s (%s)",
                self._store.name,
                generation_id,
                "nobody held it" if row["owner"] is None else f"{to_entry(row).holder} is gone",
            )
            followed = self._jobs.get(generation_id)
            if followed is not None:
                self._watch_owned(followed)
                continue
            jobs.append(self._track(client, generation_id, row["model"], options, owned=True))
        return jobs

    def _take(self, row: Row, now: float) -> bool:
        """Claim the lease of a pending row, if it is still pending and free; taken?"""
        taken = False

        def decide(found: Row | None) -> dict[str, Any] | None:
            nonlocal taken
            if found is None or self._alive(found, now):
                return None
            taken = True
            return self._hold(now)

        where = {
            "key": row["key"],
            "request_hash": row["request_hash"],
            "generation_id": row["generation_id"],
            "state": SUBMITTED,
        }
        return self._store.claim(where, decide) and taken
