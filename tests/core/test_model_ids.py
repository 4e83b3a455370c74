"""Unknown model ids: a slip of a known id is refused naming it, one unlike any known passes as
a model newer than the table (a warning, once per client and id), and `strict_models` refuses
every unknown id; all before any request."""

from __future__ import annotations

import logging
import re

import pytest

import aiovideo
from aiovideo import ValidationError, VideoRequest
from aiovideo.core._models import (
    _ALIASES,
    MODELS,
    _normal,
    _radius,
    check_model,
    close_models,
    lookup,
)
from aiovideo.testing import Emulator
from tests.conftest import API_KEY, MakeEmulator

KNOWN = sorted(MODELS)
ALIASES = [{alias, target} for alias, target in _ALIASES.items()]


def _client(emu: Emulator, **options: object) -> aiovideo.Client:
    return aiovideo.Client(API_KEY, emu.base_url, 0.05, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("slip", "known"),
    [
        ("google/veo-3", "google/veo3"),  # the case
        ("Google/Veo3", "google/veo3"),
        ("google/veo_3", "google/veo3"),
        ("veo3", "google/veo3"),  # the owner left out
        ("luma/ray2", "luma/ray-2"),
        ("runway/gen4-turbo", "runway/gen4_turbo"),
        ("klingai/v2.1-master-text-to-vidoe", "klingai/v2.1-master-text-to-video"),
        ("minimax/haiuo-02", "minimax/hailuo-02"),
    ],
)
def test_a_slip_of_a_known_id_is_refused_naming_it(slip: str, known: str) -> None:
    assert close_models(slip) == (known,)
    with pytest.raises(ValidationError) as info:
        VideoRequest(slip, "a fox")
    assert info.value.field == "model"
    assert info.value.model == slip
    assert f"did you mean {known!r}?" in str(info.value)


@pytest.mark.parametrize(
    "newer",
    [
        # Digits differ: a new version, not a slip. `google/veo-4` is one letter from
        # `google/veo3` once separators go, but refusing it would lock out Veo 4 the day it
        # ships; it passes (with the warning), and `strict_models` refuses it.
        "google/veo-4",
        "google/veo3.5",
        "minimax/hailuo-03",
        # A new sibling where the table tells siblings apart by one letter (t2v, i2v, r2v).
        "google/veo-3.1-v2v",
        "alibaba/wan-2-6-x2v",
        "openai/sora-2-v2v",
        # Nothing like any known id.
        "acme/brand-new-model",
        "kling-video/v2.1/pro",
    ],
)
def test_an_id_unlike_any_known_passes_as_newer(newer: str) -> None:
    assert lookup(newer) is None
    assert close_models(newer) == ()
    assert check_model(newer) is None
    assert VideoRequest(newer, "a fox", anything=1).body()["anything"] == 1
    with pytest.raises(ValidationError, match="strict_models"):
        check_model(newer, strict=True)


def test_every_known_id_is_itself_and_its_normal_form_is_its_own() -> None:
    assert len(KNOWN) >= 148
    for known in KNOWN:
        assert check_model(known, strict=True) is MODELS[known]
        assert close_models(known) == ()
    # No two known ids differ only in case and separators: `google/veo-3` has one answer.
    normals = [_normal(known) for known in KNOWN]
    assert len(set(normals)) == len(normals)


def test_every_known_id_written_loosely_suggests_it_alone() -> None:
    for known in KNOWN:
        loose = known.upper().replace("-", "_") if "-" in known else known.upper()
        # First, and alone but where two ids name one model (an alias with its owner).
        first, *others = close_models(loose)
        assert first == known, loose
        assert all({known, other} in ALIASES for other in others), loose


def test_a_one_letter_slip_of_any_known_id_names_it_where_no_sibling_is_as_near() -> None:
    # Drop a letter of the id's longest word: where the table has no sibling that near
    # (`_radius` > 0), the slip names the id; where it has one, the slip passes as newer
    # rather than be taken for one of two siblings (a new sibling looks just like it).
    checked = 0
    for known in KNOWN:
        word = max(re.finditer(r"[a-z]+", known), key=lambda match: len(match.group()))
        slip = known[: word.end() - 1] + known[word.end() :]
        if lookup(slip) is not None:
            continue
        if _radius(known) > 0:
            assert known in close_models(slip), slip
            checked += 1
        else:
            assert known not in close_models(slip), slip
    assert checked > 100


