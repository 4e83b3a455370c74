"""`aiovideo models`: the model table, or one model's fields, as text or JSON."""

from __future__ import annotations

import json
import sys

import click

from aiovideo.core import ModelInfo, model_info, models, source, suggest_model
from aiovideo.tools.cli._common import EXIT_USAGE

__all__ = ["models_command"]


@click.command(name="models")
@click.argument("model", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of objects instead.")
def models_command(model: str | None, as_json: bool) -> None:
    """List the known models, or MODEL's fields (type, allowed values, default, required).

    Any other model id is sent unchecked; a known model's request is checked against these
    fields before anything is sent.
    """
    chosen = models() if model is None else (_known(model),)
    if as_json:
        click.echo(json.dumps([info.to_dict() for info in chosen], indent=2))
    elif model is None:
        width = max(len(info.id) for info in chosen)
        for info in chosen:
            click.echo(f"{info.id:<{width}}  {info.family}")
        origin = source()
        click.echo(
            f"{len(chosen)} models, from {origin['repository']}@{origin['commit'][:12]}",
            err=True,
        )
    else:
        click.echo(_model_text(chosen[0]))


def _known(model: str) -> ModelInfo:
    """The table's entry for `model`; an unknown one ends the command (exit status 2)."""
    info = model_info(model)
    if info is None:
        close = suggest_model(model)
        hint = f"; did you mean {close!r}?" if close else ""
        click.echo(f"error: unknown model {model!r}{hint} (`aiovideo models` lists them)", err=True)
        sys.exit(EXIT_USAGE)
    return info


def _model_text(info: ModelInfo) -> str:
    """A model's fields as a plain table: name, type, required, default, allowed."""
    paths = ", ".join((info.path, *(p for p in info.legacy_paths if p != info.path)))
    lines = [f"{info.id}  (family {info.family}; POST {paths})"]
    rows = [("field", "type", "required", "default", "allowed")]
    for field in info.fields.values():
        kind = field.type if field.media is None else f"{field.type} ({field.media} URL)"
        default = "" if field.default is None else json.dumps(field.default)
        allowed = field.describe().removeprefix("allowed: ")
        rows.append((field.name, kind, "yes" if field.required else "", default, allowed))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[4]]).rstrip())
    lines += [f"send {group.describe()}" for group in info.alternatives]
    if not info.takes_prompt:
        lines.append("takes no prompt")
    return "\n".join(lines)
