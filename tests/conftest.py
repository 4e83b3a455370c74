from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import pytest

from aiovideo.core._retry import set_testing
from aiovideo.testing import Emulator, EmulatorConfig

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


def pytest_configure(config: pytest.Config) -> None:
    """Load the testing kit's plugin (`aiovideo_emulator`, which the examples' tests use)
    unless its entry point did: `make test` turns the entry point off (`-p no:aiovideo`),
    which would import the package before coverage starts."""
    from aiovideo.testing import _plugin

    if not config.pluginmanager.is_registered(_plugin):
        config.pluginmanager.register(_plugin, "aiovideo-testing-kit")
