"""The model table: every known video model's fields, and request validation against them.

The table is generated from the provider's own OpenAPI files (`_data/models.json`, remade by
`python -m aiovideo.core._data.generate_models`; see that script for what it does with each quirk
of the files), read once on first use, plus the small overlay below of facts the files do not
state. Pure data and pure functions past that one read: no aiohttp, no network.

A known model is strict: a field it does not take is refused with a suggestion, values are
checked against each field's type, choices and range, and missing required fields are
refused. `VideoRequest(..., extra_fields={...})` sends a field the table does not know yet,
untouched. An unknown model id close to a known one is refused naming it (`close_models`); one
unlike any known is taken as a model newer than the table and sent unchecked, unless the
caller is strict (`check_model`).
"""

from __future__ import annotations

import difflib
import functools
import importlib.resources
import json
import math
import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

from aiovideo.core._convert import REQUIRED_FLAG, converter
from aiovideo.core._exceptions import ValidationError
from aiovideo.core._images import is_image_input
from aiovideo.core._paths import LEGACY_PATH
from aiovideo.core._specs import FieldInfo, ModelInfo

__all__ = [
    "MODELS",
    "FieldInfo",
    "ModelInfo",
    "check_model",
    "close_models",
    "lookup",
    "model_info",
    "models",
    "source",
    "suggest_model",
    "validate_fields",
]


# The overlay: facts the provider's files do not state, each from shared/AIMLAPI.md or the
# scheduler's measured priors. Everything else comes from the generated table.

# AIMLAPI.md: the legacy Google path serves only these (the files document it for veo2 only).
_LEGACY_GOOGLE = frozenset(
    {
        "veo2",
        "veo2/image-to-video",
        "google/veo3",
        "google/veo-3.0-fast",
        "google/veo-3.0-i2v",
        "google/veo-3.0-i2v-fast",
    }
)
# Seconds from submit to completion (AIMLAPI.md: about 2 minutes for an 8-second Veo 3 video;
# the fast and older variants about half that).
_TYPICAL_SECONDS = {
    "veo2": 60.0,
    "veo2/image-to-video": 60.0,
    "google/veo3": 120.0,
    "google/veo-3.0-fast": 60.0,
    "google/veo-3.0-i2v": 120.0,
    "google/veo-3.0-i2v-fast": 60.0,
    "veo-3.1-lite-generate-001": 60.0,
    "google/veo-3.1-t2v": 120.0,
    "google/veo-3.1-t2v-fast": 60.0,
    "google/veo-3.1-i2v": 120.0,
    "google/veo-3.1-i2v-fast": 60.0,
    "google/veo-3.1-first-last-image-to-video": 120.0,
    "google/veo-3.1-first-last-image-to-video-fast": 60.0,
    "google/veo-3.1-reference-to-video": 120.0,
}
# AIMLAPI.md: the examples also write the lite model with a `google/` prefix...
_ALIASES = {"google/veo-3.1-lite-generate-001": "veo-3.1-lite-generate-001"}
# ...and one sends `tail_image_url` instead of `last_image_url`.
_EXTRA = {
    "veo-3.1-lite-generate-001": {
        "tail_image_url": {"type": "string", "format": "uri", "media": "image"},
    },
}
# AIMLAPI.md: Veo 3.1's `provider` is one of these (the files give only an example, "auto").
_VEO31_PROVIDERS = ("google", "fal", "auto")
_VEO31 = (
    "google/veo-3.1-t2v",
    "google/veo-3.1-t2v-fast",
    "google/veo-3.1-i2v",
    "google/veo-3.1-i2v-fast",
    "google/veo-3.1-first-last-image-to-video",
    "google/veo-3.1-first-last-image-to-video-fast",
    "google/veo-3.1-reference-to-video",
)


def _model(entry: Mapping[str, Any], model_id: str | None = None) -> ModelInfo:
    """One model of the generated table, with the overlay's facts, as a `ModelInfo`."""
    name = model_id or entry["id"]
    nodes = dict(entry["fields"])
    nodes.update(_EXTRA.get(entry["id"], {}))
    if name in _VEO31 and "provider" in nodes:
        nodes["provider"] = {**nodes["provider"], "enum": list(_VEO31_PROVIDERS)}
    required = set(entry["required"])
    legacy_paths = entry["legacy_paths"]
    overlaid = {
        **entry,
        "id": name,
        "fields": {key: {**node, REQUIRED_FLAG: key in required} for key, node in nodes.items()},
        "legacy": name in _LEGACY_GOOGLE or LEGACY_PATH in legacy_paths,
        "typical_seconds": _TYPICAL_SECONDS.get(entry["id"]),
    }
    return converter.structure(overlaid, ModelInfo)


