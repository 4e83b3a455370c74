"""The emulator's tracing headers, its usage log `GET /v2/logs` and its slow, billed submit.

Spoken to with a bare aiohttp session, as a client of the real API would be.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Mapping
from typing import Any

import aiohttp
import anyio
import pytest

from aiovideo.testing import Emulator, families
from tests.conftest import API_KEY, MakeEmulator

# What the emulator charges for a veo2 video of its default 5 s.
CREDITS, USD = families()["google"].price(5.0)
UNIVERSAL = "/v2/video/generations"
LOGS = "/v2/logs"

AUTH = {"Authorization": f"Bearer {API_KEY}"}
BODY = {"model": "veo2", "prompt": "a lighthouse at dusk"}
WIDE = {"period": "1d"}  # every row these tests make


@pytest.fixture(name="http")
async def fixture_http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def _submit(
    http: aiohttp.ClientSession,
    emu: Emulator,
    body: Mapping[str, Any] = BODY,
    client_request_id: str | None = None,
) -> aiohttp.ClientResponse:
    headers = dict(AUTH)
    if client_request_id is not None:
        headers["X-Client-Request-Id"] = client_request_id
    async with http.post(emu.base_url + UNIVERSAL, json=body, headers=headers) as response:
        await response.read()
        return response


async def _logs(
    http: aiohttp.ClientSession, emu: Emulator, params: Any = WIDE, expect: int = 200
) -> Any:
    async with http.get(emu.base_url + LOGS, params=params, headers=AUTH) as response:
        assert response.status == expect, await response.text()
        return await response.json()


async def _wait_for_rows(
    http: aiohttp.ClientSession, emu: Emulator, count: int, params: Any = WIDE
) -> list[dict[str, Any]]:
    """The log's rows once there are `count`: asked again and again, for at most 5 s."""
    with anyio.fail_after(5):
        while True:
            rows: list[dict[str, Any]] = (await _logs(http, emu, params))["data"]
            if len(rows) >= count:
                return rows
            await asyncio.sleep(0.02)


async def _generations(http: aiohttp.ClientSession, emu: Emulator) -> list[dict[str, Any]]:
    async with http.get(emu.base_url + "/_emulator/generations") as response:
        listed: list[dict[str, Any]] = await response.json()
        return listed


# X-Client-Request-Id and x-inference-id.


@pytest.mark.parametrize("client_request_id", ["job-1", "order_8f.21:c4-X", "a" * 128])
async def test_a_valid_client_request_id_is_echoed_and_kept(
    make_emulator: MakeEmulator, http: aiohttp.ClientSession, client_request_id: str
) -> None:
    emu = await make_emulator()
    response = await _submit(http, emu, client_request_id=client_request_id)
    assert response.status == 200
    assert response.headers["x-client-request-id"] == client_request_id
    [gen] = await _generations(http, emu)
    assert gen["client_request_id"] == client_request_id


@pytest.mark.parametrize(
    "client_request_id", ["", "a" * 129, "job#1", "job/1", "two words", "naïve"]
)
async def test_a_malformed_client_request_id_is_dropped_and_the_request_still_runs(
    make_emulator: MakeEmulator, http: aiohttp.ClientSession, client_request_id: str
) -> None:
    emu = await make_emulator()
    headers = {**AUTH, "X-Client-Request-Id": client_request_id}
    async with http.post(emu.base_url + UNIVERSAL, json=BODY, headers=headers) as response:
        assert response.status == 200
        assert "x-client-request-id" not in response.headers
        assert response.headers["x-inference-id"] == (await response.json())["id"]
    [gen] = await _generations(http, emu)
    assert gen["client_request_id"] is None
    assert emu.stats["billed_submits"] == 1


async def test_the_client_request_id_is_echoed_on_polls_and_the_log_route_too(
    emulator: Emulator, http: aiohttp.ClientSession
) -> None:
    headers = {**AUTH, "X-Client-Request-Id": "poll-1"}
    url = emulator.base_url + UNIVERSAL
    async with http.get(url, params={"generation_id": "x"}, headers=headers) as response:
        assert response.headers["x-client-request-id"] == "poll-1"
    async with http.get(emulator.base_url + LOGS, params=WIDE, headers=headers) as response:
        assert response.status == 200
        assert response.headers["x-client-request-id"] == "poll-1"


