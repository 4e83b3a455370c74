"""The one cattrs converter of aiovideo, configured here and only here (`register_hooks`).

It builds the model table (`ModelInfo`, `FieldInfo`, `Alternatives`) from `_data/models.json`
and `UsageRecord`s from usage-log rows; the tools use it for their own rows. Replies about
generations are read by hand in `_wire` (see there why).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, override

from aiovideo.core._specs import Alternatives, FieldInfo
from aiovideo.core._values import Cost, UsageRecord, to_usd
from aiovideo.core._wire import cost_of, lenient_credits, lenient_moment, lenient_text

__all__ = ["REQUIRED_FLAG", "converter", "register_hooks"]

# The key a model entry's `required` list is turned into on each of its field nodes (a node's
# own `required` lists an object's required keys: `FieldInfo.required_keys`).
REQUIRED_FLAG = "is_required"


def _as_given(value: Any, _: type) -> Any:
    # A range bound stays the int or float the spec wrote ("from 1 to 10", not "1.0").
    return value


def _field_structurer(conv: cattrs.Converter) -> Any:
    """FieldInfo from a spec node: the spec's key names, and the name handed down.

    An array's `items` and a field's `variants` describe the same field, so they take its
    name; an object's `properties` take their keys (`_fields_structurer`).
    """
    base = make_dict_structure_fn(
        FieldInfo,
        conv,
        choices=override(rename="enum"),
        required=override(rename=REQUIRED_FLAG),
        required_keys=override(rename="required"),
        minimum=override(struct_hook=_as_given),
        maximum=override(struct_hook=_as_given),
    )

    def structure(node: Mapping[str, Any], _: type) -> FieldInfo:
        name = node["name"]
        named = dict(node)
        if "items" in node:
            named["items"] = {**node["items"], "name": name}
        if "variants" in node:
            named["variants"] = [{**variant, "name": name} for variant in node["variants"]]
        return base(named, FieldInfo)

    return structure


def _fields_structurer(conv: cattrs.Converter) -> Any:
    """A name -> FieldInfo mapping (a model's fields, an object's properties), read-only."""

    def structure(nodes: Mapping[str, Any], _: type) -> Mapping[str, FieldInfo]:
        return MappingProxyType(
            {key: conv.structure({**node, "name": key}, FieldInfo) for key, node in nodes.items()}
        )

    return structure


def _usage_cost(given: Any, _: type) -> Cost | None:
    """A usage row's `{credits, usd}`, read as a reply's cost is (`_wire.cost_of`)."""
    if not isinstance(given, Mapping):
        return None
    return cost_of(lenient_credits(given.get("credits")), given.get("usd"))


def _status_word(value: Any, _: type) -> str:
    return value.strip().lower() if isinstance(value, str) else "unknown"


def _some_text(value: Any, _: type) -> str | None:
    return lenient_text(value) or None  # "" reads as absent


def _usage_structurer(conv: cattrs.Converter) -> Any:
    """UsageRecord from a usage-log row, leniently: the logs come from a server we do not
    trust, so each field hook drops a value of the wrong shape instead of raising, and the
    whole row stays in `raw`."""
    base = make_dict_structure_fn(
        UsageRecord,
        conv,
        created=override(struct_hook=lambda value, _: lenient_moment(value)),
        status=override(struct_hook=_status_word),
        model=override(struct_hook=_some_text),
        inference_id=override(struct_hook=_some_text),
        client_request_id=override(struct_hook=_some_text),
        cost=override(struct_hook=_usage_cost),
        raw=override(omit=True),
    )

    def structure(row: Mapping[str, Any], _: type) -> UsageRecord:
        # A row missing `created` or `status` reads like one holding an unreadable value.
        record = base({"created": None, "status": None, **row}, UsageRecord)
        return attrs.evolve(record, raw=dict(row))

    return structure


def register_hooks(conv: cattrs.Converter) -> None:
    """Configure `conv`: the model table's spec names, lenient usage-log rows, and exact
    amounts (a `Decimal` from its text, or from a float through its shortest text).

    Args:
        conv: the converter to configure (`converter` is configured at import).
    """
    conv.register_structure_hook(FieldInfo, _field_structurer(conv))
    conv.register_structure_hook_func(
        lambda cls: cls == Mapping[str, FieldInfo], _fields_structurer(conv)
    )
    conv.register_structure_hook(
        Alternatives,
        make_dict_structure_fn(
            Alternatives, conv, least=override(rename="min"), most=override(rename="max")
        ),
    )
    conv.register_structure_hook(UsageRecord, _usage_structurer(conv))
    conv.register_structure_hook(Decimal, lambda value, _: to_usd(value))


#: The converter: responses never forbid extra keys (a spec or a row may grow new ones).
converter = cattrs.Converter(forbid_extra_keys=False)
register_hooks(converter)
