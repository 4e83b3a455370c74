"""The client against small hostile servers: each misbehaves in one way a real one has or could.

Every test here failed before the fix it stands for (issue 8): a poisoned reply stopping the
poller, an absurd Retry-After freezing the client, an endless body, a POST redirected into a
GET that "succeeded", the key reachable from a caught exception, a client growing forever.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import json
import logging
import math
import threading
import traceback
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import aiohttp
import anyio
import pytest
from aiohttp import web

import aiovideo
from aiovideo.core._job import Job
from aiovideo.testing import Emulator
from tests.conftest import API_KEY
from tests.hostile import HostileServer, json_handler

PATH = "/v2/video/generations"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _client(server: HostileServer | Emulator, **options: Any) -> aiovideo.Client:
    url = server.url if isinstance(server, HostileServer) else server.base_url
    options.setdefault("poll_interval", 0.02)
    return aiovideo.Client(api_key=API_KEY, base_url=url, **options)


def _completed(gid: str) -> dict[str, Any]:
    return {"id": gid, "status": "completed", "video": {"url": f"http://127.0.0.1:9/{gid}.mp4"}}


class ScriptedAPI:
    """Submits hand out ids in order; each id's status replies come from its own handler."""

    def __init__(self, server: HostileServer, ids: list[str]) -> None:
        self._ids = iter(ids)
        self.status: dict[str, Handler] = {}
        server.route("POST", PATH, self._submit)
        server.route("GET", PATH, self._poll)

    async def _submit(self, _: web.Request) -> web.StreamResponse:
        return web.json_response({"id": next(self._ids), "status": "queued"})

    async def _poll(self, request: web.Request) -> web.StreamResponse:
        gid = request.query["generation_id"]
        handler = self.status.get(gid, json_handler(_completed(gid)))
        return await handler(request)


def _text(body: str | bytes, status: int = 200, content_type: str = "application/json") -> Handler:
    async def handle(_: web.Request) -> web.StreamResponse:
        data = body.encode() if isinstance(body, str) else body
        return web.Response(body=data, status=status, content_type=content_type)

    return handle


# 1. No reply can stop the poller.

DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    "reply",
    [
        _text(
            '{"id": "bad", "status": "completed", "video": {"url": "http://x/v.mp4", '
            '"file_size": 1e400}}'
        ),
        _text(DEEP),
        _text('{"id": "bad", "status": "generating", "meta": ' + DEEP[:9000] + DEEP[-9000:] + "}"),
    ],
    ids=["file_size-1e400", "deep-array", "deep-meta"],
)
async def test_one_poisoned_reply_ends_at_most_its_own_job(reply: Handler) -> None:
    async with HostileServer() as server:
        api = ScriptedAPI(server, ["ok-1", "bad", "ok-2", "later"])
        api.status["bad"] = reply
        async with _client(server) as client:
            jobs = [await client.submit(model="veo2", prompt=f"p{i}") for i in range(3)]
            with anyio.fail_after(10):
                outcomes = await asyncio.gather(*jobs, return_exceptions=True)
                # The poller still runs: a job submitted afterwards resolves too.
                assert (await client.generate(model="veo2", prompt="after")).url
    assert not isinstance(outcomes[0], BaseException)
    assert not isinstance(outcomes[2], BaseException)
    bad = outcomes[1]
    if isinstance(bad, BaseException):
        assert isinstance(bad, aiovideo.ResponseFormatError)
        assert bad.generation_id == "bad"
    else:
        assert bad.file_size is None  # an infinite size is no size


