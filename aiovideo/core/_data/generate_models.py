"""Write `models.json`, the model table, from the provider's own OpenAPI files.

    python -m aiovideo.core._data.generate_models PATH_TO_API_DOCS_CHECKOUT [--rev REV] [--check]

PATH is a clone of https://github.com/aimlapi/api-docs: a work tree, or a bare git directory
(read at `--rev`, HEAD by default). Every `*.json` under `docs/api-references/video-models/`
is read; each POST operation's JSON body gives one or more models (its `model` enum) and their
fields. The commit read is recorded in the output, so the table says which docs it speaks for;
`--check` compares instead of writing (exit 1 when the committed file is stale).

The files are hand-written and disagree with themselves in places. What is done with each
quirk (the codes are listed in the output's `quirks`, and each model says which it has):

- An integer field whose default is a string (`"default": "10"`): the default is read as the
  number; a default still outside the field's enum is dropped (`string-default`,
  `default-not-allowed`).
- Upper-case enum values (`"768P"`, `"720P"` beside other families' `"720p"`): kept as
  written, since that is what the server expects; the SDK matches them in any case and sends
  the spec's spelling (`upper-case-enum`).
- Object fields (Runway act_two's `character`, `reference`; Luma's `keyframes`; Kling's
  `camera_control`): their properties and required keys are kept, to any depth
  (`object-field`); `anyOf`/`oneOf` fields keep each variant, and a bare `{"nullable": true}`
  variant makes the field nullable instead (`variants`).
- Bodies that take a `prompt` or a `multi_prompt`: the files say so in prose only ("Either
  prompt or multi_prompt must be provided, but not both", "Mutually exclusive with prompt"),
  so both fields present and neither required is recorded as a group of alternatives, at
  most one of them, and at least one where the prose says "must be provided". Body-level
  `anyOf`/`oneOf` of `required` lists, which JSON Schema would use, become the same groups;
  `allOf` bodies are merged (`alternatives`).
- Legacy per-vendor paths (`/v2/generate/video/kling/generation`, `.../alibaba/...`,
  `.../google/...`): a model documented on the universal path as well takes its fields from
  the universal pages only (the legacy pages are older and list retired fields) and keeps the
  legacy path in `paths`; a model found only on a legacy path keeps its fields and that path
  (`legacy-path`, `legacy-only`). `/v1/video/generations` and `/video/generations`, listed
  beside the universal path in some files, are the same operation.
- Files that disagree with their own examples: a page whose example sends a model id its
  `model` enum does not list (PixVerse `v5-5` against the enum's `v5.5`, VEED's fast page
  whose enum was copied from the other page) also defines the example's id, with the page's
  fields, unless another page's enum defines that id (`example-model-id`). Examples that send
  numbers as strings (`"duration": "5"`) are noted (`example-string-number`); the SDK accepts
  digit strings for integer choices and sends integers.
- The same model on several pages (`Kling-AI/` and `kling-ai/` both exist): the fields are
  the union, in page order, and a field is required only where every page requires it
  (`duplicate-pages`).
- Models that take no prompt at all (avatars, lip sync, effects) are marked so (`no-prompt`).
- Pages with no POST body (status-only pages under a model's name), files that are not JSON,
  and files whose content is absent from the copy are skipped, each with its reason.
- The media kind of URL inputs (`image`, `video`, `audio`) comes from the field's name, for a
  string of format `uri` (or named `*_url`) and for a list of them.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["QUIRKS", "build_table", "main", "parse_page", "read_source", "render"]

SPEC_DIR = "docs/api-references/video-models"
REPOSITORY = "aimlapi/api-docs"
UNIVERSAL = "/v2/video/generations"
# Listed beside the universal path in some files: the same operation under older prefixes.
SAME_AS_UNIVERSAL = frozenset({"/v1/video/generations", "/video/generations"})
FETCH_FILE = "universal-video-fetch.json"
FORMAT = 1
OUTPUT = Path(__file__).with_name("models.json")

# Directory names (several spellings of one vendor) to the family a reply shape belongs to.
FAMILIES = {
    "alibaba-cloud": "alibaba",
    "black-forest-labs": "black-forest-labs",
    "kling": "kling",
    "kling-ai": "kling",
    "kuaishou-technology": "kling",
    "luma-ai": "luma",
    "minimax-video": "minimax",
    "sber-ai": "sber",
}

QUIRKS = {
    "string-default": "a number field's default is written as a string; read as the number",
    "default-not-allowed": "a default outside the field's own enum; dropped",
    "upper-case-enum": "enum values in upper case (768P, 720P); matched in any case, sent as "
    "written",
    "object-field": "a field whose value is an object; its properties are kept and checked",
    "variants": "an anyOf/oneOf field; a value must match one of its variants",
    "alternatives": "fields of which at most one (or exactly one) may be sent, e.g. prompt or "
    "multi_prompt",
    "legacy-path": "also documented on a per-vendor legacy path; fields from the universal page",
    "legacy-only": "documented only on a per-vendor legacy path",
    "example-model-id": "the model id comes from a page's example, not its model enum",
    "example-string-number": "the page's example sends a number as a string",
    "duplicate-pages": "documented on several pages; fields merged",
    "no-prompt": "the model takes no prompt",
}

_WORDS = re.compile(r"\s+")
_MODEL_IN_SAMPLE = re.compile(r"""["']model["']\s*:\s*["']([^"'\s]+)["']""")
_DIGITS_IN_SAMPLE = re.compile(r"""["'](\w+)["']\s*:\s*["'](-?\d+(?:\.\d+)?)["']""")
_COPIED_KEYS = (
    ("minimum", "minimum"),
    ("maximum", "maximum"),
    ("minLength", "min_length"),
    ("maxLength", "max_length"),
    ("minItems", "min_items"),
    ("maxItems", "max_items"),
)
_NUMBER_TYPES = ("integer", "number")


# Reading the checkout (the only I/O besides writing the output).


def _git(args: Sequence[str], *, stdin: bytes | None = None) -> bytes:
    # A fixed program and arguments built here, never a shell: nothing to inject.
    done = subprocess.run(  # noqa: S603
        ["git", *args],  # noqa: S607  (git from PATH, as a developer runs it)
        input=stdin,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"git {' '.join(args[:3])}: {done.stderr.decode(errors='replace')}")
    return done.stdout


def read_source(path: Path, rev: str = "HEAD") -> tuple[str, bool, list[tuple[str, bytes | None]]]:
    """The commit, whether the work tree differs from it, and every spec file's bytes.

    Returns:
        (commit, dirty, files): file names are relative to the spec directory; a file whose
        content is absent from the copy (a partial clone) comes with None.
    """
    tree = path / SPEC_DIR
    if tree.is_dir():
        return _read_work_tree(path, tree, rev)
    git_dir = ["--git-dir", str(path)]
    commit = _git([*git_dir, "rev-parse", "--verify", f"{rev}^{{commit}}"]).decode().strip()
    listing = _git([*git_dir, "ls-tree", "-r", "-z", commit, "--", f"{SPEC_DIR}/"])
    blobs: list[tuple[str, str]] = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.decode().partition("\t")
        _mode, kind, sha = meta.split()
        if kind == "blob" and name.endswith(".json"):
            blobs.append((name.removeprefix(f"{SPEC_DIR}/"), sha))
    request = "".join(f"{sha}\n" for _, sha in blobs).encode()
    out = _git([*git_dir, "cat-file", "--batch"], stdin=request)
    files: list[tuple[str, bytes | None]] = []
    at = 0
    for name, _sha in blobs:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if header[-1] == b"missing":
            files.append((name, None))
            continue
        size = int(header[2])
        files.append((name, out[at : at + size]))
        at += size + 1
    return commit, False, sorted(files, key=lambda file: file[0])


def _read_work_tree(
    path: Path, tree: Path, rev: str
) -> tuple[str, bool, list[tuple[str, bytes | None]]]:
    commit = _git(["-C", str(path), "rev-parse", "--verify", f"{rev}^{{commit}}"]).decode()
    head = _git(["-C", str(path), "rev-parse", "HEAD"]).decode()
    if commit != head:
        raise SystemExit(f"{path} has {head.strip()} checked out, not {rev}")
    dirty = bool(_git(["-C", str(path), "status", "--porcelain", "--", SPEC_DIR]).strip())
    files: list[tuple[str, bytes | None]] = [
        (file.relative_to(tree).as_posix(), file.read_bytes())
        for file in sorted(tree.rglob("*.json"))
    ]
    return commit.strip(), dirty, files


# One file.


def _text(value: Any) -> str:
    return _WORDS.sub(" ", value).strip() if isinstance(value, str) else ""


def _resolve(node: Any, root: Mapping[str, Any], depth: int = 0) -> Any:
    """`node` with local `$ref`s replaced by what they point at (none in today's files)."""
    if depth > 20:
        raise ValueError("$ref chain too deep")
    if isinstance(node, Mapping):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            target: Any = root
            for part in ref[2:].split("/"):
                target = target[part]
            return _resolve(target, root, depth + 1)
        return {key: _resolve(value, root, depth + 1) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolve(item, root, depth + 1) for item in node]
    return node


def _media(name: str, node: Mapping[str, Any]) -> str | None:
    """`image`, `video` or `audio` for a URL input (or a list of them), by its name."""

    def is_url(item: Mapping[str, Any]) -> bool:
        return item.get("type") == "string" and (
            item.get("format") == "uri" or name.endswith(("_url", "_urls", "_list"))
        )

    shapes = node.get("variants") or [node]
    for shape in shapes:
        items = shape.get("items") if shape.get("type") == "array" else None
        if not (is_url(shape) or (isinstance(items, Mapping) and is_url(items))):
            return None
    if "audio" in name:
        return "audio"
    if "video" in name:
        return "video"
    return "image"


def _number(value: Any, kind: str) -> Any:
    """A numeric value written as a string, read as the number; anything else as is."""
    if isinstance(value, str):
        try:
            return int(value) if kind == "integer" else float(value)
        except ValueError:
            return value
    return value


def _node(name: str, prop: Any, quirks: set[str], *, top: bool = False) -> dict[str, Any]:
    """One property's schema, normalised to the table's form."""
    if not isinstance(prop, Mapping):
        return {"type": "any"}
    kind, nullable, variants = _shape(name, prop, quirks)
    node: dict[str, Any] = {"type": kind}
    _choices_and_default(name, prop, node, quirks)
    for source, target in _COPIED_KEYS:
        if isinstance(prop.get(source), int | float) and not isinstance(prop[source], bool):
            node[target] = prop[source]
    if kind == "array" and "items" in prop:
        node["items"] = _node(name, prop["items"], quirks)
    if top and kind == "object":
        quirks.add(f"object-field:{name}")
    if isinstance(prop.get("properties"), Mapping):
        node["properties"] = {
            key: _node(key, value, quirks) for key, value in prop["properties"].items()
        }
        required = [key for key in prop.get("required", ()) if key in node["properties"]]
        if required:
            node["required"] = required
    if variants:
        node["variants"] = variants
    if nullable:
        node["nullable"] = True
    if prop.get("deprecated"):
        node["deprecated"] = True
    if isinstance(prop.get("format"), str):
        node["format"] = prop["format"]
    media = _media(name, node) if top else None
    if media:
        node["media"] = media
    description = _text(prop.get("description"))
    if description:
        node["description"] = description
    return node


def _shape(
    name: str, prop: Mapping[str, Any], quirks: set[str]
) -> tuple[str, bool, list[dict[str, Any]]]:
    """A property's type, whether it is nullable, and its variants (`anyOf`/`oneOf`)."""
    kind = prop.get("type")
    nullable = bool(prop.get("nullable"))
    if isinstance(kind, list):  # OpenAPI 3.1 style: ["string", "null"]
        nullable = nullable or "null" in kind
        others = [k for k in kind if k != "null"]
        kind = others[0] if len(others) == 1 else None
    variants: list[dict[str, Any]] = []
    for alternative in [*prop.get("anyOf", ()), *prop.get("oneOf", ())]:
        if (
            isinstance(alternative, Mapping)
            and set(alternative) <= {"nullable", "type"}
            and (alternative.get("nullable") or alternative.get("type") == "null")
        ):
            nullable = True  # a bare `{"nullable": true}` variant: null is allowed
            continue
        variants.append(_node(name, alternative, quirks))
    if variants:
        quirks.add(f"variants:{name}")
        kinds = {variant["type"] for variant in variants}
        kind = kind or (kinds.pop() if len(kinds) == 1 else "any")
    enum = prop.get("enum")
    if kind is None and isinstance(enum, list) and enum:
        kind = {bool: "boolean", int: "integer", float: "number", str: "string"}.get(
            type(enum[0]), "any"
        )
    return (kind if isinstance(kind, str) else "any"), nullable, variants


def _choices_and_default(
    name: str, prop: Mapping[str, Any], node: dict[str, Any], quirks: set[str]
) -> None:
    kind = node["type"]
    if isinstance(prop.get("enum"), list):
        choices = [_number(c, kind) if kind in _NUMBER_TYPES else c for c in prop["enum"]]
        node["enum"] = choices
        if any(isinstance(c, str) and c != c.lower() for c in choices):
            quirks.add(f"upper-case-enum:{name}")
    if "default" in prop:
        default = prop["default"]
        if kind in _NUMBER_TYPES and isinstance(default, str):
            default = _number(default, kind)
            quirks.add(f"string-default:{name}")
        if "enum" in node and default not in node["enum"]:
            quirks.add(f"default-not-allowed:{name}")
        else:
            node["default"] = default


def _flatten_body(
    schema: Mapping[str, Any],
) -> tuple[dict[str, Any], list[str], list[dict[str, Any]]]:
    """A body's properties, required names and groups of alternatives, `allOf` merged."""
    properties: dict[str, Any] = dict(schema.get("properties") or {})
    required: list[str] = list(schema.get("required") or [])
    groups: list[dict[str, Any]] = []
    for part in schema.get("allOf", ()):
        if isinstance(part, Mapping):
            more_props, more_required, more_groups = _flatten_body(part)
            properties.update({k: v for k, v in more_props.items() if k not in properties})
            required += [name for name in more_required if name not in required]
            groups += more_groups
    for keyword, exclusive in (("anyOf", False), ("oneOf", True)):
        alternatives = [a for a in schema.get(keyword, ()) if isinstance(a, Mapping)]
        if not alternatives:
            continue
        needed = []
        for alternative in alternatives:
            alt_props, alt_required, _ = _flatten_body(alternative)
            properties.update({k: v for k, v in alt_props.items() if k not in properties})
            needed.append(set(alt_required))
        common = set.intersection(*needed)
        required += sorted(common - set(required))
        names = [name for alt in needed for name in sorted(alt - common)]
        if names:
            groups.append(
                {"fields": list(dict.fromkeys(names)), "min": 1, "max": 1 if exclusive else None}
            )
    return properties, required, groups


def _prompt_alternatives(
    properties: Mapping[str, Any], required: Sequence[str]
) -> dict[str, Any] | None:
    """The prompt-or-multi_prompt group the files state in prose only."""
    names = ("prompt", "multi_prompt")
    if not all(name in properties for name in names) or any(name in required for name in names):
        return None
    prose = " ".join(_text(properties[name].get("description")).lower() for name in names)
    return {"fields": list(names), "min": 1 if "must be provided" in prose else 0, "max": 1}


def _samples(operation: Mapping[str, Any]) -> list[str]:
    return [
        sample["source"]
        for sample in operation.get("x-codeSamples", ())
        if isinstance(sample, Mapping) and isinstance(sample.get("source"), str)
    ]


def parse_page(name: str, spec: Any) -> tuple[list[dict[str, Any]], str | None]:
    """The model operations of one spec file, or why it holds none.

    Args:
        name: the file's path under the spec directory (`Google/veo3.json`).
        spec: the file's parsed JSON.

    Returns:
        (pages, reason): one page per POST operation with a JSON body that names models;
        `reason` says why there is none.
    """
    if not isinstance(spec, Mapping) or not isinstance(spec.get("paths"), Mapping):
        return [], "no paths"
    pages: list[dict[str, Any]] = []
    for path, operations in spec["paths"].items():
        operation = operations.get("post") if isinstance(operations, Mapping) else None
        if not isinstance(operation, Mapping):
            continue
        body = (
            operation.get("requestBody", {})
            .get("content", {})
            .get("application/json", {})
            .get("schema")
        )
        if not isinstance(body, Mapping):
            continue
        body = _resolve(body, spec)
        properties, required, groups = _flatten_body(body)
        ids = (properties.get("model") or {}).get("enum")
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids) or not ids:
            continue
        prompt_group = _prompt_alternatives(properties, required)
        if prompt_group and not any(
            set(prompt_group["fields"]) <= set(group["fields"]) for group in groups
        ):  # the prose, unless the schema itself already says it
            groups.append(prompt_group)
        quirks: set[str] = set()
        fields = {
            field: _node(field, prop, quirks, top=True)
            for field, prop in properties.items()
            if field != "model"
        }
        if groups:
            quirks.add("alternatives")
        samples = _samples(operation)
        example_ids = list(
            dict.fromkeys(m for text in samples for m in _MODEL_IN_SAMPLE.findall(text))
        )
        for text in samples:
            for field, _digits in _DIGITS_IN_SAMPLE.findall(text):
                if fields.get(field, {}).get("type") in _NUMBER_TYPES:
                    quirks.add(f"example-string-number:{field}")
        pages.append(
            {
                "file": name,
                "path": path,
                "ids": ids,
                "example_ids": [i for i in example_ids if i not in ids],
                "fields": fields,
                "required": [field for field in required if field in fields],
                "groups": groups,
                "quirks": quirks,
            }
        )
    if not pages:
        has_get = any(isinstance(ops, Mapping) and "get" in ops for ops in spec["paths"].values())
        return [], "no POST body naming a model" + (" (a status-only page)" if has_get else "")
    return pages, None


# The table.


def _family(file: str) -> str:
    directory = file.split("/", 1)[0].lower()
    return FAMILIES.get(directory, directory)


def _is_universal(path: str) -> bool:
    return path == UNIVERSAL or path in SAME_AS_UNIVERSAL


def _merge(model: str, pages: Sequence[dict[str, Any]], *, from_example: bool) -> dict[str, Any]:
    universal = [page for page in pages if _is_universal(page["path"])]
    used = universal or list(pages)
    quirks: set[str] = set()
    fields: dict[str, Any] = {}
    required: set[str] | None = None
    groups: list[dict[str, Any]] = []
    for page in used:
        quirks |= page["quirks"]
        for name, node in page["fields"].items():
            fields.setdefault(name, node)
        required = set(page["required"]) if required is None else required & set(page["required"])
        for group in page["groups"]:
            if group not in groups:
                groups.append(group)
    if len({page["file"] for page in used}) > 1:
        quirks.add("duplicate-pages")
    legacy_paths = sorted({page["path"] for page in pages if not _is_universal(page["path"])})
    if legacy_paths:
        quirks.add("legacy-path" if universal else "legacy-only")
    if from_example:
        quirks.add("example-model-id")
    if "prompt" not in fields:
        quirks.add("no-prompt")
    files = sorted({page["file"] for page in pages})
    return {
        "id": model,
        "family": _family(files[0]),
        "path": UNIVERSAL if universal else legacy_paths[0],
        "legacy_paths": legacy_paths,
        "spec_files": files,
        "required": [name for name in fields if name in (required or set())],
        "alternatives": groups,
        "quirks": sorted(quirks),
        "fields": fields,
    }


def build_table(pages: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every model the pages define, merged across pages, sorted by id."""
    by_enum: dict[str, list[dict[str, Any]]] = {}
    by_example: dict[str, list[dict[str, Any]]] = {}
    ordered = sorted(pages, key=lambda page: (page["file"], page["path"]))
    for page in ordered:
        for model in page["ids"]:
            by_enum.setdefault(model, []).append(page)
        for model in page["example_ids"]:
            by_example.setdefault(model, []).append(page)
    models = [_merge(model, found, from_example=False) for model, found in by_enum.items()]
    models += [
        _merge(model, found, from_example=True)
        for model, found in by_example.items()
        if model not in by_enum
    ]
    return sorted(models, key=lambda entry: entry["id"])


def _statuses(spec: Any) -> list[str]:
    try:
        schema = spec["paths"][UNIVERSAL]["get"]["responses"]["200"]["content"]["application/json"][
            "schema"
        ]
        return list(schema["properties"]["status"]["enum"])
    except (KeyError, TypeError):
        return []


def render(commit: str, files: Iterable[tuple[str, bytes | None]]) -> str:
    """The text of models.json from the spec files of one commit."""
    pages: list[dict[str, Any]] = []
    skipped: list[dict[str, str]] = []
    statuses: list[str] = []
    for name, content in files:
        if content is None:
            skipped.append({"file": name, "reason": "content absent from this copy"})
            continue
        try:
            spec = json.loads(content)
        except ValueError as exc:
            skipped.append({"file": name, "reason": f"not JSON: {exc}"})
            continue
        if name == FETCH_FILE:
            statuses = _statuses(spec)
            continue
        found, reason = parse_page(name, spec)
        pages += found
        if reason:
            skipped.append({"file": name, "reason": reason})
    data = {
        "format": FORMAT,
        "source": {"repository": REPOSITORY, "commit": commit, "directory": SPEC_DIR},
        "regenerate": "python -m aiovideo.core._data.generate_models PATH_TO_API_DOCS_CHECKOUT",
        "quirks": QUIRKS,
        "statuses": statuses,
        "skipped": skipped,
        "models": build_table(pages),
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """The command line; see the module docstring."""
    parser = argparse.ArgumentParser(prog="python -m aiovideo.core._data.generate_models")
    parser.add_argument("checkout", type=Path, help="a clone of aimlapi/api-docs")
    parser.add_argument("--rev", default="HEAD", help="the commit to read [default: HEAD]")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    commit, dirty, files = read_source(args.checkout, args.rev)
    if dirty:
        print(f"warning: {args.checkout} has uncommitted changes to the specs", file=sys.stderr)
    text = render(commit, files)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is stale: regenerate it", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    models = json.loads(text)["models"]
    print(f"{args.output}: {len(models)} models from {REPOSITORY}@{commit[:12]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