async def test_a_submit_and_its_polls_share_one_inference_id(
    make_emulator: MakeEmulator, http: aiohttp.ClientSession
) -> None:
    emu = await make_emulator(min_seconds=0, max_seconds=0)
    submitted = await _submit(http, emu)
    gen_id = submitted.headers["x-inference-id"]
    async with http.get(
        emu.base_url + UNIVERSAL, params={"generation_id": gen_id}, headers=AUTH
    ) as response:
        reply = await response.json()
        assert reply["id"] == response.headers["x-inference-id"] == gen_id
        assert reply["status"] == "completed"
        # A finished generation's reply states its cost in headers too.
        assert response.headers["x-aimlapi-credits-used"] == str(CREDITS)
        assert float(response.headers["x-aimlapi-usd-spent"]) == pytest.approx(USD)
    # The legacy submit answers `generation_id`: the header is that id.
    legacy = {"model": "veo2", "prompt": "p"}
    async with http.post(
        emu.base_url + "/v2/generate/video/google/generation", json=legacy, headers=AUTH
    ) as response:
        assert response.headers["x-inference-id"] == (await response.json())["generation_id"]


@pytest.mark.parametrize(
    ("generation_id", "header"),
    [
        ("", None),  # malformed: left out, not failed
        ("two words", None),
        ("0b7c54ac-22f2-4d5e-8c5b-3b0e1c9d7e11:google/veo-3.0", "same"),
        ("-V1StGXR8Z5jdHi6BmyT8k", "same"),
    ],
)
async def test_a_poll_names_the_polled_id_unless_it_looks_malformed(
    emulator: Emulator, http: aiohttp.ClientSession, generation_id: str, header: str | None
) -> None:
    url = emulator.base_url + UNIVERSAL
    async with http.get(url, params={"generation_id": generation_id}, headers=AUTH) as response:
        assert response.status == 404
        expected = generation_id if header == "same" else None
        assert response.headers.get("x-inference-id") == expected


# Rows of the usage log.


async def test_a_completed_generation_is_logged_with_its_cost(
    make_emulator: MakeEmulator, http: aiohttp.ClientSession
) -> None:
    emu = await make_emulator(min_seconds=0, max_seconds=0)
    submitted = await _submit(http, emu, client_request_id="job-7")
    gen_id = submitted.headers["x-inference-id"]
    [row] = await _wait_for_rows(http, emu, 1)
    assert row["inference_id"] == gen_id
    assert row["client_request_id"] == "job-7"
    assert row["status"] == "succeeded"
    assert row["cost"] == {"usd": USD, "credits": CREDITS}
    assert USD == CREDITS / 2_000_000
    assert row["model"] == "veo2"
    assert row["origin"] == "api"
    assert row["tokens"] == {"input": 0, "output": 0, "total": 0}
    assert row["request_id"]
    assert row["created"].endswith("Z")


async def test_a_failed_generation_is_logged_as_failed_at_no_cost(
    make_emulator: MakeEmulator, http: aiohttp.ClientSession
) -> None:
    emu = await make_emulator(min_seconds=0, max_seconds=0, failure_rate=1.0)
    submitted = await _submit(http, emu)
    [row] = await _wait_for_rows(http, emu, 1)
    assert row["inference_id"] == submitted.headers["x-inference-id"]
    assert row["client_request_id"] is None
    assert row["status"] == "failed"
    assert row["cost"] == {"usd": 0, "credits": 0}


async def test_a_generation_still_running_has_no_row_yet(
    make_emulator: MakeEmulator, http: aiohttp.ClientSession
) -> None:
    emu = await make_emulator(min_seconds=60, max_seconds=60)
    await _submit(http, emu, client_request_id="job-1")
    assert (await _logs(http, emu))["data"] == []
    assert len(await _generations(http, emu)) == 1


async def test_a_refused_submit_is_logged_as_failed_at_no_cost(
    emulator: Emulator, http: aiohttp.ClientSession
) -> None:
    response = await _submit(http, emulator, {"model": "veo2"}, client_request_id="job-400")
    assert response.status == 400
    assert response.headers["x-client-request-id"] == "job-400"
    inference_id = response.headers["x-inference-id"]  # an id, though no generation
    [row] = await _wait_for_rows(http, emulator, 1)
    assert row["inference_id"] == inference_id
    assert row["client_request_id"] == "job-400"
    assert row["status"] == "failed"
    assert row["model"] == "veo2"
    assert row["cost"] == {"usd": 0, "credits": 0}
    assert await _generations(http, emulator) == []
    assert emulator.stats["billed_submits"] == 0


async def test_a_rate_limited_submit_is_logged_as_failed(
    make_emulator: MakeEmulator, http: aiohttp.ClientSession
) -> None:
    emu = await make_emulator(rps_limit=1, min_seconds=60, max_seconds=60)
    assert (await _submit(http, emu)).status == 200
    refused = await _submit(http, emu, client_request_id="again")
    assert refused.status == 429
    [row] = await _wait_for_rows(http, emu, 1)
    assert (row["status"], row["client_request_id"], row["model"]) == ("failed", "again", "veo2")


