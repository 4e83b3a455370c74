"""A request to send: `VideoRequest`, checked against the model table, and building one off
the event loop when it reads local image files.

Pure but for reading those files: no aiohttp, no network.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import anyio.to_thread
import attrs

from aiovideo.core._exceptions import ConfigurationError, ValidationError
from aiovideo.core._images import encode_image, is_image_input, needs_file_io
from aiovideo.core._models import check_model, lookup, validate_fields

__all__ = ["MAX_FIELD_DEPTH", "VideoRequest", "build_request"]

#: How deeply a request field may nest lists and objects within one another.
MAX_FIELD_DEPTH = 32

_NOT_JSON = "allowed: a JSON value (string, finite number, true/false, null, list, object)"


def _is_image_field(name: str, model: str) -> bool:
    # Only known models' image fields: an unknown model's strings pass through untouched
    # (its Path and bytes values are still encoded, since JSON cannot carry them).
    spec = lookup(model)
    field = spec.fields.get(name) if spec is not None else None
    return field is not None and field.media == "image"


def _shown(value: Any) -> Any:
    """`value` itself if it can be shown in an error message, else a short stand-in."""
    try:
        repr(value)
    except Exception:  # a value too deep to print, an int too long, a __repr__ that fails
        return f"<{type(value).__name__}>"
    return value


def _label(value: Any) -> str:
    """A str for a model id or field name in a message, whatever the value."""
    try:
        return value if isinstance(value, str) else repr(value)[:80]
    except Exception:  # a __repr__ that fails
        return f"<{type(value).__name__}>"


def _json_field(model: str, name: str, value: Any, *, image_list: bool) -> Any:
    """A field value checked to be JSON (after image encoding), as a fresh copy.

    Containers are copied (lists stay lists, any Mapping becomes a dict), so a frozen request
    is not changed by later edits to the caller's lists. Image inputs (bytes, paths) are
    allowed at the top, and inside the list of a known model's image field; they are encoded
    afterwards.

    Raises:
        ValidationError: naming the field: a value JSON cannot carry (an object of another
            type, a set, NaN or an infinity, a non-string key, an integer past Python's
            int-to-text limit), or lists/objects nested deeper than `MAX_FIELD_DEPTH`.
    """

    def check(item: Any, depth: int, where: str) -> Any:
        if item is None or isinstance(item, str | bool):
            return item
        if isinstance(item, int):
            if item.bit_length() > 64:
                try:
                    repr(item)
                except ValueError:  # past 4300 digits: json.dumps would fail the same way
                    shown = f"<a {item.bit_length()}-bit integer>"
                    raise bad(shown, where, "an integer that long") from None
            return item
        if isinstance(item, float):
            if not math.isfinite(item):
                raise bad(item, where, "NaN or an infinity")
            return item
        if (depth == 0 or (image_list and depth == 1)) and is_image_input(item):
            return item
        if isinstance(item, Mapping | list | tuple) and depth >= MAX_FIELD_DEPTH:
            raise bad(
                f"<{type(item).__name__} nested over {MAX_FIELD_DEPTH} deep>",
                where,
                f"lists and objects nested more than {MAX_FIELD_DEPTH} deep",
            )
        if isinstance(item, list | tuple):
            return [check(x, depth + 1, f"{where}[{i}]") for i, x in enumerate(item)]
        if isinstance(item, Mapping):
            out: dict[str, Any] = {}
            for key, x in item.items():
                if not isinstance(key, str):
                    raise bad(_shown(key), where, f"a {type(key).__name__} as an object key")
                out[key] = check(x, depth + 1, f"{where}[{key!r}]")
            return out
        raise bad(_shown(item), where, f"a {type(item).__name__}")

    def bad(shown: Any, where: str, what: str) -> ValidationError:
        at = f" (at {name}{where})" if where else ""
        return ValidationError(model, name, shown, f"{_NOT_JSON}; got {what}{at}")

    return check(value, 0, "")


def _encode_images(model: str, fields: dict[str, Any], *, table: bool = True) -> dict[str, Any]:
    """Image inputs encoded as data URLs: in a known model's image fields (`table`), and
    wherever a value is bytes or a path, since JSON cannot carry those."""
    out: dict[str, Any] = {}
    for name, value in fields.items():
        image_field = table and _is_image_field(name, model)
        if isinstance(value, list | tuple) and image_field:
            if not value:
                raise ValidationError(model, name, value, "allowed: a non-empty list of images")
            out[name] = [encode_image(model, name, item) for item in value]
        elif image_field or is_image_input(value):
            out[name] = encode_image(model, name, value)
        else:
            out[name] = value
    return out


def _needs_file_io(fields: Mapping[str, Any]) -> bool:
    """Whether building a request from these fields would read a local file."""
    model = fields.get("model")
    spec = lookup(model) if isinstance(model, str) else None
    extra = fields.get("extra_fields")
    values = [
        (spec is not None and _is_image_field(name, spec.id), value)
        for name, value in fields.items()
        if name != "extra_fields"
    ]
    if isinstance(extra, Mapping):
        values += [(False, value) for value in extra.values()]
    for known_image, value in values:
        items = value if isinstance(value, list | tuple) else (value,)
        for item in items:
            if isinstance(item, os.PathLike) or (known_image and needs_file_io(item)):
                return True
    return False


async def build_request(
    request: VideoRequest | Mapping[str, Any] | None = None,
    fields: Mapping[str, Any] | None = None,
) -> VideoRequest:
    """A `VideoRequest` for `Client.submit`, built without blocking the event loop.

    A request that reads local image files (a path value, or a str in a known model's image
    field that is not an http(s) or data URL) is built in a worker thread; any other is built
    inline, since a thread hop per submit would cost more than the work in bulk runs.

    Args:
        request: a ready `VideoRequest` (returned as is), a mapping of request fields
            (`model`, `prompt`, ...), or None to build from `fields`.
        fields: the request fields given as keywords; only when `request` is None.

    Returns:
        The request, validated against the model table and with its images encoded.

    Raises:
        ValidationError: the request breaks the model table, a field is not JSON, or an image
            cannot be read.
        ConfigurationError: both a request and fields, or a request of another type.
    """
    if request is not None:
        if fields:
            raise ConfigurationError(
                f"pass either a VideoRequest or keywords, not both (got {sorted(fields)})"
            )
        if isinstance(request, VideoRequest):
            return request
        if not isinstance(request, Mapping):
            raise ConfigurationError(
                f"submit takes a VideoRequest or keywords, got {type(request).__name__}"
            )
        fields = request
    data = dict(fields or {})  # a copy: the caller may change its mapping while a thread reads
    if _needs_file_io(data):
        return await anyio.to_thread.run_sync(VideoRequest.from_mapping, data)
    return VideoRequest.from_mapping(data)


@attrs.frozen(init=False)
class VideoRequest:
    """One generation request: a model id, a prompt and any further fields.

    A known model is validated at construction (`aiovideo.model_info(model)` lists what it
    takes): a field it does not take is refused with the closest name it does, values must
    fit each field's type, choices and range, and required fields must be there. Local image
    paths and image bytes are encoded once, here, as data URLs. An unknown model id close to
    a known one (`google/veo-3`) is refused naming it; one unlike any known is taken as a
    model newer than the table and passes through unchecked.

    Args:
        model: the model id.
        prompt: the prompt; None (or left out) only for a known model that does not require
            one (image-to-video models, a `multi_prompt`, avatars).
        extra_fields: fields sent as they are, past the model table: the way to send a
            field the table does not know yet. They must be JSON (bytes and paths are still
            encoded as data URLs).
        **fields: the model's request fields.

    Attributes:
        prompt: the prompt, or "" when the request has none (then the body has no `prompt`).
        fields: the checked fields, normalised (enum case, integer choices, images encoded).
        extra_fields: the fields sent past the table.

    Raises:
        ValidationError: the request breaks the model table, or its model id is a slip of a
            known one.
    """

    model: str
    prompt: str
    fields: Mapping[str, Any] = attrs.field(hash=False)
    extra_fields: Mapping[str, Any] = attrs.field(hash=False)
    # The hash of the body, made on first use: a body may carry megabytes of image data, and
    # the journal asks for the fingerprint several times per request.
    _fingerprint: str | None = attrs.field(
        init=False, default=None, eq=False, hash=False, repr=False
    )

    def __init__(
        self,
        model: str,
        prompt: str | None = None,
        *,
        extra_fields: Mapping[str, Any] | None = None,
        **fields: Any,
    ) -> None:
        if not isinstance(model, str) or not model.strip():
            shown = _shown(model)
            raise ValidationError(_label(shown), "model", shown, "allowed: a non-empty model id")
        spec = check_model(model)  # a slip of a known id (`google/veo-3`) is refused here
        if prompt is not None and (not isinstance(prompt, str) or not prompt.strip()):
            raise ValidationError(model, "prompt", _shown(prompt), "allowed: a non-empty string")
        if prompt is None and spec is None:
            raise ValidationError(model, "prompt", None, "required: a non-empty string")
        extra = _extra_fields(model, extra_fields, fields)
        # JSON first, so that the model table's messages can always show the value.
        checked = {
            name: _json_field(model, name, value, image_list=_is_image_field(name, model))
            for name, value in fields.items()
        }
        if spec is not None and prompt is not None:
            checked = {"prompt": prompt, **checked}
        valid = validate_fields(model, checked)
        valid.pop("prompt", None)
        encoded = _encode_images(model, valid)
        sent = _encode_images(model, extra, table=False)
        self.__attrs_init__(model, prompt or "", MappingProxyType(encoded), MappingProxyType(sent))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, model: str | None = None) -> VideoRequest:
        """Build a request from a JSON-like mapping; `model` is used when it has none.

        Args:
            data: `model`, `prompt` and request fields; its `extra_fields`, if any, is the
                constructor's escape hatch.
            model: the model id for a mapping that names none.

        Returns:
            The request, validated as the constructor validates it.

        Raises:
            ValidationError: no model, a key that is not a string, or the request breaks the
                model table.
        """
        fields = dict(data)
        for key in fields:
            if not isinstance(key, str):
                raise ValidationError(
                    _label(_shown(fields.get("model", model))),
                    _label(_shown(key)),
                    None,
                    "allowed: field names that are strings",
                )
        chosen = fields.pop("model", None) or model
        prompt = fields.pop("prompt", None)
        extra = fields.pop("extra_fields", None)
        if chosen is None:
            raise ValidationError("?", "model", None, "required: a model id")
        return cls(chosen, prompt, extra_fields=extra, **fields)

    def body(self) -> dict[str, Any]:
        """The JSON body of the submit POST."""
        head: dict[str, Any] = {"model": self.model}
        if self.prompt:
            head["prompt"] = self.prompt
        return {**head, **self.fields, **self.extra_fields}

    def fingerprint(self) -> str:
        """A stable hash of the body: equal requests, equal fingerprints."""
        if self._fingerprint is None:
            text = json.dumps(self.body(), sort_keys=True, separators=(",", ":"))
            object.__setattr__(self, "_fingerprint", hashlib.sha256(text.encode()).hexdigest())
        assert self._fingerprint is not None
        return self._fingerprint

    def __repr__(self) -> str:
        shown = {
            k: (v[:40] + "...") if isinstance(v, str) and len(v) > 60 else v
            for k, v in {**self.fields, **self.extra_fields}.items()
        }
        extra = "".join(f", {k}={v!r}" for k, v in shown.items())
        return f"VideoRequest(model={self.model!r}, prompt={self.prompt!r}{extra})"


def _extra_fields(model: str, extra: Any, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The escape hatch's fields, checked to be JSON, none of them also a field or a key."""
    if extra is None:
        return {}
    if not isinstance(extra, Mapping):
        raise ValidationError(
            model, "extra_fields", _shown(extra), "allowed: a mapping of field names to values"
        )
    out: dict[str, Any] = {}
    for name, value in extra.items():
        if not isinstance(name, str) or name in ("model", "prompt") or name in fields:
            raise ValidationError(
                model,
                _label(_shown(name)),
                None,
                "allowed in extra_fields: string names other than model, prompt and the "
                "request's own fields",
            )
        out[name] = _json_field(model, name, value, image_list=False)
    return out
