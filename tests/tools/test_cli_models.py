"""`aiovideo models [MODEL] [--json]` through click's runner."""

import json

from click.testing import CliRunner

import aiovideo
from aiovideo.tools.cli import cli


def test_models_lists_every_id_with_its_family() -> None:
    result = CliRunner().invoke(cli, ["models"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [info.id for info in aiovideo.models()]
    assert "google/veo3" in result.stdout
    veo3 = next(line for line in lines if line.split()[0] == "google/veo3")
    assert veo3.split()[1] == "google"
    assert "models, from aimlapi/api-docs@" in result.stderr


def test_a_models_fields_with_type_allowed_default_and_required() -> None:
    result = CliRunner().invoke(cli, ["models", "google/veo3"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("google/veo3  (family google; POST /v2/video/generations")
    assert lines[1].split() == ["field", "type", "required", "default", "allowed"]
    rows = {line.split()[0]: line for line in lines[2:]}
    assert rows["prompt"].split()[:3] == ["prompt", "string", "yes"]
    assert rows["duration"].split() == ["duration", "integer", "8", "4,", "6,", "8"]
    assert "'720P', '1080P'" in rows["resolution"]
    assert '"720P"' in rows["resolution"]
    assert set(rows) == {"prompt", *aiovideo.model_info("google/veo3").fields}  # type: ignore[union-attr]


def test_alternatives_and_promptless_models_are_said() -> None:
    kling = CliRunner().invoke(cli, ["models", "klingai/video-v3-pro-text-to-video"])
    assert "send exactly one of prompt or multi_prompt" in kling.stdout
    act = CliRunner().invoke(cli, ["models", "runway/act_two"])
    assert "takes no prompt" in act.stdout
    assert "image URL" in CliRunner().invoke(cli, ["models", "veo2/image-to-video"]).stdout


def test_json_is_a_list_of_objects_with_id_and_fields() -> None:
    everything = json.loads(CliRunner().invoke(cli, ["models", "--json"]).stdout)
    assert isinstance(everything, list)
    assert len(everything) == len(aiovideo.models())
    for entry in everything:
        assert {"id", "family", "fields"} <= set(entry)
    one = CliRunner().invoke(cli, ["models", "veo2", "--json"])
    assert one.exit_code == 0
    (veo2,) = json.loads(one.stdout)
    assert veo2["id"] == "veo2"
    assert veo2["fields"]["duration"]["choices"] == [5, 6, 7, 8]
    assert veo2["fields"]["duration"]["default"] == 5
    assert veo2["fields"]["prompt"]["required"] is True
    assert veo2 == aiovideo.model_info("veo2").to_dict()  # type: ignore[union-attr]


def test_an_unknown_model_is_one_error_line_and_exit_2() -> None:
    for args in (["models", "veo4"], ["models", "veo4", "--json"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2
        assert result.stdout == ""
        (line,) = result.stderr.splitlines()
        assert line.startswith("error: unknown model 'veo4'")
        assert "did you mean 'veo2'?" in line
    far = CliRunner().invoke(cli, ["models", "zzzzzzzzzzzz"])
    assert far.exit_code == 2
    assert "did you mean" not in far.stderr


def test_models_help() -> None:
    result = CliRunner().invoke(cli, ["models", "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output and "--json" in result.output
    assert "models" in CliRunner().invoke(cli, ["--help"]).output