def test_a_new_version_of_any_known_id_is_never_close() -> None:
    for known in KNOWN:
        if not any(char.isdigit() for char in known):
            continue
        *_, last = re.finditer(r"\d", known)
        bumped = f"{known[: last.start()]}{(int(last.group()) + 1) % 10}{known[last.end() :]}"
        # `happyhorse-1-1` is `happyhorse-1.1` spelt loosely, and `veo3` the name of
        # `google/veo3`: those are slips of the ids they spell.
        spellings = {_normal(other) for other in KNOWN} | {
            _normal(other.partition("/")[2]) for other in KNOWN
        }
        if _normal(bumped) not in spellings:
            assert close_models(bumped) == (), bumped


def test_a_slip_among_siblings_names_the_right_one() -> None:
    # Siblings that differ in their mode (t2v, i2v) do not hide each other's slips.
    assert close_models("google/veo-3.1-t2v-fats") == ("google/veo-3.1-t2v-fast",)
    assert close_models("google/veo-3.1-i2v-fsat") == ("google/veo-3.1-i2v-fast",)
    with pytest.raises(ValidationError, match=re.escape("did you mean 'google/veo-3.1-t2v-fast'")):
        VideoRequest("google/veo-3.1-t2v-fats", "x")
    # Where the table has ids one edit apart (`pixverse/v5-5-image-to-video` and
    # `pixverse/v5.5/image-to-video`), a letter off either is not taken for a slip of it.
    assert close_models("pixverse/v5.5/image-to-vide") == ()
    assert close_models("pixverse/v5.5/image_to_video") == ("pixverse/v5.5/image-to-video",)


def test_strict_models_is_a_bool() -> None:
    with pytest.raises(aiovideo.ConfigurationError, match="strict_models"):
        aiovideo.Client(api_key=API_KEY, strict_models="yes")  # type: ignore[arg-type]


async def test_a_slip_is_refused_before_any_request(emulator: Emulator) -> None:
    async with _client(emulator) as client:
        with pytest.raises(ValidationError, match="did you mean 'google/veo3'"):
            await client.submit(model="google/veo-3", prompt="a fox")
        with pytest.raises(ValidationError, match="did you mean 'google/veo3'"):
            await client.submit({"model": "Google/Veo3", "prompt": "a fox"})
    assert emulator.stats["requests"] == 0


async def test_a_newer_model_is_sent_and_warned_about_once_per_client(
    make_emulator: MakeEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    emulator = await make_emulator(unknown_models=True)  # a server newer than the table
    caplog.set_level(logging.WARNING, logger="aiovideo")
    for _ in range(2):
        async with _client(emulator) as client:
            for _ in range(3):
                job = await client.submit(model="acme/brand-new", prompt="a fox")
                assert job.id
            await client.submit(model="acme/other-new", prompt="a fox")
            await client.submit(model="google/veo3", prompt="a fox")
    warned = [r.getMessage() for r in caplog.records if "not among" in r.getMessage()]
    assert len([m for m in warned if "'acme/brand-new'" in m]) == 2  # once per client
    assert len([m for m in warned if "'acme/other-new'" in m]) == 2
    assert len(warned) == 4
    assert "strict_models=True" in warned[0]
    assert emulator.stats["submits"] == 10


async def test_strict_models_refuses_every_unknown_id_before_any_request(
    emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    async with _client(emulator, strict_models=True) as client:
        assert client.strict_models
        with pytest.raises(ValidationError, match="strict_models") as info:
            await client.submit(model="acme/brand-new", prompt="a fox")
        assert info.value.field == "model"
        with pytest.raises(ValidationError, match="strict_models"):
            await client.generate(model="google/veo-4", prompt="a fox")
        with pytest.raises(ValidationError, match="strict_models"):
            async for _ in client.generate_many([{"model": "acme/x", "prompt": "a fox"}]):
                pass  # pragma: no cover
        assert emulator.stats["requests"] == 0
        await client.submit(model="google/veo3", prompt="a fox")  # a known id passes
    assert emulator.stats["submits"] == 1
    assert "not among" not in caplog.text


def test_the_sync_client_takes_strict_models(emulator: Emulator) -> None:
    with (
        aiovideo.SyncClient(API_KEY, emulator.base_url, strict_models=True) as client,
        pytest.raises(ValidationError, match="strict_models"),
    ):
        client.submit(model="acme/brand-new", prompt="a fox")
    assert emulator.stats["requests"] == 0
