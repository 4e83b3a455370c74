"""Pending generations owned with a lease, on every store: held by the Journal that tracks
them, renewed by one timer, adopted by another Journal only once the owner is gone.

Two Journals of this one process stand for two processes (or hosts): the owner's pid runs, so
SQLite's "is its process gone" never frees a row, and the lease alone decides, as on
PostgreSQL. Their clock is a fake one (`FakeClock.now`), moved by hand past a lease. The last
test kills a real process with SIGKILL.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import anyio
import pytest

import aiovideo
from aiovideo.testing import Emulator, FakeClock
from aiovideo.tools.journal import HeldElsewhereError, JournalWriteError
from aiovideo.tools.journal._lease import Renewal
from tests.conftest import API_KEY, MakeEmulator
from tests.tools.conftest import JournalTarget

FOX = aiovideo.VideoRequest("google/veo3", "a red fox in snow", duration=4)
LEASE = 60.0


@pytest.fixture(name="slow")
async def fixture_slow(make_emulator: MakeEmulator) -> Emulator:
    """Generations that outlast each test: they end only when a test says so."""
    return await make_emulator(min_seconds=600, max_seconds=600)


@pytest.fixture(name="clock")
def fixture_clock() -> FakeClock:
    return FakeClock(start=time.time())


@pytest.fixture(name="client")
async def fixture_client(slow: Emulator) -> AsyncIterator[aiovideo.Client]:
    async with aiovideo.Client(api_key=API_KEY, base_url=slow.base_url, poll_interval=0.05) as c:
        yield c


def _journal(target: JournalTarget, clock: FakeClock) -> aiovideo.Journal:
    return aiovideo.Journal(target, lease=LEASE, clock=clock.now)


def _row(journal: aiovideo.Journal) -> aiovideo.Entry:
    (entry,) = journal.entries()
    return entry


async def test_the_journal_that_submits_holds_the_pending_row_and_renews_its_lease(
    journal_target: JournalTarget, clock: FakeClock, client: aiovideo.Client
) -> None:
    with _journal(journal_target, clock) as owner:
        job = await owner.submit(client, FOX, key="k")
        held = _row(owner)
        assert held.pending
        assert (held.owner, held.owner_pid) == (owner.owner, os.getpid())
        assert held.lease_until == clock.now() + LEASE
        await clock.advance(LEASE / 2)
        assert owner.renew_leases() == 1
        assert _row(owner).lease_until == clock.now() + LEASE
        job.cancel()  # its tracking ends here: the lease is given up, the id stays pending
        await asyncio.sleep(0)
        after = _row(owner)
        assert after.pending
        assert (after.owner, after.lease_until) == (None, None)
        assert owner.renew_leases() == 0  # nothing held: the timer stops


async def test_another_journal_adopts_a_pending_row_only_once_its_lease_ran_out(
    journal_target: JournalTarget, clock: FakeClock, client: aiovideo.Client, slow: Emulator
) -> None:
    with _journal(journal_target, clock) as owner, _journal(journal_target, clock) as other:
        job = await owner.submit(client, FOX, key="k")
        assert other.adopt(client) == []  # held by a live owner: left to it
        await clock.advance(LEASE - 1)
        assert other.adopt(client) == []
        owner.renew_leases()  # renewed in time: still not the other's
        await clock.advance(LEASE - 1)
        assert other.adopt(client) == []
        await clock.advance(2)  # no renewal for a whole lease: the owner is taken as gone
        (adopted,) = other.adopt(client)
        assert adopted.id == job.id
        entry = _row(other)
        assert (entry.owner, entry.lease_until) == (other.owner, clock.now() + LEASE)
        assert owner.renew_leases() == 0  # it lost the row; it renews nothing of another's
        assert other.adopt(client) == []  # adopted once
        assert owner.adopt(client) == []  # and not taken back
        slow.finish(job.id)
        await adopted
    assert slow.stats["submits"] == 1


async def test_a_closed_journal_gives_its_pending_rows_up_at_once(
    journal_target: JournalTarget, clock: FakeClock, client: aiovideo.Client
) -> None:
    with _journal(journal_target, clock) as other:
        with _journal(journal_target, clock) as owner:
            job = await owner.submit(client, FOX, key="k")
        (adopted,) = other.adopt(client)  # no lease to wait for
        assert adopted.id == job.id


async def test_a_completed_generation_is_left_to_its_owner_to_download_for_a_lease(
    journal_target: JournalTarget, clock: FakeClock, client: aiovideo.Client, slow: Emulator
) -> None:
    with _journal(journal_target, clock) as owner, _journal(journal_target, clock) as other:
        job = await owner.submit(client, FOX, key="k")
        slow.finish(job.id)
        await job
        entry = _row(owner)
        assert entry.state == "completed"
        assert entry.owner == owner.owner  # kept, for its download
        assert owner.renew_leases() == 0  # and no longer renewed
        assert other.held(entry)
        assert not other.claim_download(job.id)
        assert owner.claim_download(job.id)  # the owner's claim to download takes over
        await clock.advance(LEASE * 2)
        assert owner.renew_leases() == 1  # a download in progress is renewed
        assert not other.claim_download(job.id)
        owner.release_download(job.id)
        assert owner.renew_leases() == 0
        assert other.claim_download(job.id)


async def test_a_failed_generation_gives_its_lease_up(
    journal_target: JournalTarget, clock: FakeClock, client: aiovideo.Client, slow: Emulator
) -> None:
    slow.script(fail="no fox today", seconds=0.1)
    with _journal(journal_target, clock) as owner:
        job = await owner.submit(client, FOX, key="k")
        with pytest.raises(aiovideo.GenerationFailedError):
            await job
        entry = _row(owner)
        assert entry.state == "failed"
        assert (entry.owner, entry.lease_until) == (None, None)


async def test_a_row_another_live_owner_tracks_is_followed_or_refused(
    journal_target: JournalTarget, clock: FakeClock, client: aiovideo.Client, slow: Emulator
) -> None:
    with _journal(journal_target, clock) as owner, _journal(journal_target, clock) as other:
        job = await owner.submit(client, FOX, key="k")
        with pytest.raises(HeldElsewhereError, match="tracking generation") as refused:
            await other.submit(client, FOX, key="k", wait_for_others=False)
        assert refused.value.entry is not None
        assert refused.value.entry.generation_id == job.id
        followed = await other.submit(client, FOX, key="k")  # waits for others: follows it
        assert followed.id == job.id
        assert _row(other).owner == owner.owner  # the lease stays with its owner
        await clock.advance(LEASE + 1)
        assert other.adopt(client) == []  # taken over without a second Job: it has one
        assert _row(other).owner == other.owner
        slow.finish(job.id)
        await followed
    assert slow.stats["submits"] == 1


async def test_a_row_another_owner_is_submitting_is_refused_without_waiting(
    journal_target: JournalTarget, clock: FakeClock, client: aiovideo.Client, slow: Emulator
) -> None:
    with _journal(journal_target, clock) as owner, _journal(journal_target, clock) as other:
        assert owner._claim("k", FOX, resubmit_failed=False).action == "post"
        with pytest.raises(HeldElsewhereError, match="is submitting"):
            await other.submit(client, FOX, key="k", wait_for_others=False)
    assert slow.stats["submits"] == 0


async def test_a_claim_whose_post_is_on_the_wire_is_renewed_and_never_unsettled(
    journal_target: JournalTarget, clock: FakeClock, slow: Emulator
) -> None:
    with _journal(journal_target, clock) as owner, _journal(journal_target, clock) as other:
        assert owner._claim("k", FOX, resubmit_failed=False).action == "post"  # POSTing now
        assert owner.unsettled() == []  # its own POST on the wire is not a lost one
        for _ in range(3):  # a POST queued in the rate budget for several leases
            await clock.advance(LEASE - 1)
            assert owner.renew_leases() == 1
            assert _row(owner).updated_at == clock.now()  # settle counts its window from here
            assert other.unsettled() == []
            assert other._claim("k", FOX, resubmit_failed=False).action == "wait"
    assert slow.stats["submits"] == 0


async def test_a_post_cut_off_gives_its_claim_up_unsettled_at_once(
    make_emulator: MakeEmulator, journal_target: JournalTarget, clock: FakeClock
) -> None:
    emu = await make_emulator(submit_reply_delay=30.0)  # accepted, the reply long in coming
    with _journal(journal_target, clock) as owner, _journal(journal_target, clock) as other:
        async with aiovideo.Client(API_KEY, emu.base_url, poll_interval=0.05) as client:
            posting = asyncio.create_task(owner.submit(client, FOX, key="k"))
            with anyio.fail_after(10):
                while not emu.stats["submits"]:  # noqa: ASYNC110  (the server's count)
                    await asyncio.sleep(0.01)
            posting.cancel()
            with pytest.raises(asyncio.CancelledError):
                await posting
        (lost,) = other.unsettled()  # no lease to wait out: nobody is sending it
        assert (lost.state, lost.owner) == ("submitting", None)
        assert owner.renew_leases() == 0
        (mine,) = owner.unsettled()  # and for its own Journal, a lost submit like any
        assert mine.client_request_id == lost.client_request_id


async def test_a_renewal_that_fails_is_logged_and_the_job_goes_on(  # noqa: PLR0917  (fixtures)
    journal_target: JournalTarget,
    clock: FakeClock,
    client: aiovideo.Client,
    slow: Emulator,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with _journal(journal_target, clock) as owner:
        job = await owner.submit(client, FOX, key="k")

        def unreachable() -> int:
            raise JournalWriteError("cannot write journal: the database went away")

        renewal = Renewal(unreachable, every=3600, name="j")
        with caplog.at_level(logging.WARNING, logger="aiovideo"):
            renewal._fire()
        assert "could not be renewed: cannot write journal" in caplog.text
        assert renewal.running  # tried again next time
        renewal.stop()
        monkeypatch.setattr(owner, "renew_leases", unreachable)
        owner._renewal = Renewal(owner.renew_leases, every=3600, name="j")
        owner._renewal._fire()
        assert not job.done()
        slow.finish(job.id)
        await job  # tracked to its end; its outcome is written
        assert _row(owner).state == "completed"


async def test_the_timer_renews_the_leases_while_a_job_runs(
    journal_target: JournalTarget, client: aiovideo.Client, slow: Emulator
) -> None:
    with aiovideo.Journal(journal_target, lease=0.3) as owner:  # renewed every 0.1 s
        job = await owner.submit(client, FOX, key="k")
        first = _row(owner).lease_until
        assert first is not None
        with anyio.fail_after(10):
            while (_row(owner).lease_until or 0) <= first:  # noqa: ASYNC110  (another's write)
                await asyncio.sleep(0.02)
        assert owner._renewal.running
        slow.finish(job.id)
        await job
        with anyio.fail_after(10):  # nothing held any more: the timer stops
            while owner._renewal.running:  # noqa: ASYNC110  (the timer's state)
                await asyncio.sleep(0.02)


# A worker killed with SIGKILL.

_WORKER = textwrap.dedent(
    """
    import asyncio, sys
    import aiovideo

    async def main(target, base_url, key, lease):
        journal = aiovideo.Journal(target, lease=float(lease))
        async with aiovideo.Client(api_key=key, base_url=base_url, poll_interval=0.05) as c:
            job = await journal.submit(c, aiovideo.VideoRequest("google/veo3", "a fox"), key="k")
            print(job.id, flush=True)
            await asyncio.sleep(3600)  # tracking it, renewing its lease, until killed

    asyncio.run(main(*sys.argv[1:]))
    """
)


async def test_a_killed_workers_generation_is_adopted_within_one_lease(
    journal_target: JournalTarget, client: aiovideo.Client, slow: Emulator
) -> None:
    lease = 2.0
    worker = subprocess.Popen(  # noqa: S603, ASYNC220  (ours; starting it does not block)
        [sys.executable, "-c", _WORKER, str(journal_target), slow.base_url, API_KEY, str(lease)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent.parent)},
    )
    try:
        assert worker.stdout is not None
        generation_id = (await anyio.to_thread.run_sync(worker.stdout.readline)).strip()
        with aiovideo.Journal(journal_target, lease=lease) as other:
            assert other.adopt(client) == []  # the worker lives: its generation is its own
            await asyncio.sleep(lease)  # a whole lease: the worker's timer renewed it
            assert other.adopt(client) == []
            worker.send_signal(signal.SIGKILL)
            worker.wait(30)
            killed = time.monotonic()
            adopted = await _until(lambda: other.adopt(client))
            waited = time.monotonic() - killed
            assert [job.id for job in adopted] == [generation_id]
            slow.finish(generation_id)
            await adopted[0]
    finally:
        worker.kill()
        worker.wait(30)
        if worker.stdout is not None:
            worker.stdout.close()
    assert waited < lease + 0.5  # within one lease (SQLite: at once, the pid is gone)
    assert slow.stats["submits"] == 1


async def _until(look: Callable[[], list[aiovideo.Job]]) -> list[aiovideo.Job]:
    with anyio.fail_after(30):
        while not (found := look()):  # noqa: ASYNC110  (another process's lease)
            await asyncio.sleep(0.05)
        return found


async def test_a_renewal_writes_the_status_other_journals_read(
    journal_target: JournalTarget, clock: FakeClock, make_emulator: MakeEmulator
) -> None:
    """A web app's replica answers an id another replica tracks from the row: its status
    must not stay `queued` until the generation ends."""
    # Queued for 0.3 s, then generating for ten minutes.
    emu = await make_emulator(min_seconds=600, max_seconds=600, queued_fraction=0.0005)
    async with aiovideo.Client(api_key=API_KEY, base_url=emu.base_url, poll_interval=0.05) as c:
        with _journal(journal_target, clock) as owner, _journal(journal_target, clock) as other:
            job = await owner.submit(c, FOX, key="k")
            assert other.by_id(job.id).status == "queued"  # type: ignore[union-attr]
            with anyio.fail_after(10):
                async for snapshot in job.updates():
                    if snapshot.status == "generating":
                        break
            owner.renew_leases()  # its timer's work, every third of a lease
            assert other.by_id(job.id).status == "generating"  # type: ignore[union-attr]
            assert _row(other).owner == owner.owner  # written by its owner, still held
