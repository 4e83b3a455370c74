"""A testing kit: a local emulator of the API to test your own code against.

The emulator is a real aiohttp server on 127.0.0.1 that speaks the API's submit, status, usage
log and file endpoints, each model family in its own reply shapes, with its own prices. It needs
no key and no network, and a generation takes 0.2 s by default::

    from aiovideo.testing import Emulator

    async with Emulator() as emu:
        async with emu.client() as client:          # a Client with test-friendly timing
            video = await client.generate(model="google/veo3", prompt="a fox")
        emu.url, emu.api_key                        # to point any other code at it

It also runs in a thread of its own (`with Emulator() as emu:`), for synchronous tests and
frameworks with their own event loop. Aim outcomes at your code with `emu.script(...)`: by
prompt substring or model, fail with a given error, take a given time, answer 404 to the first
checks, answer 429 to submits, send the file slowly or cut it off. Like the real API it refuses a
model id it does not serve (400), so a typo in your model id fails your test.

With pytest, the fixture `aiovideo_emulator` (an entered `Emulator`) comes with the package.

The library itself never imports this module: the two meet only over HTTP. Rendering the MP4s
needs PyAV, installed with `pip install 'aiovideo[emulator]'`.
"""

from __future__ import annotations

import asyncio
import importlib.util
import threading
from typing import Any, Self

import aiovideo
from aiovideo.core import ConfigurationError
from aiovideo.testing._server import Emulator as _Server
from aiovideo.testing._server import EmulatorConfig, Script

__all__ = ["TEST_API_KEY", "Emulator", "EmulatorConfig", "Script"]

#: The key an `Emulator` accepts unless given another; any code under test may use it.
TEST_API_KEY = "aiovideo-test-key"
# `Emulator.client()`'s timing: a check every 20 ms, the first one at once.
_POLL_INTERVAL = 0.02


class Emulator(_Server):
    """A local emulator of the API for tests.

    Args:
        seconds: how long each generation takes (queued, then generating, then done).
        api_key: the only key it accepts.
        failure_rate: the share of generations that end with status `error` (0 to 1).
        seed: for its random draws (generation times, failures, injected faults).
        **options: any other field of `EmulatorConfig` (`rps_limit`, `not_found_polls`,
            `server_error_rate`, `drop_rate`, `cut_downloads`, `prices`, `unknown_models`...).

    Raises:
        ConfigurationError: an option it does not know, or PyAV missing.
    """

    def __init__(
        self,
        *,
        seconds: float = 0.2,
        api_key: str = TEST_API_KEY,
        failure_rate: float = 0.0,
        seed: int | None = None,
        **options: Any,
    ) -> None:
        if importlib.util.find_spec("av") is None:
            raise ConfigurationError(
                "the emulator renders real MP4s with PyAV: pip install 'aiovideo[emulator]'"
            )
        options.setdefault("min_seconds", seconds)
        options.setdefault("max_seconds", seconds)
        try:
            config = EmulatorConfig(
                api_key=api_key, failure_rate=failure_rate, seed=seed, **options
            )
        except TypeError as exc:
            raise ConfigurationError(f"Emulator: {exc}") from None
        super().__init__(config)
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None

    @property
    def url(self) -> str:
        """Its base URL (`http://127.0.0.1:PORT`): what `Client(base_url=...)` takes."""
        if not self.base_url:
            raise ConfigurationError("the emulator is not running: enter it first")
        return self.base_url

    @property
    def api_key(self) -> str:
        """The key it accepts."""
        assert self.config.api_key is not None
        return self.config.api_key

    def client(self, **options: Any) -> aiovideo.Client:
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
        return aiovideo.Client(**options)

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
            return super().script(**rule)
        except TypeError as exc:
            raise ConfigurationError(f"script: {exc}") from None

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