@pytest.mark.parametrize(
    "reply",
    [
        json_handler({"id": "g"}),
        json_handler({"id": "g", "status": ""}),
        json_handler({"id": "g", "status": 5}),
        json_handler({"id": "g", "status": None}),
        json_handler({"status": "completed"}),
        json_handler(["g", "completed"]),
        _text("<html><body>Welcome to nginx</body></html>", content_type="text/html"),
        _text("not json at all"),
        _text(DEEP),
    ],
    ids=["no-status", "empty", "number", "null", "no-id", "list", "html-200", "text", "deep"],
)
async def test_unreadable_replies_end_the_job_after_a_few(reply: Handler) -> None:
    async with HostileServer() as server:
        api = ScriptedAPI(server, ["g"])
        api.status["g"] = reply
        async with _client(server) as client:  # no timeout: the bound is the only way out
            job = await client.submit(model="veo2", prompt="x")
            with anyio.fail_after(10), pytest.raises(aiovideo.ResponseFormatError) as info:
                await job
    assert info.value.generation_id == "g"
    assert "track" in str(info.value)
    assert server.hits[("GET", PATH)] == 5


async def test_a_reply_about_another_id_is_never_applied() -> None:
    async with HostileServer() as server:
        api = ScriptedAPI(server, ["mine"])
        api.status["mine"] = json_handler(_completed("someone-else"))
        async with _client(server) as client:
            job = await client.submit(model="veo2", prompt="x")
            with anyio.fail_after(10), pytest.raises(aiovideo.ResponseFormatError) as info:
                await job
            with pytest.raises(aiovideo.ResponseFormatError, match="someone-else"):
                await client.get("mine")
    assert "someone-else" in str(info.value.__cause__)
    assert job.status == "queued"  # the other generation's "completed" was never taken
    assert job.snapshot is not None and job.snapshot.id == "mine"


@pytest.mark.parametrize(
    "retry_after", ["1e999", "31536000", "Fri, 31 Dec 9999 23:59:59 GMT", "nan", "-5", "inf"]
)
async def test_an_absurd_retry_after_pauses_no_longer_than_max_pause(retry_after: str) -> None:
    async with HostileServer() as server:
        answers = itertools.count()

        async def submit(_: web.Request) -> web.StreamResponse:
            if next(answers) == 0:
                body = {"message": "slow down", "statusCode": 429}
                return web.json_response(body, status=429, headers={"Retry-After": retry_after})
            return web.json_response({"id": "g", "status": "queued"})

        server.route("POST", PATH, submit)
        server.route("GET", PATH, json_handler(_completed("g")))
        async with _client(server, max_pause=0.05) as client:
            with anyio.fail_after(10):
                video = await client.generate(model="veo2", prompt="x")
            policy = client._budget.policy
            assert policy._paused_until - client._timer.now() <= 0.05
    assert video.url.endswith("g.mp4")
    assert server.hits[("POST", PATH)] == 2


async def test_a_reply_is_refused_past_the_size_limit_on_bytes_read() -> None:
    sent = 0

    async def endless(request: web.Request) -> web.StreamResponse:
        # Chunked, no Content-Length: only counting what is read can stop it.
        nonlocal sent
        resp = web.StreamResponse()
        resp.content_type = "application/json"
        await resp.prepare(request)
        await resp.write(b'{"id": "g", "status": "generating", "pad": "')
        with anyio.move_on_after(20):
            while True:
                await resp.write(b"x" * 65536)
                sent += 65536
        return resp

    async with HostileServer() as server:
        server.route("GET", PATH, endless)
        async with _client(server, max_response_bytes=1024 * 1024) as client:
            with anyio.fail_after(10), pytest.raises(aiovideo.ResponseFormatError) as info:
                await client.get("g")
    assert "max_response_bytes" in str(info.value)
    assert sent < 3 * 8 * 1024 * 1024  # three tries, each stopped early (socket buffers aside)


