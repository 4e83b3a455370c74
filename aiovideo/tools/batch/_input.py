"""A batch's input: a prompts file (text, or JSON Lines) read into validated `Line`s.

Every line is checked before anything is sent; a bad file raises one `BatchInputError` that
names every bad line, grouped by problem.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

from aiovideo.core import ValidationError, VideoRequest, check_model

__all__ = [
    "MAX_LINE",
    "BatchInputError",
    "Line",
    "check_models",
    "label",
    "ranges",
    "read_lines",
    "slug",
]

# The longest input line taken (a prompt, or a JSON Lines request): a line past it is an input
# error, not a prompt to store in the journal, the manifest and the page over and over.
MAX_LINE = 100_000


class BatchInputError(Exception):
    """The prompts file has invalid lines; `problems` lists each with its line number."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@attrs.frozen
class Line:
    """One input line, validated.

    Its journal key is not its line number but which copy of this exact request it is in the
    file (1 for the first): inserting or moving lines then changes no key, so a re-run after
    editing the file never pays again for a line that only moved. The request's hash, stored
    beside the key, tells a changed line from an old one.
    """

    number: int
    request: VideoRequest
    copy: int = 1
    # Digits of the file's largest line number: names padded to it sort in `ls` order.
    width: int = 1

    @property
    def key(self) -> str:
        return f"copy-{self.copy}"

    @property
    def label(self) -> str:
        """How messages name the line: `line 7 ('a red fox in snow')`."""
        return label(self.number, self.request.prompt)

    @property
    def file_name(self) -> str:
        """`007-a-red-fox-1a2b3c4d.mp4`: the digest is of the line's journal row (its key and
        request hash), so two rows never share a name however the lines move or change."""
        row = f"{self.key}\n{self.request.fingerprint()}".encode()
        digest = hashlib.sha256(row).hexdigest()[:8]
        return f"{self.number:0{self.width}d}-{slug(self.request.prompt or '')}-{digest}.mp4"


def label(number: int, prompt: str | None) -> str:
    """`line 7 ('a red fox in snow')`: the line number and the start of its prompt."""
    return f"line {number}" + (f" ({prompt[:30]!r})" if prompt else "")


