"""The pytest plugin of the testing kit (registered as the `pytest11` entry point `aiovideo`).

It gives every test suite of a project that installs aiovideo the fixture `aiovideo_emulator`.
The fixture is synchronous (the emulator runs in a thread of its own), so it works with
pytest-asyncio in either mode, anyio's plugin or plain synchronous tests alike, and this module
imports nothing of aiovideo until a test asks for it. A suite needs no asyncio settings of its
own for it, even under `filterwarnings = error` (see `pytest_configure`).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from aiovideo.testing import Emulator

__all__ = ["aiovideo_emulator", "pytest_configure"]

# pytest-asyncio's deprecation of a suite that leaves its async fixtures' loop scope unset.
_SCOPE_UNSET = re.escape('The configuration option "asyncio_default_fixture_loop_scope" is unset')


@pytest.hookimpl(tryfirst=True)  # before pytest-asyncio's own, which warns
def pytest_configure(config: pytest.Config) -> None:
    """Let a suite that set none of pytest-asyncio's options run under `filterwarnings =
    error`.

    pytest-asyncio warns, as a deprecation, that `asyncio_default_fixture_loop_scope` is
    unset; under `filterwarnings = error` that stops the whole run before any test. The
    choice it asks for concerns only a suite's own async fixtures (`aiovideo_emulator` is
    synchronous), and leaving it unset keeps its present behaviour, so that one warning is
    ignored while the option is unset; setting it (to `function`) is still the way to choose.
    """
    if not config.pluginmanager.hasplugin("asyncio"):  # no pytest-asyncio: nothing to quiet
        return
    if not config.getini("asyncio_default_fixture_loop_scope"):
        # Inside pytest's configure-time warning filters: gone once configuring is over.
        warnings.filterwarnings(
            "ignore", message=_SCOPE_UNSET, category=pytest.PytestDeprecationWarning
        )


@pytest.fixture
def aiovideo_emulator() -> Iterator[Emulator]:
    """A running `aiovideo.testing.Emulator` with its defaults (0.2 s generations), one per
    test: point your code at `aiovideo_emulator.url` with `aiovideo_emulator.api_key`, or use
    `aiovideo_emulator.client()`."""
    from aiovideo.testing import Emulator  # noqa: PLC0415  (only when a test asks for it)

    with Emulator() as emulator:
        yield emulator
