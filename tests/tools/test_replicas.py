"""The web example as two replicas on one journal (issue 17, item 4).

Each replica is examples/web_aiohttp.py in a process of its own, as behind a load balancer;
both reach one emulator (a real API outlives the apps) and one journal, on every store of
`journal_target`. Replica A is killed with SIGKILL mid-generation: B must answer its id and
finish the generation without a second POST; while A lives, A alone tracks it (it holds the
row's lease), and B adopts it within a lease (and its adoption period) of the kill.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import anyio
import pytest

import aiovideo
from aiovideo.testing import Emulator
from tests.tools.conftest import JournalTarget

WEB_APP = Path(__file__).parent.parent.parent / "examples" / "web_aiohttp.py"
LEASE = 2.0  # the replicas' journal lease, seconds
ADOPT_EVERY = 2.0  # examples/video_service.py's ADOPT_EVERY


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Replica:
    """One replica of the web example, in a process of its own."""

    def __init__(self, journal: JournalTarget, emu: Emulator) -> None:
        self.url = f"http://127.0.0.1:{_free_port()}"
        self.proc = subprocess.Popen(  # noqa: S603  (our own interpreter and example)
            [
                sys.executable,
                str(WEB_APP),
                "--port",
                self.url.rsplit(":", 1)[1],
                "--journal",
                str(journal),
                "--lease",
                str(LEASE),
                "--base-url",
                emu.base_url,
            ],
            env={**os.environ, "AIMLAPI_API_KEY": emu.api_key},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    async def ready(self, http: aiohttp.ClientSession) -> None:
        """Wait until it answers (an unknown id: 404)."""
        with anyio.fail_after(60):  # a loaded machine starts Python slowly
            while True:
                try:
                    async with http.get(f"{self.url}/videos/none") as response:
                        if response.status == 404:
                            return
                except aiohttp.ClientConnectionError:
                    pass
                assert self.proc.poll() is None, "the replica exited"
                await asyncio.sleep(0.1)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
        self.proc.wait(30)


@pytest.fixture(name="emu")
async def fixture_emu() -> AsyncIterator[Emulator]:
    async with Emulator(seconds=3.0) as emu:
        yield emu


async def _get(http: aiohttp.ClientSession, url: str) -> dict[str, Any]:
    async with http.get(url) as response:
        assert response.status == 200, await response.text()
        answer: dict[str, Any] = await response.json()
        return answer


async def test_a_replica_answers_and_finishes_what_a_killed_one_submitted(
    journal_target: JournalTarget, emu: Emulator
) -> None:
    replicas = [Replica(journal_target, emu), Replica(journal_target, emu)]
    a, b = replicas
    try:
        async with aiohttp.ClientSession() as http:
            for replica in replicas:
                await replica.ready(http)
            body = {"model": "google/veo3", "prompt": "a red fox"}
            async with http.post(f"{a.url}/videos", json=body) as response:
                assert response.status == 202, await response.text()
                video_id = (await response.json())["id"]
            answered = await _get(http, f"{b.url}/videos/{video_id}")  # submitted through A
            assert answered["id"] == video_id
            assert answered["status"] in ("queued", "generating")
            assert _owner_pid(journal_target, video_id) == a.proc.pid  # A tracks it, not B
            a.proc.send_signal(signal.SIGKILL)  # mid-generation
            a.proc.wait(30)
            killed = time.monotonic()
            (generation,) = emu.generations()
            assert generation["completes_at"] > time.time()  # A died before it ended
            with anyio.fail_after(60):
                while _owner_pid(journal_target, video_id) == a.proc.pid:  # noqa: ASYNC110
                    await asyncio.sleep(0.1)
            adopted = time.monotonic() - killed
            with anyio.fail_after(60):
                while answered["status"] != "completed":
                    await asyncio.sleep(0.2)
                    answered = await _get(http, f"{b.url}/videos/{video_id}")
    finally:
        for replica in replicas:
            replica.stop()
    assert answered["video_url"]
    assert emu.stats["submits"] == 1  # adopted: never sent again
    with aiovideo.Journal(journal_target) as journal:
        entry = journal.by_id(video_id)
    assert entry is not None
    assert entry.state == "completed"  # recorded by B
    assert entry.video_url == answered["video_url"]
    # Taken over by B within a lease and one adoption period (and a loaded machine's second).
    assert adopted < LEASE + ADOPT_EVERY + 1.0


def _owner_pid(journal_target: JournalTarget, video_id: str) -> int | None:
    """The pid of the process holding the generation's row (None: nobody, or it ended)."""
    with aiovideo.Journal(journal_target) as journal:
        entry = journal.by_id(video_id)
    assert entry is not None
    return entry.owner_pid if entry.pending else None
