"""Bulk-generation benchmark: aiovideo beside the provider's SDK and the seed docs' loop.

The emulator runs in its own process, and so does each client, one after the other. Prints one
table: wall s, client CPU s, peak RSS MB, status GETs per job, 429s received, lag p50/p99
(the client's resolution moment minus the emulator's completion moment), jobs lost.

    python benchmarks/bulk.py                 # scenarios a, b, c (several minutes)
    python benchmarks/bulk.py --scenario a --jobs 200

Scenarios: (a) N jobs, durations 10-30 s, interval 2 s; (b) the same, emulator limited to
100 requests/s; (c) 10 x N jobs, aiovideo alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from _loopback import free_port, get_json

MODEL = "google/veo3"
KEY = "bench-key"
Result = dict[str, Any]


# Clients: each runs in a process of its own and reports what it saw.


def _report(started: float, resolved: dict[str, tuple[float, str]], errors: int) -> Result:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "wall": time.monotonic() - started,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,
        "resolved": resolved,
        "errors": errors,
    }


def run_aiovideo(base_url: str, jobs: int, interval: float, tag: str) -> Result:
    import aiovideo

    async def main() -> Result:
        started = time.monotonic()
        resolved: dict[str, tuple[float, str]] = {}
        errors = 0
        requests = (aiovideo.VideoRequest(MODEL, f"{tag} prompt {i}") for i in range(jobs))
        async with aiovideo.Client(api_key=KEY, base_url=base_url, poll_interval=interval) as c:
            async for job in c.generate_many(requests, max_in_flight=jobs):
                try:
                    await job
                    resolved[job.id] = (time.time(), "completed")
                except aiovideo.GenerationFailedError:
                    resolved[job.id] = (time.time(), "error")
                except aiovideo.AiovideoError:
                    errors += 1
        return _report(started, resolved, errors)

    return asyncio.run(main())


def run_provider(base_url: str, jobs: int, interval: float, tag: str) -> Result:
    from aimlapi import AsyncAIMLAPI

    async def main() -> Result:
        started = time.monotonic()
        resolved: dict[str, tuple[float, str]] = {}
        errors = 0
        client = AsyncAIMLAPI(api_key=KEY, base_url=base_url + "/v1")

        async def one(i: int) -> None:
            nonlocal errors
            try:
                reply = await client.videos.generate_with_polling(
                    model=MODEL,
                    prompt=f"{tag} prompt {i}",
                    poll_interval=interval,
                    poll_timeout=900,
                )
            except Exception:
                errors += 1
                return
            assert isinstance(reply, dict)
            resolved[str(reply.get("id"))] = (time.time(), str(reply.get("status")))

        await asyncio.gather(*(one(i) for i in range(jobs)))
        await client.close()
        return _report(started, resolved, errors)

    return asyncio.run(main())


def run_seed_loop(base_url: str, jobs: int, interval: float, tag: str) -> Result:
    import requests

    started = time.monotonic()
    resolved: dict[str, tuple[float, str]] = {}
    errors = 0
    lock = threading.Lock()
    headers = {"Authorization": f"Bearer {KEY}"}
    url = base_url + "/v2/video/generations"

    def one(i: int) -> None:
        nonlocal errors
        try:
            body = {"model": MODEL, "prompt": f"{tag} prompt {i}"}
            gen_id = requests.post(url, json=body, headers=headers, timeout=60).json()["id"]
            while True:
                time.sleep(interval)
                data = requests.get(
                    url, params={"generation_id": gen_id}, headers=headers, timeout=60
                ).json()
                if data.get("status") not in ("queued", "generating"):
                    break
            with lock:
                resolved[gen_id] = (time.time(), str(data.get("status")))
        except Exception:
            with lock:
                errors += 1

    threads = [threading.Thread(target=one, args=(i,)) for i in range(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return _report(started, resolved, errors)


CLIENTS = {"aiovideo": run_aiovideo, "provider SDK": run_provider, "seed loop": run_seed_loop}


# The orchestrator.


class EmulatorProcess:
    def __init__(self, rps_limit: float | None) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        cmd = [
            sys.executable,
            "-m",
            "aiovideo",
            "emulator",
            "--port",
            str(self.port),
            "--min-seconds",
            "10",
            "--max-seconds",
            "30",
            "--seed",
            "1",
        ]
        if rps_limit:
            cmd += ["--rps-limit", str(rps_limit)]
        self.proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while True:
            try:
                get_json(self.base_url + "/_emulator/stats")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stats(self) -> dict[str, int]:
        data: dict[str, int] = get_json(self.base_url + "/_emulator/stats")
        return data

    def completions(self) -> dict[str, float]:
        generations = get_json(self.base_url + "/_emulator/generations")
        return {g["id"]: g["completes_at"] for g in generations}

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def measure(emu: EmulatorProcess, client: str, jobs: int, interval: float) -> dict[str, Any]:
    before = emu.stats()
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                client,
                "--base-url",
                emu.base_url,
                "--jobs",
                str(jobs),
                "--interval",
                str(interval),
                "--out",
                out.name,
            ],
            check=True,
            timeout=1800,
        )
        result: Result = json.loads(Path(out.name).read_text())
    after = emu.stats()
    done_at = emu.completions()
    lags = sorted(
        t - done_at[gid]
        for gid, (t, status) in result["resolved"].items()
        if gid in done_at and status == "completed"
    )
    polls = after.get("polls", 0) - before.get("polls", 0)
    requests = after.get("requests", 0) - before.get("requests", 0)
    limited = after.get("http_429", 0) - before.get("http_429", 0)
    return {
        "client": client,
        "jobs": jobs,
        "wall": result["wall"],
        "cpu": result["cpu"],
        "rss": result["rss_mb"],
        "gets_per_job": polls / jobs,
        "429s": limited,
        "429_share": limited / requests if requests else 0.0,
        "cpu_us_per_request": 1e6 * result["cpu"] / requests if requests else 0.0,
        "lag_p50": statistics.median(lags) if lags else float("nan"),
        "lag_p99": lags[min(len(lags) - 1, int(0.99 * len(lags)))] if lags else float("nan"),
        "lost": jobs - len(lags),
    }


def scenario(
    name: str, jobs: int, interval: float, rps: float | None, clients: list[str]
) -> list[dict[str, Any]]:
    rows = []
    for client in clients:
        emu = EmulatorProcess(rps)  # a fresh server each: no client inherits another's load
        try:
            row = measure(emu, client, jobs, interval)
        finally:
            emu.close()
        row["scenario"] = name
        rows.append(row)
        print(f"  done: {name} {client}", file=sys.stderr)
    return rows


def print_table(rows: list[dict[str, Any]]) -> None:
    print(
        f"\n{time.strftime('%Y-%m-%d')}, {platform.machine()}, "
        f"{len(__import__('os').sched_getaffinity(0))} cores, Python {platform.python_version()}"
    )
    head = (
        "| scenario | client | jobs | wall s | CPU s | RSS MB | GETs/job | 429s (share) "
        "| µs CPU/req | lag p50 s | lag p99 s | lost |"
    )
    print(head)
    print("|" + "---|" * 12)
    for r in rows:
        print(
            f"| {r['scenario']} | {r['client']} | {r['jobs']} | {r['wall']:.1f} | {r['cpu']:.1f}"
            f" | {r['rss']:.0f} | {r['gets_per_job']:.2f} | {r['429s']} ({r['429_share']:.1%})"
            f" | {r['cpu_us_per_request']:.0f} | {r['lag_p50']:.2f} | {r['lag_p99']:.2f}"
            f" | {r['lost']} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scenario", choices=["a", "b", "c", "all"], default="all")
    parser.add_argument("--jobs", type=int, default=1000)
    parser.add_argument("--interval", type=float, default=2.0)
    parser.add_argument("--clients", default=",".join(CLIENTS))
    parser.add_argument("--child", choices=list(CLIENTS))
    parser.add_argument("--base-url")
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.child:
        result = CLIENTS[args.child](args.base_url, args.jobs, args.interval, args.child)
        Path(args.out).write_text(json.dumps(result))
        return
    clients = args.clients.split(",")
    rows: list[dict[str, Any]] = []
    if args.scenario in ("a", "all"):
        rows += scenario("a", args.jobs, args.interval, None, clients)
    if args.scenario in ("b", "all"):
        rows += scenario("b (100 rps)", args.jobs, args.interval, 100, clients)
    if args.scenario in ("c", "all"):
        rows += scenario("c", 10 * args.jobs, args.interval, None, ["aiovideo"])
    print_table(rows)


if __name__ == "__main__":
    main()
