"""What a model takes: `ModelInfo`, its `FieldInfo`s and `Alternatives`, as frozen values.

The model table (`_models`) builds them from `_data/models.json` through the one converter;
they describe themselves for error messages and listings, and import nothing but the paths.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from aiovideo.core._paths import UNIVERSAL_PATH

__all__ = ["Alternatives", "FieldInfo", "ModelInfo"]

# How many choices an error message lists before it says how many more there are.
_SHOWN_CHOICES = 12
_PLURALS = {
    "string": "strings",
    "integer": "integers",
    "number": "numbers",
    "boolean": "booleans",
    "array": "lists",
    "object": "objects",
}


@attrs.frozen
class FieldInfo:
    """One request field of a model, as the provider's spec describes it.

    Attributes:
        name: the field's name (for an array's items or an object's keys, the parent's name
            or the key).
        type: "string", "integer", "number", "boolean", "array", "object" or "any".
        required: whether a request must carry it.
        default: what the server uses when it is left out (None: not documented).
        choices: the allowed values, when the spec lists them.
        minimum, maximum: the range of a number.
        min_length, max_length: the length of a string.
        min_items, max_items: the length of a list.
        media: "image", "video" or "audio" for a URL input (of a list: each item); image
            fields also take a local path or bytes, sent as a data URL.
        items: what each item of a list is.
        properties: an object's keys (unknown keys inside an object are let through).
        required_keys: the keys an object must have.
        variants: for a field that takes one of several shapes (`anyOf`/`oneOf`).
        nullable: whether null is a value of its own.
        deprecated: the spec marks it deprecated.
        description: the spec's text.
    """

    name: str
    type: str = "any"
    required: bool = False
    default: Any = attrs.field(default=None, hash=False)
    choices: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    media: str | None = None
    items: FieldInfo | None = None
    properties: Mapping[str, FieldInfo] = attrs.field(
        factory=lambda: MappingProxyType({}), hash=False
    )
    required_keys: tuple[str, ...] = ()
    variants: tuple[FieldInfo, ...] = ()
    nullable: bool = False
    deprecated: bool = False
    description: str = attrs.field(default="", eq=False, repr=False)

    def describe(self) -> str:
        """What this field accepts, for error messages and listings ("allowed: ...")."""
        return "allowed: " + self._what()

    def _what(self) -> str:
        if self.media is not None:
            return self._media_what()
        if self.variants:
            return " or ".join(variant._what() for variant in self.variants)
        if self.choices:
            shown = ", ".join(repr(c) for c in self.choices[:_SHOWN_CHOICES])
            more = len(self.choices) - _SHOWN_CHOICES
            return shown + (f" ... ({len(self.choices)} in all)" if more > 0 else "")
        if self.type in ("integer", "number"):
            return ("an integer" if self.type == "integer" else "a number") + self._range()
        if self.type == "string":
            if self.max_length is not None:
                return f"a string of at most {self.max_length} characters"
            return "a string"
        if self.type == "boolean":
            return "true or false"
        if self.type == "array":
            plural = _PLURALS.get(self.items.type, "values") if self.items else "values"
            return f"a list of {plural}" + self._count()
        if self.type == "object":
            if not self.properties:
                return "an object"
            keys = ", ".join(
                f"{key}: {inner._what() if inner.type not in ('object', 'array') else inner.type}"
                for key, inner in self.properties.items()
            )
            required = ", ".join(self.required_keys)
            return f"an object {{{keys}}}" + (f" ({required} required)" if required else "")
        return "any JSON value"

    def _media_what(self) -> str:
        shapes = self.variants or (self,)
        lists = [shape for shape in shapes if shape.type == "array"]
        if self.media == "image":
            one = "an http(s) URL, a data URL, a local path or bytes"
            many = "a non-empty list of images (URL, data URL, path or bytes)"
        else:
            one = f"an http(s) URL of {'an' if self.media == 'audio' else 'a'} {self.media}"
            many = f"a list of {self.media} URLs"
        if lists:
            many += lists[0]._count()
        if not lists:
            return one
        return many if len(lists) == len(shapes) else f"{one}, or {many}"

    def _range(self) -> str:
        return _bounds(
            self.minimum, self.maximum, " from {} to {}", " of at least {}", " of at most {}"
        )

    def _count(self) -> str:
        return _bounds(
            self.min_items,
            self.max_items,
            " of {} to {} items",
            " of at least {} items",
            " of at most {} items",
        )

    def to_dict(self) -> dict[str, Any]:
        """The field as plain JSON data (only what the spec says; empty parts left out)."""
        data: dict[str, Any] = {"name": self.name, "type": self.type, "required": self.required}
        for key in ("default", "minimum", "maximum", "min_length", "max_length", "min_items"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        for key in ("max_items", "media"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        if self.choices:
            data["choices"] = list(self.choices)
        if self.items is not None:
            data["items"] = self.items.to_dict()
        if self.properties:
            data["properties"] = {k: v.to_dict() for k, v in self.properties.items()}
        if self.variants:
            data["variants"] = [variant.to_dict() for variant in self.variants]
        for key in ("nullable", "deprecated"):
            if getattr(self, key):
                data[key] = True
        if self.description:
            data["description"] = self.description
        return data


def _bounds(low: object, high: object, both: str, at_least: str, at_most: str) -> str:
    """A range in words: `both`, `at_least` or `at_most` filled in, or "" for no bound."""
    if low is not None and high is not None:
        return both.format(low, high)
    if low is not None:
        return at_least.format(low)
    if high is not None:
        return at_most.format(high)
    return ""


@attrs.frozen
class Alternatives:
    """Fields of which a request may carry at most `most` and must carry at least `least`.

    The specs say so of `prompt` and `multi_prompt` (Kling 3): "either, but not both".
    """

    fields: tuple[str, ...]
    least: int = 0
    most: int | None = 1

    def describe(self) -> str:
        names = " or ".join(self.fields)
        if self.least and self.most == 1:
            return f"exactly one of {names}"
        if self.least:
            return f"at least one of {names}"
        return f"at most one of {names}"


@attrs.frozen
class ModelInfo:
    """A known model: its fields and where it is served.

    Attributes:
        id: the model id to send.
        family: the vendor family ("google", "kling", "alibaba", ...), which decides the
            shape of the server's replies.
        fields: every request field but `model`, in the spec's order (`prompt` among them
            when the model takes one).
        path: the path requests are POSTed to: the universal one, or a per-vendor legacy
            path for the few models documented only there.
        legacy_paths: every per-vendor legacy path the docs list for it.
        alternatives: groups of fields of which at most (or exactly) one may be sent.
        legacy: the legacy Google path serves it (`Client(legacy=True)`).
        typical_seconds: a typical time from submit to completion, when known (the
            scheduler's first guess); None when not.
        spec_files: the provider's files it comes from.
        quirks: what the generator had to work around in those files (see `models.json`).
    """

    id: str
    family: str
    fields: Mapping[str, FieldInfo] = attrs.field(hash=False)
    path: str = UNIVERSAL_PATH
    legacy_paths: tuple[str, ...] = ()
    alternatives: tuple[Alternatives, ...] = ()
    legacy: bool = False
    typical_seconds: float | None = None
    spec_files: tuple[str, ...] = attrs.field(default=(), eq=False, repr=False)
    quirks: tuple[str, ...] = attrs.field(default=(), eq=False, repr=False)

    @property
    def required(self) -> tuple[str, ...]:
        """The names of the fields every request must carry."""
        return tuple(name for name, field in self.fields.items() if field.required)

    @property
    def takes_prompt(self) -> bool:
        """Whether the model takes a `prompt` at all."""
        return "prompt" in self.fields

    def to_dict(self) -> dict[str, Any]:
        """The model as plain JSON data (what `aiovideo models --json` prints)."""
        return {
            "id": self.id,
            "family": self.family,
            "path": self.path,
            "legacy_paths": list(self.legacy_paths),
            "legacy": self.legacy,
            "typical_seconds": self.typical_seconds,
            "required": list(self.required),
            "alternatives": [
                {"fields": list(group.fields), "least": group.least, "most": group.most}
                for group in self.alternatives
            ],
            "fields": {name: field.to_dict() for name, field in self.fields.items()},
            "spec_files": list(self.spec_files),
            "quirks": list(self.quirks),
        }
