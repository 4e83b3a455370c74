"""Big replies benchmark: what a 15 MiB status reply costs the event loop, and what a Job whose
status flips with big replies keeps (issue 18, 9).

A small aiohttp server in this process answers `GET /v2/video/generations` with a reply of the
given size, its padding full of `\\/` escapes (so the SDK's key scrub must walk all of it).
While `client.get()` reads it, a ticker on the same loop wakes every millisecond; the largest
gap between two ticks is the loop's stall: every other Job waits that long. Then a Job whose
status flips between two words with replies of the given size is tracked through 20 flips,
and the Python memory it holds is measured (tracemalloc, after gc.collect()).

    .venv/bin/python benchmarks/big_replies.py                 # 15 MiB, 4 MiB flips
    .venv/bin/python benchmarks/big_replies.py --mib 8 --flip-mib 2
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import time
import tracemalloc
from typing import Any

from aiohttp import web

import aiovideo

KEY = "sk-bench-0123456789"
PATH = "/v2/video/generations"


def _body(gid: str, status: str, mib: float) -> bytes:
    pad = "a\\/"  # many small strings, an escape in each: the most objects per byte
    count = int(mib * 1024 * 1024 / (len(pad) + 3))
    head = f'{{"id": "{gid}", "status": "{status}", "pad": ['
    return (head + ",".join([f'"{pad}"'] * count) + "]}").encode()


async def _serve(handler: Any) -> tuple[web.AppRunner, str]:
    app = web.Application(client_max_size=1024**3)
    app.router.add_get(PATH, handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}"


async def loop_stall(mib: float) -> tuple[float, float]:
    """(seconds the get took, the longest gap between two 1 ms ticks meanwhile)."""
    body = _body("g", "generating", mib)

    async def reply(_: web.Request) -> web.StreamResponse:
        return web.Response(body=body, content_type="application/json")

    runner, url = await _serve(reply)
    try:
        async with aiovideo.Client(api_key=KEY, base_url=url, max_response_bytes=64 << 20) as c:
            worst, stop = 0.0, asyncio.Event()

            async def tick() -> None:
                nonlocal worst
                last = time.perf_counter()
                while not stop.is_set():
                    await asyncio.sleep(0.001)
                    now = time.perf_counter()
                    worst, last = max(worst, now - last), now

            ticker = asyncio.create_task(tick())
            began = time.perf_counter()
            await c.get("g")
            took = time.perf_counter() - began
            stop.set()
            await ticker
    finally:
        await runner.cleanup()
    return took, worst


async def held_by_a_flipping_job(mib: float, flips: int) -> float:
    """MB of Python memory a Job holds after `flips` status changes with `mib` replies."""
    words = itertools.cycle(["queued", "generating"])
    bodies = {word: _body("g", word, mib) for word in ("queued", "generating")}
    seen = asyncio.Event()
    hits = 0

    async def reply(_: web.Request) -> web.StreamResponse:
        nonlocal hits
        hits += 1
        if hits > flips:
            seen.set()
        return web.Response(body=bodies[next(words)], content_type="application/json")

    runner, url = await _serve(reply)
    try:
        async with aiovideo.Client(
            api_key=KEY, base_url=url, poll_interval=0.01, max_response_bytes=64 << 20
        ) as client:
            gc.collect()
            tracemalloc.start()
            before = tracemalloc.get_traced_memory()[0]
            job = client.track("g")
            await seen.wait()
            await asyncio.sleep(0.2)  # let the last reply in flight settle
            job.cancel()
            gc.collect()
            held = tracemalloc.get_traced_memory()[0] - before
            tracemalloc.stop()
            del job
    finally:
        await runner.cleanup()
    return held / 1e6


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=float, default=15.0)
    parser.add_argument("--flip-mib", type=float, default=4.0)
    parser.add_argument("--flips", type=int, default=20)
    args = parser.parse_args()
    took, worst = await loop_stall(args.mib)
    held = await held_by_a_flipping_job(args.flip_mib, args.flips)
    print("| measure | value |")
    print("|---|---|")
    print(f"| one {args.mib:g} MiB reply with escapes: get() took | {took:.2f} s |")
    print(f"| the loop's longest stall meanwhile | {worst * 1000:.0f} ms |")
    flipped = f"a Job after {args.flips} flips of {args.flip_mib:g} MiB replies holds"
    print(f"| {flipped} | {held:.0f} MB |")


if __name__ == "__main__":
    asyncio.run(main())
