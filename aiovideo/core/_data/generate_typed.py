"""Write `aiovideo/core/_typed.py`, the typed face of `submit`/`generate`, from the model table.

    python -m aiovideo.core._data.generate_typed [--check]

One overload per known model id: `model: Literal["google/veo3"]`, then that model's fields,
keyword-only, each with its type and allowed values (`duration: Literal[4, 6, 8] | None = 8`;
a required field has no default). An editor then offers a model's fields once `model=` is
written, and a type checker flags a value outside a field's choices.

What is typed, and how:
- A field with choices: `Literal[...]` of them, spelt as the spec spells them (the run-time
  check also takes other cases and digit strings; the typed face offers the one spelling).
- `string` -> `str`, `integer` -> `int`, `number` -> `float` (an int is one too), `boolean`
  -> `bool`, `object` -> `Mapping[str, Any]`, `array` -> `list[...] | tuple[..., ...]` (a
  `Sequence[str]` would take a bare str); ranges and lengths are left to the run-time check.
- An image input takes what the run-time check does: a URL or data URL, a local path, bytes.
- Optional fields also take None ("leave it to the server's default"), as at run time; the
  default shown is the spec's, when it is a plain value of the field's type.

Why a poisoned overload: a type checker takes the first overload a call fits, and a known id
is a `str` too, so a catch-all for model ids newer than the table (`model: str, **fields`)
would swallow every mistake made with a known one. So each model's overload is followed by a
second one for its id with any fields, typed as returning `FieldsDoNotFitTheModel`: awaiting
that (or using it as a Job) is a type error, and it is marked deprecated with a message naming
the model's fields, which editors show (mypy says it with `--enable-error-code deprecated`).
A model id held in a plain `str` variable, or one newer than the table, still takes any fields.

`--check` compares instead of writing (exit 1 when the committed file is stale).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aiovideo.core._models import FieldInfo, ModelInfo, models

__all__ = ["OUTPUT", "field_type", "main", "render"]

OUTPUT = Path(__file__).parent.parent / "_typed.py"
_MODULE = "aiovideo.core._data.generate_typed"
_INDENT = " " * 8

# A call with keywords only: no request given.
_KEYWORDS_ONLY = ("self", "request: None = None", "/", "*")
# The keywords of submit/generate besides the request's fields, as every overload takes them.
_OPTIONS = (
    "timeout: float | None = ...",
    "client_request_id: str | None = ...",
    "extra_fields: Mapping[str, Any] | None = ...",
)

_HEAD = '''\
"""The typed face of `Client.submit`/`generate` and `SyncClient.submit`/`generate`: one
overload per model of the table, its fields keyword-only with their types and allowed values,
for editors and type checkers.

Generated from the model table by `python -m aiovideo.core._data.generate_typed` (see that
script for what is typed and how, and why the overload for known ids with any fields); do not
edit by hand. The overloads live under TYPE_CHECKING: at run time `typed_async`, `typed_sync`
and `untyped` give back what they are given, and importing this costs nothing more.
"""

# ruff: noqa: E501
# mypy: disable-error-code="overload-overlap"
# Generated: Literal lists run past the line length, and the overload for known ids with any
# fields overlaps theirs on purpose (it is tried only once theirs do not fit).

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeAlias, TypeVar, cast, overload

__all__ = ["typed_async", "typed_sync", "untyped"]

R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)

if TYPE_CHECKING:
    from os import PathLike

    from typing_extensions import deprecated

    from aiovideo.core._request import VideoRequest

    #: An image input: an http(s) or data URL, a local path, or the bytes.
    Image: TypeAlias = str | bytes | bytearray | memoryview | PathLike[str]

    class FieldsDoNotFitTheModel:
        """What `submit`/`generate` give, for type checkers, when the fields do not fit a
        known model: not awaitable, not a Job (so the mistake is a type error)."""

    class Submit(Protocol[R_co]):
        """`submit`/`generate`, typed per model (`R_co`: what the call returns)."""
'''

_TAIL = '''

def typed_async(method: Callable[..., Coroutine[Any, Any, R]]) -> Submit[Coroutine[Any, Any, R]]:
    """`Client.submit`/`generate` with the typed face (at run time: `method` itself)."""
    return cast("Submit[Coroutine[Any, Any, R]]", method)


def typed_sync(method: Callable[..., R]) -> Submit[R]:
    """`SyncClient.submit`/`generate` with the typed face (at run time: `method` itself)."""
    return cast("Submit[R]", method)


def untyped(face: Submit[R]) -> Callable[..., R]:
    """The method behind a typed face, for a call that passes on fields it was given."""
    return cast("Callable[..., R]", face)
'''


def _literal(values: Sequence[Any]) -> str:
    # json.dumps spells strings with double quotes, as ruff would; ints and bools as Python.
    spelt = [repr(v) if isinstance(v, bool | int) else json.dumps(v) for v in values]
    return f"Literal[{', '.join(spelt)}]"


def _one(field: FieldInfo) -> str:
    """The type of one value of `field` (not its list, not None)."""
    if field.variants:
        return " | ".join(dict.fromkeys(_one(variant) for variant in field.variants))
    if field.choices:
        if all(isinstance(c, str | int) for c in field.choices):
            if all(isinstance(c, bool) for c in field.choices):
                return "bool"
            return _literal(field.choices)
        return "float"  # number choices such as 1.5 cannot be Literals
    if field.type == "array":
        item = _one(field.items) if field.items is not None else "Any"
        return f"list[{item}] | tuple[{item}, ...]"
    return {
        "string": "str",
        "integer": "int",
        "number": "float",
        "boolean": "bool",
        "object": "Mapping[str, Any]",
    }.get(field.type, "Any")


def _media(field: FieldInfo) -> str:
    """A URL input's type: what the run-time check takes (`_check_media`)."""
    one = "Image" if field.media == "image" else "str"
    shapes = field.variants or (field,)
    lists = [shape for shape in shapes if shape.type == "array"]
    many = f"list[{one}] | tuple[{one}, ...]"
    if not lists:
        return one
    return many if len(lists) == len(shapes) else f"{one} | {many}"


