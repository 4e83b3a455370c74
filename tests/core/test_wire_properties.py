"""Properties of reply parsing: whatever JSON a server (or a proxy) sends, parsing is total.

`parse_generation` returns a `Generation` or raises `ResponseFormatError`, never anything else;
and a reply with a readable id and status is never lost to a garbage `error` or `meta`.
Hypothesis runs derandomized and without a database, so CI sees the same examples every time.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aiovideo import Cost, Generation, ResponseFormatError, Video
from aiovideo.core._values import CREDITS_PER_USD
from aiovideo.core._wire import Phase, classify, flatten_error, parse_cost, parse_generation

# Fixed examples, no example database, no deadline (a slow CI box must not flake a test).
_SETTINGS = settings(
    max_examples=300,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
_SOME = settings(_SETTINGS, max_examples=150)
_FEW = settings(_SETTINGS, max_examples=100)

# Past 1e308 (no float holds them); integers past 4300 digits, which Python cannot even print,
# get a plain test below (Hypothesis could not show them in a failure report).
_HUGE_INTS = st.sampled_from([400, 4000]).map(lambda n: 10**n) | st.sampled_from([2**63, -(2**64)])
_ODD_FLOATS = st.sampled_from(
    [1e308, -1e308, json.loads("1e400"), json.loads("-1e400"), math.nan, -0.0, 5e-324]
)
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    _HUGE_INTS,
    st.floats(),  # NaN and infinities included
    _ODD_FLOATS,
    st.text(max_size=20),
)
#: Any JSON value Python can hold, nested a few levels.
JSON = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=16,
)

_URLS = st.one_of(
    st.just("https://cdn.aimlapi.com/v/x.mp4"),
    st.text(min_size=1, max_size=30).map(lambda s: "https://host/" + s),
    st.text(max_size=10),
)
_VIDEO_OBJECT = st.fixed_dictionaries(
    {"url": st.one_of(_URLS, JSON)},
    optional={
        "content_type": st.one_of(st.just("video/mp4"), JSON),
        "file_name": st.one_of(st.just("x.mp4"), JSON),
        "file_size": st.one_of(st.integers(min_value=0), JSON),
        "duration": JSON,
    },
)
VIDEOS = st.one_of(
    st.none(),
    _VIDEO_OBJECT,
    st.lists(_VIDEO_OBJECT, max_size=4),
    st.lists(_URLS, max_size=4),  # Runway: bare URL strings
    _URLS,
    st.lists(st.one_of(_VIDEO_OBJECT, _URLS, JSON), max_size=4),
    JSON,
)
_DETAIL_ITEM = st.fixed_dictionaries(
    {},
    optional={
        "loc": st.one_of(st.lists(st.one_of(st.text(max_size=8), st.integers())), JSON),
        "msg": st.one_of(st.text(max_size=20), JSON),
        "type": JSON,
        "input": JSON,
    },
)
ERRORS = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {}, optional={"name": st.one_of(st.text(max_size=10), JSON), "message": JSON}
    ),
    st.text(max_size=40),
    st.fixed_dictionaries({"detail": st.one_of(st.lists(_DETAIL_ITEM, max_size=3), JSON)}),
    st.lists(_DETAIL_ITEM | JSON, max_size=3),
    JSON,
)
_COUNT = st.one_of(st.integers(min_value=0, max_value=10**12), JSON)
METAS = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {
            "usage": st.fixed_dictionaries(
                {}, optional={"credits_used": _COUNT, "usd_spent": _COUNT, "tokens_used": _COUNT}
            )
        }
    ),
    st.fixed_dictionaries({}, optional={"tokens_used": _COUNT, "usd_spent": _COUNT}),
    st.fixed_dictionaries({"usage": JSON}),
    JSON,
)
IDS = st.one_of(
    st.uuids().map(str),
    st.text(max_size=40),
    st.just("-aB3_kd9ZZqpL0w1xYvT2"),
    st.just("cgt-20250704191750-n4qjp"),
    JSON,
)
STATUSES = st.one_of(
    st.sampled_from(["queued", "generating", "completed", "succeeded", "error", "failed"]),
    st.text(max_size=20),
    JSON,
)

REPLIES = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "id": IDS,
            "generation_id": IDS,
            "status": STATUSES,
            "video": VIDEOS,
            "error": ERRORS,
            "meta": METAS,
            "duration": JSON,
        },
    ),
    JSON,  # not even an object
)


def _check_total(payload: Any) -> Generation | None:
    """Parse; the only exception allowed out is ResponseFormatError."""
    try:
        gen = parse_generation(payload)
    except ResponseFormatError as exc:
        str(exc)  # its message can be shown
        return None
    _check_generation(gen)
    return gen


def _check_generation(gen: Generation) -> None:
    assert isinstance(gen, Generation)
    assert isinstance(gen.id, str) and gen.id.strip()
    assert isinstance(gen.status, str) and gen.status.strip()
    assert isinstance(classify(gen.status), Phase)
    assert isinstance(gen.videos, tuple)
    assert gen.video is (gen.videos[0] if gen.videos else None)
    for video in gen.videos:
        assert isinstance(video, Video)
        assert isinstance(video.url, str) and video.url
        assert video.id == gen.id
        assert video.file_size is None or (
            isinstance(video.file_size, int) and video.file_size >= 0
        )
        assert video.content_type is None or isinstance(video.content_type, str)
        assert video.file_name is None or isinstance(video.file_name, str)
    assert gen.error is None or isinstance(gen.error, str)
    if gen.error is not None:
        assert len(gen.error) <= 1000  # bounded, whatever the server sent
    if gen.cost is not None:
        _check_cost(gen.cost)
    assert isinstance(gen.raw, dict)


def _check_cost(cost: Cost) -> None:
    assert cost.credits is None or (isinstance(cost.credits, int) and cost.credits >= 0)
    assert cost.usd is None or (math.isfinite(cost.usd) and cost.usd >= 0)
    assert cost.credits is not None or cost.usd is not None


def _readable(payload: dict[str, Any]) -> bool:
    """Whether the reply has an id and a status the parser must accept."""
    ident = payload.get("id") or payload.get("generation_id")
    status = payload.get("status")
    return (
        isinstance(ident, str)
        and bool(ident.strip())
        and isinstance(status, str)
        and bool(status.strip())
    )


@_SETTINGS
@given(REPLIES)
def test_parsing_is_total(payload: Any) -> None:
    _check_total(payload)


@_SOME
@given(REPLIES)
def test_parsing_is_total_after_a_json_round_trip(payload: Any) -> None:
    # What the transport hands over: text decoded by json.loads (NaN and Infinity included).
    try:
        text = json.dumps(payload)
    except ValueError:  # an integer too long for Python's int-to-text limit
        return
    _check_total(json.loads(text))


@_SOME
@given(
    ident=IDS,
    status=STATUSES,
    error=ERRORS,
    meta=METAS,
    video=st.sampled_from([None, [], {}]),
)
def test_garbage_error_or_meta_never_loses_a_readable_reply(
    ident: Any, status: Any, error: Any, meta: Any, video: Any
) -> None:
    payload = {"id": ident, "status": status, "error": error, "meta": meta, "video": video}
    gen = _check_total(payload)
    assert (gen is not None) == _readable(payload)


@_SETTINGS
@given(st.text())
def test_classify_takes_any_string(word: str) -> None:
    assert isinstance(classify(word), Phase)


@_FEW
@given(ERRORS)
def test_flatten_error_is_total_and_bounded(error: Any) -> None:
    text = flatten_error(error)
    assert text is None or (isinstance(text, str) and len(text) <= 1000)


@_SETTINGS
@given(METAS)
def test_parse_cost_is_total(meta: Any) -> None:
    cost = parse_cost(meta)
    assert cost is None or isinstance(cost, Cost)
    if cost is not None:
        _check_cost(cost)


@_FEW
@given(
    ident=st.one_of(
        JSON.filter(lambda v: not isinstance(v, str)),
        st.text(alphabet=" \t\n\r", max_size=5),
    ),
    status=st.sampled_from(["queued", "completed"]),
)
def test_an_id_that_is_not_a_non_empty_string_is_refused(ident: Any, status: str) -> None:
    with pytest.raises(ResponseFormatError):
        parse_generation({"id": ident, "status": status})
    with pytest.raises(ResponseFormatError):
        parse_generation({"generation_id": ident, "status": status})


@_FEW
@given(
    st.lists(
        st.text(min_size=1, max_size=20).map(lambda s: "https://cdn.aimlapi.com/" + s),
        min_size=1,
        max_size=6,
    ),
    st.booleans(),
)
def test_every_video_of_a_list_is_exposed(urls: list[str], bare: bool) -> None:
    video: list[Any] = list(urls) if bare else [{"url": u} for u in urls]
    gen = parse_generation({"id": "g", "status": "completed", "video": video})
    assert [v.url for v in gen.videos] == urls
    assert gen.video is gen.videos[0]


@_FEW
@given(st.integers(min_value=0, max_value=10**15), st.sampled_from(["credits_used", "tokens_used"]))
def test_cost_from_credits_only(credits: int, key: str) -> None:
    gen = parse_generation({"id": "g", "status": "queued", "meta": {"usage": {key: credits}}})
    assert gen.cost == Cost(credits=credits, usd=Decimal(credits) / CREDITS_PER_USD)


@_FEW
@given(
    st.integers(min_value=0, max_value=10**15),
    st.floats(min_value=0, max_value=1e9, allow_nan=False),
)
def test_credits_give_the_usd_exactly(credits: int, usd: float) -> None:
    meta = {"usage": {"credits_used": credits, "usd_spent": usd}}
    cost = parse_generation({"id": "g", "status": "completed", "meta": meta}).cost
    assert cost == Cost(credits=credits, usd=Decimal(credits) / CREDITS_PER_USD)


@_FEW
@given(st.decimals(min_value=0, max_value=10**9, places=6))
def test_usd_alone_is_read_exactly_from_a_json_number(amount: Decimal) -> None:
    # What the reply wrote (a JSON number, read by json.loads as a float) is what is kept.
    text = f'{{"id": "g", "status": "completed", "meta": {{"usage": {{"usd_spent": {amount}}}}}}}'
    cost = parse_generation(json.loads(text)).cost
    assert cost is not None
    assert cost.usd == amount


# Deep nesting, built iteratively (json.loads itself would raise RecursionError on such text;
# that is the transport's concern, but a structure handed over must not crash the parser).

_DEPTH = 10_000


def _deep_list(depth: int, leaf: Any = "x") -> Any:
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


def _deep_dict(depth: int, key: str, leaf: Any = "x") -> Any:
    value = leaf
    for _ in range(depth):
        value = {key: value}
    return value


_DEEP = [
    pytest.param(_deep_list(_DEPTH), id="list"),
    pytest.param(_deep_dict(_DEPTH, "a"), id="dict"),
    pytest.param(_deep_dict(_DEPTH, "detail"), id="detail"),
    pytest.param(_deep_dict(_DEPTH, "message"), id="message"),
    pytest.param(_deep_dict(_DEPTH, "usage"), id="usage"),
    pytest.param(_deep_dict(_DEPTH, "url"), id="url"),
    pytest.param({"detail": [_deep_list(_DEPTH)]}, id="detail-item"),
    pytest.param({"detail": [{"loc": _deep_list(_DEPTH), "msg": "m"}]}, id="detail-loc"),
    pytest.param({"detail": [{"msg": _deep_list(_DEPTH)}]}, id="detail-msg"),
    pytest.param({"name": "E", "message": _deep_list(_DEPTH)}, id="name-message"),
    pytest.param([_deep_dict(_DEPTH, "url")], id="video-list"),
]


@pytest.mark.parametrize("deep", _DEEP)
@pytest.mark.parametrize("where", ["error", "meta", "extra"])
def test_deep_error_meta_or_extra_fields_keep_the_reply(where: str, deep: Any) -> None:
    gen = _check_total({"id": "g", "status": "error", where: deep})
    assert gen is not None
    if where == "error":
        assert gen.error is not None and len(gen.error) <= 1000


@pytest.mark.parametrize("deep", _DEEP)
def test_deep_video_field_is_total(deep: Any) -> None:
    _check_total({"id": "g", "status": "completed", "video": deep})


@pytest.mark.parametrize("deep", _DEEP)
@pytest.mark.parametrize("where", ["id", "generation_id", "status"])
def test_deep_id_or_status_is_a_format_error(where: str, deep: Any) -> None:
    payload = {"id": "g", "status": "queued", where: deep}
    if where == "generation_id":
        del payload["id"]
    with pytest.raises(ResponseFormatError):
        parse_generation(payload)


@pytest.mark.parametrize("deep", _DEEP)
def test_a_deep_payload_is_a_format_error(deep: Any) -> None:
    with pytest.raises(ResponseFormatError):
        parse_generation(deep)


def test_integers_python_cannot_print_are_read_or_refused_cleanly() -> None:
    huge = 10**5000  # json.loads refuses such text, but a mapping may still hold one
    gen = parse_generation(
        {
            "id": "g",
            "status": "error",
            "error": {"name": huge, "message": huge},
            "meta": {"usage": {"credits_used": huge, "usd_spent": huge}},
            "video": {"url": "https://a/v.mp4", "file_size": huge},
        }
    )
    assert gen.error is not None and "integer" in gen.error
    assert gen.cost is None
    assert gen.video is not None and gen.video.file_size == huge
    with pytest.raises(ResponseFormatError):
        parse_generation({"id": huge, "status": "queued"})
    with pytest.raises(ResponseFormatError):
        parse_generation({"id": "g", "status": "completed", "video": huge})


def test_cost_of_more_credits_than_a_float_holds() -> None:
    assert Cost(credits=10**400).usd == Decimal(10**400) / 2_000_000  # exact, not inf