async def test_an_announced_oversize_reply_is_refused_unread() -> None:
    big = json.dumps({"id": "g", "status": "generating", "pad": "x" * 2_000_000})
    async with HostileServer() as server:
        server.route("GET", PATH, _text(big))
        async with _client(server, max_response_bytes=1024 * 1024) as client:
            with pytest.raises(aiovideo.ResponseFormatError, match="refused"):
                await client.get("g")


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
async def test_a_redirected_submit_is_an_error_not_a_get_elsewhere(code: int) -> None:
    async with HostileServer() as server:

        async def moved(_: web.Request) -> web.StreamResponse:
            return web.Response(status=code, headers={"Location": "/elsewhere"})

        server.route("POST", PATH, moved)
        server.route("GET", "/elsewhere", json_handler({"id": "fake", "status": "queued"}))
        server.route("POST", "/elsewhere", json_handler({"id": "fake", "status": "queued"}))
        async with _client(server) as client:
            with pytest.raises(aiovideo.APIStatusError) as info:
                await client.submit(model="veo2", prompt="x")
    assert info.value.status_code == code
    assert "not followed" in str(info.value)
    assert server.hits[("GET", "/elsewhere")] == server.hits[("POST", "/elsewhere")] == 0
    assert server.hits[("POST", PATH)] == 1  # a redirect is no refusal: never sent again


# 3. The key and other secrets.


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo = [exc]
    while todo:
        item = todo.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        todo.extend(e for e in (item.__cause__, item.__context__) if e is not None)
        if isinstance(item, BaseExceptionGroup):
            todo.extend(item.exceptions)


def _assert_key_unreachable(exc: BaseException) -> None:
    for item in _chain(exc):
        assert API_KEY not in repr(item)
        assert API_KEY not in str(item)
        assert not hasattr(item, "request_info"), f"{type(item).__name__} carries the headers"
        for value in vars(item).values():
            assert API_KEY not in repr(value)
        # Error trackers capture the locals of each frame: none of ours holds the key.
        for frame, _ in traceback.walk_tb(item.__traceback__):
            if not frame.f_globals.get("__name__", "").startswith("aiovideo"):
                continue
            for name, value in frame.f_locals.items():
                assert API_KEY not in repr(value), f"local {name!r} of {frame.f_code.co_name}"


async def _loop_redirect(request: web.Request) -> web.StreamResponse:
    return web.Response(status=302, headers={"Location": request.path_qs})


async def _reset(request: web.Request) -> web.StreamResponse:
    assert request.transport is not None
    request.transport.close()
    return web.Response()


async def _echo_auth(request: web.Request) -> web.StreamResponse:
    return web.json_response(
        {"message": f"bad key {request.headers.get('Authorization')}"}, status=401
    )


async def _echo_auth_html(request: web.Request) -> web.StreamResponse:
    body = f"<html>{request.headers.get('Authorization')}</html>"
    return web.Response(text=body, status=502, content_type="text/html")


async def _echo_auth_text_200(request: web.Request) -> web.StreamResponse:
    # Not JSON: its message quotes the body's start, where the key is.
    return web.Response(text=f"ok {request.headers.get('Authorization')}", status=200)


@pytest.mark.parametrize(
    "handler",
    [_loop_redirect, _reset, _echo_auth, _echo_auth_html, _echo_auth_text_200],
    ids=lambda h: h.__name__,
)
async def test_the_key_is_unreachable_from_any_exception(handler: Handler) -> None:
    async with HostileServer() as server:
        server.route("GET", PATH, handler)
        server.route("POST", PATH, handler)
        async with _client(server) as client:
            with pytest.raises(aiovideo.AiovideoError) as got:
                await client.get("g")
            _assert_key_unreachable(got.value)
            with pytest.raises(aiovideo.AiovideoError) as posted:
                await client.submit(model="veo2", prompt="x")
            _assert_key_unreachable(posted.value)
            job = client.track("g")
            with anyio.fail_after(10), pytest.raises(aiovideo.AiovideoError) as tracked:
                await job.wait(1)
            if not isinstance(tracked.value, aiovideo.GenerationTimeoutError):
                _assert_key_unreachable(tracked.value)
        assert API_KEY not in repr(client) + repr(vars(client))


def test_a_base_url_with_user_info_never_shows_the_password() -> None:
    with pytest.raises(aiovideo.ConfigurationError) as info:
        aiovideo.Client(api_key=API_KEY, base_url="http://user:hunter2@example.com:8080")
    assert "hunter2" not in str(info.value)
    assert "***@example.com:8080" in str(info.value)


