"""The command line through its real entry point (click's runner)."""

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from click.testing import CliRunner, Result

from aiovideo.tools.cli import cli
from tests.conftest import API_KEY
from tests.hostile import ThreadedServer, json_handler

PATH = "/v2/video/generations"
MP4 = b"\x00\x00\x00\x18ftypisom" + bytes(200)  # enough of a video for the download's check


def _generate(out: Path, duration: int) -> Result:
    args = ["generate", "a fox", "--model", "google/veo3", "--set", f"duration={duration}"]
    return CliRunner().invoke(cli, [*args, "--emulator", "-o", str(out)])


def test_generate_against_the_emulator(tmp_path: Path) -> None:
    out = tmp_path / "one.mp4"
    result = _generate(out, duration=4)
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1000
    assert str(out) in result.output


def test_generate_on_the_emulator_needs_no_model_as_batch(tmp_path: Path) -> None:
    out = tmp_path / "fox.mp4"
    result = CliRunner().invoke(cli, ["generate", "a fox", "--emulator", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert ":google/veo3" in result.output  # the emulator's ids name their model
    assert out.stat().st_size > 1000


def test_generate_for_the_api_needs_a_model(tmp_path: Path) -> None:
    env = {"AIMLAPI_API_KEY": API_KEY, "AIMLAPI_BASE_URL": "http://127.0.0.1:9"}
    result = CliRunner().invoke(cli, ["generate", "a fox", "-o", str(tmp_path / "x")], env=env)
    assert result.exit_code == 2
    assert "Missing option '--model'" in result.output


def test_generate_bad_input_exits_2(tmp_path: Path) -> None:
    result = _generate(tmp_path / "x.mp4", duration=5)
    assert result.exit_code == 2
    assert "duration" in result.output
    assert not (tmp_path / "x.mp4").exists()


def test_help_everywhere() -> None:
    commands = ("generate", "batch", "status", "emulator")
    for args in (["--help"], *([name, "--help"] for name in commands)):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0
        assert "Usage" in result.output


def test_extra_fields_are_sent_as_given_past_the_model_table(tmp_path: Path) -> None:
    bodies: list[Any] = []

    async def submit(request: web.Request) -> web.StreamResponse:
        bodies.append(await request.json())
        return web.json_response({"id": "g1", "status": "queued"})

    async def video(_: web.Request) -> web.StreamResponse:
        return web.Response(body=MP4, content_type="video/mp4")

    out = tmp_path / "fox.mp4"
    with ThreadedServer() as server:
        done = {"id": "g1", "status": "completed", "video": {"url": f"{server.url}/g1.mp4"}}
        server.route("POST", PATH, submit)
        server.route("GET", PATH, json_handler(done))
        server.route("GET", "/g1.mp4", video)
        args = ["generate", "a fox", "-m", "google/veo3", "--set", "duration=8", "-o", str(out)]
        extras = ["--extra", "new_knob=3", "--extra", 'camera={"pan": "left"}', "--extra", "x=y"]
        options = ["--base-url", server.url, "--poll-interval", "0.05"]
        result = CliRunner().invoke(cli, args + extras + options, env={"AIMLAPI_API_KEY": API_KEY})
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == MP4
    (body,) = bodies
    assert body["model"] == "google/veo3"
    assert body["duration"] == 8
    assert body["new_knob"] == 3
    assert body["camera"] == {"pan": "left"}
    assert body["x"] == "y"


def test_set_stays_strict_with_a_suggestion_and_the_way_past_it(tmp_path: Path) -> None:
    # No server and no key: the request is refused before either is needed.
    args = ["generate", "a fox", "-m", "google/veo3", "-o", str(tmp_path / "x.mp4")]
    typo = CliRunner().invoke(cli, [*args, "--set", "duraton=8"])
    assert typo.exit_code == 2
    (line,) = typo.stderr.splitlines()
    assert line.startswith("error: google/veo3: invalid duraton=8; unknown field;")
    assert "did you mean 'duration'?" in line
    assert line.endswith("on the command line: --extra duraton=VALUE")

    twice = CliRunner().invoke(cli, [*args, "--set", "duration=8", "--extra", "duration=8"])
    assert twice.exit_code == 2
    (line,) = twice.stderr.splitlines()
    assert "invalid duration=None; allowed in extra_fields: string names other than" in line
    assert not (tmp_path / "x.mp4").exists()


def test_the_emulator_says_what_to_export_and_the_cli_runs_on_it(tmp_path: Path) -> None:
    """A person starting `aiovideo emulator` is told the two variables to export (the CLI
    needs a key, the emulator takes any), and with exactly those the CLI generates a video."""
    argv = [
        sys.executable,
        "-m",
        "aiovideo",
        "emulator",
        "--port",
        "0",
        "--min-seconds",
        "0.1",
        "--max-seconds",
        "0.3",
    ]
    proc = subprocess.Popen(argv, stderr=subprocess.PIPE, text=True)  # noqa: S603
    try:
        assert proc.stderr is not None
        said = [proc.stderr.readline() for _ in range(4)]
        assert "serving on" in said[0], said
        assert "any key" in said[1], said
        exported = dict(line.split(maxsplit=1)[1].strip().split("=", 1) for line in said[2:])
        assert exported["AIMLAPI_BASE_URL"] == said[0].split()[-1]
        assert set(exported) == {"AIMLAPI_BASE_URL", "AIMLAPI_API_KEY"}
        out = tmp_path / "fox.mp4"
        args = ["generate", "a fox", "-m", "google/veo3", "-o", str(out), "--poll-interval", "0.1"]
        result = CliRunner().invoke(cli, args, env=exported)
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 1000
    finally:
        proc.terminate()
        proc.communicate(timeout=10)


def test_an_emulator_with_its_own_key_does_not_print_it() -> None:
    argv = [sys.executable, "-m", "aiovideo", "emulator", "--port", "0", "--api-key", "sk-own-1"]
    proc = subprocess.Popen(argv, stderr=subprocess.PIPE, text=True)  # noqa: S603
    try:
        assert proc.stderr is not None
        said = "".join(proc.stderr.readline() for _ in range(4))
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
    assert "export AIMLAPI_API_KEY=<the key given with --api-key>" in said
    assert "sk-own-1" not in said


def test_generate_without_o_names_the_file_after_the_prompt_never_over_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a-red-fox.mp4").write_bytes(b"mine")  # someone's file: never replaced
    args = ["generate", "A red fox!", "-m", "google/veo3", "--emulator"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "saving to a-red-fox-2.mp4" in result.stderr
    assert result.stdout.strip() == "a-red-fox-2.mp4"
    assert (tmp_path / "a-red-fox.mp4").read_bytes() == b"mine"
    assert (tmp_path / "a-red-fox-2.mp4").stat().st_size > 1000


def test_batch_journal_takes_a_url_as_given(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.txt").write_text("a fox\n", encoding="utf-8")
    argv = ["batch", "p.txt", "--emulator", "--out", "out", "--poll-interval", "0.2"]
    result = CliRunner().invoke(cli, [*argv, "--journal", "sqlite:///jobs/j.sqlite"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "jobs" / "j.sqlite").is_file()  # the URL, not a file named after it
    assert not (tmp_path / "out" / ".aiovideo-journal.sqlite").exists()
    assert "journal jobs/j.sqlite: 1 lines, 1 pending, 0 held by other runs, 0 done" in (
        result.output
    )
    refused = CliRunner().invoke(cli, [*argv, "--journal", "mysql://me:s3cret@db/x"])
    assert refused.exit_code != 0
    assert "unknown scheme 'mysql'" in refused.output
    assert "s3cret" not in refused.output
