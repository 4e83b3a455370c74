"""A submit whose reply was lost, settled from the emulated usage logs; and `Client.drain`."""

from __future__ import annotations

import time
from collections.abc import Callable

import aiohttp
import anyio
import pytest

import aiovideo
from aiovideo.tools.journal import SUBMITTING, UnsettledSubmitError
from tests.conftest import API_KEY, MakeEmulator
from tests.tools.conftest import JournalTarget, set_row

FOX = aiovideo.VideoRequest("google/veo3", "a red fox in snow", duration=4)


def _client(base_url: str, **options: object) -> aiovideo.Client:
    return aiovideo.Client(API_KEY, base_url, poll_interval=0.05, **options)  # type: ignore[arg-type]


async def _lose_the_reply(journal: aiovideo.Journal, base_url: str, key: str) -> None:
    """Submit through a client that gives up before the (billed) reply arrives."""
    async with _client(base_url, request_timeout=0.2) as client:
        with pytest.raises(aiovideo.TransportError):
            await journal.submit(client, FOX, key=key)
    (entry,) = [e for e in journal.entries() if e.key == key]
    assert entry.state == SUBMITTING


async def _until(condition: Callable[[], bool]) -> None:
    """Wait for the emulator (a server, not ours to signal from) to reach a state."""
    with anyio.fail_after(5):
        while not condition():  # noqa: ASYNC110
            await anyio.sleep(0.01)


async def _until_logged(emu: aiovideo.Client, request_id: str) -> None:
    with anyio.fail_after(10):
        while True:
            async for record in emu.usage_logs(start=time.time() - 60):
                if record.client_request_id == request_id:
                    return
            await anyio.sleep(0.05)


async def test_a_lost_reply_is_adopted_from_the_usage_logs_without_a_second_post(
    make_emulator: MakeEmulator, journal_target: JournalTarget
) -> None:
    emu = await make_emulator(submit_reply_delay=1.0, min_seconds=0.1, max_seconds=0.1)
    with aiovideo.Journal(journal_target) as journal:
        await _lose_the_reply(journal, emu.base_url, "line-1")
        assert emu.stats["billed_submits"] == 1
        (entry,) = journal.entries()
        async with _client(emu.base_url) as client:
            assert entry.client_request_id is not None
            await _until_logged(client, entry.client_request_id)
            settled = await journal.settle(client)
            (job,) = settled.adopted
            assert settled.undecided == settled.resendable == []
            video = await job
            again = await journal.submit(client, FOX, key="line-1")
            assert again.id == job.id
        (entry,) = journal.entries()
    assert video.url
    assert (entry.state, entry.generation_id) == ("completed", job.id)
    assert emu.stats["submits"] == 1  # the lost one only: nothing paid twice


async def test_a_lost_reply_not_yet_in_the_logs_is_undecided_then_resent_after_the_window(
    make_emulator: MakeEmulator, journal_target: JournalTarget
) -> None:
    # The generation never finishes, so the logs never show it (as for a long generation).
    emu = await make_emulator(submit_reply_delay=1.0, min_seconds=3600, max_seconds=3600)
    with aiovideo.Journal(journal_target) as journal:
        await _lose_the_reply(journal, emu.base_url, "line-1")
        async with _client(emu.base_url) as client:
            settled = await journal.settle(client)
            assert [e.key for e in settled.undecided] == ["line-1"]
            with pytest.raises(UnsettledSubmitError, match="nothing was sent"):
                await journal.submit(client, FOX, key="line-1")
            assert emu.stats["submits"] == 1
            settled = await journal.settle(client, window=0.0)  # as if an hour had passed
            assert [e.key for e in settled.resendable] == ["line-1"]
            job = await journal.submit(client, FOX, key="line-1")
        (entry,) = journal.entries()
    assert (entry.generation_id, entry.attempt) == (job.id, 2)
    assert emu.stats["submits"] == 2


