"""Long-lived benchmark: the memory one bot-like Client keeps per generation it has finished.

ONE `aiovideo.Client` serves 3,000 generations in waves of 100-250 concurrent callers, like a
chat bot: each caller runs `client.generate(...)` (or `submit` then `await job`), looks at the
Video and drops both. Against the emulator (in a process of its own, so its memory is not
counted; loopback only; generations of 0.05-0.2 s, poll interval 0.05 s: well under a minute).
Between waves, with nothing pending, the client process is measured after the warm-up (100),
after 1,500 and after all generations (by 1,500 the client's bounded memory of recently finished
generations, the last 1,000 snapshots for an hour, is full: its size is shown apart, and what
grows past it is what a leak would be): traced Python memory (tracemalloc, after gc.collect()) as
the main figure, current RSS as a second one (which includes tracemalloc's own bookkeeping
unless run with --no-tracemalloc), `len(client._jobs)` where that attribute exists,
and the live `aiovideo.Job` and `aiovideo.Video` objects gc knows of. The table ends with the
KB each finished generation adds between 1,500 and the end; the goal is under 0.5 KB, which a
client that keeps a Job per generation forever (about 4.5 KB each) does not meet.

    .venv/bin/python benchmarks/longlived.py                      # or: make bench-longlived
    .venv/bin/python benchmarks/longlived.py --generations 10000 --check   # exit 1 over the goal
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import platform
import random
import resource
import select
import subprocess
import sys
import time
import tracemalloc
import urllib.request
from collections import Counter
from typing import Any

import attrs

MODEL = "google/veo3"
KEY = "bench-key"
WARM_UP = 100
MIDDLE = 1500  # past the client's memory of the last 1,000 finished generations
GOAL_KB = 0.5


# The emulator, in a child process of its own.


def serve_emulator(min_seconds: float, max_seconds: float) -> None:
    """Child process: serve the emulator on a free loopback port, print its URL, serve on."""
    from aiovideo.testing import Emulator, EmulatorConfig

    config = EmulatorConfig(api_key=KEY, min_seconds=min_seconds, max_seconds=max_seconds, seed=1)

    async def serve() -> None:
        async with Emulator(config) as emu:  # on 127.0.0.1, a free port
            print(emu.base_url, flush=True)
            # Serve until stdin ends: the parent closes it when done, and so does its death,
            # so an emulator never outlives its benchmark.
            await asyncio.to_thread(sys.stdin.buffer.read)

    asyncio.run(serve())


class EmulatorProcess:
    """The emulator child: started on construction, its URL read from its first line."""

    def __init__(self, min_seconds: float, max_seconds: float) -> None:
        cmd = [
            sys.executable,
            __file__,
            "--serve-emulator",
            "--min-seconds",
            str(min_seconds),
            "--max-seconds",
            str(max_seconds),
        ]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], 30)
        line = self.proc.stdout.readline().strip() if ready else ""
        if not line.startswith("http://127.0.0.1:"):
            self.close()
            raise RuntimeError(f"the emulator did not start (first line: {line!r})")
        self.base_url = line

    def stats(self) -> dict[str, int]:
        url = self.base_url + "/_emulator/stats"
        with urllib.request.urlopen(url, timeout=30) as resp:  # noqa: S310  (loopback only)
            data: dict[str, int] = json.loads(resp.read())
        return data

    def close(self) -> None:
        assert self.proc.stdin is not None
        assert self.proc.stdout is not None
        self.proc.stdin.close()  # the child's signal to leave
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        self.proc.stdout.close()


# The bot: one Client, waves of callers that each drop their Job and Video.


@attrs.define
class Sample:
    """The client process, measured between waves with nothing pending."""

    finished: int
    wall: float
    traced: int
    rss: int
    jobs_held: int | None
    live_jobs: int
    live_videos: int
    recent: int | None  # snapshots in the client's bounded memory of finished generations


def _rss() -> int:
    """Current resident set size in bytes (Linux); elsewhere the peak, which is all there is."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _measure(client: Any, finished: int, started: float) -> Sample:
    import aiovideo

    gc.collect()
    live = Counter(type(obj) for obj in gc.get_objects())
    jobs = getattr(client, "_jobs", None)  # private; gone or renamed once the leak is fixed
    return Sample(
        finished=finished,
        wall=time.monotonic() - started,
        traced=tracemalloc.get_traced_memory()[0],
        rss=_rss(),
        jobs_held=len(jobs) if jobs is not None else None,
        live_jobs=sum(n for t, n in live.items() if issubclass(t, aiovideo.Job)),
        live_videos=sum(n for t, n in live.items() if issubclass(t, aiovideo.Video)),
        recent=len(recent) if (recent := getattr(client, "_recent", None)) is not None else None,
    )


