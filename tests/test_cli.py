"""The command line through its real entry point (click's runner)."""

from pathlib import Path

from click.testing import CliRunner

from aiovideo._cli import cli


def test_generate_against_the_emulator(tmp_path: Path) -> None:
    out = tmp_path / "one.mp4"
    result = CliRunner().invoke(
        cli,
        [
            "generate",
            "a fox",
            "--model",
            "google/veo3",
            "--set",
            "duration=4",
            "--emulator",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1000
    assert str(out) in result.output


def test_generate_bad_input_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "generate",
            "a fox",
            "--model",
            "google/veo3",
            "--set",
            "duration=5",
            "--emulator",
            "-o",
            str(tmp_path / "x.mp4"),
        ],
    )
    assert result.exit_code == 2
    assert "duration" in result.output
    assert not (tmp_path / "x.mp4").exists()


def test_help_everywhere() -> None:
    for args in (["--help"], ["generate", "--help"], ["status", "--help"], ["emulator", "--help"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0
        assert "Usage" in result.output
