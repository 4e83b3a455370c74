"""End to end against the emulator, one model of each family, in that family's reply shapes.

The emulator answers each family the way the real API's example runs do (`testing.families()`):
Runway's `video` is a list of bare URL strings, MiniMax's submit reply has `generation_id` and
no `id`, PixVerse says `succeeded` and has nanoid ids that may start with `-`, Kling's ids carry
the vendor path with slashes and its links expire, Alibaba's files sit behind pre-signed OSS URLs
with `%2F` in them, and so on. Each test goes from submit to an MP4 on disk through the Client.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import yarl

import aiovideo
from aiovideo.core import ModelInfo, model_info, models
from aiovideo.testing import Emulator, families
from tests.conftest import API_KEY, MakeEmulator
from tests.core.test_model_table import _correct, _request

AUTH = {"Authorization": f"Bearer {API_KEY}"}
UNIVERSAL = "/v2/video/generations"
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
# The form of each family's generation ids, as the docs' example runs show them.
ID_FORMS = {
    "runway": rf"{UUID}",
    "minimax": r"[0-9]{18}",
    "pixverse": r"[A-Za-z0-9_-]{21}",
    "kling": rf"{UUID}:kling-video/.+/.+",
    "alibaba": rf"{UUID}:.+",
    "bytedance": r"cgt-[0-9]{14}-[a-z0-9]{5}",
    "openai": r"video_[0-9a-f]{32}:openai/sora-2.*",
    "google": rf"{UUID}:google/.+",
}


def _model(family: str) -> ModelInfo:
    """The family's first model served on the universal path that takes a prompt."""
    return next(
        info
        for info in models()
        if info.family == family and info.path == UNIVERSAL and "prompt" in info.fields
    )


@pytest.mark.parametrize("family", sorted(ID_FORMS))
async def test_a_model_of_each_family_goes_from_submit_to_a_file(
    family: str, make_emulator: MakeEmulator, tmp_path: Path
) -> None:
    info = _model(family)
    emu = await make_emulator(min_seconds=0.05, max_seconds=0.1)
    request = _request(info, {"prompt": "a fox", **_correct(info)})
    async with aiovideo.Client(API_KEY, emu.base_url, poll_interval=0.02) as client:
        job = await client.submit(request)
        assert re.fullmatch(ID_FORMS[family], job.id), job.id
        video = await job.wait(timeout=10)
        assert job.status == families()[family].done
        path = await video.download(tmp_path / "out.mp4")
        again = await client.get(job.id)  # one status check of a finished generation
    data = path.read_bytes()
    assert data[4:8] == b"ftyp"  # an MP4
    assert again.video is not None and again.video.url == video.url
    assert len(again.videos) == 1
    (listed,) = emu.generations()
    assert listed["family"] == family
    credits, usd = families()[family].price(listed["duration"])
    assert job.cost is not None and job.cost.credits == credits
    assert job.cost.usd == Decimal(credits) / 2_000_000  # exact, from the credits
    assert float(job.cost.usd) == pytest.approx(usd)
    assert client.spent.credits == credits


async def _post(emu: Emulator, body: dict[str, Any], path: str = UNIVERSAL) -> dict[str, Any]:
    async with (
        aiohttp.ClientSession() as http,
        http.post(emu.base_url + path, json=body, headers=AUTH) as response,
    ):
        assert response.status == 200, await response.text()
        reply: dict[str, Any] = await response.json()
        return reply


async def _poll(emu: Emulator, gen_id: str) -> dict[str, Any]:
    async with (
        aiohttp.ClientSession() as http,
        http.get(emu.base_url + UNIVERSAL, params={"generation_id": gen_id}, headers=AUTH) as r,
    ):
        assert r.status == 200, await r.text()
        reply: dict[str, Any] = await r.json()
        return reply


