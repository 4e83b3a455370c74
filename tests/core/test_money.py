"""Money is exact: `Cost.usd` is a Decimal, sums and the spend limit are exact, and a
generation's counted cost never goes down (issue 19 item 2, issue 18 item 4)."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import pytest
from aiohttp import web

import aiovideo
from aiovideo.core import money, total_cost
from tests.conftest import API_KEY, MakeEmulator
from tests.hostile import HostileServer

PATH = "/v2/video/generations"


# Cost as a value.


def test_thirty_costs_of_six_cents_sum_to_exactly_one_eighty() -> None:
    costs = [aiovideo.Cost(credits=120_000) for _ in range(30)]
    assert sum(cost.usd or 0 for cost in costs) == Decimal("1.80")
    assert sum(costs) == aiovideo.Cost(credits=3_600_000, usd=Decimal("1.80"))
    assert total_cost(costs).usd == Decimal("1.80")
    floats = sum(aiovideo.Cost(usd=0.06) for _ in range(30))  # each float read via str
    assert isinstance(floats, aiovideo.Cost)
    assert floats.usd == Decimal("1.80")
    assert sum(0.06 for _ in range(30)) != 1.8  # what a float gave: 1.8000000000000003


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (0.06, "0.06"),  # a float through its shortest text, not 0.05999999999999999778...
        (0.1, "0.1"),
        ("0.30", "0.30"),
        (Decimal("1.95"), "1.95"),
        (2, "2"),
    ],
)
def test_a_cost_given_usd_keeps_it_exactly(given: Any, expected: str) -> None:
    cost = aiovideo.Cost(credits=None, usd=given)
    assert isinstance(cost.usd, Decimal)
    assert str(cost.usd) == expected


def test_usd_from_credits_is_exact_and_a_cost_stays_a_frozen_hashable_value() -> None:
    assert aiovideo.Cost(credits=120_000).usd == Decimal("0.06")
    assert str(aiovideo.Cost(credits=3_600_000).usd) == "1.80"
    assert str(aiovideo.Cost(credits=1).usd) == "5E-7"  # 0.0000005, exactly
    assert aiovideo.Cost(credits=2**64).usd == Decimal(2**64) / 2_000_000
    same = {aiovideo.Cost(credits=120_000, usd=0.06), aiovideo.Cost(credits=120_000)}
    assert len(same) == 1
    with pytest.raises(AttributeError):
        aiovideo.Cost(credits=1).usd = Decimal(1)  # type: ignore[misc]
    for bad in (True, "six cents", [1]):
        with pytest.raises((TypeError, ValueError)):
            aiovideo.Cost(usd=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cost", "shown"),
    [
        (aiovideo.Cost(credits=720_000), "0.36 USD (720,000 credits)"),
        (aiovideo.Cost(credits=3_600_000), "1.80 USD (3,600,000 credits)"),
        (aiovideo.Cost(credits=1), "0.0000005 USD (1 credits)"),  # not rounded to 0.00
        (aiovideo.Cost(usd=2), "2.00 USD"),
    ],
)
def test_every_display_shows_the_exact_amount(cost: aiovideo.Cost, shown: str) -> None:
    assert money(cost) == shown


async def test_thirty_generations_spend_exactly_one_eighty(make_emulator: MakeEmulator) -> None:
    emu = await make_emulator(min_seconds=0.05, max_seconds=0.1)
    async with aiovideo.Client(API_KEY, emu.base_url, poll_interval=0.02) as client:
        jobs = [
            await client.submit(model="google/veo3", prompt=f"p{i}", duration=8) for i in range(30)
        ]
        await asyncio.gather(*jobs)
        assert client.spent == aiovideo.Cost(credits=3_600_000, usd=Decimal("1.80"))
        assert str(client.spent.usd) == "1.80"


# The spend limit: exact, and a generation's counted cost never goes down.


@pytest.mark.parametrize("limit", [0.18, "0.18", Decimal("0.18"), 1])
def test_a_spend_limit_is_read_exactly_in_any_form(limit: Any) -> None:
    client = aiovideo.Client(API_KEY, max_spend_usd=limit)
    assert client._ledger.limit == Decimal(str(limit))


class ShrinkingCost:
    """Submits report 1.00 USD; each generation's completed reply then reports 0 credits."""

    def __init__(self, server: HostileServer) -> None:
        self.count = 0
        server.route("POST", PATH, self._submit)
        server.route("GET", PATH, self._poll)

    async def _submit(self, _: web.Request) -> web.StreamResponse:
        self.count += 1
        usage = {"credits_used": 2_000_000, "usd_spent": 1.0}
        reply = {"id": f"g{self.count}", "status": "queued", "meta": {"usage": usage}}
        return web.json_response(reply)

    async def _poll(self, request: web.Request) -> web.StreamResponse:
        gid = request.query["generation_id"]
        return web.json_response(
            {
                "id": gid,
                "status": "completed",
                "video": {"url": f"http://127.0.0.1:9/{gid}.mp4"},
                "meta": {"usage": {"credits_used": 0}},
            }
        )


async def test_a_cost_that_goes_down_never_lowers_what_the_limit_counts() -> None:
    async with HostileServer() as server:
        api = ShrinkingCost(server)
        async with aiovideo.Client(
            API_KEY, server.url, poll_interval=0.02, max_spend_usd=3
        ) as client:
            refused = 0
            for i in range(8):
                try:
                    job = await client.submit(model="veo2", prompt=f"p{i}")
                except aiovideo.SpendLimitError:
                    refused += 1
                    continue
                video = await job
                assert job.cost == aiovideo.Cost(credits=0)  # the latest report
                assert job.counted_cost == aiovideo.Cost(credits=2_000_000)  # the largest
                assert video.cost == job.counted_cost
            assert client.spent == aiovideo.Cost(credits=6_000_000, usd=Decimal("3.00"))
    assert api.count == 3  # 1.00 each: the fourth would pass 3.00
    assert refused == 5


async def test_a_cost_that_rises_is_counted_at_its_new_amount() -> None:
    async with HostileServer() as server:

        async def submit(_: web.Request) -> web.StreamResponse:
            usage = {"credits_used": 120_000}
            return web.json_response({"id": "g", "status": "queued", "meta": {"usage": usage}})

        async def poll(_: web.Request) -> web.StreamResponse:
            reply = {
                "id": "g",
                "status": "completed",
                "video": {"url": "http://127.0.0.1:9/g.mp4"},
                "meta": {"usage": {"credits_used": 240_000}},
            }
            return web.json_response(reply)

        server.route("POST", PATH, submit)
        server.route("GET", PATH, poll)
        async with aiovideo.Client(API_KEY, server.url, poll_interval=0.02) as client:
            video = await client.generate(model="veo2", prompt="p")
            assert client.spent == aiovideo.Cost(credits=240_000)  # once, at the larger
            assert video.cost == aiovideo.Cost(credits=240_000)
