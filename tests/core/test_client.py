"""The Client against the emulator: submit, poll, download, track, close, cancel, updates."""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import math
from collections.abc import AsyncIterator
from pathlib import Path

import av
import pytest

import aiovideo
from aiovideo.testing import Emulator
from tests.conftest import API_KEY, MakeEmulator
from tests.fakes import FakeTimer, settle


def _client(emu: Emulator, **options: object) -> aiovideo.Client:
    options.setdefault("poll_interval", 0.05)
    return aiovideo.Client(api_key=API_KEY, base_url=emu.base_url, **options)  # type: ignore[arg-type]


def test_configuration_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(aiovideo.ConfigurationError, match="AIMLAPI_API_KEY"):
        aiovideo.Client()
    monkeypatch.setenv("AIML_API_KEY", "from-env")
    assert aiovideo.Client().base_url == "https://api.aimlapi.com"
    monkeypatch.setenv("AIMLAPI_BASE_URL", "http://127.0.0.1:9/v2")
    assert aiovideo.Client().base_url == "http://127.0.0.1:9"
    with pytest.raises(aiovideo.ConfigurationError, match="base URL"):
        aiovideo.Client(base_url="ftp://x")
    with pytest.raises(aiovideo.ConfigurationError, match="poll_interval"):
        aiovideo.Client(poll_interval=0)
    with pytest.raises(aiovideo.ConfigurationError, match="timeout"):
        aiovideo.Client(timeout=-1)


async def test_submit_poll_download_real_mp4(emulator: Emulator, tmp_path: Path) -> None:
    async with _client(emulator) as client:
        job = await client.submit(
            model="google/veo3", prompt="a fox", duration=6, aspect_ratio="9:16"
        )
        assert job.id.endswith(":google/veo3")
        video = await job
        assert job.done() and job.status == "completed"
        assert video.content_type == "video/mp4"
        assert video.file_size is not None
        path = await video.download(tmp_path / "fox.mp4")
    assert path.stat().st_size == video.file_size
    assert not list(tmp_path.glob(".*part"))
    with av.open(str(path), "r") as container:
        stream = container.streams.video[0]
        assert container.duration is not None
        assert abs(container.duration / 1e6 - 6) < 0.2
        assert (stream.width, stream.height) == (144, 256)


async def test_download_after_close_uses_own_session(emulator: Emulator, tmp_path: Path) -> None:
    async with _client(emulator) as client:
        video = await client.generate(model="veo2", prompt="x")
    path = await video.download(tmp_path / "later.mp4")
    with av.open(io.BytesIO(path.read_bytes()), "r") as container:
        assert container.duration is not None and abs(container.duration / 1e6 - 5) < 0.2


async def test_legacy_path_and_list_video_shape(emulator: Emulator) -> None:
    async with _client(emulator, legacy=True) as client:
        video = await client.generate(model="veo2", prompt="x")
        assert video.url.endswith(".mp4")
        other = await client.generate(
            model="kling-video/v1.6/standard/text-to-video", prompt="x", cfg_scale=0.5
        )
        assert other.content_type is None  # a list of {url}: only the URL is known
    assert emulator.stats["submits"] == 2


async def test_failure_status_raises_generation_failed(make_emulator: MakeEmulator) -> None:
    emu = await make_emulator(failure_rate=1.0)
    async with _client(emu) as client:
        job = await client.submit(model="google/veo3", prompt="x")
        with pytest.raises(aiovideo.GenerationFailedError) as info:
            await job
    assert info.value.generation_id == job.id
    assert info.value.status == "error"
    assert info.value.error is not None and "refused" in info.value.error


async def test_wrong_key_is_authentication_error_without_key(
    emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="aiovideo")
    secret = "sk-wrong-KEY-must-not-leak"
    async with aiovideo.Client(api_key=secret, base_url=emulator.base_url) as client:
        with pytest.raises(aiovideo.AuthenticationError) as info:
            await client.submit(model="veo2", prompt="x")
        assert secret not in repr(client)
    assert secret not in str(info.value) and secret not in repr(info.value)
    assert secret not in caplog.text


