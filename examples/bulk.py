"""Bulk: every prompt of a file through one Client, with a live progress bar and a cost summary.

Run it against the local emulator (no key, nothing billed; MP4s to ./videos):

    python examples/bulk.py --emulator

`python examples/bulk.py PROMPTS --out DIR --model MODEL` calls the real API with the key in
AIMLAPI_API_KEY (and is billed). PROMPTS is a text file, one prompt a line; blank lines and
lines starting with `#` are skipped (default: examples/prompts.txt).
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import re
import sys
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

import aiovideo
from aiovideo.testing import Emulator


def read_prompts(path: Path) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


async def run(
    prompts: list[str],
    out: Path,
    *,
    model: str = "google/veo3",
    make_client: Callable[[], aiovideo.Client] = aiovideo.Client,
    console: Console | None = None,
) -> int:
    """Generate a video per prompt into `out`; print a summary. Returns 0, or 1 if any failed."""
    console = console or Console()
    requests = [aiovideo.VideoRequest(model, prompt) for prompt in prompts]  # validated here
    # Jobs come back in the order they finish; `job.request` is the very request passed in.
    line = {id(request): number for number, request in enumerate(requests, start=1)}
    rows: list[tuple[int, str, str, str, str]] = []  # line, prompt, status, USD, file or error
    failed = 0
    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console) as progress:
        bar = progress.add_task("generating", total=len(requests))
        # One Client for the whole run: one scheduler polls every pending generation on one
        # timer, under one request budget, however many there are.
        async with make_client() as client:
            # Submits lazily, at most `max_in_flight` pending at once; yields each Job done.
            async for job in client.generate_many(requests, max_in_flight=50):
                assert job.request is not None  # submitted here, so it has its request
                number, prompt = line[id(job.request)], job.request.prompt
                try:
                    video = await job
                    path = await video.download(out / f"{number:03d}-{slug(prompt)}.mp4")
                    status, detail = "completed", path.name
                except aiovideo.GenerationFailedError as exc:  # the server said it failed
                    status, detail = "failed", exc.error or exc.status
                except aiovideo.AiovideoError as exc:  # a timeout, a download that failed...
                    status, detail = "error", str(exc)
                failed += status != "completed"
                usd = str(job.cost.usd) if job.cost and job.cost.usd is not None else "-"
                rows.append((number, prompt, status, usd, detail))
                progress.update(bar, advance=1, description=f"generating ({failed} failed)")
            spent = client.spent  # what the API reported for every generation of this client
    table = Table("#", "prompt", "status", "USD", f"file in {out}/ (or error)")
    for number, prompt, status, usd, detail in sorted(rows):
        color = "green" if status == "completed" else "red"
        # Text(): a prompt or an error is shown as it is, never read as rich markup.
        table.add_row(str(number), Text(prompt), Text(status, style=color), usd, Text(detail))
    done = len(rows) - failed
    table.caption = f"{done}/{len(requests)} videos, {spent.usd or 0} USD spent"  # exact
    table.caption += f" ({spent.credits or 0:,} credits)"
    console.print(table)
    return 0 if done == len(requests) else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    default = Path(__file__).with_name("prompts.txt")
    parser.add_argument("prompts", nargs="?", type=Path, default=default)
    parser.add_argument("--out", type=Path, default=Path("videos"))
    parser.add_argument("--model", default="google/veo3")
    parser.add_argument("--emulator", action="store_true", help="use a local emulator, no key")
    args = parser.parse_args()
    prompts = read_prompts(args.prompts)
    if not args.emulator:
        return asyncio.run(run(prompts, args.out, model=args.model))
    # Generations take 1 to 3 s here, so they finish out of order, as real ones do.
    with Emulator(min_seconds=1.0, max_seconds=3.0) as emu:
        make_client = functools.partial(emu.client, poll_interval=0.25)
        return asyncio.run(run(prompts, args.out, model=args.model, make_client=make_client))


if __name__ == "__main__":
    sys.exit(main())
