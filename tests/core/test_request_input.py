"""Request input: image files read safely, off the event loop, and fields that must be JSON."""

from __future__ import annotations

import json
import math
import os
import sys
import threading
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiovideo import ConfigurationError, ValidationError, VideoRequest
from aiovideo.core import _images
from aiovideo.core._images import MAX_IMAGE_BYTES, encode_image
from aiovideo.core._request import MAX_FIELD_DEPTH, build_request

PNG = b"\x89PNG\r\n\x1a\n" + bytes(24)
I2V = "veo2/image-to-video"  # image_url required
REFS = "google/veo-3.1-reference-to-video"  # image_urls: a list


@pytest.fixture(name="png")
def _png(tmp_path: Path) -> Path:
    path = tmp_path / "frame.png"
    path.write_bytes(PNG)
    return path


def _data_url(data: bytes) -> str:
    import base64

    return "data:image/png;base64," + base64.b64encode(data).decode()


# Image files.


def test_a_png_path_works_as_str_path_and_symlink(png: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.png"
    link.symlink_to(png)
    for value in (png, str(png), link):
        request = VideoRequest(I2V, "p", image_url=value)
        assert request.fields["image_url"] == _data_url(PNG)


def _without_blocking(call: Callable[[], Any], unblock: Callable[[], None]) -> Any:
    """Run `call` in a thread; if it is still blocked after a while, unblock it and fail."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = call()
        except BaseException as exc:  # handed back to the test
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout=10)  # returns at once when the call does not block
    blocked = thread.is_alive()
    if blocked:
        unblock()
        thread.join(timeout=10)
    assert not blocked, "the call blocked"
    return box.get("error", box.get("result"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)

    def unblock() -> None:  # a writer that opens and closes lets a blocked reader go
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    outcome = _without_blocking(lambda: VideoRequest(I2V, "p", image_url=str(fifo)), unblock)
    assert isinstance(outcome, ValidationError)
    assert outcome.field == "image_url"
    assert "not a regular file" in str(outcome)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_refused() -> None:
    with pytest.raises(ValidationError, match="not a regular file") as caught:
        encode_image(I2V, "image_url", "/dev/zero")
    assert caught.value.field == "image_url"


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        VideoRequest(I2V, "p", image_url=tmp_path)
    assert caught.value.field == "image_url"


def test_a_file_over_the_cap_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    with big.open("wb") as handle:
        handle.write(PNG)
        handle.truncate(MAX_IMAGE_BYTES + 1)  # sparse: no disk space used
    with pytest.raises(ValidationError, match=f"at most {MAX_IMAGE_BYTES} bytes") as caught:
        VideoRequest(I2V, "p", image_url=big)
    assert caught.value.field == "image_url"
    assert MAX_IMAGE_BYTES == 20 * 1024 * 1024


def test_the_cap_holds_to_the_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_images, "MAX_IMAGE_BYTES", len(PNG))
    exact = tmp_path / "exact.png"
    exact.write_bytes(PNG)
    over = tmp_path / "over.png"
    over.write_bytes(PNG + b"\0")
    assert encode_image(I2V, "image_url", exact) == _data_url(PNG)
    assert encode_image(I2V, "image_url", PNG) == _data_url(PNG)
    for value in (over, PNG + b"\0", bytearray(PNG + b"\0"), memoryview(PNG + b"\0")):
        with pytest.raises(ValidationError, match="at most"):
            encode_image(I2V, "image_url", value)


def test_a_file_that_grows_after_fstat_is_read_no_further_than_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "growing.png"
    path.write_bytes(PNG + bytes(100))
    real_fstat = os.fstat

    def stale_fstat(fd: int) -> Any:  # what fstat said before the file grew
        info = real_fstat(fd)
        return types.SimpleNamespace(st_mode=info.st_mode, st_size=len(PNG))

    monkeypatch.setattr(os, "fstat", stale_fstat)
    monkeypatch.setattr(_images, "MAX_IMAGE_BYTES", len(PNG) + 10)
    with pytest.raises(ValidationError, match="at most"):
        encode_image(I2V, "image_url", path)


def test_image_bytes_over_the_real_cap_are_refused() -> None:
    data = PNG + bytes(MAX_IMAGE_BYTES + 1 - len(PNG))
    with pytest.raises(ValidationError, match="at most") as caught:
        VideoRequest(I2V, "p", image_url=data)
    assert caught.value.field == "image_url"


@pytest.mark.parametrize("path", ["frame\x00.png", "x" * 5000, "/no/such/dir/frame.png"])
def test_unreadable_paths_are_validation_errors(path: str) -> None:
    with pytest.raises(ValidationError) as caught:
        VideoRequest(I2V, "p", image_url=path)
    assert caught.value.field == "image_url"


def test_images_in_a_list_field(png: Path) -> None:
    request = VideoRequest(REFS, "p", image_urls=(png, "https://x/y.png", PNG))
    assert request.fields["image_urls"] == [_data_url(PNG), "https://x/y.png", _data_url(PNG)]


# Building off the event loop.


@pytest.fixture(name="reads")
def _reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The thread ident of every image file read."""
    idents: list[int] = []
    real = _images.read_image_file

    def recording(model: str, field: str, path: Path) -> bytes:
        idents.append(threading.get_ident())
        return real(model, field, path)

    monkeypatch.setattr(_images, "read_image_file", recording)
    return idents


@pytest.fixture(name="encodes")
def _encodes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The thread ident of every image value encoded."""
    import aiovideo.core._request

    idents: list[int] = []
    real = _images.encode_image

    def recording(model: str, field: str, value: Any) -> str:
        idents.append(threading.get_ident())
        return real(model, field, value)

    monkeypatch.setattr(aiovideo.core._request, "encode_image", recording)
    return idents


@pytest.mark.parametrize("as_str", [False, True])
async def test_a_path_is_read_in_a_worker_thread(png: Path, reads: list[int], as_str: bool) -> None:
    value = str(png) if as_str else png
    request = await build_request(None, {"model": I2V, "prompt": "p", "image_url": value})
    assert request.fields["image_url"] == _data_url(PNG)
    assert len(reads) == 1
    assert reads[0] != threading.get_ident()


async def test_a_path_in_a_list_is_read_in_a_worker_thread(png: Path, reads: list[int]) -> None:
    request = await build_request({"model": REFS, "prompt": "p", "image_urls": [str(png)]})
    assert request.fields["image_urls"] == [_data_url(PNG)]
    assert reads and reads[0] != threading.get_ident()


@pytest.mark.parametrize(
    "image",
    ["https://cdn.example/a.png", "HTTP://cdn.example/a.png", _data_url(PNG), PNG],
)
async def test_no_file_no_thread(image: Any, encodes: list[int]) -> None:
    request = await build_request(None, {"model": I2V, "prompt": "p", "image_url": image})
    assert request.fields["image_url"] in (image, _data_url(PNG))
    assert encodes == [threading.get_ident()]  # encoded inline, on the event loop's thread


async def test_an_unknown_models_strings_are_not_paths(encodes: list[int]) -> None:
    fields = {"model": "acme/video-1", "prompt": "p", "image_url": "/etc/passwd"}
    request = await build_request(None, fields)
    assert request.fields["image_url"] == "/etc/passwd"
    assert encodes == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
async def test_build_request_refuses_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ValidationError) as caught:
        await build_request(None, {"model": I2V, "prompt": "p", "image_url": fifo})
    assert caught.value.field == "image_url"


async def test_build_request_takes_a_request_or_fields_not_both() -> None:
    ready = VideoRequest("veo2", "p")
    assert await build_request(ready, {}) is ready
    assert await build_request(ready) is ready
    assert await build_request({"model": "veo2", "prompt": "p"}) == ready
    assert await build_request(None, {"model": "veo2", "prompt": "p"}) == ready
    with pytest.raises(ConfigurationError, match="not both"):
        await build_request(ready, {"duration": 5})
    with pytest.raises(ConfigurationError, match="VideoRequest or keywords"):
        await build_request(42)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        await build_request(None, {"model": "veo2", "prompt": "p", "duration": 99})


# Fields that JSON cannot carry.


class _Thing:
    pass


def _deep(depth: int) -> Any:
    value: Any = "leaf"
    for _ in range(depth):
        value = [value]
    return value


def _cycle() -> list[Any]:
    loop: list[Any] = []
    loop.append(loop)
    return loop


_NOT_JSON = [
    pytest.param(_Thing(), id="object"),
    pytest.param({1, 2}, id="set"),
    pytest.param(math.nan, id="nan"),
    pytest.param(math.inf, id="inf"),
    pytest.param(-math.inf, id="-inf"),
    pytest.param({1: "a"}, id="int-key"),
    pytest.param({("a",): "b"}, id="tuple-key"),
    pytest.param([1, _Thing()], id="object-in-list"),
    pytest.param({"a": {"b": math.nan}}, id="nested-nan"),
    pytest.param([PNG], id="bytes-in-a-list"),
    pytest.param(print, id="callable"),
    pytest.param(10**5000, id="int-too-long-to-print"),
    pytest.param(_deep(MAX_FIELD_DEPTH + 1), id="too-deep"),
    pytest.param(_deep(100_000), id="far-too-deep"),
    pytest.param(_cycle(), id="cycle"),
]


@pytest.mark.parametrize("value", _NOT_JSON)
@pytest.mark.parametrize("model", ["acme/video-1", "google/veo3"])
def test_a_field_that_is_not_json_is_a_validation_error(model: str, value: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        VideoRequest(model, "p", extra=value)
    assert caught.value.field == "extra"
    assert "JSON" in str(caught.value)


def test_not_json_in_a_known_field_or_the_prompt_is_a_validation_error() -> None:
    with pytest.raises(ValidationError) as caught:
        VideoRequest("google/veo3", "p", duration=_deep(100_000))
    assert caught.value.field == "duration"
    with pytest.raises(ValidationError) as caught:
        VideoRequest("google/veo3", "p", seed=10**5000)
    assert caught.value.field == "seed"
    with pytest.raises(ValidationError) as caught:
        VideoRequest("google/veo3", _deep(100_000))
    assert caught.value.field == "prompt"


def test_the_message_says_where_in_the_field() -> None:
    with pytest.raises(ValidationError, match=r"at extra\['a'\]\[1\]"):
        VideoRequest("acme/video-1", "p", extra={"a": [0, math.nan]})


def test_nesting_up_to_the_bound_is_fine() -> None:
    request = VideoRequest("acme/video-1", "p", extra=_deep(MAX_FIELD_DEPTH))
    assert json.loads(json.dumps(request.body()))["extra"] == _deep(MAX_FIELD_DEPTH)
    assert MAX_FIELD_DEPTH == 32


def test_json_values_are_kept_and_copied() -> None:
    inner = [1, 2.5, "x", None, True]
    view = types.MappingProxyType({"k": inner, "t": (1, 2)})
    request = VideoRequest("acme/video-1", "p", extra=view, big=2**64, neg=-0.0)
    inner.append("later")  # the request is a snapshot
    assert request.fields["extra"] == {"k": [1, 2.5, "x", None, True], "t": [1, 2]}
    assert request.fields["big"] == 2**64
    body = json.dumps(request.body(), allow_nan=False)
    assert json.loads(body)["extra"]["t"] == [1, 2]
    assert request.fingerprint()


def test_bytes_and_paths_at_the_top_of_any_field_are_still_encoded(png: Path) -> None:
    request = VideoRequest("acme/video-1", "p", extra=PNG, other=png)
    assert request.fields["extra"] == _data_url(PNG)
    assert request.fields["other"] == _data_url(PNG)
    # A known model takes unknown fields only through the escape hatch; the same holds there.
    known = VideoRequest("google/veo3", "p", extra_fields={"extra": PNG, "other": png})
    assert known.extra_fields == {"extra": _data_url(PNG), "other": _data_url(PNG)}


def test_from_mapping_with_a_key_that_is_not_a_string() -> None:
    with pytest.raises(ValidationError, match="field names"):
        VideoRequest.from_mapping({"model": "veo2", "prompt": "p", 3: "x"})  # type: ignore[dict-item]


def test_a_model_id_that_cannot_be_printed() -> None:
    assert sys.get_int_max_str_digits() < 5000
    with pytest.raises(ValidationError) as caught:
        VideoRequest(10**5000, "p")  # type: ignore[arg-type]
    assert caught.value.field == "model"


# Property: a field that is plain JSON is sent as it is; any other is refused at construction.

_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),  # NaN and infinities included
    st.text(max_size=10),
    st.sampled_from([b"x", frozenset({1})]),
)
_VALUES = st.recursive(
    _LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.one_of(st.text(max_size=5), st.integers()), inner, max_size=4)
    ),
    max_leaves=12,
)


def _plain_json(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list | tuple):
        return all(_plain_json(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain_json(v) for k, v in value.items())
    return value is None or isinstance(value, str | int)


@settings(max_examples=200, derandomize=True, database=None, deadline=None)
@given(_VALUES, st.sampled_from(["acme/video-1", "google/veo3"]))
def test_a_request_body_is_always_json(value: Any, model: str) -> None:
    # A known model's unknown field goes through the escape hatch, with the same JSON rules.
    given: dict[str, Any] = (
        {"extra_fields": {"extra": value}} if model == "google/veo3" else {"extra": value}
    )
    if not _plain_json(value):
        with pytest.raises(ValidationError) as caught:
            VideoRequest(model, "p", **given)
        assert caught.value.field == "extra"
        return
    request = VideoRequest(model, "p", **given)
    body = json.dumps(request.body(), allow_nan=False)  # what the POST sends
    assert request.fingerprint()
    assert json.loads(body)["extra"] == json.loads(json.dumps(value))
