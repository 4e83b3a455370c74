"""A tiny aiohttp server for hostile-server tests: each test gives the handlers it needs.

    async with HostileServer() as server:
        server.route("GET", "/v2/video/generations", handler)
        client = aiovideo.Client(api_key=..., base_url=server.url)

`ThreadedServer` serves one from a thread of its own, for code that runs its own event loop
(a command of the CLI). Handlers are plain aiohttp handlers; `server.hits` counts requests
per (method, path) and `server.requests` keeps every request's method, path, query and
headers, so a test can assert what the client sent (say, that a POST was never repeated).
"""

from __future__ import annotations

import asyncio
import collections
import threading
from collections.abc import Awaitable, Callable, Coroutine
from types import TracebackType
from typing import Any, Self

import attrs
import pytest
from aiohttp import web

__all__ = ["HostileServer", "Seen", "ThreadedServer", "cancel_when", "json_handler"]

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@attrs.frozen
class Seen:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]


def json_handler(payload: Any, *, status: int = 200) -> Handler:
    """A handler that always answers `payload` as JSON."""

    async def handle(_: web.Request) -> web.StreamResponse:
        return web.json_response(payload, status=status)

    return handle


async def cancel_when(event: asyncio.Event, call: Coroutine[Any, Any, Any]) -> None:
    """Run `call` in a task, cancel it once `event` is set (say, its POST reached the
    server), and check that the cancellation reached the caller."""
    caller = asyncio.ensure_future(call)
    await event.wait()
    caller.cancel()
    with pytest.raises(asyncio.CancelledError):
        await caller


class HostileServer:
    """A real HTTP server on 127.0.0.1 with handlers set per test."""

    def __init__(self) -> None:
        self._routes: dict[tuple[str, str], Handler] = {}
        self.hits: collections.Counter[tuple[str, str]] = collections.Counter()
        self.requests: list[Seen] = []
        self._runner: web.AppRunner | None = None
        self.url = ""

    def route(self, method: str, path: str, handler: Handler) -> None:
        self._routes[(method, path)] = handler

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        key = (request.method, request.path)
        self.hits[key] += 1
        self.requests.append(
            Seen(request.method, request.path, dict(request.query), dict(request.headers))
        )
        handler = self._routes.get(key)
        if handler is None:
            return web.json_response({"message": "no route"}, status=404)
        return await handler(request)

    async def __aenter__(self) -> Self:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        # A handler left hanging (a reply that never comes) must not hold the test's exit for
        # aiohttp's default minute of graceful shutdown.
        self._runner = web.AppRunner(
            app, access_log=None, handle_signals=False, shutdown_timeout=0.5
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server  # aiohttp keeps the bound socket here; no public accessor
        assert server is not None
        port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._runner is not None:
            await self._runner.cleanup()


class ThreadedServer:
    """A HostileServer serving from a thread of its own, for commands that run their own loop."""

    def __init__(self) -> None:
        self.server = HostileServer()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self.released = asyncio.Event()  # ends the replies that never end, at teardown

    @property
    def url(self) -> str:
        return self.server.url

    def route(self, method: str, path: str, handler: Handler) -> None:
        self.server.route(method, path, handler)

    def __enter__(self) -> Self:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self.server.__aenter__(), self._loop).result()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._loop.call_soon_threadsafe(self.released.set)
        close = self.server.__aexit__(None, None, None)
        asyncio.run_coroutine_threadsafe(close, self._loop).result()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()
