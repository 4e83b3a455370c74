"""`Emulator`, the testing kit's one public emulator: the server of `_server.py`, started and
stopped in the test's event loop or in a thread of its own, with a Client pointed at it."""

from __future__ import annotations

import asyncio
import collections
import importlib.util
import threading
from typing import Any, Self, overload

from aiovideo import core
from aiovideo.core import ConfigurationError
from aiovideo.testing._config import EmulatorConfig
from aiovideo.testing._faults import Script
from aiovideo.testing._server import Server

__all__ = ["TEST_API_KEY", "Emulator"]

#: The key an `Emulator` accepts unless given another; any code under test may use it.
TEST_API_KEY = "aiovideo-test-key"
# `Emulator.client()`'s timing: a check every 20 ms, the first one at once.
_POLL_INTERVAL = 0.02


def _config(
    seconds: float = 0.2,
    api_key: str = TEST_API_KEY,
    failure_rate: float = 0.0,
    seed: int | None = None,
    **options: Any,
) -> EmulatorConfig:
    """The configuration of `Emulator(**options)`: its test-friendly defaults, then `options`."""
    options.setdefault("min_seconds", seconds)
    options.setdefault("max_seconds", seconds)
    try:
        return EmulatorConfig(api_key=api_key, failure_rate=failure_rate, seed=seed, **options)
    except TypeError as exc:
        raise ConfigurationError(f"Emulator: {exc}") from None


