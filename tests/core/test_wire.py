"""Parsing replies on plain dicts: every shape AIMLAPI.md lists, odd ones included."""

import json
from decimal import Decimal

import pytest

import aiovideo
from aiovideo import ResponseFormatError
from aiovideo.core._request import VideoRequest
from aiovideo.core._routes import submit_path
from aiovideo.core._usage import parse_usage_page
from aiovideo.core._wire import (
    ERROR_TEXT_LIMIT,
    Phase,
    classify,
    flatten_error,
    parse_generation,
)


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


def test_video_list_of_objects_exposes_every_video() -> None:
    gen = parse_generation(
        {
            "id": "g",
            "status": "completed",
            "video": [
                {"url": "https://a/1.mp4", "content_type": "video/mp4"},
                {"url": "https://a/2.mp4", "file_size": 10},
                {"url": "https://a/3.mp4"},
            ],
        }
    )
    assert [v.url for v in gen.videos] == ["https://a/1.mp4", "https://a/2.mp4", "https://a/3.mp4"]
    assert gen.video is gen.videos[0]
    assert gen.videos[0].content_type == "video/mp4"
    assert gen.videos[1].file_size == 10
    assert all(v.id == "g" for v in gen.videos)


def test_runway_list_of_bare_url_strings() -> None:
    gen = parse_generation(
        {
            "id": "r",
            "status": "completed",
            "video": ["https://runway/1.mp4", "https://runway/2.mp4"],
        }
    )
    assert [v.url for v in gen.videos] == ["https://runway/1.mp4", "https://runway/2.mp4"]
    assert gen.videos[0].raw == {"url": "https://runway/1.mp4"}


def test_bare_string_video() -> None:
    gen = parse_generation({"id": "g", "status": "succeeded", "video": "https://a/v.mp4"})
    assert gen.status == "succeeded"
    assert classify(gen.status) is Phase.SUCCESS
    assert [v.url for v in gen.videos] == ["https://a/v.mp4"]


def test_a_video_entry_without_a_url_does_not_hide_the_others() -> None:
    gen = parse_generation(
        {"id": "g", "status": "completed", "video": [{"url": 5}, None, "https://a/ok.mp4"]}
    )
    assert [v.url for v in gen.videos] == ["https://a/ok.mp4"]


def test_minimax_submit_reply_has_generation_id_and_no_id() -> None:
    gen = parse_generation(
        {
            "generation_id": "330012345678901234",
            "status": "queued",
            "meta": {"usage": {"credits_used": 3_900_000}},
        }
    )
    assert gen.id == "330012345678901234"
    assert gen.cost is not None
    assert gen.cost.credits == 3_900_000
    assert gen.cost.usd == Decimal("1.95")


@pytest.mark.parametrize(
    "ident",
    [
        "8c2f52cb-1e4e-4d7e-9a38-5b9a5f3c0d11",
        "8c2f52cb-1e4e-4d7e-9a38-5b9a5f3c0d11:alibaba/wan2.1-t2v-plus/v1.2.mp4",
        "-aB3_kd9ZZqpL0w1xYvT2",  # a 21-character nanoid starting with "-"
        "123456789012345678901234567890",
        "cgt-20250704191750-n4qjp",
        "video_68d3f1a2b4c5:openai/sora-2-t2v",
    ],
)
def test_ids_in_every_shape_are_kept_verbatim(ident: str) -> None:
    text = json.dumps({"id": ident, "status": "generating", "video": None, "error": None})
    gen = parse_generation(json.loads(text))
    assert gen.id == ident
    assert isinstance(gen.id, str)


def test_a_numeric_id_that_is_not_a_string_is_refused() -> None:
    with pytest.raises(ResponseFormatError):
        parse_generation(json.loads('{"id": 123456789012345678901234567890, "status": "queued"}'))


@pytest.mark.parametrize("size", ["1e400", "-1e400", "NaN", "-5", "true", '"12"'])
def test_unreadable_file_size_is_ignored(size: str) -> None:
    video = f'{{"url": "https://a/v.mp4", "file_size": {size}}}'
    text = f'{{"id": "g", "status": "completed", "video": {video}}}'
    gen = parse_generation(json.loads(text))
    assert gen.video is not None
    assert gen.video.file_size is None


