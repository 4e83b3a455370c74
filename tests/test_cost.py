"""Cost as a value (`job.cost`, `client.spent`) and as a limit (`max_spend_usd`)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from aioresponses import aioresponses

import aiovideo
from tests.conftest import API_KEY, MakeEmulator
from tests.test_batch import Served, _batch, _manifest

FOX = aiovideo.VideoRequest("google/veo3", "a red fox in snow", duration=8)
PRICE = 0.06  # the emulator's price of an 8-second veo3 video (120,000 credits)


def _client(base_url: str, **options: object) -> aiovideo.Client:
    return aiovideo.Client(API_KEY, base_url, poll_interval=0.05, **options)  # type: ignore[arg-type]


async def test_spent_adds_up_what_each_generation_cost(make_emulator: MakeEmulator) -> None:
    emu = await make_emulator()
    async with _client(emu.base_url) as client:
        assert client.spent == aiovideo.Cost(credits=0, usd=0.0)
        jobs = [await client.submit(FOX) for _ in range(3)]
        for job in jobs:
            await job
            assert job.cost == aiovideo.Cost(credits=120_000, usd=PRICE)
        for job in jobs:  # a generation counts once, however often it is polled after
            await client.get(job.id)
        spent = client.spent
    assert spent.credits == 360_000
    assert spent.usd is not None
    assert math.isclose(spent.usd, 3 * PRICE)


async def test_cost_from_headers_when_the_body_has_none() -> None:
    with aioresponses() as mocked:
        mocked.post(
            "https://api.test/v2/video/generations",
            payload={"id": "g1", "status": "queued"},
        )
        mocked.get(
            "https://api.test/v2/video/generations?generation_id=g1",
            payload={"id": "g1", "status": "completed", "video": {"url": "https://cdn/x.mp4"}},
            headers={"x-aimlapi-credits-used": "3900000", "x-aimlapi-usd-spent": "1.95"},
        )
        async with aiovideo.Client(API_KEY, "https://api.test", poll_interval=0.01) as client:
            job = await client.submit(FOX)
            await job
            assert job.cost == aiovideo.Cost(credits=3_900_000, usd=1.95)
            assert client.spent == aiovideo.Cost(credits=3_900_000, usd=1.95)


@pytest.mark.parametrize(
    "headers",
    [
        {"x-aimlapi-credits-used": "lots", "x-aimlapi-usd-spent": "NaN"},
        {"x-aimlapi-credits-used": "-5"},
        {"x-aimlapi-credits-used": "1e999"},
    ],
)
async def test_unreadable_cost_headers_are_ignored(headers: dict[str, str]) -> None:
    with aioresponses() as mocked:
        mocked.get(
            "https://api.test/v2/video/generations?generation_id=g1",
            payload={"id": "g1", "status": "queued"},
            headers=headers,
        )
        async with aiovideo.Client(API_KEY, "https://api.test") as client:
            generation = await client.get("g1")
    assert generation.cost is None


async def test_the_spend_limit_refuses_a_submit_before_any_post(
    make_emulator: MakeEmulator,
) -> None:
    emu = await make_emulator()
    async with _client(emu.base_url, max_spend_usd=0.1) as client:
        await (await client.submit(FOX))  # 0.06 spent: the price of veo3 is now known
        with pytest.raises(aiovideo.SpendLimitError, match="nothing was sent") as caught:
            await client.submit(FOX)  # 0.06 + 0.06 would pass 0.1
    assert emu.stats["submits"] == 1
    assert math.isclose(caught.value.spent_usd, PRICE)
    assert caught.value.limit_usd == 0.1


async def test_pending_generations_count_at_their_models_last_price(
    make_emulator: MakeEmulator,
) -> None:
    emu = await make_emulator(min_seconds=30, max_seconds=30)
    async with _client(emu.base_url, max_spend_usd=0.2) as client:
        client._price["google/veo3"] = PRICE  # as if one had completed before
        for _ in range(3):  # 0.18 expected: under the limit
            await client.submit(FOX)
        with pytest.raises(aiovideo.SpendLimitError):
            await client.submit(FOX)  # 0.24 expected
    assert emu.stats["submits"] == 3


async def test_a_failed_generation_frees_what_it_was_expected_to_cost(
    make_emulator: MakeEmulator,
) -> None:
    emu = await make_emulator(failure_rate=1.0)
    async with _client(emu.base_url, max_spend_usd=0.1) as client:
        client._price["google/veo3"] = PRICE
        for _ in range(3):  # each fails, costs nothing, and frees its share of the limit
            with pytest.raises(aiovideo.GenerationFailedError):
                await (await client.submit(FOX))
        assert client.spent == aiovideo.Cost(credits=0, usd=0.0)
    assert emu.stats["submits"] == 3


@pytest.mark.parametrize("limit", [0, -1, math.nan, math.inf, "10"])
def test_a_bad_spend_limit_is_a_configuration_error(limit: object) -> None:
    with pytest.raises(aiovideo.ConfigurationError, match="max_spend_usd"):
        aiovideo.Client(API_KEY, max_spend_usd=limit)  # type: ignore[arg-type]


def test_batch_max_spend_stops_submitting_and_a_higher_limit_resumes(tmp_path: Path) -> None:
    served = Served("--min-seconds", "0.2", "--max-seconds", "0.3")
    try:
        prompts = tmp_path / "prompts.txt"
        prompts.write_text("\n".join(f"scene {i}" for i in range(6)), encoding="utf-8")
        out = tmp_path / "out"
        first = _batch(prompts, out, "--model", "google/veo3", "--max-spend", "0.2", env=served.env)
        assert first.exit_code == 1, first.output
        assert "the --max-spend limit stopped the batch: 3 lines not submitted" in first.output
        assert "spent 0.18 USD (360,000 credits) this run" in first.output
        records = _manifest(out)
        assert [r["status"] for r in records] == ["completed"] * 3 + ["pending"] * 3
        assert records[0]["cost"] == {"credits": 120_000, "usd": PRICE}
        assert served.stats()["submits"] == 3
        again = _batch(prompts, out, "--model", "google/veo3", "--max-spend", "1", env=served.env)
        assert again.exit_code == 0, again.output
        assert [r["status"] for r in _manifest(out)] == ["completed"] * 6
        stats = served.stats()
        assert (stats["submits"], stats["duplicate_submits"]) == (6, 0)
    finally:
        served.close()