class Emulator:
    """A local emulator of the API for tests: a real aiohttp server on 127.0.0.1.

    Use it with `async with Emulator() as emu:` (in the test's event loop), or with
    `with Emulator() as emu:` (in a thread of its own, for synchronous code).

    Args:
        config: a whole `EmulatorConfig` (its own defaults: 2 to 4 s generations, any key),
            instead of the options below.
        seconds: how long each generation takes (queued, then generating, then done).
        api_key: the only key it accepts.
        failure_rate: the share of generations that end with status `error` (0 to 1).
        seed: for its random draws (generation times, failures, injected faults).
        **options: any other field of `EmulatorConfig` (`rps_limit`, `not_found_polls`,
            `server_error_rate`, `drop_rate`, `cut_downloads`, `prices`, `unknown_models`...).

    Raises:
        ConfigurationError: an option it does not know, a config and options both, or PyAV
            missing.
    """

    @overload
    def __init__(self, config: EmulatorConfig, /) -> None: ...

    @overload
    def __init__(
        self,
        *,
        seconds: float = 0.2,
        api_key: str = TEST_API_KEY,
        failure_rate: float = 0.0,
        seed: int | None = None,
        **options: Any,
    ) -> None: ...

    # mypy takes the second form's `**options` to reach `config` too (it may not: `config` is
    # positional-only), hence the ignore.
    def __init__(  # type: ignore[misc]
        self, config: EmulatorConfig | None = None, /, **options: Any
    ) -> None:
        if importlib.util.find_spec("av") is None:
            raise ConfigurationError(
                "the emulator renders real MP4s with PyAV: pip install 'aiovideo[emulator]'"
            )
        if config is not None and options:
            raise ConfigurationError(
                f"Emulator: a config or options, not both (got {sorted(options)} too)"
            )
        self.config = config if config is not None else _config(**options)
        self._server = Server(self.config)
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None

    @property
    def base_url(self) -> str:
        """Its base URL (`http://127.0.0.1:PORT`), or "" while it is not running."""
        return self._server.base_url

    @property
    def url(self) -> str:
        """Its base URL (`http://127.0.0.1:PORT`): what `Client(base_url=...)` takes.

        Raises:
            ConfigurationError: it is not running.
        """
        if not self.base_url:
            raise ConfigurationError("the emulator is not running: enter it first")
        return self.base_url

    @property
    def api_key(self) -> str:
        """The key it accepts (when it accepts any key, `TEST_API_KEY`, one of them)."""
        return self.config.api_key if self.config.api_key is not None else TEST_API_KEY

    @property
    def stats(self) -> collections.Counter[str]:
        """Its counters: `requests`, `submits`, `polls`, `files`, `http_429`, ... (0 if unseen)."""
        return self._server.stats

    def client(self, **options: Any) -> core.Client:
        """A Client pointed at this emulator, checking every 20 ms from the first moment.

        Args:
            **options: any `Client` option, over the test-friendly ones.

        Returns:
            A Client, not yet open: use it with `async with`.
        """
        options.setdefault("api_key", self.api_key)
        options.setdefault("base_url", self.url)
        options.setdefault("poll_interval", _POLL_INTERVAL)
        options.setdefault("max_first_check", _POLL_INTERVAL)
        return core.Client(**options)

    def script(self, **rule: Any) -> Script:
        """Script what happens to the generations of matching submits (first rule wins).

        Args:
            prompt: a substring of the prompt it matches (default: any prompt).
            model: the model id it matches (default: any model).
            fail: end the generation with status `error` and this message.
            seconds: the generation takes this long.
            not_found: its first this many status checks answer 404.
            rate_limited: answer this many matching submits 429 before accepting one.
            retry_after: the `Retry-After` of those 429s, in seconds (default 0).
            download: "slow" sends the file a little at a time; "cut" cuts the first
                download off halfway (a client resumes it).
            times: how many submits the rule applies to (default: every one).

        Returns:
            The rule, as added.

        Raises:
            ConfigurationError: a field a rule does not have.
        """
        try:
            return self._server.scripts.add(**rule)
        except TypeError as exc:
            raise ConfigurationError(f"script: {exc}") from None

    def generations(self) -> list[dict[str, Any]]:
        """What it knows of each generation, oldest first (as `/_emulator/generations` says).

        Returns:
            One dict per generation: `id`, `model`, `family`, `prompt`, `path` (submitted
            on), `duration` (seconds of video), `submitted` and `completes_at` (wall clock),
            `fails`, `client_request_id`, `polled_at` (the wall-clock moments of its status
            checks).
        """
        return [gen.listing() for gen in self._server.generations.values()]

    def completion_times(self) -> dict[str, float]:
        """Each generation's completion moment (wall clock, seconds since the epoch).

        Returns:
            The moment by generation id.
        """
        return {gen.id: gen.completes_at for gen in self._server.generations.values()}

    def finish(self, generation_id: str) -> None:
        """End a generation's wait now: from its next status check on, it reads done (or
        error, when it fails).

        Args:
            generation_id: an id this emulator issued.

        Raises:
            ConfigurationError: an id it never issued.
        """
        gen = self._server.generations.get(generation_id)
        if gen is None:
            raise ConfigurationError(f"finish: {generation_id!r} is no generation of this emulator")
        gen.seconds = 0

    # Running in the test's event loop.

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Start serving (what `async with` does).

        Args:
            host: the address to listen on.
            port: the port (0: a free one).

        Returns:
            Its base URL.
        """
        return await self._server.start(host, port)

    async def close(self) -> None:
        """Stop serving (held submit replies are let go at once)."""
        await self._server.close()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # Running in a thread of its own, for synchronous code.

    def __enter__(self) -> Self:
        started = threading.Event()
        failure: list[BaseException] = []

        async def serve() -> None:
            self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
            try:
                await self.start()
            except BaseException as exc:
                failure.append(exc)
                raise
            finally:
                started.set()
            try:
                await self._stop.wait()
            finally:
                await self.close()

        self._thread = threading.Thread(
            target=asyncio.run, args=(serve(),), name="aiovideo-emulator", daemon=True
        )
        self._thread.start()
        started.wait()
        if failure:
            raise failure[0]
        return self

    def __exit__(self, *exc: object) -> None:
        if self._thread is None:
            return
        assert self._loop is not None
        assert self._stop is not None
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join()
        self._thread = None