async def test_validation_before_any_request(emulator: Emulator) -> None:
    async with _client(emulator) as client:
        with pytest.raises(aiovideo.ValidationError, match="duration"):
            await client.submit(model="google/veo3", prompt="x", duration=5)  # type: ignore[misc]
    assert emulator.stats["requests"] == 0


async def test_track_same_id_same_job_and_get(emulator: Emulator) -> None:
    async with _client(emulator) as client:
        job = await client.submit(model="veo2", prompt="x")
        assert client.track(job.id) is job
        other = _client(emulator)
        async with other:
            resumed = other.track(job.id)
            assert resumed is other.track(job.id)
            first, second = await asyncio.gather(resumed.wait(), resumed)
            assert first == second
        snap = await client.get(job.id)
        assert snap.status == "completed" and snap.video is not None
        with pytest.raises(aiovideo.NotFoundError):
            await client.get("nope:veo2")


async def test_close_ends_pending_jobs_with_their_ids(make_emulator: MakeEmulator) -> None:
    emu = await make_emulator(min_seconds=60, max_seconds=60)
    loop = asyncio.get_running_loop()
    async with _client(emu) as client:
        jobs = [await client.submit(model="veo2", prompt=f"p{i}") for i in range(5)]
        started = loop.time()
    assert loop.time() - started < 1.0
    for job in jobs:
        with pytest.raises(aiovideo.ClientClosedError) as info:
            await job
        assert info.value.generation_id == job.id
    with pytest.raises(aiovideo.ConfigurationError, match="not open"):
        await client.submit(model="veo2", prompt="x")


async def test_wait_timeout_keeps_tracking_and_deadline_ends_it(
    make_emulator: MakeEmulator,
) -> None:
    emu = await make_emulator(min_seconds=0.6, max_seconds=0.6)
    async with _client(emu) as client:
        job = await client.submit(model="veo2", prompt="x")
        with pytest.raises(aiovideo.GenerationTimeoutError) as info:
            await job.wait(timeout=0.05)
        assert info.value.generation_id == job.id
        assert not job.done()
        assert (await job.wait(timeout=5)).url
        short = await client.submit(model="veo2", prompt="y", timeout=0.1)
        with pytest.raises(aiovideo.GenerationTimeoutError) as deadline:
            await short
        assert isinstance(deadline.value, TimeoutError)
        again = client.track(short.id)
        assert again is not short
        assert (await again).url


async def test_cancelling_an_awaiting_task_does_not_stop_the_job(emulator: Emulator) -> None:
    async with _client(emulator) as client:
        job = await client.submit(model="veo2", prompt="x")
        waiter = asyncio.create_task(job.wait())
        await asyncio.sleep(0)
        waiter.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiter
        assert (await job).url
        stopped = await client.submit(model="veo2", prompt="z")
        assert stopped.cancel()
        with pytest.raises(asyncio.CancelledError):
            await stopped
        assert stopped.done()


async def test_updates_one_snapshot_per_status_change(emulator: Emulator) -> None:
    async with _client(emulator, poll_interval=0.02) as client:
        job = await client.submit(model="veo2", prompt="x")
        statuses = [snap.status async for snap in job.updates()]
    assert statuses[0] == "queued"
    assert statuses[-1] == "completed"
    assert len(statuses) == len(set(statuses))


async def test_updates_end_as_the_client_closes(emulator: Emulator) -> None:
    # A clock that never moves: no check is ever due, so every Job stays queued until the close.
    client = _client(emulator, timer=FakeTimer())
    await client.open()
    jobs = [await client.submit(model="veo2", prompt=f"p{i}") for i in range(10)]
    seen: list[list[str]] = [[] for _ in range(50)]

    async def consume(index: int) -> None:
        async for snapshot in jobs[index % len(jobs)].updates():
            seen[index].append(snapshot.status)

    consumers = [asyncio.create_task(consume(i)) for i in range(50)]
    await settle()
    assert not any(task.done() for task in consumers)  # each waits for a change
    await client.aclose()
    # Ended by the time the close returns: the iterators stop (no exception), and the outcome
    # is the Job's own.
    assert all(task.done() for task in consumers)
    assert [task.exception() for task in consumers] == [None] * 50
    assert seen == [["queued"]] * 50
    for job in jobs:
        with pytest.raises(aiovideo.ClientClosedError):
            job.result()
    assert client._background is not None
    assert client._background.done()
    # An iterator started after the close gives what was seen and ends at once too.
    assert [snapshot.status async for snapshot in jobs[0].updates()] == ["queued"]


