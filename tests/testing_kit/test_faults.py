"""Integration with faults on: every Job resolves to the right outcome and none is lost."""

from __future__ import annotations

import aiohttp

import aiovideo
from aiovideo.testing import Emulator
from tests.conftest import API_KEY, MakeEmulator


async def test_every_job_resolves_under_faults(make_emulator: MakeEmulator) -> None:
    emu = await make_emulator(
        failure_rate=0.2,
        server_error_rate=0.1,
        drop_rate=0.05,
        html_rate=0.05,
        not_found_polls=1,
        rps_limit=50,
    )
    outcomes: dict[str, str] = {}
    async with aiovideo.Client(api_key=API_KEY, base_url=emu.base_url, poll_interval=0.05) as c:
        requests = [aiovideo.VideoRequest("google/veo3", f"prompt {i}") for i in range(60)]
        async for job in c.generate_many(requests, max_in_flight=60):
            try:
                await job
                outcomes[job.id] = "completed"
            except aiovideo.GenerationFailedError as exc:
                outcomes[exc.generation_id] = "error"
    truth = {g["id"]: ("error" if g["fails"] else "completed") for g in await _listing(emu)}
    assert outcomes == truth  # every generation accounted for, each with the right outcome
    assert len(truth) == 60
    assert emu.stats["http_429"] > 0  # the limit was really hit ...
    assert emu.stats["http_404"] > 0  # ... and the store lag too


async def _listing(emu: Emulator) -> list[dict[str, object]]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(emu.base_url + "/_emulator/generations") as resp,
    ):
        data: list[dict[str, object]] = await resp.json()
        return data