def field_type(field: FieldInfo) -> str:
    """The annotation of a field's keyword (None included for an optional or nullable one)."""
    kind = _media(field) if field.media is not None else _one(field)
    return kind if field.required and not field.nullable else f"{kind} | None"


def _default(field: FieldInfo) -> str:
    """The spec's default, shown where it is a plain value of the field's type; else `...`."""
    value = field.default
    fits = {
        "string": isinstance(value, str),
        "integer": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, int | float) and not isinstance(value, bool),
        "boolean": isinstance(value, bool),
    }.get(field.type, False)
    if field.choices:
        fits = fits and value in field.choices and _one(field) != "float"
    if not fits or field.media is not None:
        return "..."
    return repr(value) if isinstance(value, bool | int | float) else json.dumps(value)


def _overload(info: ModelInfo) -> list[str]:
    fields = sorted(info.fields.values(), key=lambda field: not field.required)  # stable
    params = [
        *_KEYWORDS_ONLY,
        f"model: {_literal([info.id])}",
        *(
            f"{field.name}: {field_type(field)}"
            + ("" if field.required else f" = {_default(field)}")
            for field in fields
        ),
        *_OPTIONS,
    ]
    return _signature(params, "R_co")


def _signature(params: list[str], returns: str) -> list[str]:
    lines = [f"{_INDENT}@overload", f"{_INDENT}def __call__("]
    lines += [f"{_INDENT}    {param}," for param in params]
    lines.append(f"{_INDENT}) -> {returns}: ...")
    return lines


def _poisoned(info: ModelInfo) -> list[str]:
    """The overload a call with `info`'s id reaches when its fields fit not its own."""
    takes = ", ".join(
        f"{name}{' (required)' if field.required else ''}" for name, field in info.fields.items()
    )
    message = (
        f"these keywords do not fit {info.id}'s fields (a field it does not take, a value "
        f"outside its choices, or a required one missing); it takes: {takes or 'no fields'}; "
        f"aiovideo.model_info({info.id!r}) says what each allows"
    )
    params = [*_KEYWORDS_ONLY, f"model: {_literal([info.id])}", *_OPTIONS, "**fields: Any"]
    return [
        f"{_INDENT}@overload",
        f"{_INDENT}@deprecated({json.dumps(message)})",
        f"{_INDENT}def __call__({', '.join(params)}) -> FieldsDoNotFitTheModel: ...",
    ]


def render(table: Sequence[ModelInfo] | None = None) -> str:
    """The text of `_typed.py` for `table` (default: the package's model table)."""
    infos = sorted(table if table is not None else models(), key=lambda info: info.id)
    lines = [_HEAD.rstrip("\n")]
    for info in infos:
        lines += ["", *_overload(info), *_poisoned(info)]
    lines += [
        "",
        "        # A ready request: a VideoRequest, or a mapping of its fields.",
        *_signature(
            ["self", "request: VideoRequest | Mapping[str, Any]", "/", "*", *_OPTIONS[:2]],
            "R_co",
        ),
        "",
        "        # A model id newer than the table, or one held in a plain str: any fields.",
        *_signature([*_KEYWORDS_ONLY, "model: str", *_OPTIONS, "**fields: Any"], "R_co"),
    ]
    return "\n".join(lines) + "\n" + _TAIL


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or with `--check`, compare) `_typed.py`.

    Returns:
        The exit status: 0, or 1 when `--check` finds the committed file stale.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
        if current != text:
            print(f"{args.output} is stale: run python -m {_MODULE}", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
