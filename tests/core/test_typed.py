"""The typed face of `submit`/`generate` (`aiovideo/core/_typed.py`): generated from the model
table, one overload per model with its fields, and checked both ways by running mypy on the
samples in tests/typing (one file that must pass, two that must fail with the errors marked)."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from aiovideo.core._data.generate_typed import OUTPUT, field_type, main, render
from aiovideo.core._models import MODELS

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "tests" / "typing"
_ERROR = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): error: (?P<message>.*)$")
_OPTIONS = {"timeout", "client_request_id", "extra_fields"}


def test_the_committed_face_is_what_the_table_generates(tmp_path: Path) -> None:
    assert OUTPUT.read_text(encoding="utf-8") == render(), (
        "stale: run python -m aiovideo.core._data.generate_typed"
    )
    stale = tmp_path / "_typed.py"
    stale.write_text("# an older table\n", encoding="utf-8")
    assert main(["--check", "--output", str(stale)]) == 1
    assert main(["--output", str(stale)]) == 0
    assert main(["--check", "--output", str(stale)]) == 0


def _overloads() -> dict[str, list[ast.FunctionDef]]:
    """The Submit protocol's overloads, by the model id their `model` parameter names."""
    tree = ast.parse(OUTPUT.read_text(encoding="utf-8"))
    (protocol,) = [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == "Submit"]
    found: dict[str, list[ast.FunctionDef]] = {}
    for node in protocol.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        model = next((a.annotation for a in node.args.kwonlyargs if a.arg == "model"), None)
        key = "request" if model is None else ast.unparse(model)  # the ready-request overload
        found.setdefault(key, []).append(node)
    return found


def test_every_model_has_its_fields_and_then_its_poisoned_overload() -> None:
    overloads = _overloads()
    for model_id, info in MODELS.items():
        typed, poisoned = overloads.pop(f"Literal['{model_id}']")
        params = {arg.arg: arg for arg in typed.args.kwonlyargs}
        assert set(params) == {"model", *info.fields, *_OPTIONS}, model_id
        defaults = dict(
            zip([arg.arg for arg in typed.args.kwonlyargs], typed.args.kw_defaults, strict=True)
        )
        for name, field in info.fields.items():
            annotation = params[name].annotation
            assert annotation is not None and ast.unparse(annotation) == ast.unparse(
                ast.parse(field_type(field), mode="eval").body
            )
            assert (defaults[name] is None) == field.required, (model_id, name)
        assert typed.returns is not None and ast.unparse(typed.returns) == "R_co"
        assert poisoned.returns is not None
        assert ast.unparse(poisoned.returns) == "FieldsDoNotFitTheModel"
        assert poisoned.args.kwarg is not None  # any fields
    # Last: a ready request, and any other model id with any fields.
    assert sorted(overloads) == ["request", "str"]
    assert [len(overloads["request"]), len(overloads["str"])] == [1, 1]


def _annotations(overload: ast.FunctionDef) -> dict[str, str]:
    return {a.arg: ast.unparse(a.annotation) for a in overload.args.kwonlyargs if a.annotation}


def test_veo3_offers_its_fields_with_their_choices() -> None:
    (typed, _) = _overloads()["Literal['google/veo3']"]
    shown = _annotations(typed)
    assert shown["prompt"] == "str"  # required: no None, no default
    assert shown["duration"] == "Literal[4, 6, 8] | None"
    assert shown["aspect_ratio"] == "Literal['16:9', '9:16'] | None"
    assert shown["generate_audio"] == "bool | None"
    images = _annotations(_overloads()["Literal['veo2/image-to-video']"][0])
    assert images["image_url"] == "Image"  # required; a URL, a path or bytes


@pytest.fixture(name="mypy_said", scope="module")
def fixture_mypy_said(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    """What `mypy --strict` says of each sample (one run; its cache in a temporary folder)."""
    pytest.importorskip("mypy")
    folder = tmp_path_factory.mktemp("mypy")
    config = folder / "mypy.ini"
    config.write_text("[mypy]\nstrict = True\npython_version = 3.11\n", encoding="utf-8")
    samples = sorted(SAMPLES.glob("*.py"))
    command = [sys.executable, "-m", "mypy", "--config-file", str(config)]
    command += ["--cache-dir", str(folder / "cache"), "--no-pretty", "--no-color-output"]
    command += ["--hide-error-context", "--no-error-summary", *map(str, samples)]
    # MYPYPATH: this checkout's aiovideo, not one installed elsewhere.
    env = {**os.environ, "MYPYPATH": str(ROOT)}
    done = subprocess.run(  # noqa: S603  (our interpreter, our files)
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode in (0, 1), done.stderr
    said: dict[str, list[tuple[int, str]]] = {sample.name: [] for sample in samples}
    for line in done.stdout.splitlines():
        if match := _ERROR.match(line):
            said[Path(match["file"]).name].append((int(match["line"]), match["message"]))
    return said


def _marked(name: str) -> list[int]:
    """The lines of a sample's code marked `# error`."""
    text = (SAMPLES / name).read_text(encoding="utf-8").splitlines()
    return [number for number, line in enumerate(text, 1) if re.match(r"\s+\S.*  # error", line)]


def test_mypy_takes_every_right_call(mypy_said: dict[str, list[tuple[int, str]]]) -> None:
    assert mypy_said["ok_models.py"] == []


def test_mypy_flags_every_wrong_call(mypy_said: dict[str, list[tuple[int, str]]]) -> None:
    said = mypy_said["bad_models.py"]
    assert [number for number, _ in said] == _marked("bad_models.py")
    not_awaitable = (
        'Incompatible types in "await" (actual type "FieldsDoNotFitTheModel", expected type '
        '"Awaitable[Any]")  [misc]'
    )
    # duration=7, a misspelt field, aspect_ratio="4:3", a required image missing, prompt=42.
    assert [message for _, message in said[:5]] == [not_awaitable] * 5
    assert said[5][1] == '"FieldsDoNotFitTheModel" has no attribute "download"  [attr-defined]'


def test_with_deprecated_on_mypy_says_why(mypy_said: dict[str, list[tuple[int, str]]]) -> None:
    said = mypy_said["bad_models_explained.py"]
    (line,) = _marked("bad_models_explained.py")
    assert {number for number, _ in said} == {line}
    (why,) = [message for _, message in said if message.endswith("[deprecated]")]
    assert "is deprecated: these keywords do not fit google/veo3's fields" in why
    assert "it takes: prompt (required), duration, aspect_ratio, resolution" in why
    assert "aiovideo.model_info('google/veo3') says what each allows" in why
