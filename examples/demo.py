"""A bulk generation of examples/prompts.txt against an in-process emulator; MP4s to ./videos.

Run it with `make demo`. Every prompt is submitted at once; one scheduler polls them all.
"""

from __future__ import annotations

import asyncio
import re
import sys
import time
from pathlib import Path

import aiovideo
from aiovideo._emulator import Emulator, EmulatorConfig


def read_prompts(path: Path) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


async def main(prompts_file: Path, out: Path) -> int:
    prompts = read_prompts(prompts_file)
    started = time.monotonic()
    emulator = Emulator(EmulatorConfig(min_seconds=1.0, max_seconds=3.0))
    async with (
        emulator as emu,
        aiovideo.Client(api_key="demo", base_url=emu.base_url, poll_interval=0.5) as client,
    ):
        requests = [aiovideo.VideoRequest("google/veo3", p, duration=4) for p in prompts]
        jobs = await asyncio.gather(*(client.submit(r) for r in requests))
        failed = 0
        for number, (prompt, job) in enumerate(zip(prompts, jobs, strict=True), start=1):
            try:
                video = await job
            except aiovideo.AiovideoError as exc:
                failed += 1
                print(f"{number:3d} FAILED {exc}")
                continue
            path = await video.download(out / f"{number:03d}-{slug(prompt)}.mp4")
            print(f"{number:3d} {path} ({path.stat().st_size} bytes, {job.id})")
    print(f"{len(prompts) - failed}/{len(prompts)} videos in {time.monotonic() - started:.1f}s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(Path("examples/prompts.txt"), Path("videos"))))