# 2. A client that lives for weeks.


async def test_finished_jobs_are_forgotten(emulator: Emulator) -> None:
    async with _client(emulator, legacy=True) as client:
        for i in range(5):
            video = await client.generate(model="veo2", prompt=f"p{i}")
            assert video.url
        async for job in client.generate_many(
            [aiovideo.VideoRequest("veo2", f"q{i}") for i in range(60)], max_in_flight=30
        ):
            await job
        del job, video
        gc.collect()
        assert [o for o in gc.get_objects() if isinstance(o, Job)] == []
        assert len(client._jobs) == 0
        assert len(client._routes) == 0
        assert len(client._scheduler or ()) == 0


async def test_the_heap_does_not_keep_finished_jobs_deadlines(emulator: Emulator) -> None:
    async with _client(emulator, timeout=3600) as client:
        # One id that answers 404 for a minute stays pending, so the loop always has a live
        # item due soon and never reaches the finished jobs' deadlines an hour away.
        ghost = client.track("ghost")
        for start in range(0, 1200, 200):
            jobs = [await client.submit(model="veo2", prompt=f"p{start + i}") for i in range(200)]
            await asyncio.gather(*jobs)
        scheduler = client._scheduler
        assert scheduler is not None
        assert not ghost.done()
        assert len(scheduler._heap) <= 1024 + 2 * len(scheduler)


async def test_open_and_aclose_for_separate_startup_and_shutdown_hooks(emulator: Emulator) -> None:
    client = _client(emulator)
    with pytest.raises(aiovideo.ConfigurationError, match="not open"):
        client.track("g")
    await client.open()
    with pytest.raises(aiovideo.ConfigurationError, match="once"):
        await client.open()
    video = await client.generate(model="veo2", prompt="x")
    job = client.track("never-finishing")
    await client.aclose()
    await client.aclose()  # a second close does nothing
    assert video.url
    with pytest.raises(aiovideo.ClientClosedError) as info:
        await job
    assert info.value.generation_id == "never-finishing"


async def test_closing_ends_generate_many_with_a_submit_on_the_wire() -> None:
    on_the_wire, polled = asyncio.Event(), asyncio.Event()
    async with HostileServer() as server:
        answers = itertools.count()

        async def poll(_: web.Request) -> web.StreamResponse:
            polled.set()
            return web.json_response({"id": "first", "status": "generating"})

        async def submit(_: web.Request) -> web.StreamResponse:
            if next(answers) == 0:
                return web.json_response({"id": "first", "status": "queued"})
            on_the_wire.set()
            await asyncio.Event().wait()  # billed, and never answered
            raise AssertionError  # pragma: no cover

        server.route("POST", PATH, submit)
        server.route("GET", PATH, poll)
        client = _client(server, request_timeout=0.5)
        await client.open()
        seen: list[Job] = []

        async def consume() -> None:
            requests = [aiovideo.VideoRequest("veo2", "a"), aiovideo.VideoRequest("veo2", "b")]
            async for job in client.generate_many(requests, max_in_flight=5):
                seen.append(job)

        consumer = asyncio.create_task(consume())
        await on_the_wire.wait()
        await polled.wait()  # the first is tracked, the second on the wire
        await client.aclose()  # gives the POST on the wire its request timeout, no more
        with anyio.fail_after(5), pytest.raises(aiovideo.TransportError) as info:
            await consumer  # ends, rather than waiting for a reply that never comes
    assert info.value.request_sent  # the truth: that POST may have been billed
    # The job submitted before the close is yielded, with its id to resume it.
    assert [job.id for job in seen] == ["first"]
    with pytest.raises(aiovideo.ClientClosedError):
        seen[0].result()


