"""Cancelling one caller of `journal.submit` never cancels another of the same row (issue 18)."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

import aiovideo
from tests.conftest import API_KEY
from tests.hostile import HostileServer, json_handler
from tests.tools.conftest import JournalTarget

FOX = aiovideo.VideoRequest("google/veo3", "a red fox in snow", duration=4)
PATH = "/v2/video/generations"


async def test_cancelling_one_caller_leaves_the_other_its_job(
    journal_target: JournalTarget,
) -> None:
    posted, answer = asyncio.Event(), asyncio.Event()

    async def submit(_: web.Request) -> web.StreamResponse:
        posted.set()
        await answer.wait()
        return web.json_response({"id": "gen-1", "status": "queued"})

    async with HostileServer() as server:
        server.route("POST", PATH, submit)
        server.route("GET", PATH, json_handler({"id": "gen-1", "status": "generating"}))
        client = aiovideo.Client(api_key=API_KEY, base_url=server.url, poll_interval=5)
        with aiovideo.Journal(journal_target) as journal:
            async with client:
                owner = asyncio.create_task(journal.submit(client, FOX, key="k"))
                await posted.wait()
                waiter = asyncio.create_task(journal.submit(client, FOX, key="k"))
                await asyncio.sleep(0)  # the waiter joins the owner's submit
                owner.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await owner
                answer.set()
                job = await waiter  # the owner's outcome, not its cancellation
                assert job.id == "gen-1"
            (entry,) = journal.entries()
            assert entry.generation_id == "gen-1"
        assert server.hits[("POST", PATH)] == 1


async def test_cancelling_the_only_caller_still_records_the_id(
    journal_target: JournalTarget,
) -> None:
    """Its POST was on the wire (it may be billed): the reply is still awaited and its id
    recorded, rather than the row left unsettled with a paid generation nowhere."""
    posted, answer = asyncio.Event(), asyncio.Event()

    async def submit(_: web.Request) -> web.StreamResponse:
        posted.set()
        await answer.wait()
        return web.json_response({"id": "gen-1", "status": "queued"})

    async with HostileServer() as server:
        server.route("POST", PATH, submit)
        server.route("GET", PATH, json_handler({"id": "gen-1", "status": "generating"}))
        client = aiovideo.Client(api_key=API_KEY, base_url=server.url, poll_interval=5)
        with aiovideo.Journal(journal_target) as journal:
            async with client:
                owner = asyncio.create_task(journal.submit(client, FOX, key="k"))
                await posted.wait()
                owner.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await owner
                assert not journal._shared
                (entry,) = journal.entries()
                assert entry.generation_id is None  # unsettled while the reply is awaited
                left = client.abandoned_submit(entry.client_request_id or "")
                assert left is not None
                answer.set()
                await asyncio.wait({left})
                (entry,) = journal.entries()
                assert entry.generation_id == "gen-1"
                assert entry.state == "submitted"
                assert journal.unsettled() == []
        assert server.hits[("POST", PATH)] == 1


async def test_a_reply_after_the_journal_closed_leaves_the_row_unsettled(
    journal_target: JournalTarget, caplog: pytest.LogCaptureFixture
) -> None:
    posted, answer = asyncio.Event(), asyncio.Event()

    async def submit(_: web.Request) -> web.StreamResponse:
        posted.set()
        await answer.wait()
        return web.json_response({"id": "gen-late", "status": "queued"})

    async with HostileServer() as server:
        server.route("POST", PATH, submit)
        server.route("GET", PATH, json_handler({"id": "gen-late", "status": "generating"}))
        client = aiovideo.Client(api_key=API_KEY, base_url=server.url, poll_interval=5)
        async with client:
            with aiovideo.Journal(journal_target) as journal:
                owner = asyncio.create_task(journal.submit(client, FOX, key="k"))
                await posted.wait()
                owner.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await owner
                (entry,) = journal.entries()
                left = client.abandoned_submit(entry.client_request_id or "")
                assert left is not None
            answer.set()  # the journal is closed: nothing to write to, nothing raised
            await asyncio.wait({left})
            assert [job.id for job in client.orphaned_jobs] == ["gen-late"]
        with aiovideo.Journal(journal_target) as again:
            assert [row.key for row in again.unsettled()] == ["k"]  # for settle to adopt
    assert "Exception in callback" not in caplog.text
