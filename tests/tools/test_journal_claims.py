"""The journal's promise under stress: schema versions, claims, leases, request ids, bad disks."""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import aiovideo
from aiovideo.core import UsageRecord
from aiovideo.testing import Emulator
from aiovideo.tools.journal._journal import (
    SCHEMA_VERSION,
    SUBMITTING,
    JournalWriteError,
    UnsettledSubmitError,
    client_request_id,
)
from tests.conftest import API_KEY
from tests.mocked import aioresponses

FOX = aiovideo.VideoRequest("google/veo3", "a red fox in snow", duration=4)
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

# The table of aiovideo 0.1.0 (schema version 0), less the columns a test leaves out.
OLD_COLUMNS = {
    "key": "TEXT NOT NULL",
    "request_hash": "TEXT NOT NULL",
    "model": "TEXT NOT NULL",
    "prompt": "TEXT NOT NULL",
    "generation_id": "TEXT",
    "state": "TEXT NOT NULL",
    "status": "TEXT",
    "video_url": "TEXT",
    "path": "TEXT",
    "error": "TEXT",
    "submitted_at": "REAL",
    "finished_at": "REAL",
    "updated_at": "REAL NOT NULL",
}


def _old_journal(path: Path, *, without: str) -> None:
    columns = ", ".join(f"{n} {d}" for n, d in OLD_COLUMNS.items() if n != without)
    with sqlite3.connect(path) as db:
        db.execute(f"CREATE TABLE entries ({columns}, PRIMARY KEY (key, request_hash))")
        row: dict[str, object] = {
            "key": "old",
            "request_hash": "h",
            "model": "google/veo3",
            "prompt": "p",
        }
        row |= {"generation_id": "gen-old", "state": "downloaded", "updated_at": 1}
        row.pop(without, None)
        db.execute(
            f"INSERT INTO entries ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",  # noqa: S608
            tuple(row.values()),
        )
    db.close()


def _client(emu: Emulator) -> aiovideo.Client:
    return aiovideo.Client(api_key=API_KEY, base_url=emu.base_url, poll_interval=0.05)


# Schema versions.


async def test_an_old_journal_missing_a_column_is_migrated_before_any_post(
    emulator: Emulator, tmp_path: Path
) -> None:
    path = tmp_path / "old.sqlite"
    _old_journal(path, without="finished_at")
    with aiovideo.Journal(path) as journal:
        async with _client(emulator) as client:
            job = await journal.submit(client, FOX, key="k")
            await job
        entry = next(e for e in journal.entries() if e.key == "k")
        assert (entry.state, entry.generation_id) == ("completed", job.id)
        assert entry.finished_at is not None
        assert journal.entries()[0].generation_id == "gen-old"  # the old rows stay
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()
    assert emulator.stats["submits"] == 1


def test_an_old_journal_that_cannot_be_migrated_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _old_journal(path, without="state")
    with pytest.raises(aiovideo.ConfigurationError, match=r"no column state.*nothing was"):
        aiovideo.Journal(path)


