"""Every example of examples/ runs against the testing kit's Emulator: a broken one fails here.

The scripts run as their docstrings say (`python examples/NAME.py --emulator`, in a
subprocess), their core functions in-process too.
"""

from __future__ import annotations

import ast
import io
import os
import subprocess
import sys
from pathlib import Path

import anyio
import bulk
import pytest
from rich.console import Console

from aiovideo.testing import Emulator

EXAMPLES = Path(__file__).parent.parent / "examples"
SCRIPTS = ["quickstart.py", "bulk.py"]
KLING = "kling-video/v1.6/standard/text-to-video"  # its ids carry the model: `uuid:kling-video/...`


def _is_mp4(data: bytes) -> bool:
    return data[4:8] == b"ftyp"


def _from_queued_to_completed(statuses: list[str]) -> bool:
    """Each status once, in the order they come (a loaded machine may miss `generating`)."""
    order = ["queued", "generating", "completed"]
    return statuses[0] == "queued" and statuses[-1] == "completed" and (
        statuses == sorted(set(statuses), key=order.index)
    )


# The examples as files.


@pytest.mark.parametrize("name", SCRIPTS)
def test_each_example_says_its_one_command(name: str) -> None:
    docstring = ast.get_docstring(ast.parse((EXAMPLES / name).read_text(encoding="utf-8")))
    assert docstring is not None
    assert f"python examples/{name} --emulator" in docstring


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.py")), ids=lambda path: path.name)
def test_no_example_imports_a_private_module(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = [
        name
        for node in ast.walk(tree)
        for name in (
            [alias.name for alias in node.names] if isinstance(node, ast.Import) else
            [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        )
    ]
    assert not [name for name in imported if name.startswith("aiovideo._")]


def _run(script: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # This checkout's aiovideo, whatever the virtualenv was installed from; a wide terminal so
    # that rich does not wrap the summary.
    env = {**os.environ, "PYTHONPATH": str(EXAMPLES.parent), "COLUMNS": "200"}
    command = [sys.executable, str(EXAMPLES / script), *args]
    return subprocess.run(  # noqa: S603  (our own interpreter and files)
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_quickstart_makes_one_video(tmp_path: Path) -> None:
    done = _run("quickstart.py", "--emulator", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert _is_mp4((tmp_path / "fox.mp4").read_bytes())
    statuses = [line.strip() for line in done.stdout.splitlines() if line.startswith("  ")]
    assert _from_queued_to_completed(statuses)
    assert "saved fox.mp4" in done.stdout


def test_bulk_generates_every_prompt_with_a_summary(tmp_path: Path) -> None:
    done = _run("bulk.py", "--emulator", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    prompts = bulk.read_prompts(EXAMPLES / "prompts.txt")
    videos = sorted((tmp_path / "videos").glob("*.mp4"))
    assert len(videos) == len(prompts) == 10
    assert all(_is_mp4(video.read_bytes()) for video in videos)
    assert videos[0].name.startswith("001-a-red-fox")
    # google/veo3 at its default 8 s: 0.06 USD each on the emulator's price list.
    assert "10/10 videos, 0.6000 USD spent (1,200,000 credits)" in done.stdout
    assert done.stdout.count("completed") == 10


async def test_bulk_shows_a_failure_in_its_summary(
    aiovideo_emulator: Emulator, tmp_path: Path
) -> None:
    aiovideo_emulator.script(prompt="forbidden", fail="content policy: no forbidden foxes")
    out = io.StringIO()
    prompts = ["a fox", "a forbidden fox", "a [bold]markup[/bold] fox"]
    with anyio.fail_after(20):
        code = await bulk.run(
            prompts,
            tmp_path,
            make_client=aiovideo_emulator.client,
            console=Console(file=out, width=200),
        )
    assert code == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "001-a-fox.mp4",
        "003-a-bold-markup-bold-fox.mp4",
    ]
    summary = out.getvalue()
    assert "content policy: no forbidden foxes" in summary
    assert "[bold]markup[/bold]" in summary  # a prompt is shown as written, not as markup
    assert "2/3 videos, 0.1200 USD spent" in summary  # a failure costs nothing
