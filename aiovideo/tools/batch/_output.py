"""What a batch writes beside its videos: `results.jsonl` and `index.html`, each atomically,
and the check, before anything is paid for, that its folder can be written at all."""

from __future__ import annotations

import json
import os
from pathlib import Path

from aiovideo.core import ConfigurationError
from aiovideo.tools.batch._gallery import GALLERY_NAME, render
from aiovideo.tools.batch._outcome import Outcome

__all__ = ["MANIFEST_NAME", "check_writable", "write_gallery", "write_manifest"]

MANIFEST_NAME = "results.jsonl"


def write_manifest(out: Path, outcomes: list[Outcome]) -> Path:
    """Write `results.jsonl` atomically: one record per input line, in line order.

    Paths are relative to `out`, the manifest's own folder: they read the same whatever the
    working directory of the run and however `--out` was spelled (the journal keeps absolute
    ones), and they still hold when the folder is moved, copied or served.

    Returns:
        The manifest's path.
    """
    records = (outcome.record(out) for outcome in sorted(outcomes, key=lambda o: o.line))
    text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    return _write_atomically(out / MANIFEST_NAME, text)


def write_gallery(out: Path, outcomes: list[Outcome]) -> Path:
    """Write `index.html` atomically: the batch's page, beside its videos (see `_gallery`).

    Returns:
        The page's path.
    """
    return _write_atomically(out / GALLERY_NAME, render(outcomes, out))


def _write_atomically(target: Path, text: str) -> Path:
    """Write `text` to a temporary file beside `target`, then rename it into place: a reader
    sees the old file or the new one, never half of one."""
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")  # two runs may write
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)
    return target


def check_writable(out: Path) -> None:
    """Make `out` and prove a file can be written there, before anything is paid for.

    Raises:
        ConfigurationError: it cannot be made or written to.
    """
    probe = out / f".aiovideo-probe-{os.getpid()}"
    try:
        out.mkdir(parents=True, exist_ok=True)
        with probe.open("wb") as handle:
            handle.write(b"ok")
        probe.unlink()
    except OSError as exc:
        raise ConfigurationError(
            f"cannot write to the output folder {out}: {exc}; nothing was submitted"
        ) from exc
