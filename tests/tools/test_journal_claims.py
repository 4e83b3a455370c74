"""The journal's promise under stress, on every store: claims, leases, request ids, bad disks.

(The SQLite files' schema versions are in test_journal_sqlite.py.)
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Mapping
from typing import Any

import pytest

import aiovideo
from aiovideo.core import UsageRecord
from aiovideo.testing import Emulator
from aiovideo.tools.journal import SUBMITTING, JournalWriteError, UnsettledSubmitError
from aiovideo.tools.journal._store import Decide, Row, Store, Where
from tests.conftest import API_KEY
from tests.mocked import aioresponses
from tests.tools.conftest import JournalTarget, set_row

FOX = aiovideo.VideoRequest("google/veo3", "a red fox in snow", duration=4)
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def _client(emu: Emulator) -> aiovideo.Client:
    return aiovideo.Client(api_key=API_KEY, base_url=emu.base_url, poll_interval=0.05)


# One owner per row.


async def test_two_concurrent_submits_of_one_key_make_one_post(
    emulator: Emulator, journal_target: JournalTarget
) -> None:
    with aiovideo.Journal(journal_target) as journal:
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
    emulator: Emulator, journal_target: JournalTarget
) -> None:
    with (
        aiovideo.Journal(journal_target) as holder,
        aiovideo.Journal(journal_target, poll_interval=0.01) as other,
    ):
        async with _client(emulator) as client:
            claim = holder._claim("k", FOX, resubmit_failed=False)  # holder: about to POST
            assert claim.action == "post"
            waiting = asyncio.create_task(other.submit(client, FOX, key="k"))
            await asyncio.sleep(0)
            assert not waiting.done()  # it waits for the holder instead of posting
            posted = await client.submit(FOX, client_request_id=claim.client_request_id)
            set_row(holder, "k", FOX, generation_id=posted.id, state="submitted")
            tracked = await waiting
            assert tracked.id == posted.id
            await tracked
    assert emulator.stats["submits"] == 1


async def test_an_expired_lease_of_another_host_is_not_waited_for(
    emulator: Emulator, journal_target: JournalTarget
) -> None:
    with aiovideo.Journal(journal_target) as other:
        other._claim("k", FOX, resubmit_failed=False)
        set_row(other, "k", FOX, owner_host="elsewhere", lease_until=time.time() - 1)
    with aiovideo.Journal(journal_target) as journal:
        async with _client(emulator) as client:
            with pytest.raises(UnsettledSubmitError):  # at once: the lease has run out
                await journal.submit(client, FOX, key="k")
            job = await journal.submit(client, FOX, key="k", resend_unsettled=True)
        assert journal.entries()[0].generation_id == job.id


# Client request ids.


async def test_every_submit_carries_the_request_id_of_its_row(
    journal_target: JournalTarget,
) -> None:
    with aioresponses() as mocked, aiovideo.Journal(journal_target) as journal:
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
    assert "-1-" in sent  # the attempt, then a random part of its own
    assert "Authorization" in calls[0].kwargs["headers"]


async def test_a_malformed_request_id_is_refused_before_any_post(emulator: Emulator) -> None:
    async with _client(emulator) as client:
        with pytest.raises(aiovideo.ConfigurationError, match="client_request_id"):
            await client.submit(FOX, client_request_id="has space")
    assert emulator.stats["submits"] == 0


async def test_settle_adopts_logged_ids_frees_refused_ones_and_waits_for_the_rest(
    emulator: Emulator, journal_target: JournalTarget
) -> None:
    other = aiovideo.VideoRequest("google/veo3", "waves", duration=4)
    lost = aiovideo.VideoRequest("google/veo3", "a boat", duration=4)
    old = aiovideo.VideoRequest("google/veo3", "an old one", duration=4)
    with aiovideo.Journal(journal_target) as crashed:
        for key, request in (("ok", FOX), ("bad", other), ("unknown", lost), ("old", old)):
            crashed._claim(key, request, resubmit_failed=False)
            set_row(crashed, key, request, owner_host="elsewhere", lease_until=0.0)
        set_row(crashed, "old", old, updated_at=time.time() - 7200)
        sent = {e.key: e.client_request_id for e in crashed.entries()}  # as committed
    async with _client(emulator) as client:
        accepted = await client.submit(FOX)  # what the crashed run's POST did
        logs = {
            str(sent["ok"]): UsageRecord(None, "succeeded", inference_id=accepted.id),
            str(sent["bad"]): UsageRecord(None, "failed"),
        }
        asked: list[str] = []

        async def lookup(rows: object) -> dict[str, UsageRecord]:
            asked.extend(sorted(e.key for e in rows))  # type: ignore[attr-defined]
            return logs

        with aiovideo.Journal(journal_target) as journal:
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


class _FailingStore:
    """A store whose writes fail after `ok` of them, like a disk that filled up (any store:
    its reads and its transactions are the real store's)."""

    def __init__(self, store: Store, ok: int) -> None:
        self._store, self.ok = store, ok

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def _write(self) -> None:
        if self.ok <= 0:
            raise JournalWriteError("cannot write journal: database or disk is full")
        self.ok -= 1

    def update(self, where: Where, values: Mapping[str, Any]) -> int:
        self._write()
        return self._store.update(where, values)

    def claim(self, where: Where, decide: Decide) -> bool:
        def failing(row: Row | None) -> Mapping[str, Any] | None:
            values = decide(row)
            if values is not None:
                self._write()  # inside the store's transaction: it is rolled back
            return values

        return self._store.claim(where, failing)


async def test_an_id_that_cannot_be_recorded_is_raised_and_logged(
    emulator: Emulator, journal_target: JournalTarget, caplog: pytest.LogCaptureFixture
) -> None:
    with aiovideo.Journal(journal_target) as journal:
        journal._store = _FailingStore(journal._store, ok=1)
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
