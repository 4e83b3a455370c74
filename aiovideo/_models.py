"""The model table: which fields each known video model takes, and request validation.

Pure data and pure functions (no I/O, no aiohttp). Unknown model ids are not validated;
unknown fields of a known model pass through untouched. Fields that belong to the Veo family
but not to the chosen model (say `resolution` on `veo2`) are refused, since the server would
silently ignore them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import attrs

from aiovideo._exceptions import ValidationError

__all__ = ["MODELS", "FieldSpec", "ModelSpec", "lookup", "validate_fields"]

Kind = Literal["int", "str", "bool", "enum", "image", "images"]


@attrs.frozen
class FieldSpec:
    """One request field of a model: its kind, allowed values and default."""

    kind: Kind
    choices: tuple[Any, ...] = ()
    default: Any = None
    required: bool = False

    def describe(self) -> str:
        if self.choices:
            allowed = ", ".join(repr(c) for c in self.choices)
            return f"allowed: {allowed}"
        return {
            "int": "allowed: an integer",
            "str": "allowed: a string",
            "bool": "allowed: true or false",
            "image": "allowed: an http(s) URL, a data URL, a local path or bytes",
            "images": "allowed: a non-empty list of images (URL, data URL, path or bytes)",
            "enum": "allowed: one of the listed values",
        }[self.kind]


@attrs.frozen
class ModelSpec:
    """A known model: its fields, whether the legacy Google path serves it, and a time prior."""

    model: str
    fields: Mapping[str, FieldSpec]
    legacy: bool = False
    #: Typical seconds from submit to completion, the scheduler's prior (AIMLAPI.md).
    typical_seconds: float = 120.0


_ASPECT = FieldSpec("enum", ("16:9", "9:16"), "16:9")
_DUR_4_8 = FieldSpec("enum", (4, 6, 8), 8)
_RES_30 = FieldSpec("enum", ("720P", "1080P"), "720P")
_RES_31 = FieldSpec("enum", ("720p", "1080p"), "1080p")
_IMAGE = FieldSpec("image")
_IMAGE_REQ = FieldSpec("image", required=True)
_TRUE = FieldSpec("bool", default=True)
_PROVIDER = FieldSpec("enum", ("google", "fal", "auto"))

_VEO2 = {
    "duration": FieldSpec("enum", (5, 6, 7, 8), 5),
    "aspect_ratio": _ASPECT,
    "negative_prompt": FieldSpec("str"),
    "seed": FieldSpec("int"),
    "enhance_prompt": _TRUE,
}
_VEO30 = {
    "duration": _DUR_4_8,
    "aspect_ratio": _ASPECT,
    "resolution": _RES_30,
    "negative_prompt": FieldSpec("str"),
    "seed": FieldSpec("int"),
    "enhance_prompt": _TRUE,
    "generate_audio": _TRUE,
}
_VEO31_IMAGES = {
    "duration": _DUR_4_8,
    "aspect_ratio": _ASPECT,
    "resolution": _RES_31,
    "generate_audio": _TRUE,
    "provider": _PROVIDER,
}
_LITE = {
    "image_url": _IMAGE,
    "last_image_url": _IMAGE,
    "tail_image_url": _IMAGE,  # one provider example sends this name instead
    "duration": _DUR_4_8,
    "aspect_ratio": _ASPECT,
    "resolution": _RES_30,
    "generate_audio": _TRUE,
    "person_generation": FieldSpec("enum", ("dont_allow", "allow_adult"), "allow_adult"),
}


def _specs() -> dict[str, ModelSpec]:
    table = [
        ModelSpec("veo2", _VEO2, legacy=True, typical_seconds=60.0),
        ModelSpec(
            "veo2/image-to-video",
            {"image_url": _IMAGE_REQ, "tail_image_url": _IMAGE, **_VEO2},
            legacy=True,
            typical_seconds=60.0,
        ),
        ModelSpec("google/veo3", _VEO30, legacy=True),
        ModelSpec("google/veo-3.0-fast", _VEO30, legacy=True, typical_seconds=60.0),
        ModelSpec("google/veo-3.0-i2v", {"image_url": _IMAGE_REQ, **_VEO30}, legacy=True),
        ModelSpec(
            "google/veo-3.0-i2v-fast",
            {"image_url": _IMAGE_REQ, **_VEO30},
            legacy=True,
            typical_seconds=60.0,
        ),
        ModelSpec("veo-3.1-lite-generate-001", _LITE, typical_seconds=60.0),
        ModelSpec("google/veo-3.1-lite-generate-001", _LITE, typical_seconds=60.0),
        *(
            ModelSpec(
                f"google/veo-3.1-t2v{suffix}",
                {
                    "duration": _DUR_4_8,
                    "aspect_ratio": _ASPECT,
                    "resolution": _RES_31,
                    "generate_audio": _TRUE,
                    "seed": FieldSpec("int"),
                    "auto_fix": _TRUE,
                    "negative_prompt": FieldSpec("str"),
                    "enhance_prompt": _TRUE,
                    "provider": _PROVIDER,
                },
                typical_seconds=60.0 if suffix else 120.0,
            )
            for suffix in ("", "-fast")
        ),
        *(
            ModelSpec(
                f"google/veo-3.1-i2v{suffix}",
                {"image_url": _IMAGE_REQ, **_VEO31_IMAGES},
                typical_seconds=60.0 if suffix else 120.0,
            )
            for suffix in ("", "-fast")
        ),
        *(
            ModelSpec(
                f"google/veo-3.1-first-last-image-to-video{suffix}",
                {"image_url": _IMAGE_REQ, "last_image_url": _IMAGE_REQ, **_VEO31_IMAGES},
                typical_seconds=60.0 if suffix else 120.0,
            )
            for suffix in ("", "-fast")
        ),
        ModelSpec(
            "google/veo-3.1-reference-to-video",
            {
                "image_urls": FieldSpec("images", required=True),
                "duration": FieldSpec("enum", (8,), 8),
                "resolution": _RES_31,
                "generate_audio": _TRUE,
                "provider": _PROVIDER,
            },
        ),
    ]
    return {spec.model: spec for spec in table}


#: Every known model id, mapped to its spec.
MODELS: Mapping[str, ModelSpec] = _specs()

# Field names some known model takes: refused on a known model that does not take them.
_FAMILY_FIELDS = frozenset(name for spec in MODELS.values() for name in spec.fields)


def lookup(model: str) -> ModelSpec | None:
    """The spec of a known model id, or None for a model the table does not know."""
    return MODELS.get(model)


def _coerce(spec: ModelSpec, name: str, field: FieldSpec, value: Any) -> Any:
    """Check one value against its spec; return it normalised (ints, enum case)."""
    model = spec.model
    if field.kind == "bool":
        if not isinstance(value, bool):
            raise ValidationError(model, name, value, field.describe())
        return value
    if field.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(model, name, value, field.describe())
        return value
    if field.kind == "str":
        if not isinstance(value, str):
            raise ValidationError(model, name, value, field.describe())
        return value
    if field.kind == "enum":
        return _coerce_choice(spec, name, field, value)
    # Images are checked for presence and shape by the caller (they may need encoding).
    return value


def _coerce_choice(spec: ModelSpec, name: str, field: FieldSpec, value: Any) -> Any:
    if isinstance(value, bool):
        raise ValidationError(spec.model, name, value, field.describe())
    if all(isinstance(c, int) for c in field.choices):
        # The provider's own examples send durations as strings ("5"); we send integers.
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if value in field.choices:
            return value
    elif isinstance(value, str):
        # Resolution is "720P" on Veo 3.0 but "720p" on Veo 3.1: accept either case.
        for choice in field.choices:
            if value.lower() == str(choice).lower():
                return choice
    raise ValidationError(spec.model, name, value, field.describe())


def validate_fields(model: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Validate the extra fields of a request (everything but model and prompt).

    Args:
        model: the model id; unknown ids are passed through without checks.
        fields: the request's fields.

    Returns:
        The fields, normalised (enum case, integer durations); unknown fields untouched.

    Raises:
        ValidationError: a field breaks the table of a known model.
    """
    spec = MODELS.get(model)
    if spec is None:
        return dict(fields)
    out: dict[str, Any] = {}
    for name, value in fields.items():
        field = spec.fields.get(name)
        if field is None:
            if name in _FAMILY_FIELDS:
                takes = ", ".join(sorted(spec.fields)) or "no extra fields"
                raise ValidationError(model, name, value, f"{model} takes: {takes}")
            out[name] = value
            continue
        if value is None and not field.required:
            continue  # None means "leave it to the server's default"
        out[name] = _coerce(spec, name, field, value)
    for name, field in spec.fields.items():
        if field.required and name not in out:
            raise ValidationError(model, name, None, f"required; {field.describe()}")
    return out
