"""Downloads against file servers that misbehave on purpose: each handler does one bad thing.

No test sleeps to synchronise: a stalled handler waits on an Event the test sets when done,
and every test runs under a deadline so that a regression fails instead of hanging.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import ParamSpec

import aiohttp
import anyio
import pytest
from aiohttp import web

import aiovideo
from aiovideo.core import _download
from aiovideo.core._budget import Budget
from aiovideo.core._values import Video
from aiovideo.tools.batch import Batch, Line
from tests.conftest import API_KEY, MakeEmulator
from tests.hostile import HostileServer

MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00" + bytes(range(256)) * 64  # 16,400 bytes
NEW_MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00" + bytes(range(255, -1, -1)) * 64
HTML = b"<!doctype html><html><body><h1>Sign in to continue</h1></body></html>"
FILE = "/f.mp4"
STATUS = "/v2/video/generations"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Way = Callable[[Video, Path], Awaitable[bytes]]
P = ParamSpec("P")


@pytest.fixture(name="server")
async def fixture_server() -> AsyncIterator[HostileServer]:
    async with HostileServer() as server:
        yield server


def _bounded(test: Callable[P, Awaitable[None]]) -> Callable[P, Awaitable[None]]:
    """The test under a deadline: a regression (an endless body, a stall never noticed)
    fails instead of hanging. A decorator, as a fixture's cancel scope lives in another task.
    """

    @functools.wraps(test)
    async def bounded(*args: P.args, **kwargs: P.kwargs) -> None:
        with anyio.fail_after(20):
            await test(*args, **kwargs)

    return bounded


# The hostile file servers here are on 127.0.0.1, which a Video refuses unless allowed.
LOCAL = _download.Fetcher(allow_private=True)


def _video(server: HostileServer, **fields: object) -> Video:
    fields.setdefault("fetcher", LOCAL)
    return Video(id="v1", url=server.url + FILE, **fields)  # type: ignore[arg-type]


async def _send(
    request: web.Request,
    data: bytes,
    *,
    etag: str | None = None,
    cut: bool = False,
    ranges: bool = True,
) -> web.StreamResponse:
    """Serve `data` like a plain file server: Range, and If-Range against `etag`.

    `cut`: send half of what was asked, then drop the connection.
    """
    headers = {"Content-Type": "video/mp4"}
    if etag is not None:
        headers["ETag"] = etag
    start = 0
    wanted = request.headers.get("Range", "")
    if ranges and wanted.startswith("bytes=") and request.headers.get("If-Range", etag) == etag:
        start = int(wanted[6:].split("-")[0])
    if start:
        headers["Content-Range"] = f"bytes {start}-{len(data) - 1}/{len(data)}"
    response = web.StreamResponse(status=206 if start else 200, headers=headers)
    response.content_length = len(data) - start
    await response.prepare(request)
    body = data[start:]
    if cut:
        await response.write(body[: len(body) // 2])
        assert request.transport is not None
        request.transport.close()
        return response
    await response.write(body)
    await response.write_eof()
    return response


def _sequence(*handlers: Handler) -> Handler:
    """A handler answering the n-th request with the n-th handler (the last one repeats)."""
    calls = 0

    async def handle(request: web.Request) -> web.StreamResponse:
        nonlocal calls
        calls += 1
        return await handlers[min(calls, len(handlers)) - 1](request)

    return handle


def _file(data: bytes = MP4, **options: object) -> Handler:
    async def handle(request: web.Request) -> web.StreamResponse:
        return await _send(request, data, **options)  # type: ignore[arg-type]

    return handle


async def _reset(request: web.Request) -> web.StreamResponse:
    assert request.transport is not None
    request.transport.close()  # no status line at all: a connection reset
    return web.Response()


async def _by_download(video: Video, tmp: Path) -> bytes:
    return (await _download.download(video, tmp / "out.mp4", backoff=0, fetcher=LOCAL)).read_bytes()


async def _by_read(video: Video, _: Path) -> bytes:
    return await _download.read(video, backoff=0, fetcher=LOCAL)


async def _by_stream(video: Video, _: Path) -> bytes:
    chunks = [chunk async for chunk in _download.stream(video, backoff=0, fetcher=LOCAL)]
    return b"".join(chunks)


WAYS = pytest.mark.parametrize("way", [_by_download, _by_read, _by_stream])


def _left(tmp: Path) -> list[str]:
    return sorted(p.name for p in tmp.iterdir())


# 1. URLs.


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "/files/x.mp4",
        "files/x.mp4",
        "ftp://example.com/x.mp4",
        "data:video/mp4;base64,AAAAGGZ0eXA=",
        "http:///no-host.mp4",
        "http://[::1/x.mp4",
    ],
)
@_bounded
async def test_refused_urls_fail_before_any_io(url: str, tmp_path: Path) -> None:
    video = Video(id="v1", url=url)
    target = tmp_path / "sub" / "x.mp4"
    with pytest.raises(aiovideo.ResponseFormatError, match=r"only absolute http://"):
        await video.download(target)
    with pytest.raises(aiovideo.ResponseFormatError, match=r"only absolute http://"):
        await video.read()
    with pytest.raises(aiovideo.ResponseFormatError, match=r"only absolute http://"):
        video.stream()
    assert not (tmp_path / "sub").exists()  # nothing touched, not even the folder


@_bounded
async def test_redirect_to_a_file_url_is_refused(server: HostileServer, tmp_path: Path) -> None:
    async def redirect(_: web.Request) -> web.StreamResponse:
        raise web.HTTPFound("file:///etc/passwd")

    server.route("GET", FILE, redirect)
    with pytest.raises(aiovideo.ResponseFormatError, match="refused URL"):
        await _video(server).download(tmp_path / "x.mp4")
    assert _left(tmp_path) == []


@_bounded
async def test_batch_counts_a_refused_download_as_that_lines_failure(
    server: HostileServer, tmp_path: Path
) -> None:
    ids = iter(["g1", "g2"])

    async def submit(_: web.Request) -> web.StreamResponse:
        return web.json_response({"id": next(ids), "status": "queued"})

    async def status(request: web.Request) -> web.StreamResponse:
        gid = request.query["generation_id"]
        url = "file:///etc/passwd" if gid == "g1" else server.url + FILE
        return web.json_response({"id": gid, "status": "completed", "video": {"url": url}})

    server.route("POST", STATUS, submit)
    server.route("GET", STATUS, status)
    server.route("GET", FILE, _file())
    lines = [
        Line(1, aiovideo.VideoRequest("some/model", "first")),
        Line(2, aiovideo.VideoRequest("some/model", "second")),
    ]
    async with aiovideo.Client(api_key=API_KEY, base_url=server.url, poll_interval=0.01) as c:
        with aiovideo.Journal(tmp_path / "j.sqlite") as journal:
            batch = Batch(c, journal, tmp_path / "out", lambda *_: None, max_in_flight=1)
            await batch.run(lines)
    first, second = batch.outcomes[1], batch.outcomes[2]
    assert first.status == "failed"
    assert first.error is not None
    assert "refusing to fetch 'file:///etc/passwd'" in first.error
    assert second.status == "completed"
    assert second.path is not None
    assert Path(second.path).read_bytes() == MP4


# 2. Sizes and stalls.


@pytest.mark.parametrize(
    ("file_size", "max_bytes", "message"),
    [(1000, 2**31, "past 1000 bytes .the announced size"), (None, 1_000_000, "max_bytes")],
)
@_bounded
async def test_endless_body_is_cut_off(
    server: HostileServer, tmp_path: Path, file_size: int | None, max_bytes: int, message: str
) -> None:
    sent = 0

    async def endless(request: web.Request) -> web.StreamResponse:
        nonlocal sent
        response = web.StreamResponse(headers={"Content-Type": "video/mp4"})
        response.enable_chunked_encoding()  # no Content-Length: only the byte count can tell
        await response.prepare(request)
        block = MP4[:8] + bytes(65_536 - 8)
        with contextlib.suppress(ConnectionError):
            while sent < 256 * 2**20:  # a bound, so that the old code fails rather than fills
                await response.write(block)
                sent += len(block)
                block = bytes(65_536)
            await response.write_eof()
        return response

    server.route("GET", FILE, endless)
    video = _video(server, file_size=file_size)
    with pytest.raises(aiovideo.ResponseFormatError, match=message):
        await video.download(tmp_path / "x.mp4", max_bytes=max_bytes)
    assert _left(tmp_path) == []  # the partial is not kept: it is not worth resuming
    with pytest.raises(aiovideo.ResponseFormatError, match=message):
        await video.read(max_bytes=max_bytes)
    # Stopped as soon as the bytes passed the limit: what the sockets buffered, at most.
    assert sent < 64 * 2**20


@_bounded
async def test_announced_size_past_max_bytes_is_refused_before_the_body(
    server: HostileServer, tmp_path: Path
) -> None:
    server.route("GET", FILE, _file(MP4))
    video = _video(server)
    with pytest.raises(aiovideo.ResponseFormatError, match=r"16400 bytes announced.*max_bytes"):
        await video.read(max_bytes=1000)
    with pytest.raises(aiovideo.ResponseFormatError, match="max_bytes=1000"):
        await video.download(tmp_path / "x.mp4", max_bytes=1000)
    with pytest.raises(aiovideo.ResponseFormatError, match="the API said 999"):
        await _video(server, file_size=999).read()


@pytest.mark.parametrize("where", ["headers", "body"])
@_bounded
async def test_a_stall_is_a_timeout(server: HostileServer, tmp_path: Path, where: str) -> None:
    release = anyio.Event()

    async def stall(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "video/mp4"})
        response.content_length = len(MP4)
        if where == "body":
            await response.prepare(request)
            await response.write(MP4[:100])
        await release.wait()  # silent until the test is over
        return response

    server.route("GET", FILE, stall)
    try:
        with pytest.raises(aiovideo.TransportError, match=r"timed out.*after 2 tries"):
            await _download.download(
                _video(server),
                tmp_path / "x.mp4",
                stall_timeout=0.2,
                attempts=2,
                backoff=0,
                fetcher=LOCAL,
            )
    finally:
        release.set()
    assert server.hits[("GET", FILE)] == 2


# 3. Bodies that are not videos.


@WAYS
@_bounded
async def test_an_html_page_is_not_a_video(server: HostileServer, tmp_path: Path, way: Way) -> None:
    async def html(_: web.Request) -> web.StreamResponse:
        return web.Response(body=HTML, content_type="text/html")

    server.route("GET", FILE, html)
    with pytest.raises(aiovideo.ResponseFormatError, match="not a video"):
        await way(_video(server), tmp_path)
    assert _left(tmp_path) == []


@_bounded
async def test_a_body_too_short_to_be_a_video(server: HostileServer, tmp_path: Path) -> None:
    server.route("GET", FILE, _file(b"\x00\x00\x00"))
    with pytest.raises(aiovideo.ResponseFormatError, match="3 bytes in all"):
        await _video(server).download(tmp_path / "x.mp4")
    assert _left(tmp_path) == []


@pytest.mark.parametrize("head", [b"\x1a\x45\xdf\xa3\x01\x00\x00\x00", b"\x00\x00\x00\x08wide"])
@_bounded
async def test_webm_and_quicktime_signatures_pass(server: HostileServer, head: bytes) -> None:
    server.route("GET", FILE, _file(head + MP4))
    assert await _video(server).read() == head + MP4


# 4. Transient failures: retried, bounded, resumed.


@_bounded
async def test_a_429_is_waited_out_without_slowing_the_api(
    server: HostileServer, tmp_path: Path
) -> None:
    async def limited(_: web.Request) -> web.StreamResponse:
        return web.json_response({"message": "slow down"}, status=429, headers={"Retry-After": "0"})

    async def status(request: web.Request) -> web.StreamResponse:
        url = server.url + FILE
        return web.json_response({"id": "g1", "status": "completed", "video": {"url": url}})

    server.route("GET", STATUS, status)
    server.route("GET", FILE, _sequence(limited, _file()))
    async with aiovideo.Client(api_key=API_KEY, base_url=server.url) as client:
        video = (await client.get("g1")).video
        assert video is not None
        before = client._downloads.requests
        path = await video.download(tmp_path / "x.mp4")
        # Each attempt took a download slot of the client; the file host's 429 did not
        # touch the API's rate policy (it is another server).
        assert client._downloads.requests - before == 2
        assert client._budget.policy.rate_limited == 0
    assert path.read_bytes() == MP4


@_bounded
async def test_5xx_are_retried_and_attempts_are_bounded(
    server: HostileServer, tmp_path: Path
) -> None:
    async def down(_: web.Request) -> web.StreamResponse:
        return web.Response(status=503, text="<html>503 Service Unavailable</html>")

    server.route("GET", FILE, _sequence(down, down, _file()))
    assert await _download.read(_video(server), backoff=0, fetcher=LOCAL) == MP4
    server.route("GET", "/always.mp4", down)
    video = Video(id="v2", url=server.url + "/always.mp4", fetcher=LOCAL)
    with pytest.raises(aiovideo.ServerError):
        await _download.download(video, tmp_path / "x.mp4", attempts=3, backoff=0, fetcher=LOCAL)
    assert server.hits[("GET", "/always.mp4")] == 3


@WAYS
@_bounded
async def test_reset_then_cut_resumes_with_if_range(
    server: HostileServer, tmp_path: Path, way: Way
) -> None:
    server.route("GET", FILE, _sequence(_reset, _file(etag='"v1"', cut=True), _file(etag='"v1"')))
    assert await way(_video(server, file_size=len(MP4)), tmp_path) == MP4
    last = server.requests[-1].headers
    assert server.hits[("GET", FILE)] == 3
    assert last["Range"] == f"bytes={len(MP4) // 2}-"
    assert last["If-Range"] == '"v1"'


@pytest.mark.parametrize("way", [_by_download, _by_read])
@_bounded
async def test_a_file_changed_midway_starts_over(
    server: HostileServer, tmp_path: Path, way: Way
) -> None:
    # The old version is cut; the server then holds a new one, and honours a bare Range.
    server.route("GET", FILE, _sequence(_file(etag='"a"', cut=True), _file(NEW_MP4, etag='"b"')))
    assert await way(_video(server), tmp_path) == NEW_MP4  # never half of each
    assert server.requests[-1].headers["If-Range"] == '"a"'


@_bounded
async def test_a_stream_whose_file_changed_midway_fails(server: HostileServer) -> None:
    server.route("GET", FILE, _sequence(_file(etag='"a"', cut=True), _file(NEW_MP4, etag='"b"')))
    got: list[bytes] = []

    async def consume() -> None:
        async for chunk in _video(server).stream():
            got.append(chunk)

    with pytest.raises(aiovideo.TransportError, match="no longer confirms the same file"):
        await consume()
    handed_out = b"".join(got)
    assert handed_out == MP4[: len(handed_out)]  # all of it from the old version


@_bounded
async def test_without_a_validator_a_cut_starts_over(server: HostileServer, tmp_path: Path) -> None:
    server.route("GET", FILE, _sequence(_file(cut=True), _file()))
    assert await _by_download(_video(server), tmp_path) == MP4
    assert "Range" not in server.requests[-1].headers


# 5 and 6. Partial files: never through a link, resumed only when the server confirms.


def _plant_partial(tmp: Path, url: str, data: bytes, *, validator: str | None = '"v1"') -> None:
    (tmp / ".x.mp4.part").write_bytes(data)
    meta = {"url": url, "validator": validator, "total": len(MP4)}
    (tmp / ".x.mp4.part.json").write_text(json.dumps(meta))


@pytest.mark.parametrize("sidecar", ["none", "other-url", "no-validator"])
@pytest.mark.parametrize("size", [len(MP4) // 2, len(MP4)])
@_bounded
async def test_a_stale_partial_is_never_trusted(
    server: HostileServer, tmp_path: Path, sidecar: str, size: int
) -> None:
    server.route("GET", FILE, _file(etag='"v1"'))
    stale = MP4[:16] + b"\xee" * (size - 16)  # looks like a video, holds other bytes
    url = server.url + FILE
    _plant_partial(tmp_path, "http://elsewhere/f.mp4" if sidecar == "other-url" else url, stale)
    if sidecar == "none":
        (tmp_path / ".x.mp4.part.json").unlink()
    elif sidecar == "no-validator":
        _plant_partial(tmp_path, url, stale, validator=None)
    path = await _video(server, file_size=len(MP4)).download(tmp_path / "x.mp4")
    assert path.read_bytes() == MP4
    assert "Range" not in server.requests[-1].headers
    assert _left(tmp_path) == ["x.mp4"]


@_bounded
async def test_a_partial_is_resumed_by_the_next_call_when_the_server_confirms(
    server: HostileServer, tmp_path: Path
) -> None:
    server.route("GET", FILE, _sequence(_file(etag='"v1"', cut=True), _file(etag='"v1"')))
    video = _video(server)
    with pytest.raises(aiovideo.TransportError, match=r"connection lost.*after 1 tries"):
        await _download.download(video, tmp_path / "x.mp4", attempts=1, fetcher=LOCAL)
    assert _left(tmp_path) == [".x.mp4.part", ".x.mp4.part.json"]
    assert (tmp_path / ".x.mp4.part").stat().st_mode & 0o777 == 0o644 & ~_umask()
    assert (tmp_path / ".x.mp4.part.json").stat().st_mode & 0o077 == 0
    path = await video.download(tmp_path / "x.mp4")
    assert path.read_bytes() == MP4
    assert server.requests[-1].headers["If-Range"] == '"v1"'
    assert server.requests[-1].headers["Range"] == f"bytes={len(MP4) // 2}-"
    assert _left(tmp_path) == ["x.mp4"]


@_bounded
async def test_a_partial_of_a_changed_file_starts_over(
    server: HostileServer, tmp_path: Path
) -> None:
    server.route("GET", FILE, _file(NEW_MP4, etag='"v2"'))
    _plant_partial(tmp_path, server.url + FILE, MP4[: len(MP4) // 2])
    path = await _video(server).download(tmp_path / "x.mp4")
    assert path.read_bytes() == NEW_MP4
    assert server.requests[-1].headers["If-Range"] == '"v1"'


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize("link", ["symlink", "hardlink"])
@_bounded
async def test_planted_links_are_never_written_through(
    server: HostileServer, tmp_path: Path, link: str
) -> None:
    server.route("GET", FILE, _file(etag='"v1"'))
    out, victims = tmp_path / "out", tmp_path / "victims"
    out.mkdir()
    victims.mkdir()
    # Victims that look like a resumable partial and its sidecar, and a final file.
    secret = MP4[:64] + b"precious bytes, keep them"
    meta = json.dumps({"url": server.url + FILE, "validator": '"v1"', "total": len(MP4)})
    for name, content in (("part", secret), ("json", meta.encode()), ("final", b"other file")):
        (victims / name).write_bytes(content)
    if link == "symlink":
        (out / ".x.mp4.part").symlink_to(victims / "part")
        (out / ".x.mp4.part.json").symlink_to(victims / "json")
        (out / "x.mp4").symlink_to(victims / "final")
    else:
        os.link(victims / "part", out / ".x.mp4.part")
        (out / ".x.mp4.part.json").write_text(meta)
    path = await _video(server).download(out / "x.mp4")
    assert (victims / "part").read_bytes() == secret
    assert (victims / "json").read_bytes() == meta.encode()
    assert (victims / "final").read_bytes() == b"other file"
    assert not path.is_symlink()
    assert path.read_bytes() == MP4
    assert "Range" not in server.requests[-1].headers
    assert _left(out) == ["x.mp4"]


@_bounded
async def test_a_planted_dangling_symlink_creates_nothing_elsewhere(
    server: HostileServer, tmp_path: Path
) -> None:
    server.route("GET", FILE, _file())
    (tmp_path / ".x.mp4.part").symlink_to(tmp_path / "elsewhere")
    await _video(server).download(tmp_path / "x.mp4")
    assert _left(tmp_path) == ["x.mp4"]


# 7 and 8. read() and stream() through a client; the API key stays with the API.


@_bounded
async def test_no_authorization_reaches_the_file_server(
    server: HostileServer, tmp_path: Path
) -> None:
    async def status(request: web.Request) -> web.StreamResponse:
        url = server.url + FILE
        video = {"url": url, "file_size": len(MP4)}
        return web.json_response({"id": "g1", "status": "completed", "video": video})

    server.route("GET", STATUS, status)
    server.route("GET", FILE, _file(etag='"v1"'))
    async with aiovideo.Client(api_key=API_KEY, base_url=server.url) as client:
        video = (await client.get("g1")).video
        assert video is not None
        assert (await video.download(tmp_path / "x.mp4")).read_bytes() == MP4
        assert await video.read() == MP4
        assert b"".join([chunk async for chunk in video.stream()]) == MP4
    assert await video.read() == MP4  # after close: a session of its own
    files = [seen for seen in server.requests if seen.path == FILE]
    assert len(files) == 4
    assert all("Authorization" not in seen.headers for seen in files)
    assert all(API_KEY not in json.dumps(seen.headers) for seen in files)
    api = [seen for seen in server.requests if seen.path == STATUS]
    assert api[0].headers["Authorization"] == f"Bearer {API_KEY}"


@_bounded
async def test_a_stream_closed_early_gives_its_slot_back(server: HostileServer) -> None:
    server.route("GET", FILE, _file(MP4 * 64))
    session = aiohttp.ClientSession()
    budget = Budget(max_connections=1)
    fetcher = _download.Fetcher(lambda: session, budget, allow_private=True)
    try:
        video = Video(id="v1", url=server.url + FILE, fetcher=fetcher)
        async with contextlib.aclosing(video.stream()) as chunks:
            async for _ in chunks:
                break
        # One connection slot in all: a leaked one would block this read for good.
        assert await video.read(max_bytes=len(MP4) * 64) == MP4 * 64
    finally:
        await session.close()


# The emulator: an ETag, If-Range honoured, so resume works end to end.


@_bounded
async def test_emulator_download_resumes_with_if_range(
    make_emulator: MakeEmulator, tmp_path: Path
) -> None:
    emu = await make_emulator(cut_downloads=1)
    async with aiovideo.Client(api_key=API_KEY, base_url=emu.base_url, poll_interval=0.05) as c:
        video = await c.generate(model="google/veo3", prompt="x", duration=8)
        path = await video.download(tmp_path / "x.mp4")
        assert emu.stats["cut_downloads"] == 1
        assert emu.stats["ranged_files"] == 1  # resumed by a 206, not started over
        assert video.file_size is not None
        assert path.stat().st_size == video.file_size
        async with aiohttp.ClientSession() as session:
            async with session.get(video.url, headers={"Range": "bytes=10-"}) as resp:
                etag = resp.headers["ETag"]
                assert resp.status == 206
            headers = {"Range": "bytes=10-", "If-Range": '"another"'}
            async with session.get(video.url, headers=headers) as resp:
                assert resp.status == 200  # another version than the client's: all of it
                assert await resp.read() == path.read_bytes()
            headers = {"Range": "bytes=10-19", "If-Range": etag}
            async with session.get(video.url, headers=headers) as resp:
                assert resp.status == 206
                assert await resp.read() == path.read_bytes()[10:20]