async def _done(emu: Emulator, family: str, **fields: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The submit reply and the completed reply of one generation of `family`."""
    info = _model(family)
    body = _request(info, {"prompt": "a fox", **_correct(info), **fields}).body()
    submitted = await _post(emu, body)
    gen_id = submitted.get("id") or submitted["generation_id"]
    emu.finish(gen_id)
    return submitted, await _poll(emu, gen_id)


async def test_the_wire_shapes_of_each_family(make_emulator: MakeEmulator) -> None:
    emu = await make_emulator(min_seconds=30, max_seconds=30)
    submitted, done = await _done(emu, "runway")
    assert isinstance(done["video"], list) and isinstance(done["video"][0], str)
    assert "tokens_used" in submitted["meta"]["usage"]  # the older name of credits_used
    submitted, done = await _done(emu, "minimax")
    assert "id" not in submitted and "generation_id" in submitted
    assert done["id"] == submitted["generation_id"]
    assert set(submitted["meta"]["usage"]) == {"credits_used"}  # credits alone
    _, done = await _done(emu, "pixverse")
    assert done["status"] == "succeeded"
    assert "/fal/files/" in done["video"][0]["url"]
    _, done = await _done(emu, "alibaba")
    assert "videos%2F" in done["video"]["url"] and "%2F%3D" in done["video"]["url"]
    assert done["video"]["content_type"] == "video/mp4"
    _, done = await _done(emu, "bytedance")
    assert "X-Tos-Expires=86400" in done["video"][0]["url"]
    _, done = await _done(emu, "openai")
    assert isinstance(done["video"], str)
    _, done = await _done(emu, "kling")
    assert "x-expires=" in done["video"][0]["url"]


async def test_a_presigned_url_is_fetched_exactly_as_given(
    make_emulator: MakeEmulator, tmp_path: Path
) -> None:
    """Decoding `%2F` or re-encoding `%3D` changes a signed URL: the host answers 403."""
    emu = await make_emulator(min_seconds=0, max_seconds=0)
    _, done = await _done(emu, "alibaba")
    url = done["video"]["url"]
    async with aiohttp.ClientSession() as http:
        async with http.get(url.replace("%2F", "/", 1)) as response:
            assert response.status == 403  # a decoded path is another URL
        async with http.get(yarl.URL(url, encoded=True)) as response:
            assert response.status == 200
    info = _model("alibaba")
    async with aiovideo.Client(API_KEY, emu.base_url, poll_interval=0.02) as client:
        job = await client.submit(_request(info, {"prompt": "a fox", **_correct(info)}))
        video = await job.wait(timeout=10)
        path = await video.download(tmp_path / "signed.mp4")
    assert path.read_bytes()[4:8] == b"ftyp"
    assert emu.stats["bad_signatures"] == 1  # only the test's own decoded request


async def test_an_expired_link_fails_its_download_only(
    make_emulator: MakeEmulator, tmp_path: Path
) -> None:
    emu = await make_emulator(min_seconds=0, max_seconds=0, link_ttl=-1)  # expired at once
    info = _model("kling")
    async with aiovideo.Client(API_KEY, emu.base_url, poll_interval=0.02) as client:
        job = await client.submit(_request(info, {"prompt": "a fox", **_correct(info)}))
        video = await job.wait(timeout=10)
        with pytest.raises(aiovideo.APIStatusError, match="file host refused the link") as got:
            await video.download(tmp_path / "late.mp4")
        # The file host's word on a link, not the API's on the key or the account.
        assert type(got.value) is aiovideo.APIStatusError
        assert got.value.status_code == 403
    assert not (tmp_path / "late.mp4").exists()
    assert emu.stats["expired_links"] >= 1


@pytest.mark.parametrize("family", sorted(ID_FORMS))
async def test_an_id_of_every_form_is_adopted_by_its_family(
    family: str, make_emulator: MakeEmulator
) -> None:
    """`aiovideo batch --emulator` resumes ids of an earlier emulator: each form is known."""
    emu = await make_emulator(min_seconds=30, max_seconds=30)
    info = _model(family)
    submitted = await _post(emu, _request(info, {"prompt": "a", **_correct(info)}).body())
    gen_id = submitted.get("id") or submitted["generation_id"]
    other = await make_emulator(adopt_unknown_ids=True, min_seconds=0, max_seconds=0)
    reply = await _poll(other, gen_id)
    assert reply["status"] == families()[family].done
    (adopted,) = other.generations()
    assert adopted["id"] == gen_id
    assert adopted["family"] == family
    # The model the id names, or (for the forms that name none) one of the family's.
    adopted_info = model_info(adopted["model"])
    assert adopted_info is not None and adopted_info.family == family
    if ":" in gen_id:  # an id that names its model is adopted as that model
        assert adopted["model"] == info.id
    assert other.stats["adopted"] == 1


async def test_a_legacy_only_model_is_sent_and_polled_on_its_own_path(
    make_emulator: MakeEmulator,
) -> None:
    emu = await make_emulator(min_seconds=0.05, max_seconds=0.1)
    wan = model_info("wan/v2.1/1.3b/text-to-video")
    assert wan is not None
    async with aiovideo.Client(API_KEY, emu.base_url, poll_interval=0.02) as client:
        job = await client.submit(_request(wan, {"prompt": "a fox", **_correct(wan)}))
        await job.wait(timeout=10)
        snapshot = await client.get(job.id)  # `get` finds the path from the id's model
    assert snapshot.status == "completed"
    assert [listed["path"] for listed in emu.generations()] == [wan.path]


async def test_an_unknown_model_is_refused_like_the_real_api(make_emulator: MakeEmulator) -> None:
    """The SDK lets an unknown model through (the table may be behind); the server refuses it."""
    emu = await make_emulator()
    async with aiovideo.Client(API_KEY, emu.base_url) as client:
        with pytest.raises(aiovideo.APIStatusError) as caught:
            await client.submit(model="google/veo-9", prompt="a fox")
    assert caught.value.status_code == 400
    assert "'google/veo-9' is not a model of this API" in caught.value.message
    assert emu.stats["submits"] == 0
    newer = await make_emulator(unknown_models=True, min_seconds=0, max_seconds=0)
    async with aiovideo.Client(API_KEY, newer.base_url, poll_interval=0.02) as client:
        video = await client.generate(model="google/veo-9", prompt="a fox", timeout=10)
    assert video.url
