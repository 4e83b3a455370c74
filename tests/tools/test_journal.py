"""The Journal from the library: submit once ever, resume after a restart, record outcomes."""

from __future__ import annotations

import logging
from decimal import Decimal

import pytest

import aiovideo
from aiovideo.testing import Emulator
from tests.conftest import API_KEY, MakeEmulator
from tests.hostile import HostileServer, json_handler
from tests.tools.conftest import JournalTarget, set_row

PATH = "/v2/video/generations"

FOX = aiovideo.VideoRequest("google/veo3", "a red fox in snow", duration=4)


def _client(emu: Emulator) -> aiovideo.Client:
    return aiovideo.Client(api_key=API_KEY, base_url=emu.base_url, poll_interval=0.05)


async def test_a_journaled_request_is_posted_once(
    emulator: Emulator, journal_target: JournalTarget
) -> None:
    with aiovideo.Journal(journal_target) as journal:
        async with _client(emulator) as client:
            first = await journal.submit(client, FOX, key="order-1")
            (entry,) = journal.entries()
            assert (entry.key, entry.state) == ("order-1", "submitted")
            assert entry.generation_id == first.id
            video = await first
            again = await journal.submit(client, FOX, key="order-1")
            assert again.id == first.id
            assert (await again).url == video.url
        assert emulator.stats["submits"] == 1
        (entry,) = journal.entries()
        assert (entry.state, entry.status, entry.video_url) == ("completed", "completed", video.url)
        assert entry.finished_at is not None


async def test_a_changed_request_is_new_and_the_old_row_stays(
    emulator: Emulator, journal_target: JournalTarget
) -> None:
    with aiovideo.Journal(journal_target) as journal:
        async with _client(emulator) as client:
            old = await journal.submit(client, FOX, key="line-1")
            changed = aiovideo.VideoRequest("google/veo3", "a grey fox in snow", duration=4)
            new = await journal.submit(client, changed, key="line-1")
            assert new.id != old.id
            await old
            await new
        assert [e.generation_id for e in journal.entries()] == [old.id, new.id]
    assert emulator.stats["submits"] == 2


async def test_resume_after_a_restart_tracks_without_posting(
    make_emulator: MakeEmulator, journal_target: JournalTarget
) -> None:
    emu = await make_emulator(min_seconds=0.3, max_seconds=0.4)
    with aiovideo.Journal(journal_target) as journal:
        async with _client(emu) as client:
            job = await journal.submit(client, FOX, key="k")
        with pytest.raises(aiovideo.ClientClosedError):
            await job  # the app stopped while the generation was pending
        assert [e.pending for e in journal.entries()] == [True]
    with aiovideo.Journal(journal_target) as journal:  # the app, restarted
        async with _client(emu) as client:
            (resumed,) = journal.resume(client)
            assert resumed.id == job.id
            video = await resumed
            resumed.result()  # done: the same video again
        assert journal.pending() == []
        assert journal.entries()[0].video_url == video.url
    assert emu.stats["submits"] == 1


async def test_a_refused_submit_is_recorded_and_an_unknown_id_is_tracked_again(
    make_emulator: MakeEmulator, journal_target: JournalTarget
) -> None:
    with aiovideo.Journal(journal_target) as journal:
        first = await make_emulator()
        async with aiovideo.Client(api_key="sk-wrong", base_url=first.base_url) as client:
            with pytest.raises(aiovideo.AuthenticationError):
                await journal.submit(client, FOX, key="bad")
        async with _client(first) as client:
            job = await journal.submit(client, FOX, key="good")
        states = {e.key: (e.state, e.generation_id) for e in journal.entries()}
        assert states == {"bad": ("rejected", None), "good": ("submitted", job.id)}
        second = await make_emulator()  # a server that never heard of that id
        # 404s for 0.2 s mean gone here (60 s by default).
        gone = aiovideo.Client(API_KEY, second.base_url, 0.05, not_found_window=0.2)
        async with gone as client:
            (lost,) = journal.resume(client)
            with pytest.raises(aiovideo.NotFoundError):
                await lost
        good = next(e for e in journal.entries() if e.key == "good")
        # Not the server's word that it failed (its store may lag or blink): still pending,
        # tracked again later, and never sent again, not even by `resubmit_failed`.
        assert (good.state, good.status, good.pending) == ("submitted", "not_found", True)
        assert good.error is not None
        async with _client(first) as client:
            again = await journal.submit(client, FOX, key="good", resubmit_failed=True)
            assert again.id == job.id
            await again
        good = next(e for e in journal.entries() if e.key == "good")
        assert (good.state, good.error) == ("completed", None)
        assert first.stats["submits"] + second.stats["submits"] == 1


async def test_absurd_credits_are_recorded_exactly_and_the_row_ends_right(
    journal_target: JournalTarget, caplog: pytest.LogCaptureFixture
) -> None:
    # Issue 18.5: credits >= 2**63 raised OverflowError inside the journal's done callback
    # (SQLite binds no such int): a traceback on stderr, and the row kept `queued` with no
    # cost and no finish time, so later --max-spend runs missed what it cost.
    credits = 2**63 + 5
    async with HostileServer() as server:
        server.route("POST", PATH, json_handler({"id": "g", "status": "queued"}))
        usage = {"usage": {"credits_used": credits}}
        done = {"id": "g", "status": "completed", "video": {"url": "http://127.0.0.1:9/g.mp4"}}
        server.route("GET", PATH, json_handler({**done, "meta": usage}))
        with aiovideo.Journal(journal_target) as journal:
            async with aiovideo.Client(API_KEY, server.url, poll_interval=0.02) as client:
                job = await journal.submit(client, FOX, key="k")
                video = await job
            (entry,) = journal.entries()
    assert (entry.state, entry.video_url) == ("completed", video.url)
    assert entry.finished_at is not None
    assert entry.cost == aiovideo.Cost(credits=credits) == job.counted_cost
    assert entry.cost is not None and entry.cost.usd == Decimal("4611686018427.3879065")
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    with aiovideo.Journal(journal_target) as again:  # what a later --max-spend run reads
        (entry,) = again.entries()
        assert entry.cost == aiovideo.Cost(credits=credits)


@pytest.mark.parametrize(
    "paid", [{"status": "completed"}, {"status": "failed", "cost_usd": 1.0, "cost_credits": 2}]
)
async def test_resubmit_failed_never_replaces_a_paid_id(
    emulator: Emulator, journal_target: JournalTarget, paid: dict[str, object]
) -> None:
    with aiovideo.Journal(journal_target) as journal:
        async with _client(emulator) as client:
            job = await journal.submit(client, FOX, key="k")
            await job
        # As an older aiovideo left it: a reply "completed" without a video marked it failed.
        set_row(journal, "k", FOX, state="failed", error="no video", **paid)
        async with _client(emulator) as client:
            again = await journal.submit(client, FOX, key="k", resubmit_failed=True)
            assert again.id == job.id  # tracked, not paid again
            await again
        (entry,) = journal.entries()
        assert (entry.generation_id, entry.state) == (job.id, "completed")
    assert emulator.stats["submits"] == 1
