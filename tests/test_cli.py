"""The command line through its real entry point (click's runner)."""

from pathlib import Path

from click.testing import CliRunner, Result

from aiovideo._cli import cli


def _generate(out: Path, duration: int) -> Result:
    args = ["generate", "a fox", "--model", "google/veo3", "--set", f"duration={duration}"]
    return CliRunner().invoke(cli, [*args, "--emulator", "-o", str(out)])


def test_generate_against_the_emulator(tmp_path: Path) -> None:
    out = tmp_path / "one.mp4"
    result = _generate(out, duration=4)
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1000
    assert str(out) in result.output


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
