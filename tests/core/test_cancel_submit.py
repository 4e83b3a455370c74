"""Cancelling `submit` once its POST is on the wire never loses what it may have paid for.

Before the fix, the cancelled POST was cut: a billed generation had no id anywhere, and no
log line said so. Now the reply is still awaited; an accepted generation is tracked (its cost
counted), kept in `client.orphaned_jobs` and named in a WARNING.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import anyio
import pytest
from aiohttp import web

import aiovideo
from aiovideo.core._retry import set_testing
from tests.conftest import API_KEY
from tests.hostile import HostileServer, cancel_when

PATH = "/v2/video/generations"


class HeldPost:
    """A POST answered only once `answer` is set (with `reply`); GETs say `generating`."""

    def __init__(self, server: HostileServer, reply: web.Response) -> None:
        self.posted, self.answer, self.polled = asyncio.Event(), asyncio.Event(), asyncio.Event()
        self._reply = reply
        server.route("POST", PATH, self._post)
        server.route("GET", PATH, self._get)

    async def _post(self, _: web.Request) -> web.StreamResponse:
        self.posted.set()
        await self.answer.wait()
        return self._reply

    async def _get(self, request: web.Request) -> web.StreamResponse:
        self.polled.set()
        return await _generating(request)


async def _generating(request: web.Request) -> web.StreamResponse:
    return web.json_response({"id": request.query["generation_id"], "status": "generating"})


def _client(server: HostileServer) -> aiovideo.Client:
    return aiovideo.Client(api_key=API_KEY, base_url=server.url, poll_interval=0.05)


async def test_a_submit_cancelled_on_the_wire_keeps_its_paid_generation(
    caplog: pytest.LogCaptureFixture,
) -> None:
    paid = web.json_response(
        {"id": "paid-1", "status": "queued", "meta": {"usage": {"credits_used": 2_000_000}}}
    )
    async with HostileServer() as server:
        api = HeldPost(server, paid)
        async with _client(server) as client:
            await cancel_when(api.posted, client.submit(model="google/veo3", prompt="a fox"))
            assert client.submits_on_the_wire == 1  # the POST goes on without its caller
            with caplog.at_level(logging.WARNING, logger="aiovideo"):
                api.answer.set()
                await api.polled.wait()  # the accepted generation is tracked
            (job,) = client.orphaned_jobs
            assert job.id == "paid-1"
            assert client.track("paid-1") is job
            assert client.spent.usd == 1  # what it cost is counted
    assert any("paid-1" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    assert server.hits[("POST", PATH)] == 1


async def test_a_submit_cancelled_on_the_wire_is_not_retried() -> None:
    refused = web.json_response({"message": "slow down"}, status=429, headers={"Retry-After": "0"})
    async with HostileServer() as server:
        api = HeldPost(server, refused)
        async with _client(server) as client:
            await cancel_when(
                api.posted,
                client.submit(model="google/veo3", prompt="a fox", client_request_id="r-1"),
            )
            left = client.abandoned_submit("r-1")
            assert left is not None
            api.answer.set()
            await asyncio.wait({left})  # refused: a caller still there would try again
            assert left.cancelled()
            assert client.abandoned_submit("r-1") is None
            assert not client.orphaned_jobs
    assert server.hits[("POST", PATH)] == 1


async def test_a_submit_cancelled_before_its_post_sends_nothing() -> None:
    async with HostileServer() as server:
        api = HeldPost(server, web.json_response({"id": "first", "status": "queued"}))
        async with aiovideo.Client(
            api_key=API_KEY, base_url=server.url, poll_interval=0.05, max_connections=1
        ) as client:
            first = asyncio.create_task(client.submit(model="google/veo3", prompt="a"))
            await api.posted.wait()  # it holds the only connection slot
            second = asyncio.create_task(client.submit(model="google/veo3", prompt="b"))
            await asyncio.sleep(0)
            second.cancel()  # still waiting for a slot: nothing sent, nothing to keep
            with pytest.raises(asyncio.CancelledError):
                await second
            api.answer.set()
            assert (await first).id == "first"
            assert await client.drain(5) == 0
            assert not client.orphaned_jobs
    assert server.hits[("POST", PATH)] == 1


async def test_abort_submits_cuts_the_posts_left_on_the_wire() -> None:
    async with HostileServer() as server:
        api = HeldPost(server, web.json_response({"id": "late", "status": "queued"}))
        async with _client(server) as client:
            await cancel_when(
                api.posted,
                client.submit(model="google/veo3", prompt="a fox", client_request_id="r-2"),
            )
            left = client.abandoned_submit("r-2")
            assert left is not None
            assert client.abort_submits() == 1  # a second Ctrl-C: no more waiting
            await asyncio.wait({left})
            assert left.cancelled()
            assert client.submits_on_the_wire == 0
            # From now on a cancelled submit is cut at once, even with its POST sent.
            api.posted.clear()
            await cancel_when(api.posted, client.submit(model="google/veo3", prompt="b"))
            assert await client.drain(5) == 0
            assert not client.orphaned_jobs


async def test_orphaned_jobs_keeps_the_latest_few(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("aiovideo.core._client._MAX_ORPHANS", 2)
    ids = iter(["o-1", "o-2", "o-3"])
    posted, answer = asyncio.Event(), asyncio.Event()

    async def submit(_: web.Request) -> web.StreamResponse:
        posted.set()
        await answer.wait()
        return web.json_response({"id": next(ids), "status": "queued"})

    async with HostileServer() as server:
        server.route("POST", PATH, submit)
        server.route("GET", PATH, _generating)
        async with _client(server) as client:
            for n in range(3):
                posted.clear()
                answer.clear()
                await cancel_when(
                    posted,
                    client.submit(model="google/veo3", prompt="x", client_request_id=f"r{n}"),
                )
                left = client.abandoned_submit(f"r{n}")
                assert left is not None
                answer.set()
                await asyncio.wait({left})
            assert [job.id for job in client.orphaned_jobs] == ["o-2", "o-3"]


async def test_a_generate_many_left_early_keeps_what_it_submitted() -> None:
    """The consumer takes one Job and stops: one more was submitted and not yielded, and one
    POST was on the wire. Both are paid for: both end up in orphaned_jobs."""
    held_posted, release = asyncio.Event(), asyncio.Event()
    ids = iter(["first", "second", "third"])

    async def submit(_: web.Request) -> web.StreamResponse:
        gid = next(ids)
        if gid == "third":
            held_posted.set()
            await release.wait()
        return web.json_response({"id": gid, "status": "queued"})

    async def poll(request: web.Request) -> web.StreamResponse:
        gid = request.query["generation_id"]
        if gid != "first":
            return await _generating(request)
        video = {"url": "http://127.0.0.1:9/first.mp4"}
        return web.json_response({"id": gid, "status": "completed", "video": video})

    async with HostileServer() as server:
        server.route("POST", PATH, submit)
        server.route("GET", PATH, poll)
        async with _client(server) as client:
            requests = [aiovideo.VideoRequest("google/veo3", f"p{n}") for n in range(3)]
            many = client.generate_many(requests, max_in_flight=3)
            async with contextlib.aclosing(many):
                async for job in many:
                    assert job.id == "first"
                    await held_posted.wait()  # "second" submitted, "third" on the wire
                    break
            assert [job.id for job in client.orphaned_jobs] == ["second"]
            release.set()
            assert await client.drain(5) == 0
            assert sorted(job.id for job in client.orphaned_jobs) == ["second", "third"]
            assert all(not job.done() for job in client.orphaned_jobs)  # still tracked
    assert server.hits[("POST", PATH)] == 3


async def test_a_submit_cancelled_while_it_waits_to_retry_is_not_waited_for() -> None:
    """Refused (429, Retry-After 30 s), nothing of it is billed: cancelled while it waits to
    try again, a drain does not wait for it, and it sends nothing more."""
    set_testing(None)  # the real wait of Retry-After (the suite skips retry waits)
    refused = asyncio.Event()

    async def submit(_: web.Request) -> web.StreamResponse:
        refused.set()
        return web.json_response({"message": "slow"}, status=429, headers={"Retry-After": "30"})

    async with HostileServer() as server:
        server.route("POST", PATH, submit)
        async with _client(server) as client:
            await cancel_when(refused, client.submit(model="google/veo3", prompt="a fox"))
            with anyio.fail_after(5):
                assert await client.drain() == 0
            assert not client.orphaned_jobs
    assert server.hits[("POST", PATH)] == 1


async def test_two_cancelled_submits_of_one_request_id_each_keep_their_reply() -> None:
    posted = [asyncio.Event(), asyncio.Event()]
    answer = [asyncio.Event(), asyncio.Event()]
    count = iter(range(2))

    async def submit(_: web.Request) -> web.StreamResponse:
        n = next(count)
        posted[n].set()
        await answer[n].wait()
        return web.json_response({"id": f"same-{n}", "status": "queued"})

    async with HostileServer() as server:
        server.route("POST", PATH, submit)
        server.route("GET", PATH, _generating)
        async with _client(server) as client:
            lefts = []
            for n in range(2):
                await cancel_when(
                    posted[n],
                    client.submit(model="google/veo3", prompt="x", client_request_id="twice"),
                )
                left = client.abandoned_submit("twice")
                assert left is not None
                lefts.append(left)
            answer[0].set()
            await asyncio.wait({lefts[0]})
            assert client.abandoned_submit("twice") is lefts[1]  # the later one stays findable
            answer[1].set()
            assert await client.drain(5) == 0
            assert client.abandoned_submit("twice") is None
            assert sorted(job.id for job in client.orphaned_jobs) == ["same-0", "same-1"]