@pytest.mark.parametrize(
    ("meta", "credits", "usd"),
    [
        ({"usage": {"credits_used": 120_000}}, 120_000, "0.06"),
        ({"usage": {"credits_used": 3_900_000, "usd_spent": 1.95}}, 3_900_000, "1.95"),
        ({"usage": {"tokens_used": 2_000_000}}, 2_000_000, "1.00"),
        ({"tokens_used": 10}, 10, "0.000005"),
        # Past 2**63 (what SQLite's INTEGER holds) and a float's 53 bits: kept exactly.
        ({"usage": {"credits_used": 2**63 + 1}}, 2**63 + 1, "4611686018427.3879045"),
        ({"usage": {"credits_used": 10**400}}, None, None),  # no cost a server means
        ({"usage": {"usd_spent": 0.5}}, None, "0.5"),
        ({"usage": {"usd_spent": 0.1}}, None, "0.1"),  # not 0.1000000000000000055511...
        ({"usage": {"usd_spent": "0.30"}}, None, "0.30"),
        # Credits given: the USD is theirs, exactly, whatever `usd_spent` says.
        ({"usage": {"credits_used": 120_000, "usd_spent": 0.060000000000000005}}, 120_000, "0.06"),
    ],
)
def test_cost_shapes(meta: object, credits: int | None, usd: str | None) -> None:
    gen = parse_generation({"id": "g", "status": "queued", "meta": meta})
    if credits is None and usd is None:
        assert gen.cost is None
    else:
        assert gen.cost is not None
        assert gen.cost.credits == credits
        assert isinstance(gen.cost.usd, Decimal)
        assert str(gen.cost.usd) == usd  # the exact digits, not only an equal value


@pytest.mark.parametrize(
    ("error", "text"),
    [
        ({"detail": "Not found"}, "Not found"),
        ({"detail": ["plain", {"loc": "body", "msg": "bad"}]}, "plain; body: bad"),
        ({"detail": [{"loc": ["body", 0, None], "msg": 5}]}, "body.0.null: 5"),
        ({"name": "E", "message": {"code": 7}}, 'E: {"code": 7}'),
        ({"x": [[[[[[["deep"]]]]]]]}, '{"x": [[[[[[...]]]]]]}'),
        ({"x": {1, 2}}, '{"x": <set>}'),
        ([], None),
        ({}, None),
        ("", None),
    ],
)
def test_more_error_shapes(error: object, text: str | None) -> None:
    assert flatten_error(error) == text


def test_error_text_is_bounded_even_for_long_lists_and_strings() -> None:
    details = [{"loc": ["body", str(i)], "msg": "m" * 50} for i in range(10_000)]
    for error in ({"detail": details}, "x" * 100_000, {"message": "y" * 100_000}, [1] * 100_000):
        text = flatten_error(error)
        assert text is not None
        assert len(text) <= ERROR_TEXT_LIMIT
        assert text.endswith("...")


def test_a_replys_video_is_an_object_or_a_bare_url() -> None:
    def video(given: object) -> aiovideo.Video | None:
        return parse_generation({"id": "g", "status": "completed", "video": given}).video

    bare = video("https://a/v.mp4")
    assert bare is not None
    assert bare.url == "https://a/v.mp4"
    full = video({"url": "https://a/v.mp4", "file_size": 3})
    assert full is not None
    assert full.file_size == 3
    with pytest.raises(ResponseFormatError):
        video({"url": ""})


def test_usage_page_rows_and_hostile_envelopes() -> None:
    rows, more = parse_usage_page(
        {
            "data": [
                {
                    "created": "2026-11-23T10:00:00Z",
                    "status": "Succeeded",
                    "model": "google/veo3",
                    "cost": {"usd": 0.06, "credits": 120000},
                    "inference_id": "gen-1",
                    "client_request_id": "aiovideo-x-1",
                },
                "not a row",
                {"status": 7, "cost": {"usd": "NaN", "credits": -1}, "created": "yesterday"},
            ],
            "pagination": {"has_more": "yes"},
        }
    )
    assert more is False  # only a real true means another page
    first, second = rows
    assert (first.status, first.inference_id, first.client_request_id) == (
        "succeeded",
        "gen-1",
        "aiovideo-x-1",
    )
    assert first.cost == aiovideo.Cost(credits=120000, usd=0.06)
    assert first.created == 1795428000.0
    assert (second.status, second.cost, second.created, second.inference_id) == (
        "unknown",
        None,
        None,
        None,
    )
    bad: object
    for bad in (None, [], {"data": "rows"}, {"rows": []}):
        with pytest.raises(aiovideo.ResponseFormatError, match="usage-log page"):
            parse_usage_page(bad)
