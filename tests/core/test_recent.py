"""A client remembers generations it saw finish, for a while (issue 19 item 3), and the
smaller items of issue 19 item 7: `generate()`'s Video carries its cost, and `job.result()`
before the Job is done raises an AiovideoError."""

from __future__ import annotations

import asyncio
import gc
from decimal import Decimal

import pytest

import aiovideo
from aiovideo.core._job import Job
from aiovideo.core._recent import RecentlyFinished
from aiovideo.testing import Emulator, FakeClock
from tests.conftest import API_KEY
from tests.hostile import HostileServer, json_handler

PATH = "/v2/video/generations"
GET = ("GET", PATH)


def _client(server: HostileServer | Emulator, **options: object) -> aiovideo.Client:
    url = server.url if isinstance(server, HostileServer) else server.base_url
    return aiovideo.Client(API_KEY, url, poll_interval=0.02, **options)  # type: ignore[arg-type]


async def test_track_of_a_generation_that_just_finished_is_done_at_once() -> None:
    # A stateless `GET /videos/{id}` handler: the Job of the submit is long gone.
    async with HostileServer() as server:
        usage = {"usage": {"credits_used": 120_000}}
        server.route("POST", PATH, json_handler({"id": "g", "status": "queued", "meta": usage}))
        done = {"id": "g", "status": "completed", "video": {"url": "http://127.0.0.1:9/g.mp4"}}
        server.route("GET", PATH, json_handler(done))
        async with _client(server) as client:
            url = (await client.generate(model="veo2", prompt="p")).url
            gc.collect()  # the caller dropped the Job
            assert [o for o in gc.get_objects() if isinstance(o, Job)] == []
            checks = server.hits[GET]
            job = client.track("g")
            assert job.done()
            assert job.status == "completed"
            video = job.result()
            assert video.url == url
            assert video.cost == job.cost == aiovideo.Cost(credits=120_000)
            assert client.track("g") is job  # the same Job while it is held
            assert client.spent == aiovideo.Cost(credits=120_000)  # not counted again
        assert server.hits[GET] == checks  # no request


async def test_track_of_a_generation_that_just_failed_raises_its_failure_at_once() -> None:
    async with HostileServer() as server:
        server.route("POST", PATH, json_handler({"id": "f", "status": "queued"}))
        failed = {"id": "f", "status": "error", "error": {"message": "moderation"}}
        server.route("GET", PATH, json_handler(failed))
        async with _client(server) as client:
            with pytest.raises(aiovideo.GenerationFailedError):
                await client.generate(model="veo2", prompt="p")
            checks = server.hits[GET]
            job = client.track("f")
            assert job.done()
            with pytest.raises(aiovideo.GenerationFailedError, match="moderation"):
                await job
        assert server.hits[GET] == checks


async def test_a_generation_that_ended_locally_is_not_remembered() -> None:
    async with HostileServer() as server:
        server.route("POST", PATH, json_handler({"id": "slow", "status": "queued"}))
        server.route("GET", PATH, json_handler({"id": "slow", "status": "generating"}))
        async with _client(server) as client:
            with pytest.raises(aiovideo.GenerationTimeoutError):
                await client.generate(model="veo2", prompt="p", timeout=0.1)
            job = client.track("slow")  # still generating remotely: tracked again
            assert not job.done()
            assert len(client._recent) == 0


async def test_the_memory_is_bounded_in_count_and_in_age() -> None:
    clock = FakeClock()
    recent = RecentlyFinished(size=3, seconds=3600.0, timer=clock)
    for i in range(5):
        recent.add(f"g{i}", aiovideo.Generation(id=f"g{i}", status="completed"))
    assert len(recent) == 3
    assert recent.get("g0") is None  # the oldest went first
    assert recent.get("g4") is not None
    await clock.advance(3599.0)  # an hour, less a second
    assert recent.get("g4") is not None
    await clock.advance(1.0)
    assert recent.get("g4") is None
    assert len(recent) == 0
    none = RecentlyFinished(size=0, seconds=3600.0, timer=clock)
    none.add("g", aiovideo.Generation(id="g", status="completed"))
    assert none.get("g") is None


@pytest.mark.parametrize("options", [{"recent_finished": -1}, {"recent_seconds": 0}])
def test_bad_memory_options_are_configuration_errors(options: dict[str, object]) -> None:
    with pytest.raises(aiovideo.ConfigurationError):
        aiovideo.Client(API_KEY, **options)  # type: ignore[arg-type]


async def test_a_generated_video_carries_its_cost(emulator: Emulator) -> None:
    async with _client(emulator) as client:
        video = await client.generate(model="google/veo3", prompt="a fox", duration=8)
    assert video.cost == aiovideo.Cost(credits=120_000, usd=Decimal("0.06"))


async def test_result_before_the_job_is_done_is_an_aiovideo_error() -> None:
    async with HostileServer() as server:
        server.route("POST", PATH, json_handler({"id": "p", "status": "queued"}))
        server.route("GET", PATH, json_handler({"id": "p", "status": "generating"}))
        async with _client(server) as client:
            job = await client.submit(model="veo2", prompt="p")
            with pytest.raises(aiovideo.AiovideoError, match="not done yet") as caught:
                job.result()
            assert isinstance(caught.value, aiovideo.JobNotDoneError)
            assert isinstance(caught.value, asyncio.InvalidStateError)  # as a Future's is
            assert caught.value.generation_id == "p"
