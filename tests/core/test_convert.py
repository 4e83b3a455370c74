"""The one converter: the model table's spec nodes and usage-log rows."""

from decimal import Decimal
from types import MappingProxyType

from aiovideo.core import FieldInfo, UsageRecord, converter, model_info
from aiovideo.core._specs import Alternatives


def test_a_spec_node_becomes_a_field_with_its_name_handed_down() -> None:
    node = {
        "name": "shots",
        "type": "array",
        "min_items": 1,
        "items": {
            "type": "object",
            "required": ["prompt"],
            "properties": {"prompt": {"type": "string"}, "seconds": {"type": "integer"}},
        },
        "format": "a key FieldInfo does not know",
    }
    field = converter.structure(node, FieldInfo)
    assert field.min_items == 1
    assert field.items is not None
    assert field.items.name == "shots"  # an array's items describe the field itself
    assert field.items.required_keys == ("prompt",)
    assert isinstance(field.items.properties, MappingProxyType)
    assert [inner.name for inner in field.items.properties.values()] == ["prompt", "seconds"]


def test_a_range_keeps_the_numbers_the_spec_wrote() -> None:
    field = converter.structure(
        {"name": "duration", "type": "integer", "enum": [5, 10], "minimum": 1, "maximum": 2.5},
        FieldInfo,
    )
    assert field.choices == (5, 10)
    assert (field.minimum, field.maximum) == (1, 2.5)
    assert isinstance(field.minimum, int)


def test_alternatives_read_min_and_max() -> None:
    group = converter.structure({"fields": ["a", "b"], "min": 1, "max": None}, Alternatives)
    assert group == Alternatives(("a", "b"), least=1, most=None)


def test_the_table_is_built_through_the_converter() -> None:
    spec = model_info("google/veo3")
    assert spec is not None
    assert spec.fields["prompt"].required
    assert isinstance(spec.fields, MappingProxyType)


def test_a_usage_row_is_read_leniently() -> None:
    row = {
        "created": "2025-01-02T03:04:05",
        "status": " Succeeded ",
        "model": "",
        "inference_id": 7,
        "cost": {"credits": "12", "usd": -1},
    }
    record = converter.structure(row, UsageRecord)
    assert record.created == 1735787045.0
    assert record.status == "succeeded"
    assert record.model is None  # "" reads as absent
    assert record.inference_id is None  # not a string
    assert record.cost is not None
    assert (record.cost.credits, record.cost.usd) == (12, Decimal("0.000006"))
    assert record.raw == row
    bare = converter.structure({}, UsageRecord)
    assert (bare.created, bare.status, bare.cost) == (None, "unknown", None)
