"""The generated model table: it loads, it says what AIMLAPI.md says of the seed models, every
model in it validates a correct request and refuses bad ones, and each quirk of the specs is
handled as the generator says."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import aiovideo
from aiovideo import FieldInfo, ModelInfo, ValidationError, VideoRequest
from aiovideo.core._models import MODELS, _data, source
from tests.conftest import API_KEY
from tests.mocked import aioresponses

ALL = aiovideo.models()
URLS = {
    "image": "https://example.com/frame.png",
    "video": "https://example.com/clip.mp4",
    "audio": "https://example.com/voice.mp3",
}
PNG = b"\x89PNG\r\n\x1a\n" + bytes(24)


# Building a correct request from the table alone.


def _value(field: FieldInfo) -> Any:
    """A value the table says `field` accepts: its default, a choice, or one in range."""
    if field.default is not None:
        return field.default
    if field.choices:
        return field.choices[0]
    if field.media is not None:
        lists = [shape for shape in (field.variants or (field,)) if shape.type == "array"]
        if field.type == "array":
            return [URLS[field.media]] * max(1, lists[0].min_items or 1)
        return URLS[field.media]
    if field.variants:
        return _value(field.variants[0])
    if field.type == "string":
        return "x" * max(1, field.min_length or 1)
    if field.type in ("integer", "number"):
        for bound in (field.minimum, field.maximum):
            if bound is not None:
                return bound
        return 1
    if field.type == "boolean":
        return True
    if field.type == "array":
        item = _value(field.items) if field.items is not None else "x"
        return [item] * max(1, field.min_items or 1)
    if field.type == "object":
        return {key: _value(field.properties[key]) for key in field.required_keys}
    return "x"


def _correct(info: ModelInfo) -> dict[str, Any]:
    """The fields of a correct request: every required one, and the first of each group of
    alternatives that needs one."""
    names = list(info.required)
    names += [group.fields[0] for group in info.alternatives if group.least]
    return {name: _value(info.fields[name]) for name in dict.fromkeys(names)}


def _request(info: ModelInfo, fields: dict[str, Any]) -> VideoRequest:
    rest = dict(fields)
    prompt = rest.pop("prompt", None)
    return VideoRequest(info.id, prompt, **rest)


def _misspelt(name: str) -> str:
    """The name with two letters swapped (or one doubled, for short names)."""
    middle = len(name) // 2
    swapped = name[: middle - 1] + name[middle] + name[middle - 1] + name[middle + 1 :]
    return swapped if swapped != name else name + name[-1]


def _ids(models: tuple[ModelInfo, ...]) -> list[Any]:
    return [pytest.param(info, id=info.id) for info in models]


# The data.


def test_the_data_loads_with_its_source() -> None:
    assert len(ALL) == len(MODELS) >= 140
    assert [info.id for info in ALL] == sorted(info.id for info in ALL)
    origin = source()
    assert origin["repository"] == "aimlapi/api-docs"
    assert re.fullmatch(r"[0-9a-f]{40}", origin["commit"])
    assert _data()["format"] == 1
    assert set(_data()["statuses"]) == {"queued", "generating", "completed", "error"}
    families = {info.family for info in ALL}
    assert {"google", "kling", "alibaba", "bytedance", "minimax", "openai", "runway"} <= families
    for info in ALL:
        assert info.fields, info.id
        assert info.path.startswith("/v2/")
        json.dumps(info.to_dict())  # plain data all the way down
    assert aiovideo.model_info("google/veo3") is MODELS["google/veo3"]
    assert aiovideo.model_info("acme/unknown") is None
    assert "acme/unknown" not in MODELS


def test_values_are_frozen() -> None:
    info = MODELS["google/veo3"]
    with pytest.raises(AttributeError):
        info.id = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        info.fields["x"] = info.fields["duration"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        info.fields["duration"].default = 4  # type: ignore[misc]


# The seed models, as shared/AIMLAPI.md describes them.

_IMAGE = "an http(s) URL"
SEEDS: dict[str, dict[str, Any]] = {
    "veo2": {
        "required": (),
        "duration": ((5, 6, 7, 8), 5),
        "aspect_ratio": ("16:9", "9:16"),
        "resolution": None,
        "others": {"negative_prompt": None, "seed": None, "enhance_prompt": True},
        "legacy": True,
    },
    "veo2/image-to-video": {
        "required": ("image_url",),
        "optional_images": ("tail_image_url",),
        "duration": ((5, 6, 7, 8), 5),
        "aspect_ratio": ("16:9", "9:16"),
        "resolution": None,
        "others": {"negative_prompt": None, "seed": None, "enhance_prompt": True},
        "legacy": True,
    },
    **{
        model: {
            "required": (),
            "duration": ((4, 6, 8), 8),
            "aspect_ratio": ("16:9", "9:16"),
            "resolution": (("720P", "1080P"), "720P"),
            "others": {
                "negative_prompt": None,
                "seed": None,
                "enhance_prompt": True,
                "generate_audio": True,
            },
            "legacy": True,
        }
        for model in ("google/veo3", "google/veo-3.0-fast")
    },
    **{
        model: {
            "required": ("image_url",),
            "duration": ((4, 6, 8), 8),
            "aspect_ratio": ("16:9", "9:16"),
            "resolution": (("720P", "1080P"), "720P"),
            "others": {"generate_audio": True},
            "legacy": True,
        }
        for model in ("google/veo-3.0-i2v", "google/veo-3.0-i2v-fast")
    },
    **{
        model: {
            "required": (),
            "optional_images": ("image_url", "last_image_url", "tail_image_url"),
            "duration": ((4, 6, 8), 8),
            "aspect_ratio": ("16:9", "9:16"),
            "resolution": (("720P", "1080P"), "720P"),
            "others": {"generate_audio": True, "person_generation": "allow_adult"},
            "person_generation": ("dont_allow", "allow_adult"),
            "legacy": False,
        }
        for model in ("veo-3.1-lite-generate-001", "google/veo-3.1-lite-generate-001")
    },
    **{
        model: {
            "required": (),
            "duration": ((4, 6, 8), 8),
            "aspect_ratio": ("16:9", "9:16"),
            "resolution": (("720p", "1080p"), "1080p"),
            "others": {
                "generate_audio": True,
                "seed": None,
                "auto_fix": True,
                "negative_prompt": None,
                "enhance_prompt": True,
            },
            "provider": ("google", "fal", "auto"),
            "legacy": False,
        }
        for model in ("google/veo-3.1-t2v", "google/veo-3.1-t2v-fast")
    },
    **{
        model: {
            "required": ("image_url",),
            "duration": ((4, 6, 8), 8),
            "aspect_ratio": ("16:9", "9:16"),
            "resolution": (("720p", "1080p"), "1080p"),
            "others": {"generate_audio": True},
            "provider": ("google", "fal", "auto"),
            "legacy": False,
        }
        for model in ("google/veo-3.1-i2v", "google/veo-3.1-i2v-fast")
    },
    **{
        model: {
            "required": ("image_url", "last_image_url"),
            "duration": ((4, 6, 8), 8),
            "aspect_ratio": ("16:9", "9:16"),
            "resolution": (("720p", "1080p"), "1080p"),
            "others": {"generate_audio": True},
            "provider": ("google", "fal", "auto"),
            "legacy": False,
        }
        for model in (
            "google/veo-3.1-first-last-image-to-video",
            "google/veo-3.1-first-last-image-to-video-fast",
        )
    },
    "google/veo-3.1-reference-to-video": {
        "required": ("image_urls",),
        "duration": ((8,), None),
        "aspect_ratio": None,
        "resolution": (("720p", "1080p"), "1080p"),
        "others": {"generate_audio": True},
        "provider": ("google", "fal", "auto"),
        "legacy": False,
    },
}


@pytest.mark.parametrize("model", list(SEEDS))
def test_seed_models_match_aimlapi_md(model: str) -> None:
    want = SEEDS[model]
    info = MODELS[model]
    fields = info.fields
    assert info.family == "google"
    assert fields["prompt"].required  # model and prompt are always required
    assert set(info.required) == {"prompt", *want["required"]}
    for name in want["required"]:
        assert fields[name].media == "image"
        assert _IMAGE in fields[name].describe() or "list of images" in fields[name].describe()
    for name in want.get("optional_images", ()):
        assert fields[name].media == "image" and not fields[name].required
    choices, default = want["duration"]
    assert (fields["duration"].choices, fields["duration"].default) == (choices, default)
    if want["aspect_ratio"] is None:
        assert "aspect_ratio" not in fields
    else:
        assert fields["aspect_ratio"].choices == want["aspect_ratio"]
    if want["resolution"] is None:
        assert "resolution" not in fields
    else:
        assert (fields["resolution"].choices, fields["resolution"].default) == want["resolution"]
    for name, default in want["others"].items():
        assert fields[name].default == default, name
    if "person_generation" in want:
        assert fields["person_generation"].choices == want["person_generation"]
    if "provider" in want:
        assert fields["provider"].choices == want["provider"]
    assert info.legacy is want["legacy"]
    images = {name for name, field in fields.items() if field.media == "image"}
    assert images == {*want["required"], *want.get("optional_images", ())}


def test_only_the_models_aimlapi_md_names_are_on_the_legacy_google_path() -> None:
    legacy = {info.id for info in ALL if info.legacy}
    assert legacy == {
        "veo2",
        "veo2/image-to-video",
        "google/veo3",
        "google/veo-3.0-fast",
        "google/veo-3.0-i2v",
        "google/veo-3.0-i2v-fast",
    }


def test_typical_seconds_are_the_veo_priors_only() -> None:
    timed = {info.id: info.typical_seconds for info in ALL if info.typical_seconds}
    assert timed["google/veo3"] == 120.0
    assert timed["google/veo-3.0-fast"] == 60.0
    assert all(info.family == "google" for info in ALL if info.id in timed)


# Every model: a correct request, and three wrong ones.


@pytest.mark.parametrize("info", _ids(ALL))
def test_every_model_validates_a_correct_request(info: ModelInfo) -> None:
    fields = _correct(info)
    request = _request(info, fields)
    body = json.loads(json.dumps(request.body()))
    assert body["model"] == info.id
    assert set(body) - {"model"} == set(fields)


@pytest.mark.parametrize(
    "info", _ids(tuple(i for i in ALL if any(f.choices for f in i.fields.values())))
)
def test_every_model_refuses_a_value_outside_its_choices(info: ModelInfo) -> None:
    name, field = next((n, f) for n, f in info.fields.items() if f.choices)
    if all(isinstance(c, int) for c in field.choices):
        wrong: Any = max(field.choices) + 1000
    else:
        wrong = "no-such-choice-zz"
    fields = {**_correct(info), name: wrong}
    with pytest.raises(ValidationError) as caught:
        _request(info, fields)
    assert caught.value.field == name
    assert caught.value.model == info.id
    assert repr(wrong) in str(caught.value)
    assert repr(field.choices[0]) in str(caught.value)


@pytest.mark.parametrize("info", _ids(tuple(i for i in ALL if i.required)))
def test_every_model_refuses_a_missing_required_field(info: ModelInfo) -> None:
    fields = _correct(info)
    for name in info.required:
        partial = {key: value for key, value in fields.items() if key != name}
        with pytest.raises(ValidationError, match="required") as caught:
            _request(info, partial)
        assert caught.value.field == name


@pytest.mark.parametrize("info", _ids(ALL))
def test_every_model_refuses_a_misspelt_field_with_a_suggestion(info: ModelInfo) -> None:
    name = next((n for n in info.fields if n != "prompt"), "prompt")
    wrong = _misspelt(name)
    assert wrong not in info.fields
    with pytest.raises(ValidationError, match="did you mean") as caught:
        _request(info, {**_correct(info), wrong: _value(info.fields[name])})
    assert caught.value.field == wrong
    suggested = re.search(r"did you mean '([^']+)'", str(caught.value))
    assert suggested is not None and suggested.group(1) in info.fields
    assert "extra_fields" in str(caught.value)


def test_duraton_suggests_duration() -> None:
    with pytest.raises(ValidationError, match="did you mean 'duration'") as caught:
        VideoRequest("google/veo3", "a fox", duraton=8)
    assert caught.value.field == "duraton"
    assert "google/veo3 takes: prompt, duration" in str(caught.value)


async def test_every_correct_request_is_accepted_by_the_emulator(emulator: Any) -> None:
    import aiohttp

    headers = {"Authorization": f"Bearer {API_KEY}"}
    async with aiohttp.ClientSession() as session:
        for info in ALL:
            body = _request(info, _correct(info)).body()
            url = emulator.base_url + info.path  # a legacy-only model on its own path
            async with session.post(url, json=body, headers=headers) as response:
                assert response.status == 200, (info.id, await response.text())


# Strictness and the escape hatch.


def test_extra_fields_are_sent_untouched_and_not_checked() -> None:
    request = VideoRequest(
        "google/veo3", "a fox", duration=4, extra_fields={"new_thing": 1, "duraton": "x"}
    )
    assert request.body() == {
        "model": "google/veo3",
        "prompt": "a fox",
        "duration": 4,
        "new_thing": 1,
        "duraton": "x",
    }
    assert request.extra_fields == {"new_thing": 1, "duraton": "x"}
    again = VideoRequest.from_mapping(
        {
            "model": "google/veo3",
            "prompt": "a fox",
            "duration": 4,
            "extra_fields": {"new_thing": 1, "duraton": "x"},
        }
    )
    assert again == request


@pytest.mark.parametrize(
    "extra",
    [{"duration": 4}, {"prompt": "again"}, {"model": "veo2"}, {3: "x"}, ["new_thing"]],
)
def test_extra_fields_cannot_shadow_or_be_malformed(extra: Any) -> None:
    with pytest.raises(ValidationError, match="extra_fields"):
        VideoRequest("google/veo3", "a fox", duration=4, extra_fields=extra)


def test_an_unknown_model_takes_anything_and_still_needs_a_prompt() -> None:
    request = VideoRequest("acme/video-9", "p", duraton=5, whatever=[1])
    assert request.body() == {"model": "acme/video-9", "prompt": "p", "duraton": 5, "whatever": [1]}
    with pytest.raises(ValidationError, match="prompt"):
        VideoRequest("acme/video-9")


@pytest.mark.parametrize(
    ("model", "fields", "field", "allowed"),
    [
        ("google/veo3", {"seed": 1.5}, "seed", "an integer"),
        ("runway/act_two", {"expression_intensity": 9}, "expression_intensity", "from 1 to 5"),
        ("klingai/video-v3-pro-text-to-video", {"cfg_scale": 2}, "cfg_scale", "from 0 to 1"),
        ("klingai/video-v3-pro-text-to-video", {"cfg_scale": "0.5"}, "cfg_scale", "a number"),
        ("klingai/video-v3-turbo-pro-text-to-video", {"prompt": "x" * 3073}, "prompt", "3072"),
        (
            "google/veo-3.1-reference-to-video",
            {"image_urls": "https://x/a.png"},
            "image_urls",
            "list",
        ),
        ("alibaba/wan-2-6-r2v", {"video_urls": ["https://x/a.mp4"] * 4}, "video_urls", "1 to 3"),
        ("alibaba/wan-2-6-r2v", {"video_urls": [5]}, "video_urls", "video URLs"),
        ("google/veo3", {"generate_audio": 1}, "generate_audio", "true or false"),
        ("google/veo3", {"resolution": "1080"}, "resolution", "did you mean '1080P'"),
    ],
)
def test_values_are_checked_against_type_range_and_length(
    model: str, fields: dict[str, Any], field: str, allowed: str
) -> None:
    info = MODELS[model]
    given = {**_correct(info), **fields}
    with pytest.raises(ValidationError) as caught:
        _request(info, given)
    assert caught.value.field == field
    assert caught.value.model == model
    assert allowed in str(caught.value)


async def test_submit_is_strict_before_any_post_and_sends_extra_fields_untouched() -> None:
    with aioresponses() as mocked:
        mocked.post(
            "https://api.test/v2/video/generations",
            payload={"id": "g1:google/veo3", "status": "queued"},
        )
        async with aiovideo.Client(API_KEY, "https://api.test", poll_interval=60) as client:
            with pytest.raises(ValidationError, match="did you mean 'duration'"):
                await client.submit(model="google/veo3", prompt="a fox", duraton=8)  # type: ignore[misc]
            assert not mocked.requests
            job = await client.submit(
                model="google/veo3",
                prompt="a fox",
                duration=8,
                extra_fields={"new_thing": {"a": [1]}},
            )
            job.cancel()
            with pytest.raises(aiovideo.ConfigurationError, match="not both"):
                await client.submit(  # type: ignore[call-overload]
                    VideoRequest("google/veo3", "a fox"), extra_fields={"new_thing": 1}
                )
        ((_, calls),) = mocked.requests.items()
    assert calls[0].kwargs["json"] == {
        "model": "google/veo3",
        "prompt": "a fox",
        "duration": 8,
        "new_thing": {"a": [1]},
    }


# The quirks of the specs, one by one.


def test_quirk_integer_defaults_written_as_strings_are_numbers() -> None:
    wan = MODELS["alibaba/wan-2-6-t2v"]
    assert wan.fields["duration"].default == 10
    assert wan.fields["duration"].choices == (5, 10, 15)
    assert "string-default:duration" in wan.quirks
    assert MODELS["beeble/switchx-video-to-video"].fields["max_resolution"].default == 1080
    # The examples send durations as strings: accepted for integer choices, sent as integers.
    assert "example-string-number:duration" in MODELS["luma/ray-3.2"].quirks
    assert VideoRequest("luma/ray-3.2", "p", duration="10").fields["duration"] == 10


def test_quirk_upper_case_resolutions_are_sent_as_the_spec_writes_them() -> None:
    hailuo = MODELS["minimax/hailuo-02"]
    assert "768P" in hailuo.fields["resolution"].choices
    assert "upper-case-enum:resolution" in hailuo.quirks
    assert VideoRequest("minimax/hailuo-02", "p", resolution="768p").fields["resolution"] == "768P"
    lower = MODELS["google/veo-3.1-t2v"]
    assert VideoRequest(lower.id, "p", resolution="1080P").fields["resolution"] == "1080p"


def test_quirk_object_fields_are_checked_inside() -> None:
    act = MODELS["runway/act_two"]
    assert {"object-field:character", "object-field:reference", "variants:character"} <= set(
        act.quirks
    )
    assert len(act.fields["character"].variants) == 2
    video = {"type": "video", "url": "https://x/ref.mp4"}
    good = VideoRequest(
        act.id, character={"type": "image", "url": "https://x/me.png"}, reference=video
    )
    assert good.body()["character"] == {"type": "image", "url": "https://x/me.png"}
    assert "prompt" not in good.body()
    for character, where in (
        ({"type": "audio", "url": "https://x/a.mp3"}, "character"),
        ({"type": "image"}, "character"),
        ("https://x/me.png", "character"),
    ):
        with pytest.raises(ValidationError) as caught:
            VideoRequest(act.id, character=character, reference=video)
        assert caught.value.field == where
        assert "'video'" in str(caught.value) and "'image'" in str(caught.value)
    with pytest.raises(ValidationError, match=r"at reference\['type'\]"):
        VideoRequest(act.id, character=video, reference={"type": "image", "url": "https://x"})
    with pytest.raises(ValidationError, match="takes no prompt"):
        VideoRequest(act.id, "a dance", character=video, reference=video)


def test_quirk_prompt_or_multi_prompt() -> None:
    pro = MODELS["klingai/video-v3-pro-text-to-video"]
    assert "alternatives" in pro.quirks
    (group,) = pro.alternatives
    assert (group.fields, group.least, group.most) == (("prompt", "multi_prompt"), 1, 1)
    assert VideoRequest(pro.id, "one shot").body() == {"model": pro.id, "prompt": "one shot"}
    multi = VideoRequest(pro.id, multi_prompt=["a fox", "a hen"])
    assert multi.body() == {"model": pro.id, "multi_prompt": ["a fox", "a hen"]}
    assert multi.prompt == ""
    with pytest.raises(ValidationError, match="exactly one of prompt or multi_prompt"):
        VideoRequest(pro.id, "one shot", multi_prompt=["a fox"])
    with pytest.raises(ValidationError, match="exactly one of prompt or multi_prompt"):
        VideoRequest(pro.id)
    turbo = MODELS["klingai/video-v3-turbo-pro-image-to-video"]
    (group,) = turbo.alternatives
    assert (group.least, group.most) == (0, 1)
    VideoRequest(turbo.id, image_url="https://x/a.png")  # neither: the image alone
    shots = [{"prompt": "a fox", "duration": 3}]
    VideoRequest(turbo.id, image_url="https://x/a.png", multi_prompt=shots)
    with pytest.raises(ValidationError, match="at most one of prompt or multi_prompt"):
        VideoRequest(turbo.id, "p", image_url="https://x/a.png", multi_prompt=shots)
    with pytest.raises(ValidationError, match=r"at multi_prompt\[0\]\['duration'\]"):
        VideoRequest(turbo.id, multi_prompt=[{"prompt": "a fox", "duration": 99}])


def test_quirk_legacy_paths() -> None:
    wan = MODELS["wan/v2.1/1.3b/text-to-video"]
    assert wan.path == "/v2/generate/video/alibaba/generation"
    assert "legacy-only" in wan.quirks
    kling = MODELS["kling-video/v1/pro/image-to-video"]
    assert kling.path == "/v2/video/generations"
    assert kling.legacy_paths == ("/v2/generate/video/kling/generation",)
    assert "legacy-path" in kling.quirks
    # Fields from the universal page: the legacy page's retired `ratio` is not taken.
    assert "camera_control" in kling.fields and "ratio" not in kling.fields
    assert not kling.fields["prompt"].required  # the legacy page required it; the new does not
    assert MODELS["veo2"].legacy_paths == ("/v2/generate/video/google/generation",)


def test_quirk_pages_that_disagree_with_their_examples() -> None:
    dotted = MODELS["pixverse/v5.5/image-to-video"]
    dashed = MODELS["pixverse/v5-5-image-to-video"]  # what the page's example sends
    assert "example-model-id" in dashed.quirks
    assert dashed.fields == dotted.fields
    fast = MODELS["veed/fabric-1.0-fast"]  # its page's enum was copied from fabric-1.0
    assert fast.spec_files == ("VEED/fabric-1.0-fast.json",)
    assert fast.fields == MODELS["veed/fabric-1.0"].fields
    assert "kling-video/v1.5/standard/text-to-video" in MODELS


def test_quirk_pages_in_two_directories_are_merged() -> None:
    kling = MODELS["klingai/video-v2-6-pro-image-to-video"]
    assert "duplicate-pages" in kling.quirks
    assert {"provider", "tail_image_url"} <= set(kling.fields)  # one from each page
    assert set(kling.required) == {"prompt", "image_url"}


def test_quirk_files_without_a_model_body_are_skipped_with_a_reason() -> None:
    skipped = {entry["file"]: entry["reason"] for entry in _data()["skipped"]}
    assert "status-only" in skipped["longcat/longcat-video-distilled.json"]
    assert "status-only" in skipped["Kling-AI/kling-video-o1-video-to-video-edit.json"]
    for reason in skipped.values():
        assert reason


def test_quirk_a_url_or_a_list_of_urls() -> None:
    effects = MODELS["klingai/kling-video-v1.6-pro-effects"]
    field = effects.fields["image_url"]
    assert field.media == "image" and len(field.variants) == 2
    one = VideoRequest(effects.id, image_url=PNG, effect_scene="squish")
    assert one.fields["image_url"].startswith("data:image/png;base64,")
    two = VideoRequest(effects.id, image_url=["https://x/a.png", PNG], effect_scene="hug")
    assert two.fields["image_url"][0] == "https://x/a.png"
    with pytest.raises(ValidationError, match="did you mean 'hug'"):
        VideoRequest(effects.id, image_url="https://x/a.png", effect_scene="hugg")


def test_quirk_models_that_take_no_prompt() -> None:
    omni = MODELS["bytedance/omnihuman"]
    assert not omni.takes_prompt and "no-prompt" in omni.quirks
    fields: dict[str, Any] = {"image_url": "https://x/a.png", "audio_url": "https://x/a.mp3"}
    assert VideoRequest(omni.id, **fields).body() == {"model": omni.id, **fields}
    with pytest.raises(ValidationError, match="takes no prompt") as caught:
        VideoRequest(omni.id, "hello", **fields)
    assert caught.value.field == "prompt"


# The generator, on small specs written here.


def _spec(body: dict[str, Any], *, path: str = "/v2/video/generations", sample: str = "") -> Any:
    operation: dict[str, Any] = {
        "requestBody": {"content": {"application/json": {"schema": body}}},
    }
    if sample:
        operation["x-codeSamples"] = [{"lang": "cURL", "source": sample}]
    return {"paths": {path: {"post": operation}}}


def _model_body(model: str, **properties: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"model": {"type": "string", "enum": [model]}, **properties},
        "required": ["model"],
    }


def test_generator_reads_string_defaults_and_drops_those_outside_the_enum() -> None:
    from aiovideo.core._data.generate_models import build_table, parse_page

    body = _model_body(
        "acme/a",
        duration={"type": "integer", "enum": [5, 10], "default": "10"},
        steps={"type": "integer", "enum": [1, 2], "default": "7"},
        size={"type": "string", "enum": ["720P"], "default": "720P"},
    )
    pages, reason = parse_page("Acme/a.json", _spec(body))
    assert reason is None
    (model,) = build_table(pages)
    assert model["fields"]["duration"]["default"] == 10
    assert "default" not in model["fields"]["steps"]
    assert {"string-default:duration", "default-not-allowed:steps"} <= set(model["quirks"])
    assert "upper-case-enum:size" in model["quirks"]
    assert model["family"] == "acme"


def test_generator_turns_body_level_one_of_into_alternatives() -> None:
    from aiovideo.core._data.generate_models import build_table, parse_page

    body = {
        "allOf": [_model_body("acme/b", prompt={"type": "string"})],
        "properties": {"multi_prompt": {"type": "array", "items": {"type": "string"}}},
        "oneOf": [{"required": ["prompt"]}, {"required": ["multi_prompt"]}],
    }
    (model,) = build_table(parse_page("Acme/b.json", _spec(body))[0])
    assert model["alternatives"] == [{"fields": ["prompt", "multi_prompt"], "min": 1, "max": 1}]
    assert model["required"] == []


def test_generator_resolves_refs_and_takes_example_ids_and_legacy_paths() -> None:
    from aiovideo.core._data.generate_models import build_table, parse_page

    spec = _spec(
        {"$ref": "#/components/schemas/Body"},
        path="/v2/generate/video/acme/generation",
        sample='curl --data \'{"model": "acme/c-alias", "prompt": "x", "seconds": "5"}\'',
    )
    spec["components"] = {"schemas": {"Body": _model_body("acme/c", seconds={"type": "integer"})}}
    models = {m["id"]: m for m in build_table(parse_page("Acme/c.json", spec)[0])}
    assert set(models) == {"acme/c", "acme/c-alias"}
    assert models["acme/c"]["path"] == "/v2/generate/video/acme/generation"
    assert "legacy-only" in models["acme/c"]["quirks"]
    assert "example-model-id" in models["acme/c-alias"]["quirks"]
    assert "example-string-number:seconds" in models["acme/c"]["quirks"]


def test_generator_keeps_shapes_objects_variants_and_media() -> None:
    from aiovideo.core._data.generate_models import build_table, parse_page

    url = {"type": "string", "format": "uri"}
    body = _model_body(
        "acme/d",
        frame={"anyOf": [{"type": "object", "properties": {"url": url}}, {"nullable": True}]},
        character={
            "oneOf": [
                {"type": "object", "properties": {"type": {"enum": ["video"]}, "url": url}},
                {"type": "string"},
            ]
        },
        shots={
            "type": "array",
            "minItems": 1,
            "maxItems": 6,
            "items": {
                "type": "object",
                "properties": {"prompt": {"type": "string", "maxLength": 10}},
                "required": ["prompt", "absent"],
            },
        },
        note={"type": ["string", "null"], "deprecated": True, "description": "  two\n words "},
        audio_urls={"type": "array", "items": url},
        video_url=url,
        image_url={"type": "string"},
        mode={"enum": ["a", "b"]},
    )
    (model,) = build_table(parse_page("Acme/d.json", _spec(body))[0])
    fields = model["fields"]
    assert fields["frame"]["nullable"] is True
    assert [v["type"] for v in fields["frame"]["variants"]] == ["object"]
    assert fields["character"]["type"] == "any"
    assert fields["character"]["variants"][0]["properties"]["type"]["type"] == "string"
    shots = fields["shots"]
    assert (shots["min_items"], shots["max_items"]) == (1, 6)
    assert shots["items"]["required"] == ["prompt"]  # a required key the object lacks is dropped
    assert shots["items"]["properties"]["prompt"]["max_length"] == 10
    assert fields["note"] == {
        "type": "string",
        "nullable": True,
        "deprecated": True,
        "description": "two words",
    }
    assert [fields[n].get("media") for n in ("audio_urls", "video_url", "image_url")] == [
        "audio",
        "video",
        "image",
    ]
    assert fields["mode"]["type"] == "string"
    assert "media" not in fields["shots"]
    assert {"variants:frame", "variants:character", "no-prompt"} <= set(model["quirks"])


def test_generator_skips_what_it_cannot_read() -> None:
    from aiovideo.core._data.generate_models import render

    status_only: dict[str, Any] = {"paths": {"/v2/video/generations": {"get": {}}}}
    files = [
        ("Acme/absent.json", None),
        ("Acme/broken.json", b"{not json"),
        ("Acme/status.json", json.dumps(status_only).encode()),
        ("Acme/ok.json", json.dumps(_spec(_model_body("acme/ok"))).encode()),
    ]
    data = json.loads(render("0" * 40, files))
    reasons = {entry["file"]: entry["reason"] for entry in data["skipped"]}
    assert reasons["Acme/absent.json"] == "content absent from this copy"
    assert reasons["Acme/broken.json"].startswith("not JSON")
    assert "status-only" in reasons["Acme/status.json"]
    assert [m["id"] for m in data["models"]] == ["acme/ok"]
    assert data["source"]["commit"] == "0" * 40


@pytest.fixture(name="api_docs")
def _api_docs() -> Path:
    import os

    found = os.environ.get("AIOVIDEO_API_DOCS")
    if not found:
        pytest.skip("set AIOVIDEO_API_DOCS to a clone of aimlapi/api-docs to check models.json")
    return Path(found)


def test_models_json_is_what_the_generator_writes_from_its_commit(api_docs: Path) -> None:
    from aiovideo.core._data.generate_models import OUTPUT, read_source, render

    commit, _, files = read_source(api_docs, source()["commit"])
    assert render(commit, files) == OUTPUT.read_text(encoding="utf-8")


def test_the_generators_command_line(api_docs: Path, tmp_path: Path) -> None:
    from aiovideo.core._data.generate_models import main

    out = tmp_path / "models.json"
    rev = source()["commit"]
    assert main([str(api_docs), "--rev", rev, "--check", "--output", str(out)]) == 1  # none yet
    assert main([str(api_docs), "--rev", rev, "--output", str(out)]) == 0
    assert main([str(api_docs), "--rev", rev, "--check", "--output", str(out)]) == 0
    assert json.loads(out.read_text())["source"]["commit"] == rev