async def test_generate_many_yields_all_including_failures(make_emulator: MakeEmulator) -> None:
    emu = await make_emulator(failure_rate=0.3)
    requests = ({"model": "veo2", "prompt": f"prompt {i}"} for i in range(30))
    done: list[aiovideo.Job] = []
    async with _client(emu) as client:
        async for job in client.generate_many(requests, max_in_flight=7):
            assert job.done()
            done.append(job)
    assert len(done) == 30
    failed = [j for j in done if j.status == "error"]
    assert 0 < len(failed) < 30
    assert emu.stats["submits"] == 30


async def test_a_job_names_the_request_it_was_submitted_with(emulator: Emulator) -> None:
    # generate_many yields Jobs as they finish: `job.request` tells which request each one is.
    requests = [aiovideo.VideoRequest("veo2", f"prompt {i}") for i in range(5)]
    async with _client(emulator) as client:
        jobs = [job async for job in client.generate_many(requests)]
        by_mapping = await client.submit(model="veo2", prompt="keywords", duration=8)
    async with _client(emulator) as later:
        tracked = later.track(jobs[0].id)  # resumed by id: nothing was submitted here
        await tracked
    assert sorted(id(job.request) for job in jobs) == sorted(id(r) for r in requests)
    assert by_mapping.request == aiovideo.VideoRequest("veo2", "keywords", duration=8)
    assert tracked.request is None


async def test_generate_many_stops_submitting_when_consumer_stops(emulator: Emulator) -> None:
    async def endless() -> AsyncIterator[aiovideo.VideoRequest]:
        n = 0
        while True:
            n += 1
            yield aiovideo.VideoRequest("veo2", f"p{n}")

    async with _client(emulator) as client:
        async with contextlib.aclosing(client.generate_many(endless(), max_in_flight=3)) as jobs:
            async for _ in jobs:
                break
            jobs_left = list(client._jobs.values())
        # A runaway feed would submit again each time one of these finishes.
        for pending in jobs_left:
            with contextlib.suppress(aiovideo.AiovideoError):
                await pending
        # Three submitted, one yielded and its slot given back, then the stop: the feed
        # never submits after a stop, whatever the timing of the finishes.
        assert emulator.stats["submits"] == 3
        assert len(jobs_left) == 3  # every accepted id has its Job


async def test_download_cut_midway_resumes_with_range(
    make_emulator: MakeEmulator, tmp_path: Path
) -> None:
    emu = await make_emulator(cut_downloads=1)
    async with _client(emu) as client:
        video = await client.generate(model="google/veo3", prompt="x", duration=8)
        path = await video.download(tmp_path / "resumed.mp4")
    assert emu.stats["cut_downloads"] == 1
    assert emu.stats["files"] == 2  # the cut one, then the rest by Range
    assert path.stat().st_size == video.file_size
    with av.open(str(path), "r") as container:
        assert container.duration is not None
        assert abs(container.duration / 1e6 - 8) < 0.2


async def test_timeout_none_takes_the_clients_and_inf_means_none(
    make_emulator: MakeEmulator,
) -> None:
    emu = await make_emulator(min_seconds=0.3, max_seconds=0.3)
    async with _client(emu, timeout=0.05) as client:
        with pytest.raises(aiovideo.GenerationTimeoutError):
            await client.generate(model="google/veo3", prompt="a fox")  # the client's 0.05 s
        video = await client.generate(model="google/veo3", prompt="a fox", timeout=math.inf)
    assert video.url
