"""Fleet benchmark: 1, 2 and 4 `aiovideo batch` processes on one prompt list and one journal.

One emulator process (generations of 2-6 s, an rps limit over the whole server) serves every
worker. The workers are separate `aiovideo batch` processes on one prompts file, one output
folder and one journal, each with `--lease` (10 s: how long a killed worker's lines wait before
another takes them over); every `--kill-every` seconds one of them (in turn) is killed with
SIGKILL and started again at once. Prints two tables:

Fleet: workers, wall s, throughput against one worker, duplicates (POSTs per line beyond one,
from the emulator's generations: must be 0), lost (lines with neither a video nor a failed
status in the journal at the end: must be 0), the time for an orphaned id to be adopted (p50,
p99: for each id a killed worker was tracking and whose generation was still running, its
first status check by any process after the kill, minus the kill), and the 429 share.

Rate: N processes, each its own Client and its own adaptive budget, polling flat out on one
API key against the rps limit for `--rate-seconds`: the share of requests answered 429 and
the share of the limit used (accepted requests per second over the limit, from the emulator's
counters once every worker runs).

    python benchmarks/fleet.py                        # 2,000 lines; a few minutes
    python benchmarks/fleet.py --quick                # 200 lines, a smoke run
    python benchmarks/fleet.py --journal postgresql://user@host/db   # any journal target

The journal target is passed to every worker as `--journal TARGET`: by default a SQLite file
per scenario in a temp folder; a target given is shared by every scenario (each scenario's
prompts carry a run tag of their own, so their rows never meet).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from _loopback import free_port, get_json

MODEL = "google/veo3"
KEY = "bench-key"
Row = dict[str, Any]


def _env() -> dict[str, str]:
    return {**os.environ, "AIMLAPI_API_KEY": KEY, "PYTHONUNBUFFERED": "1"}


class EmulatorProcess:
    """`aiovideo emulator` in a process of its own."""

    def __init__(self, rps_limit: float, min_seconds: float, max_seconds: float) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "aiovideo", "emulator", "--port", str(self.port)]
        cmd += ["--min-seconds", str(min_seconds), "--max-seconds", str(max_seconds)]
        cmd += ["--rps-limit", str(rps_limit), "--seed", "1"]
        self.proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL, env=_env())
        deadline = time.monotonic() + 30
        while True:
            try:
                self.stats()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stats(self) -> dict[str, int]:
        data: dict[str, int] = get_json(self.base_url + "/_emulator/stats")
        return data

    def generations(self) -> list[Row]:
        data: list[Row] = get_json(self.base_url + "/_emulator/generations")
        return data

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


# The fleet table.


class Worker:
    """One `aiovideo batch` slot of the fleet: its process, restarted after each kill."""

    def __init__(self, index: int, cmd: list[str], logs: Path) -> None:
        self.index, self.cmd, self.logs = index, cmd, logs
        self.runs = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self.log: Path | None = None
        self.start()

    def start(self) -> None:
        self.runs += 1
        self.log = self.logs / f"worker{self.index}-run{self.runs}.log"
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(self.cmd, stdout=out, stderr=subprocess.STDOUT, env=_env())

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> tuple[float, Path]:
        """SIGKILL it; the moment and the log of the run killed."""
        assert self.proc is not None
        assert self.log is not None
        self.proc.send_signal(signal.SIGKILL)
        at = time.time()
        self.proc.wait()
        return at, self.log


def _tracked(log: Path) -> set[str]:
    """The generation ids a run was tracking (submitted or resumed), from its log."""
    ids = set()
    for text in log.read_text(errors="replace").splitlines():
        words = text.split()
        if len(words) >= 5 and words[2] == "queued" and words[3] in ("submitted", "resumed"):
            ids.add(words[4])
    return ids


def _finished(target: str, prompts: set[str]) -> tuple[int, int]:
    """(lines finished: a video on disk or a failed status, lines known) in the journal."""
    from aiovideo import Journal

    with Journal(target) as journal:
        entries = [e for e in journal.entries() if e.prompt in prompts]
    done = sum(
        1
        for e in entries
        if e.state == "failed" or (e.state == "downloaded" and e.path and Path(e.path).is_file())
    )
    return done, len(entries)


def run_fleet(args: argparse.Namespace, workers: int, root: Path) -> Row:
    """One scenario: `workers` batch processes over the whole list, with kills."""
    tag = uuid.uuid4().hex[:8]
    prompts = [
        f"fleet {tag} w{workers} line {i}: a paper boat on a pond" for i in range(args.lines)
    ]
    prompts_file = root / f"prompts-w{workers}.txt"
    prompts_file.write_text("\n".join(prompts) + "\n")
    target = args.journal or str(root / f"journal-w{workers}.sqlite")
    out, logs = root / f"out-w{workers}", root / f"logs-w{workers}"
    logs.mkdir()
    emu = EmulatorProcess(args.rps_limit, 2.0, 6.0)
    cmd = [sys.executable, "-m", "aiovideo", "batch", str(prompts_file), "--out", str(out)]
    cmd += ["--journal", target, "--base-url", emu.base_url, "--model", MODEL]
    # Generations are known to the emulator's usage logs once they end (<= 6 s): a lost submit
    # still missing from them after 15 s was never accepted.
    cmd += ["--settle-window", "15", "--max-in-flight", str(args.max_in_flight)]
    cmd += ["--lease", str(args.lease)]
    try:
        started = time.time()
        fleet = [Worker(i, cmd, logs) for i in range(workers)]
        kills: list[tuple[float, Path]] = []
        next_kill, victim = started + args.kill_every, 0
        wanted = set(prompts)
        while time.time() - started < args.cap:
            time.sleep(0.5)
            done, _ = _finished(target, wanted)
            if done == len(prompts):
                break
            if time.time() >= next_kill:
                kills.append(fleet[victim].kill())
                fleet[victim].start()
                next_kill, victim = time.time() + args.kill_every, (victim + 1) % workers
            for worker in fleet:
                if not worker.running():  # ended with lines held (unsettled): run it again
                    worker.start()
        wall = time.time() - started
        for worker in fleet:
            if worker.running():
                assert worker.proc is not None
                worker.proc.terminate()
                worker.proc.wait(60)
        done, _ = _finished(target, wanted)
        generations = [g for g in emu.generations() if g["prompt"] in wanted]
        stats = emu.stats()
    finally:
        emu.close()
    posts: dict[str, int] = {}
    for gen in generations:
        posts[gen["prompt"]] = posts.get(gen["prompt"], 0) + 1
    adoption = _adoption(kills, generations)
    return {
        "workers": workers,
        "wall": wall,
        "duplicates": sum(count - 1 for count in posts.values()),
        "lost": len(prompts) - done,
        "kills": len(kills),
        "adoption": adoption,
        "share_429": stats.get("http_429", 0) / max(1, stats.get("requests", 0)),
    }


def _adoption(kills: list[tuple[float, Path]], generations: list[Row]) -> list[float]:
    """For each kill, each id the killed run was tracking whose generation was still running:
    its first status check after the kill, minus the kill."""
    by_id = {gen["id"]: gen for gen in generations}
    delays = []
    for at, log in kills:
        for gen_id in _tracked(log):
            gen = by_id.get(gen_id)
            if gen is None or gen["completes_at"] <= at:
                continue
            later = [t for t in gen["polled_at"] if t > at]
            if later:
                delays.append(min(later) - at)
    return delays


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


# The rate table.


def rate_child(base_url: str, seconds: float, tasks: int, generation_id: str) -> None:
    """A worker process: `tasks` status checks in a loop, flat out, for `seconds`."""
    import aiovideo

    async def main() -> None:
        async with aiovideo.Client(api_key=KEY, base_url=base_url) as client:
            end = time.monotonic() + seconds

            async def loop() -> None:
                while time.monotonic() < end:
                    # Retries spent on 429s end a check: the emulator counted them.
                    with contextlib.suppress(aiovideo.AiovideoError):
                        await client.get(generation_id)

            await asyncio.gather(*(loop() for _ in range(tasks)))

    asyncio.run(main())


def run_rate(args: argparse.Namespace, workers: int) -> Row:
    """`workers` processes on one key against the rps limit: 429 share and limit used."""
    emu = EmulatorProcess(args.rps_limit, 1000.0, 1000.0)
    try:

        async def one() -> str:
            import aiovideo

            async with aiovideo.Client(api_key=KEY, base_url=emu.base_url) as client:
                job = await client.submit(aiovideo.VideoRequest(MODEL, "rate probe"))
                return job.id

        generation_id = asyncio.run(one())
        time.sleep(1.1)  # out of the submit's rate window
        before = emu.stats()
        warm = 3.0  # every process started and running
        cmd = [sys.executable, __file__, "--rate-child", emu.base_url, generation_id]
        cmd += ["--rate-seconds", str(args.rate_seconds + warm)]
        procs = [subprocess.Popen(cmd, env=_env()) for _ in range(workers)]
        time.sleep(warm)
        mid = emu.stats()
        time.sleep(args.rate_seconds)
        end = emu.stats()
        for proc in procs:
            proc.wait(120)
        after = emu.stats()
    finally:
        emu.close()
    accepted = (end["requests"] - end.get("http_429", 0)) - (
        mid["requests"] - mid.get("http_429", 0)
    )
    requests = after["requests"] - before["requests"]
    return {
        "workers": workers,
        "requests": requests,
        "share_429": (after.get("http_429", 0) - before.get("http_429", 0)) / max(1, requests),
        "used": accepted / args.rate_seconds / args.rps_limit,
    }


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--workers", default="1,2,4", help="Fleet sizes, comma separated.")
    parser.add_argument("--rps-limit", type=float, default=100.0)
    parser.add_argument("--kill-every", type=float, default=10.0)
    parser.add_argument("--lease", type=float, default=10.0, help="Each worker's --lease, seconds.")
    parser.add_argument("--max-in-flight", type=int, default=100)
    parser.add_argument("--journal", default=None, help="Journal target (a path or a URL).")
    parser.add_argument("--cap", type=float, default=1800.0, help="Seconds per scenario.")
    parser.add_argument("--rate-seconds", type=float, default=20.0)
    parser.add_argument("--skip-rate", action="store_true")
    parser.add_argument("--quick", action="store_true", help="200 lines, 10 s rate runs.")
    parser.add_argument("--rate-child", nargs=2, metavar=("BASE_URL", "ID"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.lines, args.rate_seconds = min(args.lines, 200), min(args.rate_seconds, 10.0)
    return args


def main() -> None:
    args = _args()
    if args.rate_child:
        rate_child(args.rate_child[0], args.rate_seconds, 30, args.rate_child[1])
        return
    sizes = [int(n) for n in args.workers.split(",")]
    print(
        f"# {args.lines} lines, generations 2-6 s, rps limit {args.rps_limit:g}, one worker "
        f"SIGKILLed every {args.kill_every:g} s, lease {args.lease:g} s; "
        f"journal {'SQLite' if args.journal is None else args.journal.split(':')[0]}; "
        f"Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory(prefix="aiovideo-fleet-") as tmp:
        rows = [run_fleet(args, n, Path(tmp)) for n in sizes]
    base = rows[0]["wall"] * rows[0]["workers"] / sizes[0] if sizes[0] == 1 else None
    print(
        "| workers | wall s | throughput vs 1 | duplicates | lost | kills "
        "| adoption p50 s | adoption p99 s | 429 share |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        speed = f"{base / row['wall']:.2f}x" if base else "-"
        print(
            f"| {row['workers']} | {row['wall']:.1f} | {speed} | {row['duplicates']} "
            f"| {row['lost']} | {row['kills']} | {_pct(row['adoption'], 50):.2f} "
            f"| {_pct(row['adoption'], 99):.2f} | {row['share_429']:.1%} |"
        )
    if args.skip_rate:
        return
    print(f"\n# one key, rps limit {args.rps_limit:g}, each process 30 checks at a time")
    print("| processes | requests | 429 share | limit used |")
    print("|---:|---:|---:|---:|")
    for n in sizes:
        row = run_rate(args, n)
        print(f"| {n} | {row['requests']} | {row['share_429']:.1%} | {row['used']:.0%} |")


if __name__ == "__main__":
    main()