async def test_a_refused_submit_in_the_logs_is_sent_again(
    make_emulator: MakeEmulator, journal_target: JournalTarget
) -> None:
    emu = await make_emulator()
    with aiovideo.Journal(journal_target) as crashed:  # a run that died between its claim and reply
        crashed._claim("k", FOX, resubmit_failed=False)
        set_row(crashed, "k", FOX, owner_host="elsewhere", lease_until=0.0)
        (entry,) = crashed.entries()
    async with _client(emu.base_url) as client:
        assert entry.client_request_id is not None
        # What the dead run's POST met: a refusal (400), which the logs list as failed.
        async with aiohttp.ClientSession() as http:
            refused = await http.post(
                emu.base_url + "/v2/video/generations",
                json={"model": "google/veo3", "prompt": ""},
                headers={
                    "Authorization": f"Bearer {API_KEY}",
                    "X-Client-Request-Id": entry.client_request_id,
                },
            )
            assert refused.status == 400
        await _until_logged(client, entry.client_request_id)
        with aiovideo.Journal(journal_target) as journal:
            settled = await journal.settle(client)
            assert [e.key for e in settled.resendable] == ["k"]
            await journal.submit(client, FOX, key="k")
    assert emu.stats["submits"] == 1  # the refused POST created nothing; the resend did


async def test_usage_logs_pages_through_more_than_one_page(make_emulator: MakeEmulator) -> None:
    emu = await make_emulator(min_seconds=0, max_seconds=0)
    async with _client(emu.base_url) as client:
        for number in range(130):
            await client.submit(FOX, client_request_id=f"r-{number}")
        with anyio.fail_after(10):
            while True:
                records = [r async for r in client.usage_logs(start=time.time() - 60)]
                if len(records) == 130:
                    break
                await anyio.sleep(0.05)
    assert {r.client_request_id for r in records} == {f"r-{n}" for n in range(130)}
    assert all(r.status == "succeeded" and r.cost is not None for r in records)
    assert emu.stats["logs_requests"] >= 2


async def test_drain_waits_for_replies_on_the_wire_and_refuses_new_submits(
    make_emulator: MakeEmulator,
) -> None:
    emu = await make_emulator(submit_reply_delay=0.3)
    async with _client(emu.base_url) as client:
        jobs: list[aiovideo.Job] = []

        async def submit() -> None:
            jobs.append(await client.submit(FOX))

        async with anyio.create_task_group() as tg:
            for _ in range(3):
                tg.start_soon(submit)
            await _until(lambda: emu.stats["billed_submits"] == 3)
            assert client.submits_on_the_wire == 3
            assert await client.drain() == 0
        assert len(jobs) == 3  # every billed submit reached its caller
        with pytest.raises(aiovideo.ConfigurationError, match="draining"):
            await client.submit(FOX)
        await jobs[0]  # tracking goes on
    assert emu.stats["submits"] == 3


async def test_drain_gives_up_after_its_timeout_and_counts_what_is_left(
    make_emulator: MakeEmulator,
) -> None:
    emu = await make_emulator(submit_reply_delay=30)
    async with _client(emu.base_url) as client, anyio.create_task_group() as tg:
        tg.start_soon(client.submit, FOX)
        await _until(lambda: emu.stats["billed_submits"] == 1)
        assert await client.drain(timeout=0.05) == 1
        tg.cancel_scope.cancel()


async def test_a_submit_refused_by_a_drain_releases_its_journal_claim(
    make_emulator: MakeEmulator, journal_target: JournalTarget
) -> None:
    emu = await make_emulator()
    with aiovideo.Journal(journal_target) as journal:
        async with _client(emu.base_url) as client:
            await client.drain()
            with pytest.raises(aiovideo.ConfigurationError, match="not sent"):
                await journal.submit(client, FOX, key="k")
        assert journal.entries() == []  # no row left "submitting": nothing to settle