async def test_an_unauthorised_submit_is_not_logged(
    emulator: Emulator, http: aiohttp.ClientSession
) -> None:
    headers = {"Authorization": "Bearer wrong", "X-Client-Request-Id": "x"}
    async with http.post(emulator.base_url + UNIVERSAL, json=BODY, headers=headers) as response:
        assert response.status == 401
    assert (await _logs(http, emulator))["data"] == []


async def test_rows_appear_only_after_the_logs_delay(
    make_emulator: MakeEmulator, http: aiohttp.ClientSession
) -> None:
    emu = await make_emulator(min_seconds=0, max_seconds=0, logs_delay=0.3)
    started = time.monotonic()
    await _submit(http, emu, client_request_id="late")
    assert (await _logs(http, emu))["data"] == []
    [row] = await _wait_for_rows(http, emu, 1)
    assert time.monotonic() - started >= 0.3
    assert row["client_request_id"] == "late"


async def test_each_key_sees_its_own_rows(
    make_emulator: MakeEmulator, http: aiohttp.ClientSession
) -> None:
    emu = await make_emulator(api_key=None, min_seconds=0, max_seconds=0)
    await _submit(http, emu, client_request_id="mine")
    assert len(await _wait_for_rows(http, emu, 1)) == 1
    other = {"Authorization": "Bearer someone-else"}
    async with http.get(emu.base_url + LOGS, params=WIDE, headers=other) as response:
        assert (await response.json())["data"] == []
    async with http.get(emu.base_url + LOGS, params=WIDE) as response:
        assert response.status == 401


# Filters, pages and refusals of the log route.


@pytest.fixture(name="logged")
async def fixture_logged(make_emulator: MakeEmulator, http: aiohttp.ClientSession) -> Emulator:
    """An emulator whose log holds two succeeded rows (two models) and a failed one."""
    emu = await make_emulator(min_seconds=0, max_seconds=0, unknown_models=True)
    await _submit(http, emu, client_request_id="one")
    await _submit(http, emu, {"model": "acme/video-1", "prompt": "p"}, client_request_id="two")
    await _submit(http, emu, {"prompt": "no model"}, client_request_id="three")
    await _wait_for_rows(http, emu, 3)
    return emu


async def test_rows_come_newest_first_in_the_documented_envelope(
    logged: Emulator, http: aiohttp.ClientSession
) -> None:
    page = await _logs(http, logged)
    assert [row["client_request_id"] for row in page["data"]] == ["three", "two", "one"]
    assert page["pagination"] == {"limit": 50, "offset": 0, "total": 3, "has_more": False}
    assert page["data"][0]["model"] == "unknown"  # the refused body named none


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["succeeded"], {"one", "two"}),
        (["failed"], {"three"}),
        (["succeeded", "failed"], {"one", "two", "three"}),
        ([], {"one", "two", "three"}),
    ],
)
async def test_the_status_filter_repeats(
    logged: Emulator, http: aiohttp.ClientSession, statuses: list[str], expected: set[str]
) -> None:
    params = [("period", "1d"), *(("status", status) for status in statuses)]
    rows = (await _logs(http, logged, params))["data"]
    assert {row["client_request_id"] for row in rows} == expected


async def test_a_comma_separated_status_is_not_split_but_refused(
    logged: Emulator, http: aiohttp.ClientSession
) -> None:
    body = await _logs(http, logged, {"period": "1d", "status": "succeeded,failed"}, expect=400)
    assert "succeeded,failed" in body["message"]


@pytest.mark.parametrize(
    ("models", "expected"),
    [
        (["veo2"], {"one"}),
        (["veo2", "acme/video-1"], {"one", "two"}),
        (["veo2,acme/video-1"], set()),  # one long name: no row, no error
        (["acme"], set()),  # matched exactly
    ],
)
async def test_the_model_filter_repeats_and_commas_are_not_split(
    logged: Emulator, http: aiohttp.ClientSession, models: list[str], expected: set[str]
) -> None:
    params = [("period", "1d"), *(("model", model) for model in models)]
    rows = (await _logs(http, logged, params))["data"]
    assert {row["client_request_id"] for row in rows} == expected


async def test_limit_and_offset_page_through_the_rows(
    logged: Emulator, http: aiohttp.ClientSession
) -> None:
    page = await _logs(http, logged, {"period": "1d", "limit": "2"})
    assert [row["client_request_id"] for row in page["data"]] == ["three", "two"]
    assert page["pagination"] == {"limit": 2, "offset": 0, "total": 3, "has_more": True}
    page = await _logs(http, logged, {"period": "1d", "limit": "2", "offset": "2"})
    assert [row["client_request_id"] for row in page["data"]] == ["one"]
    assert page["pagination"] == {"limit": 2, "offset": 2, "total": 3, "has_more": False}
    page = await _logs(http, logged, {"period": "1d", "offset": "5"})
    assert page["data"] == []
    assert page["pagination"]["total"] == 3