def test_a_newer_journal_is_refused_naming_its_writer(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    aiovideo.Journal(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = 'aiovideo 9.9.9' WHERE name = 'written_by'")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(aiovideo.ConfigurationError, match=r"written by aiovideo 9\.9\.9"):
        aiovideo.Journal(path)


# One owner per row.


async def test_two_concurrent_submits_of_one_key_make_one_post(
    emulator: Emulator, tmp_path: Path
) -> None:
    with aiovideo.Journal(tmp_path / "j.sqlite") as journal:
        async with _client(emulator) as client:
            first, second = await asyncio.gather(
                journal.submit(client, FOX, key="order-17"),
                journal.submit(client, FOX, key="order-17"),
            )
            assert first is second
            await first
        (entry,) = journal.entries()
        assert entry.generation_id == first.id
    assert emulator.stats["submits"] == 1


async def test_a_row_held_by_another_owner_is_tracked_once_its_id_appears(
    emulator: Emulator, tmp_path: Path
) -> None:
    path = tmp_path / "j.sqlite"
    with (
        aiovideo.Journal(path) as holder,
        aiovideo.Journal(path, poll_interval=0.01) as other,
    ):
        async with _client(emulator) as client:
            claim = holder._claim("k", FOX, resubmit_failed=False)  # holder: about to POST
            assert claim.action == "post"
            waiting = asyncio.create_task(other.submit(client, FOX, key="k"))
            await asyncio.sleep(0)
            assert not waiting.done()  # it waits for the holder instead of posting
            posted = await client.submit(FOX, client_request_id=claim.client_request_id)
            holder._set_row("k", FOX, generation_id=posted.id, state="submitted")
            tracked = await waiting
            assert tracked.id == posted.id
            await tracked
    assert emulator.stats["submits"] == 1


def _dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


async def test_a_claim_of_a_killed_process_is_unsettled_until_settled_or_resent(
    emulator: Emulator, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "j.sqlite"
    with aiovideo.Journal(path) as dead:
        dead._claim("k", FOX, resubmit_failed=False)
        dead._set_row("k", FOX, owner_pid=_dead_pid(), lease_until=time.time() + 3600)
    with aiovideo.Journal(path) as journal:
        async with _client(emulator) as client:
            with pytest.raises(UnsettledSubmitError, match=r"line 7 \('a red fox'\)") as caught:
                await journal.submit(client, FOX, key="k", describe="line 7 ('a red fox')")
            assert caught.value.entry.attempt == 1
            assert emulator.stats["submits"] == 0  # refused before any POST
            job = await journal.submit(
                client, FOX, key="k", describe="line 7 ('a red fox')", resend_unsettled=True
            )
            await job
        (entry,) = journal.entries()
    assert "line 7 ('a red fox')" in caplog.text  # names the line, not an internal key
    assert "both are billed" in caplog.text
    assert (entry.attempt, entry.generation_id) == (2, job.id)
    assert entry.client_request_id == client_request_id("k", FOX.fingerprint(), 2)
    assert emulator.stats["submits"] == 1


async def test_an_expired_lease_of_another_host_is_not_waited_for(
    emulator: Emulator, tmp_path: Path
) -> None:
    path = tmp_path / "j.sqlite"
    with aiovideo.Journal(path) as other:
        other._claim("k", FOX, resubmit_failed=False)
        other._set_row("k", FOX, owner_host="elsewhere", lease_until=time.time() - 1)
    with aiovideo.Journal(path) as journal:
        async with _client(emulator) as client:
            with pytest.raises(UnsettledSubmitError):  # at once: the lease has run out
                await journal.submit(client, FOX, key="k")
            job = await journal.submit(client, FOX, key="k", resend_unsettled=True)
        assert journal.entries()[0].generation_id == job.id


# Client request ids.


async def test_every_submit_carries_the_request_id_of_its_row(tmp_path: Path) -> None:
    with aioresponses() as mocked, aiovideo.Journal(tmp_path / "j.sqlite") as journal:
        mocked.post(
            "https://api.test/v2/video/generations",
            payload={"id": "g1:google/veo3", "status": "queued"},
        )
        async with aiovideo.Client(API_KEY, "https://api.test", poll_interval=60) as client:
            job = await journal.submit(client, FOX, key="order-17")
            job.cancel()
        ((_, calls),) = mocked.requests.items()
        sent = calls[0].kwargs["headers"]["X-Client-Request-Id"]
        (entry,) = journal.entries()
    assert sent == entry.client_request_id
    assert REQUEST_ID.fullmatch(sent)
    assert sent.startswith(f"aiovideo-{FOX.fingerprint()[:24]}-")
    assert sent.endswith("-1")
    assert "Authorization" in calls[0].kwargs["headers"]


async def test_a_malformed_request_id_is_refused_before_any_post(emulator: Emulator) -> None:
    async with _client(emulator) as client:
        with pytest.raises(aiovideo.ConfigurationError, match="client_request_id"):
            await client.submit(FOX, client_request_id="has space")
    assert emulator.stats["submits"] == 0


async def test_settle_adopts_logged_ids_frees_refused_ones_and_waits_for_the_rest(
    emulator: Emulator, tmp_path: Path
) -> None:
    other = aiovideo.VideoRequest("google/veo3", "waves", duration=4)
    lost = aiovideo.VideoRequest("google/veo3", "a boat", duration=4)
    old = aiovideo.VideoRequest("google/veo3", "an old one", duration=4)
    path = tmp_path / "j.sqlite"
    with aiovideo.Journal(path) as crashed:
        for key, request in (("ok", FOX), ("bad", other), ("unknown", lost), ("old", old)):
            crashed._claim(key, request, resubmit_failed=False)
            crashed._set_row(key, request, owner_host="elsewhere", lease_until=0.0)
        crashed._set_row("old", old, updated_at=time.time() - 7200)
    async with _client(emulator) as client:
        accepted = await client.submit(FOX)  # what the crashed run's POST did
        logs = {
            client_request_id("ok", FOX.fingerprint(), 1): UsageRecord(
                None, "succeeded", inference_id=accepted.id
            ),
            client_request_id("bad", other.fingerprint(), 1): UsageRecord(None, "failed"),
        }
        asked: list[str] = []

        async def lookup(rows: object) -> dict[str, UsageRecord]:
            asked.extend(sorted(e.key for e in rows))  # type: ignore[attr-defined]
            return logs

        with aiovideo.Journal(path) as journal:
            settled = await journal.settle(client, lookup=lookup)
            assert asked == ["bad", "ok", "old", "unknown"]
            (adopted,) = settled.adopted
            assert adopted.id == accepted.id
            assert sorted(e.key for e in settled.resendable) == ["bad", "old"]
            assert [e.key for e in settled.undecided] == ["unknown"]
            states = {e.key: e.state for e in journal.entries()}
            assert states == {
                "ok": "submitted",
                "bad": "rejected",
                "unknown": SUBMITTING,
                "old": "rejected",
            }
            again = await journal.submit(client, FOX, key="ok")
            assert again.id == accepted.id
            await journal.submit(client, other, key="bad")
            await journal.submit(client, old, key="old")
            with pytest.raises(UnsettledSubmitError):
                await journal.submit(client, lost, key="unknown")
    assert emulator.stats["submits"] == 3  # the crashed run's, "bad" and "old" sent again


# A journal that cannot be written.


class _FailingDB:
    """A connection whose writes fail after `ok` of them, like a disk that filled up."""

    def __init__(self, db: sqlite3.Connection, ok: int) -> None:
        self._db, self.ok = db, ok

    def execute(self, sql: str, params: Any = ()) -> Any:
        if sql.startswith(("UPDATE", "INSERT")):
            if self.ok <= 0:
                raise sqlite3.OperationalError("database or disk is full")
            self.ok -= 1
        return self._db.execute(sql, params)

    def close(self) -> None:
        self._db.close()


async def test_an_id_that_cannot_be_recorded_is_raised_and_logged(
    emulator: Emulator, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with aiovideo.Journal(tmp_path / "j.sqlite") as journal:
        journal._db = _FailingDB(journal._db, ok=1)  # type: ignore[assignment]
        async with _client(emulator) as client:
            with caplog.at_level(logging.ERROR), pytest.raises(JournalWriteError) as caught:
                await journal.submit(client, FOX, key="k")
            assert caught.value.job is not None
            assert caught.value.generation_id == caught.value.job.id
            assert caught.value.generation_id in caplog.text
            await caught.value.job  # still tracked: nothing paid for is lost
            with pytest.raises(JournalWriteError, match="disk is full"):
                await journal.submit(client, FOX, key="other")  # refused before its POST
    assert emulator.stats["submits"] == 1
