"""Parsing replies on plain dicts: every shape AIMLAPI.md lists, odd ones included."""

import pytest

from aiovideo import ResponseFormatError
from aiovideo._types import VideoRequest
from aiovideo._wire import Phase, classify, flatten_error, parse_generation, submit_path


@pytest.mark.parametrize(
    ("word", "phase"),
    [
        ("queued", Phase.PENDING),
        ("generating", Phase.PENDING),
        ("waiting", Phase.PENDING),
        ("active", Phase.PENDING),
        ("QUEUED", Phase.PENDING),
        ("completed", Phase.SUCCESS),
        ("succeeded", Phase.SUCCESS),
        ("error", Phase.FAILURE),
        ("failed", Phase.FAILURE),
        ("cancelled", Phase.FAILURE),
        ("exploded", Phase.FAILURE),  # unknown words end polling, never loop forever
    ],
)
def test_classify(word: str, phase: Phase) -> None:
    assert classify(word) is phase


def test_completed_with_video_object() -> None:
    reply = {
        "id": "abc:google/veo3",
        "status": "completed",
        "video": {
            "url": "https://cdn/x.mp4",
            "content_type": "video/mp4",
            "file_name": "x.mp4",
            "file_size": 1234,
            "duration": 8,
        },
        "error": None,
        "meta": {"usage": {"credits_used": 10, "usd_spent": 0.1}},
        "something_new": [1, 2],
    }
    gen = parse_generation(reply)
    assert gen.id == "abc:google/veo3"
    assert gen.status == "completed"
    assert gen.video is not None
    assert gen.video.url == "https://cdn/x.mp4"
    assert gen.video.file_size == 1234
    assert gen.video.id == "abc:google/veo3"
    assert gen.video.raw["duration"] == 8
    assert gen.raw["something_new"] == [1, 2]  # unknown fields kept
    assert gen.error is None


def test_video_as_list_and_generation_id_alias_and_succeeded() -> None:
    gen = parse_generation(
        {
            "generation_id": "g1",
            "status": "succeeded",
            "video": [{"url": "https://a/1.mp4"}, {"url": "https://a/2.mp4"}],
        }
    )
    assert gen.id == "g1"
    assert gen.video is not None
    assert gen.video.url == "https://a/1.mp4"
    assert gen.video.content_type is None
    assert classify(gen.status) is Phase.SUCCESS


def test_older_shapes_tokens_used_and_bare_url() -> None:
    gen = parse_generation(
        {
            "id": "g",
            "status": "completed",
            "video": "https://a/v.mp4",
            "meta": {"usage": {"tokens_used": 5}},
            "duration": 5,
        }
    )
    assert gen.video is not None and gen.video.url == "https://a/v.mp4"
    assert gen.raw["meta"]["usage"]["tokens_used"] == 5


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (None, None),
        ({"name": "Error", "message": "bad prompt"}, "Error: bad prompt"),
        ({"message": "only message"}, "only message"),
        (
            {
                "detail": [
                    {
                        "loc": ["body", "duration"],
                        "msg": "must be 4, 6 or 8",
                        "type": "value_error",
                        "input": 5,
                    }
                ]
            },
            "body.duration: must be 4, 6 or 8",
        ),
        ("plain text", "plain text"),
        ({"code": 7}, '{"code": 7}'),
    ],
)
def test_error_shapes(error: object, text: str | None) -> None:
    assert flatten_error(error) == text
    gen = parse_generation({"id": "g", "status": "error", "error": error})
    assert gen.error == text


@pytest.mark.parametrize(
    "reply",
    [
        "not a mapping",
        [{"id": "x"}],
        {"status": "queued"},  # no id
        {"id": "", "status": "queued"},
        {"id": "g"},  # no status
        {"id": "g", "status": "completed", "video": [{"nourl": 1}]},
        {"id": "g", "status": "completed", "video": {"content_type": "video/mp4"}},
    ],
)
def test_unreadable_replies(reply: object) -> None:
    with pytest.raises(ResponseFormatError):
        parse_generation(reply)


def test_submit_path_legacy_only_for_google_models() -> None:
    assert submit_path(VideoRequest("veo2", "p"), legacy=True).endswith("/google/generation")
    assert submit_path(VideoRequest("veo2", "p")) == "/v2/video/generations"
    assert submit_path(VideoRequest("google/veo-3.1-t2v", "p"), legacy=True) == (
        "/v2/video/generations"
    )