@pytest.mark.parametrize("timeout", [math.nan, -1.0, 0.0, math.inf, "5", True])
async def test_bad_waits_are_refused_at_once(emulator: Emulator, timeout: Any) -> None:
    async with _client(emulator) as client:
        job = await client.submit(model="veo2", prompt="x")
        with pytest.raises(aiovideo.ConfigurationError, match="timeout"):
            await job.wait(timeout)
        with anyio.fail_after(10):
            assert (await job.wait(10)).url  # the scheduler did not stall


async def test_a_client_called_from_another_event_loop_says_so(emulator: Emulator) -> None:
    async with _client(emulator) as client:
        errors: list[BaseException] = []

        def elsewhere() -> None:
            async def use() -> None:
                with pytest.raises(aiovideo.ConfigurationError, match="event loop") as info:
                    await client.submit(model="veo2", prompt="x")
                errors.append(info.value)
                with pytest.raises(aiovideo.ConfigurationError, match="event loop"):
                    client.track("g")

            asyncio.run(use())

        thread = threading.Thread(target=elsewhere)
        thread.start()
        await anyio.to_thread.run_sync(thread.join)
        assert len(errors) == 1
    assert emulator.stats["submits"] == 0


@pytest.mark.parametrize(
    "options",
    [
        {"api_key": 123},
        {"api_key": b"sk-bytes"},
        {"api_key": "sk-with space"},
        {"api_key": "sk-line\r\nX-Injected: 1"},
        {"api_key": "sk-ключ"},
        {"api_key": "sk-tab\t"},
        {"base_url": 8080},
        {"poll_interval": "10"},
        {"timeout": math.nan},
        {"max_connections": 1.5},
        {"max_connections": True},
        {"legacy": "yes"},
        {"session": object()},
        {"timer": object()},
        {"max_pause": math.inf},
        {"max_response_bytes": 10},
        {"not_found_window": -1},
        {"request_timeout": None},
    ],
    ids=str,
)
def test_every_bad_option_is_a_configuration_error(options: dict[str, Any]) -> None:
    options.setdefault("api_key", API_KEY)
    with pytest.raises(aiovideo.ConfigurationError) as info:
        aiovideo.Client(**options)
    key = options["api_key"]
    if isinstance(key, str) and len(key) > 4:
        assert key not in str(info.value)


# 6. Quiet by default, informative when asked.


