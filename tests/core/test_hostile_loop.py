"""The loop, memory and cancellation against hostile servers and callers (issue 18, 9-13, 16).

Each test failed before its fix: big replies growing a Job without bound or scrubbed on the
event loop, slow file hosts holding the API's slots, a cancelled close skipping its cleanup,
an endless usage-log pager, downloads of internal addresses.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import itertools
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec

import anyio
import pytest
from aiohttp import web

import aiovideo
from aiovideo.core import _download
from aiovideo.core._transport import APIKey
from aiovideo.testing import FakeClock
from tests.conftest import API_KEY
from tests.hostile import HostileServer

PATH = "/v2/video/generations"


P = ParamSpec("P")


def _bounded(test: Callable[P, Awaitable[None]]) -> Callable[P, Awaitable[None]]:
    """The test under a deadline: a regression (a client frozen on its slots) fails instead of
    hanging. Not a timing assertion: the test itself needs no real time at all."""

    @functools.wraps(test)
    async def bounded(*args: P.args, **kwargs: P.kwargs) -> None:
        with anyio.fail_after(20):
            await test(*args, **kwargs)

    return bounded


def _client(server: HostileServer, **options: Any) -> aiovideo.Client:
    options.setdefault("poll_interval", 0.005)
    return aiovideo.Client(api_key=API_KEY, base_url=server.url, **options)


async def test_only_the_latest_snapshot_keeps_its_whole_reply() -> None:
    flips = itertools.cycle(["queued", "generating"])
    enough = asyncio.Event()

    async def flip(request: web.Request) -> web.StreamResponse:
        if server.hits[("GET", PATH)] > 40:
            enough.set()
        return web.json_response({"id": "g", "status": next(flips), "pad": ["x"] * 1000})

    async with HostileServer() as server:
        server.route("GET", PATH, flip)
        async with _client(server) as client:
            job = client.track("g")
            await enough.wait()
            kept = list(job._snapshots)
            assert len(kept) == 16
            # Older snapshots keep their parsed fields, not the reply's objects.
            assert all(snapshot.raw == {} for snapshot in kept[:-1])
            assert {snapshot.status for snapshot in kept} == {"queued", "generating"}
            assert kept[-1].raw["pad"] == ["x"] * 1000


async def test_a_big_reply_with_a_backslash_is_scrubbed_off_the_loop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads: list[threading.Thread] = []
    scrub = APIKey.scrub

    def recording(self: APIKey, value: Any) -> Any:
        threads.append(threading.current_thread())
        return scrub(self, value)

    monkeypatch.setattr(APIKey, "scrub", recording)
    # 2 MiB of strings with escapes: worth seconds of the loop at 15 MiB.
    body: dict[str, Any] = {"id": "g", "status": "completed", "video": {"url": "http://x/v.mp4"}}
    body["pad"] = ["a\\/b" * 64] * 8192

    async with HostileServer() as server:
        server.route("GET", PATH, lambda _: _json(body))
        async with _client(server) as client:
            generation = await client.get("g")
    assert generation.status == "completed"
    assert threads and threading.main_thread() not in threads


async def _json(body: Any, status: int = 200) -> web.StreamResponse:
    return web.json_response(body, status=status)


@_bounded
async def test_a_cancelled_close_still_cleans_up() -> None:
    posted = asyncio.Event()

    async def hang(_: web.Request) -> web.StreamResponse:
        posted.set()
        await asyncio.Event().wait()
        raise AssertionError("never answered")  # pragma: no cover

    async with HostileServer() as server:
        server.route("POST", PATH, hang)
        server.route("GET", PATH, lambda _: _json({"id": "g", "status": "generating"}))
        client = _client(server, poll_interval=5)
        await client.open()
        job = client.track("g")
        submit = asyncio.create_task(client.submit(model="google/veo3", prompt="a fox"))
        await posted.wait()
        # The close waits for the POST on the wire; its caller gives up first.
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(client.aclose(), 0.1)
        with pytest.raises(aiovideo.ClientClosedError) as info:
            await job
        assert info.value.generation_id == "g"
        await client.aclose()
        assert client._background is not None and client._background.done()
        submit.cancel()
        with pytest.raises((asyncio.CancelledError, aiovideo.AiovideoError)):
            await submit


def _logs_page(created: float, *, more: bool = True) -> dict[str, Any]:
    moment = dt.datetime.fromtimestamp(created, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    rows = [{"created": moment, "status": "succeeded", "model": "m"}] * 100
    return {"data": rows, "pagination": {"has_more": more}}


async def test_usage_logs_that_always_say_has_more_are_bounded_in_pages() -> None:
    async def endless(_: web.Request) -> web.StreamResponse:
        # A safety stop for the test itself: the client must give up long before it.
        more = server.hits[("GET", "/v2/logs")] < 2000
        return web.json_response(_logs_page(time.time(), more=more))

    async with HostileServer() as server:
        server.route("GET", "/v2/logs", endless)
        async with _client(server) as client:
            with pytest.raises(aiovideo.ResponseFormatError, match="500 pages"):
                async for _ in client.usage_logs(start=time.time() - 3600):
                    pass
        assert server.hits[("GET", "/v2/logs")] == 500


async def test_usage_logs_are_bounded_in_time_on_the_clients_clock() -> None:
    clock = FakeClock()

    async def slow(_: web.Request) -> web.StreamResponse:
        await clock.advance(10.0)  # each page takes ten seconds of the client's time
        more = server.hits[("GET", "/v2/logs")] < 100  # the test's own safety stop
        return web.json_response(_logs_page(time.time(), more=more))

    async with HostileServer() as server:
        server.route("GET", "/v2/logs", slow)
        async with _client(server, timer=clock) as client:
            with pytest.raises(aiovideo.ResponseFormatError, match="120 s"):
                async for _ in client.usage_logs(start=time.time() - 3600):
                    pass
        assert server.hits[("GET", "/v2/logs")] == 13


async def test_usage_logs_stop_at_rows_older_than_the_window() -> None:
    start = time.time() - 3600

    async def old(_: web.Request) -> web.StreamResponse:
        more = server.hits[("GET", "/v2/logs")] < 100  # the test's own safety stop
        return web.json_response(_logs_page(start - 60, more=more))  # older than start

    async with HostileServer() as server:
        server.route("GET", "/v2/logs", old)
        async with _client(server) as client:
            rows = [row async for row in client.usage_logs(start=start)]
        assert rows == []
        assert server.hits[("GET", "/v2/logs")] == 1


MP4_HEAD = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00"


@_bounded
async def test_slow_downloads_never_hold_the_apis_slots() -> None:
    clock = FakeClock()
    trickling = 0
    four = asyncio.Event()

    async def trickle(request: web.Request) -> web.StreamResponse:
        nonlocal trickling
        resp = web.StreamResponse(headers={"Content-Type": "video/mp4"})
        await resp.prepare(request)
        await resp.write(MP4_HEAD)
        trickling += 1
        if trickling == 4:
            four.set()
        await asyncio.Event().wait()  # a byte now and then, never the end
        raise AssertionError("never ends")  # pragma: no cover

    async def status(request: web.Request) -> web.StreamResponse:
        gid = request.query["generation_id"]
        if gid == "done":
            video = {"url": server.url + "/f.mp4"}
            return web.json_response({"id": gid, "status": "completed", "video": video})
        return web.json_response({"id": gid, "status": "generating"})

    async with HostileServer() as server:
        server.route("GET", "/f.mp4", trickle)
        server.route("GET", PATH, status)
        server.route("POST", PATH, lambda _: _json({"id": "new", "status": "queued"}))
        async with _client(server, max_connections=4, poll_interval=1, timer=clock) as client:
            video = (await client.get("done")).video
            assert video is not None
            reads = [asyncio.create_task(video.read()) for _ in range(4)]
            await four.wait()
            job = client.track("pending", timeout=2)
            submitted = await client.submit(model="google/veo3", prompt="a fox")
            assert submitted.id == "new"
            await clock.advance(3)
            with pytest.raises(aiovideo.GenerationTimeoutError):
                await job
            for read in reads:
                read.cancel()
            await asyncio.gather(*reads, return_exceptions=True)


@_bounded
async def test_deadlines_fire_while_every_api_slot_is_held() -> None:
    clock = FakeClock()
    hanging = asyncio.Event()

    async def status(request: web.Request) -> web.StreamResponse:
        if request.query["generation_id"] == "stuck":
            hanging.set()
            await asyncio.Event().wait()  # holds the client's one slot
        return web.json_response({"id": request.query["generation_id"], "status": "queued"})

    async with HostileServer() as server:
        server.route("GET", PATH, status)
        async with _client(server, max_connections=1, poll_interval=1, timer=clock) as client:
            client.track("stuck")
            await hanging.wait()
            job = client.track("waiting", timeout=2)
            await clock.advance(3)
            with pytest.raises(aiovideo.GenerationTimeoutError):
                await job


# Host safety: video URLs come from replies; internal addresses are refused.

MP4 = MP4_HEAD + bytes(range(256)) * 4


async def _mp4(_: web.Request) -> web.StreamResponse:
    return web.Response(body=MP4, content_type="video/mp4")


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.7/v.mp4",
        "http://[::1]:9/v.mp4",
        "http://[::ffff:127.0.0.1]:9/v.mp4",
        "http://localhost:9/v.mp4",
    ],
)
async def test_a_video_on_an_internal_address_is_refused(url: str) -> None:
    video = aiovideo.Video(id="v", url=url)
    with pytest.raises(aiovideo.ResponseFormatError, match="private, loopback or link-local"):
        await video.read()


@_bounded
async def test_an_internal_file_host_is_refused_before_any_request() -> None:
    async with HostileServer() as server:
        server.route("GET", "/f.mp4", _mp4)
        video = aiovideo.Video(id="v", url=server.url + "/f.mp4")
        with pytest.raises(aiovideo.ResponseFormatError, match="allow_private_downloads"):
            await video.read()
        assert server.hits[("GET", "/f.mp4")] == 0


@_bounded
async def test_a_redirect_to_an_internal_address_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 127.0.0.1 stands for a public file host here; everything else keeps its real class.
    is_private = _download._is_private
    monkeypatch.setattr(_download, "_is_private", lambda a: a != "127.0.0.1" and is_private(a))

    async def to(target: str) -> web.StreamResponse:
        raise web.HTTPFound(target)

    async with HostileServer() as server:
        server.route("GET", "/meta", lambda _: to("http://169.254.169.254/latest/meta-data/"))
        server.route("GET", "/local", lambda _: to("http://[::1]:1/"))
        server.route("GET", "/f.mp4", _mp4)
        for path in ("/meta", "/local"):
            video = aiovideo.Video(id="v", url=server.url + path)
            with pytest.raises(
                aiovideo.ResponseFormatError, match="private, loopback or link-local"
            ):
                await video.read()
        assert await aiovideo.Video(id="v", url=server.url + "/f.mp4").read() == MP4


async def test_internal_hosts_are_allowed_when_the_api_is_on_one_or_when_asked() -> None:
    async with HostileServer() as server:
        server.route("GET", "/f.mp4", _mp4)
        url = server.url + "/f.mp4"
        done = {"id": "g", "status": "completed", "video": {"url": url}}
        server.route("GET", PATH, lambda _: _json(done))
        async with _client(server) as client:  # the API itself is on 127.0.0.1
            video = (await client.get("g")).video
            assert video is not None
            assert await video.read() == MP4
        allowed = aiovideo.Client(
            api_key=API_KEY, base_url="https://api.example.com", allow_private_downloads=True
        )
        fetcher = _download.Fetcher(allow_private=allowed._allow_private_downloads)
        assert await aiovideo.Video(id="v", url=url, fetcher=fetcher).read() == MP4


@_bounded
async def test_a_401_from_the_file_host_is_not_a_wrong_key() -> None:
    async with HostileServer() as server:
        server.route("GET", "/f.mp4", lambda _: _json({"message": "Signature expired"}, 401))
        fetcher = _download.Fetcher(allow_private=True)
        video = aiovideo.Video(id="v", url=server.url + "/f.mp4", fetcher=fetcher)
        with pytest.raises(aiovideo.APIStatusError) as info:
            await video.read()
    assert not isinstance(info.value, aiovideo.AuthenticationError)
    assert info.value.status_code == 401
    assert "file host refused the link" in str(info.value)


async def test_every_address_a_host_resolves_to_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    async def resolve(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "127.0.0.1"]  # a public address first, then the loopback

    monkeypatch.setattr(_download, "_addresses", resolve)
    video = aiovideo.Video(id="v", url="http://files.example/v.mp4")
    with pytest.raises(aiovideo.ResponseFormatError, match=r"resolves to 127\.0\.0\.1"):
        await video.read()
