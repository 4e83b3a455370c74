"""SyncClient: the blocking client, tested as a plain script would use it (no async here).

Each test runs the public testing kit's emulator in a thread of its own and points a
SyncClient at it; the Ctrl-C tests run a small script in a subprocess and interrupt it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import aiovideo
from aiovideo.core import SyncJob, SyncVideo
from aiovideo.core._client import Client
from aiovideo.core._scheduler import Scheduler
from aiovideo.testing import Emulator

ROOT = Path(__file__).resolve().parents[2]
MODEL = "google/veo3"


@pytest.fixture(name="emu")
def fixture_emu() -> Iterator[Emulator]:
    with Emulator() as emu:
        yield emu


def _options(emu: Emulator, **options: Any) -> dict[str, Any]:
    return {"base_url": emu.url, "api_key": emu.api_key, "poll_interval": 0.02, **options}


def _portal_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "aiovideo-sync"]


def test_ten_videos_from_a_plain_loop_share_one_client_and_one_scheduler(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Client] = []
    served: list[int] = []  # id() of the scheduler each generation was given to
    client_open, scheduler_add = Client.open, Scheduler.add

    async def open_(self: Client) -> None:
        opened.append(self)
        await client_open(self)

    def add(self: Scheduler, *args: Any, **kwargs: Any) -> None:
        served.append(id(self))
        scheduler_add(self, *args, **kwargs)

    monkeypatch.setattr(Client, "open", open_)
    monkeypatch.setattr(Scheduler, "add", add)
    emu.script(prompt="scene 0", seconds=1.0)  # the first submitted finishes last
    requests = [{"model": MODEL, "prompt": f"scene {i}"} for i in range(10)]

    finished: list[str] = []
    with aiovideo.SyncClient(**_options(emu)) as client:
        assert len(_portal_threads()) == 1
        for handle in client.generate_many(requests, max_in_flight=10):
            assert isinstance(handle, SyncJob)
            assert handle.done()
            video = handle.result()
            assert video.id == handle.id
            assert video.url.startswith(emu.url)
            assert handle.request is not None
            finished.append(handle.request.prompt)
        spent = client.spent

    assert sorted(finished) == sorted(r["prompt"] for r in requests)
    assert finished[-1] == "scene 0"  # finishing order, not submitting order
    assert emu.stats["submits"] == 10
    assert len(opened) == 1
    assert len(served) == 10
    assert len(set(served)) == 1
    assert spent.usd is not None
    assert spent.usd > 0
    assert _portal_threads() == []


def test_submit_then_result_blocks_until_the_video(emu: Emulator) -> None:
    with aiovideo.SyncClient(**_options(emu)) as client:
        handle = client.submit(model=MODEL, prompt="a fox")
        assert handle.id
        assert handle.status in {"queued", "generating"}
        assert not handle.done()
        video = handle.result(timeout=30)
        assert handle.done()
        assert handle.status == "completed"
        assert isinstance(video, SyncVideo)
        assert video.id == handle.id
        assert handle.cost is not None
        assert video.cost == handle.cost
        assert client.spent == handle.cost
        again = client.track(handle.id)
        assert again.id == handle.id
        assert again.result().url == video.url
        snapshot = client.get(handle.id)
        assert snapshot.status == "completed"
    assert handle.result().url == video.url  # a done handle answers after the close too


def test_result_with_a_tiny_timeout_raises_and_the_generation_goes_on(emu: Emulator) -> None:
    emu.script(prompt="slow", seconds=0.5)
    with aiovideo.SyncClient(**_options(emu)) as client:
        handle = client.submit(model=MODEL, prompt="slow fox")
        with pytest.raises(aiovideo.GenerationTimeoutError) as caught:
            handle.result(timeout=0.01)
        assert caught.value.generation_id == handle.id
        assert not handle.done()
        assert handle.result(timeout=30).id == handle.id  # still tracked


def test_generate_gives_a_video_whose_download_blocks(emu: Emulator, tmp_path: Path) -> None:
    with aiovideo.SyncClient(**_options(emu)) as client:
        video = client.generate(model=MODEL, prompt="a fox")
        assert video.cost is not None  # the generation's cost, at hand
        assert video.cost == client.spent
        path = video.download(tmp_path / "fox.mp4")
        data = video.read()
    assert path == tmp_path / "fox.mp4"
    written = path.read_bytes()
    assert written[4:8] == b"ftyp"  # an MP4
    assert data == written
    assert video.file_name is None or video.file_name.endswith(".mp4")
    assert video.content_type in {None, "video/mp4"}
    assert video.raw
    # A video outlives its client, as the async one does.
    assert video.download(tmp_path / "after.mp4").read_bytes() == written


def test_a_failure_is_raised_by_generate(emu: Emulator) -> None:
    emu.script(prompt="forbidden", fail="content policy")
    with aiovideo.SyncClient(**_options(emu)) as client:
        with pytest.raises(aiovideo.GenerationFailedError) as caught:
            client.generate(model=MODEL, prompt="forbidden fox")
        assert caught.value.error is not None
        assert "content policy" in caught.value.error
        with pytest.raises(aiovideo.ValidationError):  # before any request
            client.submit(model=MODEL, prompt="a fox", duration=7)
    assert emu.stats["submits"] == 1


def test_a_bad_option_raises_before_anything_starts(emu: Emulator) -> None:
    before = threading.active_count()
    with pytest.raises(aiovideo.ConfigurationError, match="poll_interval"):
        aiovideo.SyncClient(**_options(emu, poll_interval=-1))
    with pytest.raises(aiovideo.ConfigurationError, match="max_connections"):
        aiovideo.SyncClient(**_options(emu, max_connections=0))
    with pytest.raises(aiovideo.ConfigurationError, match="no API key"):
        aiovideo.SyncClient(base_url=emu.url)
    with pytest.raises(aiovideo.ConfigurationError, match="session"):
        aiovideo.SyncClient(**_options(emu, session=object()))
    assert threading.active_count() == before
    client = aiovideo.SyncClient(**_options(emu))
    with pytest.raises(aiovideo.ConfigurationError, match="not open"):
        client.submit(model=MODEL, prompt="a fox")
    assert emu.stats["submits"] == 0


def test_open_and_close_without_with(emu: Emulator) -> None:
    client = aiovideo.SyncClient(**_options(emu))
    assert "closed" in repr(client)
    client.open()
    try:
        assert "open" in repr(client)
        assert client.generate(model=MODEL, prompt="a fox").id
        with pytest.raises(aiovideo.ConfigurationError, match="opened once"):
            client.open()
    finally:
        client.close()
    client.close()  # a second close does nothing
    assert _portal_threads() == []


def test_leaving_the_block_ends_pending_jobs_with_their_id(emu: Emulator) -> None:
    emu.script(prompt="slow", seconds=600)
    with aiovideo.SyncClient(**_options(emu)) as client:
        handle = client.submit(model=MODEL, prompt="slow fox")
        assert not handle.done()
    assert handle.done()
    with pytest.raises(aiovideo.ClientClosedError) as caught:
        handle.result()
    assert caught.value.generation_id == handle.id
    assert _portal_threads() == []


def test_breaking_out_of_generate_many_stops_submitting(emu: Emulator) -> None:
    requests = [{"model": MODEL, "prompt": f"scene {i}"} for i in range(50)]
    with aiovideo.SyncClient(**_options(emu)) as client:
        for handle in client.generate_many(requests, max_in_flight=2):
            assert handle.result().id == handle.id
            break
        assert client.generate(model=MODEL, prompt="next").id  # the client goes on
    assert emu.stats["submits"] <= 4


# Ctrl-C in a sync script: a subprocess blocked on a generation that takes ten minutes.

_SCRIPT = """
import sys, threading, aiovideo
url, key, mode = sys.argv[1:4]
handle = None
try:
    with aiovideo.SyncClient(base_url=url, api_key=key, poll_interval=0.02) as client:
        if mode == "generate":
            client.generate(model="google/veo3", prompt="slow fox")
        elif mode == "result":
            handle = client.submit(model="google/veo3", prompt="slow fox")
            print("submitted", flush=True)
            handle.result()
        else:
            for _ in client.generate_many([{"model": "google/veo3", "prompt": "slow fox"}] * 3):
                pass
