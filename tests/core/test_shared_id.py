"""One generation id answered to two submits (issue 18 item 6): a buggy or deduplicating
provider gives two distinct POSTs the same id. Each submit gets a Job of its own, the id is
polled once, its cost is counted once, and nothing is reported twice nor lost.

Every test here failed before the fix.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import AsyncIterator, Mapping
from decimal import Decimal
from typing import Any

import pytest
from aiohttp import web

import aiovideo
from tests.conftest import API_KEY
from tests.hostile import HostileServer

PATH = "/v2/video/generations"
ONE_USD = {"usage": {"credits_used": 2_000_000}}  # 1.00 USD


class SameId:
    """An API answering every POST with one id (or the id `ids` maps its prompt to).

    Status replies wait for `release` (one check in flight at a time holds them all), then
    say completed, with a video and a cost of 1.00 USD.
    """

    def __init__(
        self,
        server: HostileServer,
        *,
        ids: Mapping[str, str] | None = None,
        submit_cost: bool = False,
        released: bool = False,
    ) -> None:
        self._ids = ids or {}
        self._submit_cost = submit_cost
        self.release = asyncio.Event()
        if released:
            self.release.set()
        self.posts = 0
        self._posted = asyncio.Event()
        self.url = server.url
        server.route("POST", PATH, self._submit)
        server.route("GET", PATH, self._status)

    async def _submit(self, request: web.Request) -> web.StreamResponse:
        self.posts += 1
        self._posted.set()
        body = await request.json()
        reply: dict[str, Any] = {
            "id": self._ids.get(body["prompt"], "gen-same"),
            "status": "queued",
        }
        if self._submit_cost:
            reply["meta"] = ONE_USD
        return web.json_response(reply)

    async def posts_reach(self, count: int) -> None:
        """Return once `count` POSTs have come."""
        while self.posts < count:
            self._posted.clear()
            await self._posted.wait()

    async def _status(self, request: web.Request) -> web.StreamResponse:
        await self.release.wait()
        gid = request.query["generation_id"]
        video = {"url": f"{self.url}/{gid}.mp4", "content_type": "video/mp4"}
        return web.json_response(
            {"id": gid, "status": "completed", "video": video, "meta": ONE_USD}
        )


@pytest.fixture(name="server")
async def fixture_server() -> AsyncIterator[HostileServer]:
    async with HostileServer() as server:
        yield server


def _client(server: HostileServer, **options: Any) -> aiovideo.Client:
    options.setdefault("poll_interval", 0.02)
    return aiovideo.Client(api_key=API_KEY, base_url=server.url, **options)


def _gets(server: HostileServer) -> int:
    return server.hits[("GET", PATH)]


async def test_two_submits_of_one_id_get_two_jobs_polled_once_and_counted_once(
    server: HostileServer, caplog: pytest.LogCaptureFixture
) -> None:
    api = SameId(server)
    async with _client(server) as client:
        with caplog.at_level(logging.WARNING, logger="aiovideo"):
            first = await client.submit(model="google/veo3", prompt="a red fox")
            second = await client.submit(model="google/veo3", prompt="a paper boat")
        assert first is not second
        assert first.id == second.id == "gen-same"
        assert first.request is not None
        assert second.request is not None
        assert (first.request.prompt, second.request.prompt) == ("a red fox", "a paper boat")
        assert client.track("gen-same") is first  # the id's Job: the first one
        api.release.set()
        videos = await asyncio.gather(first, second)
        assert videos[0].url == videos[1].url
        assert client.spent.usd == Decimal("1.00")
        assert first.counted_cost == second.counted_cost == aiovideo.Cost(credits=2_000_000)
    assert _gets(server) == 1  # one check answered both
    assert api.posts == 2
    warnings = [
        r.getMessage() for r in caplog.records if "answered to two submits" in r.getMessage()
    ]
    assert len(warnings) == 1, caplog.text
    assert "gen-same" in warnings[0]


async def test_an_id_answered_again_after_it_completed_is_done_at_once_and_not_paid_twice(
    server: HostileServer,
) -> None:
    SameId(server, released=True)
    async with _client(server) as client:
        first = await client.submit(model="google/veo3", prompt="a red fox")
        video = await first
        assert client.spent.usd == Decimal("1.00")
        second = await client.submit(model="google/veo3", prompt="a paper boat")
        assert second is not first
        assert second.done()  # from the first one's outcome: no request
        assert second.request is not None
        assert second.request.prompt == "a paper boat"
        assert (await second).url == video.url
        assert client.spent.usd == Decimal("1.00")
    assert _gets(server) == 1


async def test_cancelling_the_first_job_leaves_the_second_tracked(server: HostileServer) -> None:
    api = SameId(server)
    async with _client(server) as client:
        first = await client.submit(model="google/veo3", prompt="a red fox")
        second = await client.submit(model="google/veo3", prompt="a paper boat")
        assert first.cancel()
        assert client.track("gen-same") is second  # the Job that still tracks the id
        api.release.set()
        video = await second.wait(timeout=10)
        assert video.url.endswith("gen-same.mp4")
        with pytest.raises(asyncio.CancelledError):
            await first
        assert client.spent.usd == Decimal("1.00")  # counted once, by the Job still tracked


async def test_cancelling_the_second_job_leaves_the_first_tracked(server: HostileServer) -> None:
    api = SameId(server)
    async with _client(server) as client:
        first = await client.submit(model="google/veo3", prompt="a red fox")
        second = await client.submit(model="google/veo3", prompt="a paper boat")
        assert second.cancel()
        api.release.set()
        await first.wait(timeout=10)
        assert client.spent.usd == Decimal("1.00")


async def test_each_job_keeps_its_own_deadline(server: HostileServer) -> None:
    api = SameId(server)
    async with _client(server) as client:
        first = await client.submit(model="google/veo3", prompt="a red fox", timeout=0.05)
        second = await client.submit(model="google/veo3", prompt="a paper boat", timeout=math.inf)
        with pytest.raises(aiovideo.GenerationTimeoutError):
            await first.wait(timeout=10)
        assert not second.done()
        api.release.set()
        await second.wait(timeout=10)
        assert client.spent.usd == Decimal("1.00")


async def test_the_second_jobs_deadline_leaves_the_first_tracked(server: HostileServer) -> None:
    api = SameId(server)
    async with _client(server) as client:
        first = await client.submit(model="google/veo3", prompt="a red fox", timeout=math.inf)
        second = await client.submit(model="google/veo3", prompt="a paper boat", timeout=0.05)
        assert second is not first
        with pytest.raises(aiovideo.GenerationTimeoutError):
            await second
        assert not first.done()
        api.release.set()
        await first.wait(timeout=10)
        assert client.spent.usd == Decimal("1.00")


async def test_a_submit_reply_cost_of_an_id_seen_before_is_not_counted_again(
    server: HostileServer,
) -> None:
    api = SameId(server, submit_cost=True)
    async with _client(server) as client:
        first = await client.submit(model="google/veo3", prompt="a red fox", timeout=0.05)
        assert client.spent.usd == Decimal("1.00")  # the submit reply said so
        with pytest.raises(aiovideo.GenerationTimeoutError):
            await first.wait(timeout=10)
        # The first Job ended here (its deadline); the server gives its id again.
        second = await client.submit(model="google/veo3", prompt="a paper boat")
        assert client.spent.usd == Decimal("1.00")
        api.release.set()
        await second.wait(timeout=10)
        assert client.spent.usd == Decimal("1.00")


async def test_closing_ends_both_jobs_with_their_id(server: HostileServer) -> None:
    SameId(server)
    async with _client(server) as client:
        first = await client.submit(model="google/veo3", prompt="a red fox")
        second = await client.submit(model="google/veo3", prompt="a paper boat")
    for job in (first, second):
        with pytest.raises(aiovideo.ClientClosedError) as caught:
            await job
        assert caught.value.generation_id == "gen-same"


@pytest.mark.parametrize("released", [False, True])
async def test_generate_many_yields_every_request_once(
    server: HostileServer, released: bool
) -> None:
    ids = {"p1": "gen-x", "p2": "gen-x", "p3": "gen-y", "p4": "gen-x", "p5": "gen-z"}
    api = SameId(server, ids=ids, released=released)
    requests = [aiovideo.VideoRequest(model="google/veo3", prompt=p) for p in ids]
    jobs: list[aiovideo.Job] = []
    async with _client(server) as client, asyncio.timeout(10):  # it hung before the fix
        # Gated: the first two (one id) are both pending when it is first checked.
        opener = asyncio.create_task(_release_after(api, 2))
        async for job in client.generate_many(requests, max_in_flight=2):
            jobs.append(job)
        await opener
        assert client.spent.usd == Decimal("3.00")  # three generations
    assert len(jobs) == 5
    assert len({id(job) for job in jobs}) == 5
    assert sorted(job.request.prompt for job in jobs if job.request) == sorted(ids)
    for job in jobs:
        assert job.request is not None
        assert job.id == ids[job.request.prompt or ""]
        assert job.result().url.endswith(f"{job.id}.mp4")


async def test_generate_many_all_answered_one_id(server: HostileServer) -> None:
    api = SameId(server)
    requests = [{"model": "google/veo3", "prompt": p} for p in ("one", "two", "three")]
    jobs: list[aiovideo.Job] = []
    async with _client(server) as client:
        feed = client.generate_many(requests)
        task = asyncio.create_task(_collect(feed, jobs))
        await asyncio.wait_for(api.posts_reach(3), 10)
        api.release.set()
        await asyncio.wait_for(task, 10)
        assert client.spent.usd == Decimal("1.00")
    assert [job.id for job in jobs] == ["gen-same"] * 3
    assert len({id(job) for job in jobs}) == 3
    assert sorted(job.request.prompt for job in jobs if job.request) == ["one", "three", "two"]


async def _release_after(api: SameId, posts: int) -> None:
    await api.posts_reach(posts)
    api.release.set()


async def _collect(feed: AsyncIterator[aiovideo.Job], into: list[aiovideo.Job]) -> None:
    async for job in feed:
        into.append(job)
