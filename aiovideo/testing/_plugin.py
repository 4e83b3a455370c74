"""The pytest plugin of the testing kit (registered as the `pytest11` entry point `aiovideo`).

It gives every test suite of a project that installs aiovideo the fixture `aiovideo_emulator`.
The fixture is synchronous (the emulator runs in a thread of its own), so it works with
pytest-asyncio, anyio's plugin or plain synchronous tests alike, and this module imports
nothing but pytest until a test asks for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from aiovideo.testing import Emulator


@pytest.fixture
def aiovideo_emulator() -> Iterator[Emulator]:
    """A running `aiovideo.testing.Emulator` with its defaults (0.2 s generations), one per
    test: point your code at `aiovideo_emulator.url` with `aiovideo_emulator.api_key`, or use
    `aiovideo_emulator.client()`."""
    from aiovideo.testing import Emulator  # noqa: PLC0415  (only when a test asks for it)

    with Emulator() as emulator:
        yield emulator