async def test_retries_are_logged_on_the_aiovideo_logger_not_printed(
    capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    async with HostileServer() as server:
        answers = itertools.count()

        async def flaky(_: web.Request) -> web.StreamResponse:
            if next(answers) == 0:
                return web.Response(text="<html>bad gateway</html>", status=502)
            return web.json_response({"id": "g", "status": "generating"})

        server.route("GET", PATH, flaky)
        # As in an app that never configured logging: only Python's last resort is left.
        root = logging.getLogger()
        handlers, root.handlers = root.handlers, []
        try:
            async with _client(server) as client:
                assert (await client.get("g")).status == "generating"
        finally:
            root.handlers = handlers
    assert capfd.readouterr().err == ""
    with caplog.at_level(logging.INFO, logger="aiovideo"):
        async with HostileServer() as server:
            answers = itertools.count()
            server.route("GET", PATH, flaky)
            async with _client(server) as client:
                await client.get("g")
    (line,) = [r.getMessage() for r in caplog.records if "retrying" in r.getMessage()]
    assert f"GET {PATH}" in line
    assert "ServerError" in line and "502" in line
    assert " in 0.00 s" in line


async def test_a_429_pause_is_logged_at_debug(caplog: pytest.LogCaptureFixture) -> None:
    async with HostileServer() as server:
        answers = itertools.count()

        async def limited(_: web.Request) -> web.StreamResponse:
            if next(answers) == 0:
                wait = {"Retry-After": "0.01"}
                return web.json_response({"message": "slow"}, status=429, headers=wait)
            return web.json_response({"id": "g", "status": "generating"})

        server.route("GET", PATH, limited)
        with caplog.at_level(logging.DEBUG, logger="aiovideo"):
            async with _client(server) as client:
                await client.get("g")
    assert any(r.getMessage().startswith("429: every request waits") for r in caplog.records)


async def test_debug_tells_a_generations_life(
    emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="aiovideo"):
        async with _client(emulator) as client:
            job = await client.submit(model="veo2", prompt="x")
            await job
    lines = [r.getMessage() for r in caplog.records if job.id in r.getMessage()]
    assert any("submitted" in line for line in lines)
    assert any(line.endswith(": generating") for line in lines)
    assert any(line.endswith(": completed") for line in lines)
    assert any("resolved" in line for line in lines)
    assert all(API_KEY not in r.getMessage() for r in caplog.records)


# Found by a fresh-clone review as an attacker would (each failed before its fix).


async def test_the_same_id_answered_twice_gives_two_jobs_that_both_end() -> None:
    # Each submit has a Job of its own (issue 18 item 6: tests/core/test_shared_id.py), and
    # neither is orphaned: each ends with its own deadline.
    async with HostileServer() as server:
        server.route("POST", PATH, json_handler({"id": "same", "status": "queued"}))
        server.route("GET", PATH, json_handler({"id": "same", "status": "generating"}))
        async with _client(server, timeout=0.3) as client:
            first = await client.submit(model="veo2", prompt="a")
            second = await client.submit(model="veo2", prompt="b")
            assert first is not second
            for job in (first, second):
                with anyio.fail_after(5), pytest.raises(aiovideo.GenerationTimeoutError):
                    await job


async def test_a_submit_answered_while_the_client_closes_keeps_its_id() -> None:
    release, received = asyncio.Event(), asyncio.Event()

    async def slow_submit(_: web.Request) -> web.StreamResponse:
        received.set()
        await release.wait()
        return web.json_response({"id": "late", "status": "queued"})

    async with HostileServer() as server, aiohttp.ClientSession() as session:
        server.route("POST", PATH, slow_submit)
        server.route("GET", PATH, json_handler({"id": "late", "status": "generating"}))
        client = _client(server, session=session, request_timeout=5)
        await client.open()
        submit = asyncio.create_task(client.submit(model="veo2", prompt="x"))
        await received.wait()
        closing = asyncio.create_task(client.aclose())
        await asyncio.sleep(0)  # the close has begun: it waits for the POST on the wire
        release.set()
        with anyio.fail_after(5):
            await closing
            job = await submit
            with pytest.raises(aiovideo.ClientClosedError) as info:
                await job
    assert info.value.generation_id == "late"


async def test_generate_many_ends_when_an_item_breaks_in_an_unforeseen_way(
    emulator: Emulator,
) -> None:
    class Hostile(dict[str, Any]):
        def __iter__(self) -> Iterator[str]:
            raise RuntimeError("an iterator that breaks")

        def keys(self) -> Any:
            raise RuntimeError("an iterator that breaks")

    async with _client(emulator) as client:
        with anyio.fail_after(10), pytest.raises(RuntimeError, match="breaks"):
            async for _ in client.generate_many([Hostile(model="veo2", prompt="x")]):
                pass


@pytest.mark.parametrize(
    "reply",
    [
        {"id": "paid", "status": None},
        {"id": "paid", "status": 7},
        {"id": "paid", "status": ""},
        {"id": "paid", "status": "queued", "video": {"nourl": 1}},
    ],
)
async def test_a_submit_reply_with_a_readable_id_is_never_lost(reply: dict[str, Any]) -> None:
    async with HostileServer() as server:
        server.route("POST", PATH, json_handler(reply))
        server.route("GET", PATH, json_handler(_completed("paid")))
        async with _client(server) as client:
            job = await client.submit(model="veo2", prompt="x")
            assert job.id == "paid"
            with anyio.fail_after(5):
                assert (await job).url.endswith("paid.mp4")


async def test_the_key_echoed_in_a_2xx_reply_or_behind_escapes_is_masked() -> None:
    escaped = "".join(f"\\u{ord(c):04x}" for c in API_KEY)
    async with HostileServer() as server:
        failed = {"id": "g", "status": "failed", "error": {"message": f"Bearer {API_KEY}"}}
        server.route("GET", PATH, json_handler(failed))
        body = '{"message": "bad key Bearer ' + escaped + '"}'
        server.route("POST", PATH, _text(body, status=401))

        async def moved(_: web.Request) -> web.StreamResponse:
            hidden = API_KEY.replace("-", "%2D")  # percent-encoded
            return web.Response(status=302, headers={"Location": "/x?k=" + hidden})

        server.route("GET", "/v2/logs", moved)
        async with _client(server) as client:
            with anyio.fail_after(5), pytest.raises(aiovideo.GenerationFailedError) as failed_info:
                await client.track("g")
            with pytest.raises(aiovideo.AuthenticationError) as auth_info:
                await client.submit(model="veo2", prompt="x")
            assert client._transport is not None
            with pytest.raises(aiovideo.APIStatusError) as moved_info:
                await client._transport.request("GET", "/v2/logs")
    for exc in (failed_info.value, auth_info.value, moved_info.value):
        _assert_key_unreachable(exc)
        assert "***" in str(exc)


async def test_a_job_keeps_a_bounded_history_of_snapshots() -> None:
    flips = itertools.cycle(["queued", "generating"])
    hundred = asyncio.Event()

    async def flip(request: web.Request) -> web.StreamResponse:
        if server.hits[("GET", PATH)] > 100:
            hundred.set()
        return web.json_response({"id": "g", "status": next(flips), "pad": "x" * 10_000})

    async with HostileServer() as server:
        server.route("GET", PATH, flip)
        async with _client(server, poll_interval=0.005) as client:
            job = client.track("g")
            await hundred.wait()
            assert job._seen >= 99
            assert len(job._snapshots) <= 16
            seen = [snapshot.status async for snapshot in _first(job, 3)]
            assert len(seen) == 3


async def _first(job: Job, count: int) -> Any:
    async for snapshot in job.updates():
        yield snapshot
        count -= 1
        if not count:
            return


@pytest.mark.parametrize("url", ["http://u:pw@host:99999", "http://user:pw@[::1"])
def test_a_bad_base_url_with_user_info_is_a_configuration_error(url: str) -> None:
    with pytest.raises(aiovideo.ConfigurationError) as info:
        aiovideo.Client(api_key=API_KEY, base_url=url)
    assert "pw" not in str(info.value)


@pytest.mark.parametrize("key", ["k", "abc", "e"])
async def test_a_short_key_masks_itself_not_the_letters_of_server_text(key: str) -> None:
    async def refuse(request: web.Request) -> web.StreamResponse:
        sent = request.headers["Authorization"].removeprefix("Bearer ")
        message = f"Invalid API key: the key {sent} is not known (see the dashboard)"
        return web.json_response({"message": message}, status=401)

    async with HostileServer() as server:
        server.route("POST", PATH, refuse)
        async with aiovideo.Client(api_key=key, base_url=server.url) as client:
            with pytest.raises(aiovideo.AuthenticationError) as info:
                await client.submit(model="veo2", prompt="x")
    assert "Invalid API key: the key *** is not known (see the dashboard)" in str(info.value)


@pytest.mark.parametrize(
    "echo",
    ["%22{key}%22", "Bearer{key}", "\\u0022{key}", "{key}_old", "x-{key}-y", "{key}{key}"],
)
async def test_a_key_of_8_characters_is_masked_wherever_it_stands(echo: str) -> None:
    key = "sk-a1b2c3"

    async def refuse(_: web.Request) -> web.StreamResponse:
        return web.json_response({"message": "invalid key " + echo.format(key=key)}, status=401)

    async with HostileServer() as server:
        server.route("POST", PATH, refuse)
        async with aiovideo.Client(api_key=key, base_url=server.url) as client:
            with pytest.raises(aiovideo.AuthenticationError) as info:
                await client.submit(model="veo2", prompt="x")
    assert key not in str(info.value)
    assert "***" in str(info.value)