async def run_bot(
    base_url: str,
    generations: int,
    wave_min: int,
    wave_max: int,
    interval: float,
    *,
    traced: bool = True,
) -> tuple[list[Sample], Counter[str]]:
    """Serve `generations` requests in waves; measure at the warm-up, 1,500 and the end."""
    import aiovideo

    rng = random.Random(1)
    errors: Counter[str] = Counter()
    samples: list[Sample] = []
    checkpoints = [WARM_UP, MIDDLE, generations]

    async def serve(client: aiovideo.Client, i: int) -> None:
        # A chat bot's request handler: the Job and the Video die with this frame.
        try:
            if i % 2:
                video = await client.generate(model=MODEL, prompt=f"request {i}")
            else:
                job = await client.submit(model=MODEL, prompt=f"request {i}")
                video = await job
            if not video.url:
                errors["no url"] += 1
        except aiovideo.AiovideoError as exc:
            errors[type(exc).__name__] += 1

    if traced:
        tracemalloc.start()
    started = time.monotonic()
    async with aiovideo.Client(api_key=KEY, base_url=base_url, poll_interval=interval) as client:
        finished = 0
        for checkpoint in checkpoints:
            while finished < checkpoint:
                size = min(rng.randint(wave_min, wave_max), checkpoint - finished)
                await asyncio.gather(*(serve(client, finished + k) for k in range(size)))
                finished += size
            samples.append(_measure(client, finished, started))
            print(f"  {finished} generations, {samples[-1].wall:.1f} s", file=sys.stderr)
    if traced:
        tracemalloc.stop()
    return samples, errors


# The report.


def print_table(samples: list[Sample], generations: int, traced: bool) -> float | None:
    """Print the markdown table; return the traced KB per finished generation past 1,500."""
    middle, end = samples[1], samples[2]
    span = end.finished - middle.finished

    def per_gen(a: float | None, b: float | None, scale: float = 1.0, unit: str = "") -> str:
        return "n/a" if a is None or b is None else f"{(b - a) / span / scale:.2f}{unit}"

    print(
        f"\n{time.strftime('%Y-%m-%d')}, {platform.machine()}, Python "
        f"{platform.python_version()}: one Client, {generations} generations in waves"
    )
    print(
        "| point | traced MB | RSS MB | client._jobs | live Jobs | live Videos"
        " | recent snapshots | wall s |"
    )
    print("|" + "---|" * 8)
    names = ["after warm-up", f"after {MIDDLE}", f"after {generations}"]
    for name, s in zip(names, samples, strict=True):
        held = "n/a" if s.jobs_held is None else str(s.jobs_held)
        mem = f"{s.traced / 2**20:.2f}" if traced else "n/a"
        print(
            f"| {name} | {mem} | {s.rss / 2**20:.1f} | {held} | {s.live_jobs}"
            f" | {s.live_videos} | {'n/a' if s.recent is None else s.recent} | {s.wall:.1f} |"
        )
    print(
        f"| per finished generation, {middle.finished}→{end.finished}"
        f" | {per_gen(middle.traced, end.traced, 1024, ' KB') if traced else 'n/a'}"
        f" | {per_gen(middle.rss, end.rss, 1024, ' KB')}"
        f" | {per_gen(middle.jobs_held, end.jobs_held)}"
        f" | {per_gen(middle.live_jobs, end.live_jobs)}"
        f" | {per_gen(middle.live_videos, end.live_videos)}"
        f" | {per_gen(middle.recent, end.recent)} | |"
    )
    if not traced:
        return None
    kb = (end.traced - middle.traced) / span / 1024
    verdict = "met" if kb < GOAL_KB else "missed"
    print(f"\nKB per finished generation (traced): {kb:.2f}; goal < {GOAL_KB} KB: {verdict}")
    return kb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--generations", type=int, default=3000)
    parser.add_argument("--wave-min", type=int, default=100)
    parser.add_argument("--wave-max", type=int, default=250)
    parser.add_argument("--interval", type=float, default=0.05, help="the poll interval, s")
    parser.add_argument("--min-seconds", type=float, default=0.05)
    parser.add_argument("--max-seconds", type=float, default=0.2)
    parser.add_argument("--time-limit", type=float, default=300.0, help="give up after, s")
    parser.add_argument("--check", action="store_true", help="exit 1 over the KB goal")
    parser.add_argument(
        "--no-tracemalloc",
        action="store_true",
        help="RSS alone, without tracemalloc's own bookkeeping in it",
    )
    parser.add_argument("--serve-emulator", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_emulator:
        serve_emulator(args.min_seconds, args.max_seconds)
        return
    if args.generations <= MIDDLE:
        parser.error(f"--generations must be more than {MIDDLE}, got {args.generations}")
    if args.check and args.no_tracemalloc:
        parser.error("--check reads the traced figure: it cannot go with --no-tracemalloc")
    if not 1 <= args.wave_min <= args.wave_max:
        parser.error("need 1 <= --wave-min <= --wave-max")

    emu = EmulatorProcess(args.min_seconds, args.max_seconds)
    try:
        bot = run_bot(
            emu.base_url,
            args.generations,
            args.wave_min,
            args.wave_max,
            args.interval,
            traced=not args.no_tracemalloc,
        )
        samples, errors = asyncio.run(asyncio.wait_for(bot, args.time_limit))
        stats = emu.stats()
    finally:
        emu.close()
    kb = print_table(samples, args.generations, traced=not args.no_tracemalloc)
    print(
        f"\nemulator: {stats.get('submits', 0)} submits, {stats.get('polls', 0)} status checks"
        f" ({stats.get('polls', 0) / args.generations:.2f} per generation);"
        f" errors: {dict(errors) or 'none'}"
    )
    if errors or (args.check and kb is not None and kb >= GOAL_KB):
        sys.exit(1)


if __name__ == "__main__":
    main()
