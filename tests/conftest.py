from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import pytest

from aiovideo._emulator import Emulator, EmulatorConfig
from aiovideo._retry import set_testing

# The testing kit's fixture (`aiovideo_emulator`), which the examples' tests use. The suite
# turns off the entry point (`-p no:aiovideo`) and loads the plugin here instead: the entry
# point would import the package before coverage starts.
pytest_plugins = ["aiovideo._pytest_plugin"]

API_KEY = "sk-test-SECRET-0123456789"

MakeEmulator = Callable[..., Awaitable[Emulator]]


@pytest.fixture(autouse=True)
def _no_retry_waits() -> Iterator[None]:
    # Retries keep their count but lose their backoff waits, so tests run fast.
    set_testing(attempts=3)
    yield
    set_testing(None)


@pytest.fixture(autouse=True)
def _no_env_key(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AIMLAPI_API_KEY", "AIML_API_KEY", "AIMLAPI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(name="make_emulator")
async def fixture_make_emulator() -> AsyncIterator[MakeEmulator]:
    started: list[Emulator] = []

    async def make(**config: Any) -> Emulator:
        config.setdefault("api_key", API_KEY)
        config.setdefault("min_seconds", 0.2)
        config.setdefault("max_seconds", 0.4)
        config.setdefault("seed", 7)
        emu = Emulator(EmulatorConfig(**config))
        await emu.start()
        started.append(emu)
        return emu

    yield make
    for emu in started:
        await emu.close()


@pytest.fixture(name="emulator")
async def fixture_emulator(make_emulator: MakeEmulator) -> Emulator:
    return await make_emulator()
