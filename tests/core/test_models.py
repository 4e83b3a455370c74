"""Validation against the model table, before any request."""

import base64
from pathlib import Path
from typing import Any

import pytest

from aiovideo import ValidationError, VideoRequest
from aiovideo.core._models import MODELS

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def test_defaults_untouched_and_values_normalised() -> None:
    req = VideoRequest("google/veo3", "a fox", duration="6", resolution="1080p")
    assert req.body() == {
        "model": "google/veo3",
        "prompt": "a fox",
        "duration": 6,
        "resolution": "1080P",
    }
    req31 = VideoRequest("google/veo-3.1-t2v", "a fox", resolution="720P")
    assert req31.fields["resolution"] == "720p"


@pytest.mark.parametrize(
    ("model", "fields", "field", "allowed"),
    [
        ("veo2", {"duration": 9}, "duration", "5, 6, 7, 8"),
        ("google/veo3", {"duration": 5}, "duration", "4, 6, 8"),
        ("google/veo3", {"aspect_ratio": "1:1"}, "aspect_ratio", "'16:9', '9:16'"),
        ("google/veo3", {"resolution": "4K"}, "resolution", "'720P', '1080P'"),
        ("google/veo3", {"generate_audio": "yes"}, "generate_audio", "true or false"),
        ("veo2", {"seed": "12"}, "seed", "an integer"),
        ("veo2", {"resolution": "720P"}, "resolution", "veo2 takes"),
        ("veo2/image-to-video", {}, "image_url", "required"),
        (
            "google/veo-3.1-first-last-image-to-video",
            {"image_url": "https://x/a.png"},
            "last_image_url",
            "required",
        ),
        ("google/veo-3.1-reference-to-video", {"image_urls": []}, "image_urls", "non-empty"),
        (
            "veo-3.1-lite-generate-001",
            {"person_generation": "all"},
            "person_generation",
            "'dont_allow', 'allow_adult'",
        ),
        ("google/veo-3.1-t2v", {"provider": "openai"}, "provider", "'google', 'fal', 'auto'"),
        ("google/veo3", {"duration": True}, "duration", "4, 6, 8"),
    ],
)
def test_bad_fields_name_field_value_and_allowed(
    model: str, fields: dict[str, Any], field: str, allowed: str
) -> None:
    with pytest.raises(ValidationError) as info:
        VideoRequest(model, "prompt", **fields)
    assert info.value.field == field
    assert field in str(info.value)
    assert allowed in str(info.value)


def test_prompt_and_model_required() -> None:
    with pytest.raises(ValidationError, match="prompt"):
        VideoRequest("veo2", "  ")
    with pytest.raises(ValidationError, match="model"):
        VideoRequest("", "x")


def test_unknown_model_passes_through_and_a_known_model_is_strict() -> None:
    req = VideoRequest("kling-video/v2.1/pro", "x", cfg_scale=0.5, duration="10")
    assert req.body()["duration"] == "10"
    assert req.body()["cfg_scale"] == 0.5
    # Issue 10: a known model refuses a field it does not take (it used to pass through)...
    with pytest.raises(ValidationError, match="extra_fields") as info:
        VideoRequest("google/veo3", "x", brand_new_field={"a": 1})
    assert info.value.field == "brand_new_field"
    # ...and the escape hatch sends it untouched.
    known = VideoRequest("google/veo3", "x", extra_fields={"brand_new_field": {"a": 1}})
    assert known.body()["brand_new_field"] == {"a": 1}


def test_images_url_data_path_and_bytes(tmp_path: Path) -> None:
    url = VideoRequest("veo2/image-to-video", "x", image_url="https://x/y.png")
    assert url.fields["image_url"] == "https://x/y.png"
    data_url = "data:image/png;base64," + base64.b64encode(PNG).decode()
    assert VideoRequest("veo2/image-to-video", "x", image_url=data_url).fields["image_url"] == (
        data_url
    )
    image = tmp_path / "frame.png"
    image.write_bytes(PNG)
    for given in (image, str(image), PNG):
        req = VideoRequest("veo2/image-to-video", "x", image_url=given)
        assert req.fields["image_url"] == data_url
    jpeg = VideoRequest(
        "google/veo-3.1-reference-to-video",
        "x",
        image_urls=[b"\xff\xd8\xff\xe0rest", "https://x/2.png"],
    )
    assert jpeg.fields["image_urls"][0].startswith("data:image/jpeg;base64,")


def test_bad_images(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="cannot read"):
        VideoRequest("veo2/image-to-video", "x", image_url=tmp_path / "missing.png")
    with pytest.raises(ValidationError, match="not a PNG"):
        VideoRequest("veo2/image-to-video", "x", image_url=b"hello")
    with pytest.raises(ValidationError):
        VideoRequest("veo2/image-to-video", "x", image_url="data:text/plain;base64,aGk=")
    with pytest.raises(ValidationError):
        VideoRequest("veo2/image-to-video", "x", image_url=12)


def test_requests_are_frozen_hashable_and_fingerprinted() -> None:
    a = VideoRequest("veo2", "x", duration=5)
    b = VideoRequest("veo2", "x", duration="5")
    assert a == b
    assert a.fingerprint() == b.fingerprint()
    assert hash(a) == hash(b)
    assert a.fingerprint() != VideoRequest("veo2", "x", duration=6).fingerprint()
    with pytest.raises(AttributeError):
        a.model = "veo3"  # type: ignore[misc]


def test_every_seed_model_is_in_the_table() -> None:
    for model in (
        "veo2",
        "veo2/image-to-video",
        "google/veo3",
        "google/veo-3.0-fast",
        "google/veo-3.0-i2v",
        "google/veo-3.0-i2v-fast",
        "veo-3.1-lite-generate-001",
        "google/veo-3.1-lite-generate-001",
        "google/veo-3.1-t2v",
        "google/veo-3.1-t2v-fast",
        "google/veo-3.1-i2v",
        "google/veo-3.1-i2v-fast",
        "google/veo-3.1-first-last-image-to-video",
        "google/veo-3.1-first-last-image-to-video-fast",
        "google/veo-3.1-reference-to-video",
    ):
        assert model in MODELS


def test_from_mapping() -> None:
    req = VideoRequest.from_mapping({"prompt": "x", "duration": 4}, model="google/veo3")
    assert req.model == "google/veo3"
    override = VideoRequest.from_mapping({"model": "veo2", "prompt": "x"}, model="google/veo3")
    assert override.model == "veo2"
    with pytest.raises(ValidationError):
        VideoRequest.from_mapping({"prompt": "x"})
