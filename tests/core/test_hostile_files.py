"""Two writers on one file name, and names too long for the file system (issue 18).

A file is renamed into place only if it is the whole video its transfer fetched, whatever
another transfer of the same name does meanwhile. No test sleeps to synchronise: handlers
wait on Events the test sets.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import anyio
import pytest
from aiohttp import web

from aiovideo.core import _download
from aiovideo.core._values import Video
from tests.hostile import HostileServer

HEADER = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00"
A_BODY = HEADER + b"A" * 800_000  # 800,016 bytes
B_BODY = HEADER + b"B" * 460_000

# The hostile file servers here are on 127.0.0.1, which a Video refuses unless allowed.
LOCAL = _download.Fetcher(allow_private=True)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@pytest.fixture(name="server")
async def fixture_server() -> AsyncIterator[HostileServer]:
    async with HostileServer() as server:
        yield server


def _gated(data: bytes, started: anyio.Event, go: anyio.Event) -> Handler:
    """Send the first half, say so, wait for `go`, then the rest."""

    async def handle(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "video/mp4", "ETag": '"e"'})
        response.content_length = len(data)
        await response.prepare(request)
        await response.write(data[: len(data) // 2])
        started.set()
        await go.wait()
        await response.write(data[len(data) // 2 :])
        await response.write_eof()
        return response

    return handle


@pytest.mark.parametrize("first_to_finish", ["a", "b"])
async def test_two_downloads_of_one_path_never_rename_a_part_of_the_other(
    server: HostileServer, tmp_path: Path, first_to_finish: str
) -> None:
    started = {"a": anyio.Event(), "b": anyio.Event()}
    go = {"a": anyio.Event(), "b": anyio.Event()}
    server.route("GET", "/a.mp4", _gated(A_BODY, started["a"], go["a"]))
    server.route("GET", "/b.mp4", _gated(B_BODY, started["b"], go["b"]))
    target = tmp_path / "001-a-red-fox.mp4"
    done: dict[str, Path] = {}
    finished = {"a": anyio.Event(), "b": anyio.Event()}

    async def fetch(name: str) -> None:
        video = Video(id=name, url=f"{server.url}/{name}.mp4")
        try:
            done[name] = await _download.download(video, target, backoff=0, fetcher=LOCAL)
        finally:
            finished[name].set()

    with anyio.fail_after(20):
        async with anyio.create_task_group() as tg:
            tg.start_soon(fetch, "a")
            await started["a"].wait()  # a holds its partial, half written
            tg.start_soon(fetch, "b")
            await started["b"].wait()
            last = "b" if first_to_finish == "a" else "a"
            go[first_to_finish].set()
            await finished[first_to_finish].wait()
            go[last].set()
    assert done == {"a": target, "b": target}
    assert target.read_bytes() == (A_BODY if last == "a" else B_BODY)  # whole, the last one
    assert sorted(path.name for path in tmp_path.iterdir()) == [target.name]


async def test_a_download_whose_partial_was_replaced_is_not_renamed(
    server: HostileServer, tmp_path: Path
) -> None:
    started, go = anyio.Event(), anyio.Event()
    server.route("GET", "/a.mp4", _gated(A_BODY, started, go))
    target = tmp_path / "x.mp4"
    failure: list[BaseException] = []

    async def fetch() -> None:
        try:
            video = Video(id="a", url=f"{server.url}/a.mp4")
            await _download.download(video, target, backoff=0, fetcher=LOCAL)
        except OSError as exc:
            failure.append(exc)

    with anyio.fail_after(20):
        async with anyio.create_task_group() as tg:
            tg.start_soon(fetch)
            await started.wait()
            # A writer that takes no lock (an older aiovideo, a script) replaces the partial.
            part = tmp_path / ".x.mp4.part"
            part.unlink()
            part.write_bytes(B_BODY[:1000])
            go.set()
    assert failure
    assert "not renamed into place" in str(failure[0])
    assert not target.exists()


async def test_a_250_character_name_is_downloaded(server: HostileServer, tmp_path: Path) -> None:
    started, go = anyio.Event(), anyio.Event()
    go.set()
    server.route("GET", "/a.mp4", _gated(A_BODY, started, go))
    names = ["x" * 246 + f"{n}.mp4" for n in (1, 2)]  # 251 characters, alike but for one
    for name in names:
        video = Video(id="a", url=f"{server.url}/a.mp4")
        path = await _download.download(video, tmp_path / name, backoff=0, fetcher=LOCAL)
        assert path.read_bytes() == A_BODY
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(names)
    assert os.pathconf(tmp_path, "PC_NAME_MAX") >= 251  # what the test relies on