finally:
    if handle is not None:
        try:
            handle.result()
        except aiovideo.ClientClosedError as exc:
            print("closed", exc.generation_id == handle.id, flush=True)
    print("threads", sorted(t.name for t in threading.enumerate()), flush=True)
"""


@pytest.mark.parametrize(("mode", "submits"), [("generate", 1), ("result", 1), ("many", 3)])
def test_ctrl_c_while_blocked_exits_promptly(emu: Emulator, mode: str, submits: int) -> None:
    emu.script(prompt="slow", seconds=600)
    # This tree's aiovideo first, whatever the environment has installed.
    path = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PYTHONPATH": path}
    proc = subprocess.Popen(  # noqa: S603  (our own interpreter and script)
        [sys.executable, "-c", _SCRIPT, emu.url, emu.api_key, mode],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Once the server has the POSTs, the script's main thread is blocked waiting.
        deadline = time.monotonic() + 60
        while emu.stats["submits"] < submits:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the script sent no submit"
            time.sleep(0.02)
        if mode == "result":
            # The server has the POST before the script has its reply: wait for the handle.
            assert proc.stdout is not None
            assert proc.stdout.readline() == "submitted\n"
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=5)  # promptly, or TimeoutExpired fails the test
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == -signal.SIGINT, err
    assert err.rstrip().endswith("KeyboardInterrupt"), err
    assert "threads ['MainThread']" in out  # the event loop thread stopped
    if mode == "result":
        assert "closed True" in out  # the pending Job ended with ClientClosedError and its id


_ORPHAN_SCRIPT = """
import sys
import aiovideo
url, key = sys.argv[1:3]
client = aiovideo.SyncClient(base_url=url, api_key=key, poll_interval=0.05)
client.open()
try:
    client.submit(model="google/veo3", prompt="a fox")
except KeyboardInterrupt:
    client.close()  # waits for the reply of the POST on the wire, as Client.aclose does
    print("orphans", [job.id for job in client.orphaned_jobs], flush=True)
"""


def test_ctrl_c_during_a_sync_submit_keeps_its_generation() -> None:
    with Emulator(submit_reply_delay=1.0) as emu:  # billed at once, answered a second later
        path = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
        proc = subprocess.Popen(  # noqa: S603  (our own interpreter and script)
            [sys.executable, "-c", _ORPHAN_SCRIPT, emu.url, emu.api_key],
            env={**os.environ, "PYTHONPATH": path},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + 60
            while emu.stats["submits"] < 1:
                assert proc.poll() is None, proc.communicate()
                assert time.monotonic() < deadline, "the script sent no submit"
                time.sleep(0.02)
            proc.send_signal(signal.SIGINT)  # the POST is on the wire: billed, not answered
            out, err = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        (generation,) = emu.generations()
    assert proc.returncode == 0, err
    assert f"orphans ['{generation['id']}']" in out
