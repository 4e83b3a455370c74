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
`FakeClock` is a clock for `Client(timer=...)` that moves only when a test says so;
`families()` says how the emulator plays each model family (its reply shapes, its prices).

The library itself never imports this package: the two meet only over HTTP. Rendering the MP4s
needs PyAV, installed with `pip install 'aiovideo[emulator]'`.

Inside: `_emulator` (`Emulator`), `_server` (the aiohttp application and its handlers),
`_config`, `_families`, `_generations`, `_faults` (scripts and injected faults), `_logs` (the
usage log), `_http` (the envelope), `_mp4`, `_clock` (`FakeClock`), `_plugin` (pytest).
"""

from aiovideo.testing._clock import FakeClock
from aiovideo.testing._config import EmulatorConfig
from aiovideo.testing._emulator import TEST_API_KEY, Emulator
from aiovideo.testing._families import Family, families
from aiovideo.testing._faults import Script

__all__ = [
    "TEST_API_KEY",
    "Emulator",
    "EmulatorConfig",
    "FakeClock",
    "Family",
    "Script",
    "families",
]