@pytest.mark.parametrize(
    "params",
    [
        {"period": "1d", "limit": "101"},
        {"period": "1d", "limit": "0"},
        {"period": "1d", "limit": "ten"},
        {"period": "1d", "offset": "-1"},
        {},  # neither period nor start and end
        {"start": "2026-01-01T00:00:00Z"},  # start without end
        {"period": "1d", "start": "2026-01-01T00:00:00Z", "end": "2026-01-02T00:00:00Z"},
        {"period": "93d"},
        {"period": "2w"},
        {"start": "2026-01-01T00:00:00Z", "end": "2026-04-04T00:00:00Z"},  # 93 days
        {"start": "2026-01-02T00:00:00Z", "end": "2026-01-01T00:00:00Z"},  # end before start
        {"start": "yesterday", "end": "2026-01-01T00:00:00Z"},
    ],
)
async def test_bad_queries_are_refused(
    logged: Emulator, http: aiohttp.ClientSession, params: dict[str, str]
) -> None:
    body = await _logs(http, logged, params, expect=400)
    assert body["statusCode"] == 400


async def test_the_window_selects_rows_by_the_time_of_their_request(
    logged: Emulator, http: aiohttp.ClientSession
) -> None:
    past = {"start": "2026-01-01T00:00:00", "end": "2026-04-03T00:00:00+00:00"}  # 92 days
    assert (await _logs(http, logged, past))["data"] == []
    now = time.time()
    around = {
        "start": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - 3600)),
        "end": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now + 3600)),
    }
    assert len((await _logs(http, logged, around))["data"]) == 3
    assert len((await _logs(http, logged, {"period": "1h"}))["data"]) == 3


async def test_the_log_route_answers_429_past_200_requests_a_minute(
    emulator: Emulator, http: aiohttp.ClientSession
) -> None:
    for _ in range(200):
        await _logs(http, emulator)
    async with http.get(emulator.base_url + LOGS, params=WIDE, headers=AUTH) as response:
        assert response.status == 429
        assert 1 <= int(response.headers["Retry-After"]) <= 60


async def test_the_log_route_limit_is_a_sliding_window(
    make_emulator: MakeEmulator, http: aiohttp.ClientSession
) -> None:
    emu = await make_emulator(logs_rate_limit=2, logs_rate_window=0.2)
    await _logs(http, emu)
    await _logs(http, emu)
    await _logs(http, emu, expect=429)
    with anyio.fail_after(5):
        while True:  # the window slides on: the route answers again
            async with http.get(emu.base_url + LOGS, params=WIDE, headers=AUTH) as response:
                if response.status == 200:
                    break
                assert response.status == 429
            await asyncio.sleep(0.02)


# The slow, billed submit.


async def test_a_slow_submit_is_billed_on_receipt_and_answered_after_the_delay(
    make_emulator: MakeEmulator, http: aiohttp.ClientSession
) -> None:
    emu = await make_emulator(submit_reply_delay=0.2)
    started = time.monotonic()
    response = await _submit(http, emu, client_request_id="slow")
    assert time.monotonic() - started >= 0.2
    assert response.status == 200
    assert response.headers["x-client-request-id"] == "slow"
    assert emu.stats["billed_submits"] == 1


async def test_a_submit_whose_client_hangs_up_still_leaves_a_billed_generation(
    make_emulator: MakeEmulator, http: aiohttp.ClientSession
) -> None:
    emu = await make_emulator(submit_reply_delay=60, min_seconds=0, max_seconds=0)
    headers = {**AUTH, "X-Client-Request-Id": "ctrl-c"}
    with pytest.raises(TimeoutError):
        await http.post(
            emu.base_url + UNIVERSAL,
            json=BODY,
            headers=headers,
            timeout=aiohttp.ClientTimeout(total=0.1),
        )
    with anyio.fail_after(5):  # the POST was received before the client gave up
        while True:
            listed = await _generations(http, emu)
            if listed:
                break
            await asyncio.sleep(0.01)
    [gen] = listed
    assert emu.stats["billed_submits"] == 1
    assert gen["client_request_id"] == "ctrl-c"
    [row] = await _wait_for_rows(http, emu, 1)
    assert (row["inference_id"], row["client_request_id"]) == (gen["id"], "ctrl-c")
    assert row["status"] == "succeeded"
    assert row["cost"]["credits"] == CREDITS
    async with http.get(emu.base_url + "/_emulator/stats") as response:
        assert (await response.json())["billed_submits"] == 1
    # Closing the emulator does not wait out the held reply.
    started = time.monotonic()
    await emu.close()
    assert time.monotonic() - started < 5
