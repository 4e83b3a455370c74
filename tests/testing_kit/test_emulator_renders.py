"""The emulator under requests past the model table (issue 18, 15): ranges refused like the
table does, MP4s rendered in a worker thread, their length capped whatever is asked."""

from __future__ import annotations

import threading
from typing import Any

import aiohttp
import pytest

from aiovideo.testing import _server
from tests.conftest import API_KEY, MakeEmulator

PATH = "/v2/video/generations"
RANGED = "blackforestlabs/flux-3-video-draft-t2v"  # duration: an integer from 5 to 20


async def _post(url: str, body: dict[str, Any]) -> tuple[int, Any]:
    headers = {"Authorization": f"Bearer {API_KEY}"}
    async with (
        aiohttp.ClientSession() as session,
        session.post(url + PATH, json=body, headers=headers) as resp,
    ):
        return resp.status, await resp.json()


@pytest.mark.parametrize("duration", [1_000_000, 4, 21, "10", float("inf")])
async def test_a_value_outside_the_tables_range_is_a_400(
    make_emulator: MakeEmulator, duration: Any
) -> None:
    emu = await make_emulator()
    body = {"model": RANGED, "prompt": "a fox", "duration": duration}
    if duration == float("inf"):
        body["duration"] = 1e400  # JSON has no infinity; a number past any float reads as one
    status, reply = await _post(emu.base_url, body)
    assert status == 400, reply
    assert "duration" in reply["message"]
    assert emu.stats["submits"] == 0


async def test_a_value_in_range_is_accepted(make_emulator: MakeEmulator) -> None:
    emu = await make_emulator()
    status, _ = await _post(emu.base_url, {"model": RANGED, "prompt": "a fox", "duration": 20})
    assert status == 200


async def test_videos_render_in_a_worker_thread_and_no_longer_than_the_cap(
    make_emulator: MakeEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    renders: list[tuple[float, threading.Thread]] = []
    # Patched where the server calls it.
    render = _server.render_mp4  # type: ignore[attr-defined]

    def recording(seconds: float, width: int, height: int, prompt: str = "") -> bytes:
        renders.append((seconds, threading.current_thread()))
        return render(0.25, width, height, prompt)  # the test needs no long clip

    monkeypatch.setattr(_server, "render_mp4", recording)
    # A model the table does not know: no range holds its duration.
    emu = await make_emulator(unknown_models=True, min_seconds=0.01, max_seconds=0.02)
    async with emu.client() as client:
        job = await client.submit(model="acme/brand-new-video", prompt="a fox", duration=1e6)
        video = await job
        assert (await video.read())[4:8] == b"ftyp"
    assert renders
    assert all(seconds <= _server.MAX_RENDER_SECONDS for seconds, _ in renders)
    assert threading.main_thread() not in {thread for _, thread in renders}