@functools.cache
def _data() -> Mapping[str, Any]:
    # The packaged file, read once; a broken install fails loudly here, not with a KeyError.
    resource = importlib.resources.files("aiovideo.core._data").joinpath("models.json")
    data: Mapping[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return data


@functools.cache
def _table() -> Mapping[str, ModelInfo]:
    entries = {entry["id"]: entry for entry in _data()["models"]}
    table = {model_id: _model(entry) for model_id, entry in entries.items()}
    for alias, target in _ALIASES.items():
        table.setdefault(alias, _model(entries[target], alias))
    return MappingProxyType(dict(sorted(table.items())))


class _LazyTable(Mapping[str, ModelInfo]):
    """The table as a mapping, loaded on first use (importing aiovideo reads no file)."""

    def __getitem__(self, key: str) -> ModelInfo:
        return _table()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(_table())

    def __len__(self) -> int:
        return len(_table())

    def __contains__(self, key: object) -> bool:
        return key in _table()


#: Every known model id, mapped to its `ModelInfo`.
MODELS: Mapping[str, ModelInfo] = _LazyTable()


def lookup(model: str) -> ModelInfo | None:
    """The spec of a known model id, or None for a model the table does not know."""
    return _table().get(model)


def models() -> tuple[ModelInfo, ...]:
    """Every model the table knows, sorted by id, for an app to list or build forms from.

    Returns:
        Frozen `ModelInfo` values; each one's `fields` says type, choices, default, range and
        whether it is required.
    """
    return tuple(_table().values())


def model_info(model: str) -> ModelInfo | None:
    """What the table knows of one model id.

    Args:
        model: a model id, e.g. "google/veo3".

    Returns:
        Its frozen `ModelInfo`, or None when the table does not know it (requests for such a
        model are sent unchecked).
    """
    return lookup(model) if isinstance(model, str) else None


def source() -> Mapping[str, Any]:
    """Where the table comes from: repository, commit and directory of the provider's docs."""
    return MappingProxyType(dict(_data()["source"]))


def suggest_model(model: str) -> str | None:
    """The known model id most like `model`, loosely (a hint, not a verdict: see `close_models`)."""
    close = close_models(model)
    if close:
        return close[0]
    found = difflib.get_close_matches(model, list(_table()), n=1, cutoff=0.6)
    return found[0] if found else None


# Close model ids. An unknown id is "close" to a known one when it is surely a slip of the
# known one rather than a model newer than the table:
# - spelt the same but for case and the separators `-`, `_`, `.` and spaces (`google/veo-3`
#   is `google/veo3`), or the same as a known id's name after its owner (`veo3`);
# - else with the same signature: the same digits in the same order (`google/veo-4` is not a
#   slip of `google/veo3` but the shape a newer model takes: new versions change digits) and
#   the same modes (`t2v`, `i2v`, `v2v`: a new mode is a new model, not a slip of a sibling);
#   and within a small edit distance of the known id: a tenth of its length (at least 1), and
#   less than the distance from it to its nearest neighbour of that signature in the table.
#   Where the table itself tells models apart by one letter, one letter off is as likely a
#   new sibling as a slip, so only the first rule holds there.
_SEPARATORS = re.compile(r"[-_.\s]+")
_MODE = re.compile(r"(?<![a-z])[a-z]2[a-z](?![a-z])")


def _normal(model: str) -> str:
    return _SEPARATORS.sub("", model.lower())


def _signature(model: str) -> str:
    """The signature slips keep: the id's digits, and its modes (`t2v`, `i2v`, ...)."""
    modes = _MODE.findall(model.lower())
    return "".join(char for char in model if char.isdigit()) + "|" + ",".join(modes)


def _distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from `a` to `b`; past `limit`,
    any number above it (the rows are cut short once every cell is past it)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        new = [i] + [0] * len(b)
        for j, other in enumerate(b, 1):
            new[j] = min(row[j] + 1, new[j - 1] + 1, row[j - 1] + (char != other))
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                new[j] = min(new[j], before[j - 2] + 1)
        if min(new) > limit:
            return limit + 1
        before, row = row, new
    return row[-1]


@functools.cache
def _shapes() -> Mapping[str, list[tuple[str, str, str]]]:
    """The known ids by signature, each with its normal form and its name after its owner."""
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for model in _table():
        tail = _normal(model.partition("/")[2])
        groups.setdefault(_signature(model), []).append((model, _normal(model), tail))
    return MappingProxyType(groups)


@functools.cache
def _radius(model: str) -> int:
    """How far a slip of a known id may stray from it (see above)."""
    normal, signature = _normal(model), _signature(model)
    radius = max(1, len(normal) // 10)
    for other, other_normal, _ in _shapes()[signature]:
        if other != model:
            radius = min(radius, _distance(normal, other_normal, radius) - 1)
    return radius


@functools.lru_cache(maxsize=1024)
def close_models(model: str) -> tuple[str, ...]:
    """The known ids an unknown `model` is surely a slip of, nearest first (none for a known id).

    Args:
        model: a model id.

    Returns:
        Known ids (most often one; two when the slip sits between siblings), or () for a
        known id or one unlike any known (a model newer than the table).
    """
    if not isinstance(model, str) or lookup(model) is not None:
        return ()
    normal, owned = _normal(model), "/" in model
    rank: dict[str, int] = {}  # known id -> how near: 0 spelt alike, 1 its name, 2+ edits
    for known, known_normal, tail in (item for group in _shapes().values() for item in group):
        if normal == known_normal:
            rank[known] = 0
        elif not owned and tail and normal == tail:
            rank[known] = 1
    for known, known_normal, _ in _shapes().get(_signature(model), ()):
        limit = max(1, len(known_normal) // 10)
        distance = _distance(normal, known_normal, limit)
        # The siblings' distances (`_radius`) are worked out only for a known id this near.
        if 0 < distance <= limit and distance <= _radius(known):
            rank[known] = min(rank.get(known, 1 + distance), 1 + distance)
    return tuple(sorted(rank, key=lambda known: (rank[known], known)))


def check_model(model: str, *, strict: bool = False) -> ModelInfo | None:
    """The table's entry for `model`, refusing an id that is a slip of a known one.

    Args:
        model: a model id.
        strict: refuse every id the table does not know.

    Returns:
        The model's `ModelInfo`, or None for an id unlike any known (a model newer than the
        table, sent unchecked).

    Raises:
        ValidationError: `model` is close to a known id (the message names it), or unknown
            and `strict`.
    """
    spec = lookup(model)
    if spec is not None:
        return spec
    close = close_models(model)
    if close:
        names = " or ".join(repr(known) for known in close[:3])
        raise ValidationError(
            model, "model", model, f"unknown model id; did you mean {names}? ({_LISTED})"
        )
    if strict:
        nearest = suggest_model(model)
        hint = f"; the nearest known is {nearest!r}" if nearest else ""
        raise ValidationError(
            model,
            "model",
            model,
            f"not in the model table, and unknown ids are refused (strict_models){hint} "
            f"({_LISTED})",
        )
    return None


_LISTED = "`aiovideo models` and aiovideo.models() list the known ids"


# Validation.


def _unknown(spec: ModelInfo, name: str) -> str:
    takes = ", ".join(spec.fields) or "no fields"
    if name == "prompt":
        return f"{spec.id} takes no prompt: leave it out ({spec.id} takes: {takes})"
    close = difflib.get_close_matches(name, list(spec.fields), n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return (
        f"unknown field; {hint}{spec.id} takes: {takes} (to send a field the table does not "
        f"know yet, pass it in extra_fields={{{name!r}: ...}})"
    )


class _Invalid(Exception):
    """A nested value broke its field; carries where and what was allowed."""

    def __init__(self, where: str, allowed: str) -> None:
        super().__init__(where, allowed)
        self.where = where
        self.allowed = allowed


def _check(field: FieldInfo, value: Any, where: str) -> Any:
    """`value` checked against `field`, normalised (enum case, integer choices)."""
    if value is None:
        if field.nullable:
            return None
        raise _Invalid(where, field.describe())
    if field.media is not None:
        return _check_media(field, value, where)
    if field.variants:
        for variant in field.variants:
            try:
                return _check(variant, value, where)
            except _Invalid:
                continue
        raise _Invalid(where, field.describe())
    if field.choices:
        return _check_choice(field, value, where)
    checker = _CHECKERS.get(field.type)
    return value if checker is None else checker(field, value, where)


def _check_media(field: FieldInfo, value: Any, where: str) -> Any:
    """A URL input: a string (or, for images, a path or bytes), or a list of them.

    The shape of an image (a readable file, a known format) is checked by the encoder.
    """
    shapes = field.variants or (field,)
    lists = [shape for shape in shapes if shape.type == "array"]

    def one(item: Any) -> bool:
        return isinstance(item, str) or (field.media == "image" and is_image_input(item))

    if isinstance(value, list | tuple) and lists:
        if not all(one(item) for item in value):
            raise _Invalid(where, field.describe())
        _check_count(lists[0], value, where)
        return value
    if len(lists) == len(shapes) or not one(value):
        raise _Invalid(where, field.describe())
    return value


def _check_choice(field: FieldInfo, value: Any, where: str) -> Any:
    if isinstance(value, bool) != all(isinstance(c, bool) for c in field.choices):
        raise _Invalid(where, field.describe())  # True is not 1, nor 1 True
    if field.type == "integer" and isinstance(value, str) and value.strip().isdigit():
        # The provider's own examples send durations as strings ("5"); we send integers.
        value = int(value.strip())
    if value in field.choices:
        return value
    if isinstance(value, str):
        # Resolution is "720P" on Veo 3.0 but "720p" on Veo 3.1: accept either case, send
        # the spelling of the spec.
        for choice in field.choices:
            if isinstance(choice, str) and value.lower() == choice.lower():
                return choice
        words = [c for c in field.choices if isinstance(c, str)]
        close = difflib.get_close_matches(value, words, n=1, cutoff=0.6)
        if close:
            raise _Invalid(where, f"{field.describe()}; did you mean {close[0]!r}?")
    raise _Invalid(where, field.describe())


def _check_string(field: FieldInfo, value: Any, where: str) -> Any:
    if not isinstance(value, str):
        raise _Invalid(where, field.describe())
    if field.max_length is not None and len(value) > field.max_length:
        raise _Invalid(where, f"{field.describe()} (this one has {len(value)})")
    if field.min_length is not None and len(value) < field.min_length:
        raise _Invalid(where, f"{field.describe()} of at least {field.min_length} characters")
    return value


def _check_number(field: FieldInfo, value: Any, where: str) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Invalid(where, field.describe())
    if field.type == "integer" and not isinstance(value, int):
        raise _Invalid(where, field.describe())
    if isinstance(value, float) and not math.isfinite(value):
        raise _Invalid(where, field.describe())
    if (field.minimum is not None and value < field.minimum) or (
        field.maximum is not None and value > field.maximum
    ):
        raise _Invalid(where, field.describe())
    return value


def _check_boolean(field: FieldInfo, value: Any, where: str) -> Any:
    if not isinstance(value, bool):
        raise _Invalid(where, field.describe())
    return value


def _check_count(field: FieldInfo, value: Any, where: str) -> None:
    count = len(value)
    if (field.min_items is not None and count < field.min_items) or (
        field.max_items is not None and count > field.max_items
    ):
        raise _Invalid(where, f"{field.describe()} (this one has {count})")


def _check_array(field: FieldInfo, value: Any, where: str) -> Any:
    if not isinstance(value, list | tuple):
        raise _Invalid(where, field.describe())
    _check_count(field, value, where)
    if field.items is None:
        return value
    return [_check(field.items, item, f"{where}[{index}]") for index, item in enumerate(value)]


def _check_object(field: FieldInfo, value: Any, where: str) -> Any:
    if not isinstance(value, Mapping):
        raise _Invalid(where, field.describe())
    out = dict(value)  # keys the spec does not list are kept: nested specs are sparse
    for key, inner in field.properties.items():
        if key in value and value[key] is not None:
            out[key] = _check(inner, value[key], f"{where}[{key!r}]")
    for key in field.required_keys:
        if value.get(key) is None:
            raise _Invalid(f"{where}[{key!r}]", f"required; {field.describe()}")
    return out


_CHECKERS = {
    "string": _check_string,
    "integer": _check_number,
    "number": _check_number,
    "boolean": _check_boolean,
    "array": _check_array,
    "object": _check_object,
}


def validate_fields(model: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Validate a request's fields (its `prompt` among them, when given) against the table.

    Args:
        model: the model id; unknown ids are passed through without checks.
        fields: the request's fields, all but `model`.

    Returns:
        The fields, normalised (enum case, integer choices); None values of optional fields
        dropped (the server's default then applies).

    Raises:
        ValidationError: a field the model does not take (with the closest name it does),
            a value of the wrong type or outside the choices or range, a required field
            missing, or alternatives broken; the message names model, field and value.
    """
    spec = lookup(model)
    if spec is None:
        return dict(fields)
    out: dict[str, Any] = {}
    for name, value in fields.items():
        field = spec.fields.get(name)
        if field is None:
            raise ValidationError(model, name, value, _unknown(spec, name))
        if value is None and not field.required:
            continue  # None means "leave it to the server's default"
        try:
            out[name] = _check(field, value, name)
        except _Invalid as bad:
            at = "" if bad.where == name else f" (at {bad.where})"
            raise ValidationError(model, name, value, bad.allowed + at) from None
    for name in spec.required:
        if name not in out:
            field = spec.fields[name]
            raise ValidationError(model, name, None, f"required; {field.describe()}")
    for group in spec.alternatives:
        given = [name for name in group.fields if name in out]
        if len(given) < group.least or (group.most is not None and len(given) > group.most):
            shown = given[-1] if given else group.fields[0]
            raise ValidationError(
                model, shown, out.get(shown), f"{group.describe()} (given: {given or 'none'})"
            )
    return out
