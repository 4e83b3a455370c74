"""Cancelling one caller of `journal.submit` never cancels another of the same row (issue 18)."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

import aiovideo
from tests.conftest import API_KEY
from tests.hostile import HostileServer, cancel_when, json_handler
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
                await cancel_when(posted, journal.submit(client, FOX, key="k"))
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
                await cancel_when(posted, journal.submit(client, FOX, key="k"))
                (entry,) = journal.entries()
                left = client.abandoned_submit(entry.client_request_id or "")
                assert left is not None
            answer.set()  # the journal is closed: nothing to write to, nothing raised
            await asyncio.wait({left})
            assert [job.id for job in client.orphaned_jobs] == ["gen-late"]
        with aiovideo.Journal(journal_target) as again:
            assert [row.key for row in again.unsettled()] == ["k"]  # for settle to adopt
    assert "Exception in callback" not in caplog.text


async def test_a_late_reply_never_takes_a_row_sent_again_meanwhile(
    journal_target: JournalTarget, caplog: pytest.LogCaptureFixture
) -> None:
    """The first submit's caller is cancelled and the row sent again (resend_unsettled);
    the first reply comes while the second POST is on the wire: the row is the second
    attempt's, and gets the second attempt's id."""
    posted = {"gen-1": asyncio.Event(), "gen-2": asyncio.Event()}
    answer = {"gen-1": asyncio.Event(), "gen-2": asyncio.Event()}
    answers = iter(["gen-1", "gen-2"])

    async def submit(_: web.Request) -> web.StreamResponse:
        gid = next(answers)
        posted[gid].set()
        await answer[gid].wait()
        return web.json_response({"id": gid, "status": "queued"})

    async def poll(request: web.Request) -> web.StreamResponse:
        return web.json_response({"id": request.query["generation_id"], "status": "generating"})

    async with HostileServer() as server:
        server.route("POST", PATH, submit)
        server.route("GET", PATH, poll)
        client = aiovideo.Client(api_key=API_KEY, base_url=server.url, poll_interval=5)
        async with client:
            with aiovideo.Journal(journal_target) as one, aiovideo.Journal(journal_target) as two:
                await cancel_when(posted["gen-1"], one.submit(client, FOX, key="k"))
                (entry,) = one.entries()
                left = client.abandoned_submit(entry.client_request_id or "")
                assert left is not None
                again = asyncio.create_task(two.submit(client, FOX, key="k", resend_unsettled=True))
                await posted["gen-2"].wait()
                answer["gen-1"].set()  # the late reply, while the row is the second attempt's
                await asyncio.wait({left})
                answer["gen-2"].set()
                assert (await again).id == "gen-2"
                (entry,) = two.entries()
                assert entry.generation_id == "gen-2"
                assert entry.owner == two.owner  # its lease stays with the second attempt
                assert [job.id for job in client.orphaned_jobs] == ["gen-1"]
    assert "its row was sent again or settled while the reply was late" in caplog.text