def slug(text: str, limit: int = 40) -> str:
    """A file-name-safe summary of a prompt: `A red fox!` -> `a-red-fox`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:limit].rstrip("-") or "video"


def read_lines(
    path: Path,
    *,
    model: str | None,
    fields: Mapping[str, Any] | None = None,
    strict_models: bool = False,
) -> list[Line]:
    """Read and validate every line of a text or JSON Lines prompts file.

    Text: one prompt a line. JSON Lines (a `.jsonl`/`.ndjson` file, or one whose first line
    starts with `{`): a request object a line, whose `model` overrides `model`. Blank lines and
    `#` comments are skipped in both.

    Args:
        path: the prompts file.
        model: the model of the lines that name none (None: every line must name one).
        fields: defaults for every line's request fields.
        strict_models: refuse a line whose model the table does not know (a model id close
            to a known one is refused in any case).

    Returns:
        One Line per prompt, in file order, each knowing which copy of its request it is.

    Raises:
        BatchInputError: listing every bad line (nothing has been sent).
    """
    numbered = _numbered(path)
    if not numbered:
        raise BatchInputError([f"{path}: no prompts (blank lines and # comments are skipped)"])
    jsonl = path.suffix.lower() in (".jsonl", ".ndjson") or numbered[0][1].startswith("{")
    no_model = "no model: pass --model" + (' or give "model" on the line' if jsonl else "")
    lines: list[Line] = []
    problems: list[tuple[int, str]] = []
    for number, content in numbered:
        try:
            if len(content) > MAX_LINE:
                raise ValueError(f"{len(content):,} characters: a line takes at most {MAX_LINE:,}")
            data = _parse(content) if jsonl else {"prompt": content}
            if "model" not in data and model is None:
                raise ValueError(no_model)
            request = VideoRequest.from_mapping({**(fields or {}), **data}, model=model)
            check_model(request.model, strict=strict_models)
            lines.append(Line(number, request))
        except ValidationError as exc:
            problems.append((number, _as_jsonl(exc)))
        except ValueError as exc:
            problems.append((number, str(exc)))
    if problems:
        raise BatchInputError(_grouped(path, problems, len(numbered)))
    return _counted(lines)


def check_models(lines: list[Line], check: Callable[[str], object]) -> None:
    """Each model of the lines through `check` (a client's `check_model`), before any is sent.

    Raises:
        BatchInputError: naming the lines of each model `check` refused (ValidationError).
    """
    numbers: dict[str, list[int]] = {}
    for line in lines:
        numbers.setdefault(line.request.model, []).append(line.number)
    problems = []
    for model, found in numbers.items():
        try:
            check(model)
        except ValidationError as exc:
            problems.append(f"line{'s' if len(found) > 1 else ''} {ranges(found)}: {exc}")
    if problems:
        raise BatchInputError(problems)


def _numbered(path: Path) -> list[tuple[int, str]]:
    """The file's prompts with their line numbers: blank lines and `#` comments left out.

    Raises:
        BatchInputError: the file cannot be read, or is not UTF-8.
    """
    try:
        raw = path.read_bytes()
        # "utf-8-sig": a byte order mark (Windows editors write one) is not part of line 1, or
        # a `#` comment or a `{` after it would be sent, and paid for, as a prompt.
        text = raw.decode("utf-8-sig")
    except OSError as exc:
        raise BatchInputError([f"{path}: cannot read: {exc}"]) from exc
    except UnicodeDecodeError as exc:
        number = raw.count(b"\n", 0, exc.start) + 1
        raise BatchInputError([f"{path}:{number}: not UTF-8 text ({exc.reason})"]) from exc
    # Split at "\n" only (a "\r" before it is dropped by strip): `str.splitlines` also splits
    # at U+2028, NEL, form feed and the like, which would cut one prompt into two paid lines
    # and shift every line number after it.
    return [
        (number, line.strip())
        for number, line in enumerate(text.split("\n"), start=1)
        if line.strip() and not line.strip().startswith("#")
    ]


def _counted(lines: list[Line]) -> list[Line]:
    """The lines, each knowing which copy of its exact request it is and the names' width."""
    copies: Counter[str] = Counter()
    width = len(str(lines[-1].number))
    counted = []
    for line in lines:
        fingerprint = line.request.fingerprint()
        copies[fingerprint] += 1
        counted.append(attrs.evolve(line, copy=copies[fingerprint], width=width))
    return counted


def _grouped(path: Path, problems: list[tuple[int, str]], total: int) -> list[str]:
    """One message per problem, naming every line that has it: a problem of every line (no
    model, a bad `--set`) is said once, not once per line."""
    lines_of: dict[str, list[int]] = {}
    for number, message in problems:
        lines_of.setdefault(message, []).append(number)
    said = []
    for message, numbers in lines_of.items():
        if len(numbers) == total > 1:
            said.append(f"{path}: all {total} lines: {message}")
        else:
            said.append(f"{path}:{ranges(numbers)}: {message}")
    return said


def ranges(numbers: list[int]) -> str:
    """`1-3, 7`: runs of consecutive line numbers."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


def _as_jsonl(exc: ValidationError) -> str:
    """The library's message, its way past the model table said as a JSON Lines line says it:
    `"extra_fields": {"durration": 8}`, not Python's `extra_fields={'durration': ...}`."""
    python = f"pass it in extra_fields={{{exc.field!r}: ...}}"
    value = json.dumps(exc.value, ensure_ascii=False, default=str)
    if len(value) > 40:  # the field's name is the point, not a long value
        value = "..."
    jsonl = f'give it in "extra_fields": {{{json.dumps(exc.field)}: {value}}} on a JSON Lines line'
    return str(exc).replace(python, jsonl)


def _parse(content: str) -> dict[str, Any]:
    """One JSON Lines line: a JSON object, or a ValueError saying what it is instead."""
    try:
        data = json.loads(content)
    except ValueError as exc:
        raise ValueError(f"not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError(f"expected a JSON object, got {type(data).__name__}")  # noqa: TRY004
    _check_encodable(data)
    return data


def _check_encodable(value: Any, where: str = "") -> None:
    """Refuse a string no UTF-8 can carry: JSON's `"\\ud800"` decodes to a lone surrogate,
    which would fail only when the request body is encoded, mid-run, after other lines were
    sent."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            at = f" in {where}" if where else ""
            raise ValueError(
                f"a lone surrogate (\\u{ord(value[exc.start]):04x}){at}, which UTF-8 "
                "cannot carry: write the character itself, or a valid surrogate pair"
            ) from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_encodable(key, where)
            _check_encodable(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_encodable(item, f"{where}[{index}]")
