"""Quickstart: one video, from a prompt to an MP4 file.

Run it against the local emulator (no key, nothing billed; writes ./fox.mp4):

    python examples/quickstart.py --emulator

Without `--emulator` it calls the real API with the key in AIMLAPI_API_KEY (and is billed).
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

import aiovideo
from aiovideo.testing import Emulator


async def main(make_client: Callable[[], aiovideo.Client] = aiovideo.Client) -> Path:
    # `aiovideo.Client()` reads the key from AIMLAPI_API_KEY; leaving the block closes it.
    async with make_client() as client:
        # One POST: the server answers with an id at once, and the client's scheduler polls it.
        job = await client.submit(
            model="google/veo3", prompt="A red fox trotting through fresh snow", duration=4
        )
        print(f"submitted {job.id}")
        async for update in job.updates():  # one snapshot per status change
            # The cost the API reported so far: the submit reply says it, the last reply too.
            cost = "cost not reported yet" if job.cost is None else f"{job.cost.usd} USD"
            print(f"  {update.status} ({cost})")
        video = await job  # the Video, or raises GenerationFailedError
        path = await video.download("fox.mp4")  # streamed to a temporary file, then renamed
    print(f"saved {path} ({path.stat().st_size:,} bytes), cost: {job.cost}")
    return path


if __name__ == "__main__":
    if "--emulator" in sys.argv:
        with Emulator(seconds=1) as emu:  # a local stand-in for the API, in a thread
            asyncio.run(main(lambda: emu.client(poll_interval=0.25)))
    else:
        asyncio.run(main())
