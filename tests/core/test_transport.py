"""The HTTP layer against aioresponses: status-to-exception mapping and retry rules."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

import aiohttp
import pytest

import aiovideo
from aiovideo.core._transport import parse_retry_after
from tests.conftest import API_KEY
from tests.mocked import aioresponses

BASE = "https://api.test"
SUBMIT = f"{BASE}/v2/video/generations"
POLL = re.compile(r"^https://api\.test/v2/video/generations\?generation_id=.*$")
QUEUED = {"id": "g1:google/veo3", "status": "queued"}


@pytest.fixture(name="mocked")
def fixture_mocked() -> Iterator[aioresponses]:
    with aioresponses() as mocked:
        yield mocked


@pytest.fixture(name="client")
async def fixture_client() -> AsyncIterator[aiovideo.Client]:
    async with aiovideo.Client(api_key=API_KEY, base_url=BASE, poll_interval=60) as client:
        yield client


def _body(status: int, message: str) -> dict[str, object]:
    return {
        "message": message,
        "path": "/v2/video/generations",
        "requestId": "req-42",
        "statusCode": status,
        "timestamp": "2026-11-22T00:00:00Z",
    }


def _posts(mocked: aioresponses) -> int:
    return sum(len(calls) for (method, _), calls in mocked.requests.items() if method == "POST")


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, aiovideo.APIStatusError),
        (401, aiovideo.AuthenticationError),
        (403, aiovideo.PermissionDeniedError),
        (404, aiovideo.NotFoundError),
        (500, aiovideo.ServerError),
        (504, aiovideo.ServerError),
    ],
)
async def test_error_status_maps_to_exception(
    mocked: aioresponses, client: aiovideo.Client, status: int, cls: type[Exception]
) -> None:
    mocked.post(SUBMIT, status=status, payload=_body(status, "Body validation error! nope"))
    with pytest.raises(cls) as info:
        await client.submit(model="google/veo3", prompt="x")
    err = info.value
    assert isinstance(err, aiovideo.APIStatusError)
    assert type(err) is cls
    assert err.status_code == status
    assert err.message == "Body validation error! nope"
    assert err.request_id == "req-42"
    assert isinstance(err.body, dict)
    assert API_KEY not in str(err) and API_KEY not in repr(err)
    assert _posts(mocked) == 1  # none of these is retried for a POST


async def test_html_error_page(mocked: aioresponses, client: aiovideo.Client) -> None:
    mocked.get(POLL, status=502, body="<html><body>Bad gateway</body></html>", repeat=True)
    with pytest.raises(aiovideo.ServerError, match="HTML"):
        await client.get("g1")


async def test_non_json_success_is_response_format_error(
    mocked: aioresponses, client: aiovideo.Client
) -> None:
    mocked.post(SUBMIT, status=200, body="<html>ok</html>")
    with pytest.raises(aiovideo.ResponseFormatError):
        await client.submit(model="veo2", prompt="x")


@pytest.mark.parametrize(
    ("reply", "raised"),
    [
        ({"exception": TimeoutError()}, aiovideo.TransportError),  # read timeout
        ({"exception": aiohttp.ServerDisconnectedError()}, aiovideo.TransportError),  # reset
        ({"status": 500, "payload": _body(500, "boom")}, aiovideo.ServerError),
    ],
)
async def test_post_not_repeated_when_maybe_accepted(
    mocked: aioresponses, client: aiovideo.Client, reply: dict[str, Any], raised: type[Exception]
) -> None:
    mocked.post(SUBMIT, **reply)
    mocked.post(SUBMIT, payload=QUEUED)
    with pytest.raises(raised) as info:
        await client.submit(model="google/veo3", prompt="x")
    if isinstance(info.value, aiovideo.TransportError):
        assert info.value.request_sent
    assert _posts(mocked) == 1


async def test_post_repeated_when_surely_not_accepted(
    mocked: aioresponses, client: aiovideo.Client
) -> None:
    no_key: Any = None  # aiohttp only prints the key; a stand-in is enough here
    refused = aiohttp.ClientConnectorError(no_key, ConnectionRefusedError(111, "refused"))
    mocked.post(SUBMIT, exception=refused)
    mocked.post(SUBMIT, status=429, payload=_body(429, "slow down"), headers={"Retry-After": "0"})
    mocked.post(SUBMIT, status=503, payload=_body(503, "unavailable"))
    mocked.post(SUBMIT, payload=QUEUED)
    with pytest.raises(aiovideo.ServerError):  # 3 attempts: refused, 429, 503
        await client.submit(model="google/veo3", prompt="x")
    assert _posts(mocked) == 3


async def test_post_retried_after_429_then_accepted(
    mocked: aioresponses, client: aiovideo.Client
) -> None:
    mocked.post(SUBMIT, status=429, payload=_body(429, "slow down"), headers={"Retry-After": "0"})
    mocked.post(SUBMIT, payload=QUEUED)
    job = await client.submit(model="google/veo3", prompt="x")
    assert job.id == "g1:google/veo3"
    assert job.status == "queued"
    assert _posts(mocked) == 2


async def test_get_retried_on_transient_failures(
    mocked: aioresponses, client: aiovideo.Client
) -> None:
    mocked.get(POLL, status=502, body="<html>bad gateway</html>")
    mocked.get(POLL, exception=aiohttp.ServerDisconnectedError())
    mocked.get(POLL, payload={"id": "g1", "status": "generating"})
    gen = await client.get("g1")
    assert gen.status == "generating"


async def test_auth_header_and_older_submit_reply(mocked: aioresponses) -> None:
    mocked.post(SUBMIT, payload={"generation_id": "old-1"})
    async with aiovideo.Client(api_key=API_KEY, base_url=BASE + "/v2/") as client:
        job = await client.submit(model="veo2", prompt="x", duration=5)
        assert job.id == "old-1"
        assert job.status == "queued"
    ((_, calls),) = [(k, v) for k, v in mocked.requests.items() if k[0] == "POST"]
    sent = calls[0].kwargs
    assert sent["headers"]["Authorization"] == f"Bearer {API_KEY}"
    assert sent["json"] == {"model": "veo2", "prompt": "x", "duration": 5}
    assert API_KEY not in repr(client)


def test_retry_after_parsing() -> None:
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == 10.0
