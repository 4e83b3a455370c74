"""A batch's model ids are checked with its other input, before any line is sent: a slip of a
known id or (under `--strict-models`) any unknown id fails the batch naming the line."""

from __future__ import annotations

import json
import logging
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

import aiovideo
from aiovideo.testing import Emulator
from aiovideo.tools.batch import JOURNAL_NAME, Batch, BatchInputError, read_lines, run_batch
from aiovideo.tools.cli import cli
from tests.conftest import API_KEY, MakeEmulator


def _jsonl(path: Path, models: list[str]) -> Path:
    rows = [json.dumps({"model": model, "prompt": f"clip {n}"}) for n, model in enumerate(models)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_slip_on_line_40_fails_the_whole_file_naming_the_line(tmp_path: Path) -> None:
    prompts = _jsonl(tmp_path / "p.jsonl", ["google/veo3"] * 39 + ["google/veo-3"])
    with pytest.raises(BatchInputError) as info:
        read_lines(prompts, model=None)
    (problem,) = info.value.problems
    assert problem.startswith(f"{prompts}:40: google/veo-3: invalid model='google/veo-3'")
    assert "did you mean 'google/veo3'?" in problem


def test_strict_models_refuses_an_unknown_id_in_the_file(tmp_path: Path) -> None:
    prompts = _jsonl(tmp_path / "p.jsonl", ["google/veo3", "google/veo3", "google/veo-4"])
    assert len(read_lines(prompts, model=None)) == 3  # a model newer than the table, by default
    with pytest.raises(BatchInputError) as info:
        read_lines(prompts, model=None, strict_models=True)
    (problem,) = info.value.problems
    assert problem.startswith(f"{prompts}:3: google/veo-4: invalid model=")
    assert "strict_models" in problem


async def test_a_strict_client_refuses_the_batch_before_line_1_is_sent(
    emulator: Emulator, tmp_path: Path
) -> None:
    models = ["google/veo3", "acme/new", "google/veo3", "acme/new", "acme/other"]
    lines = read_lines(_jsonl(tmp_path / "p.jsonl", models), model=None)
    async with aiovideo.Client(API_KEY, emulator.base_url, 0.05, strict_models=True) as client:
        with aiovideo.Journal(tmp_path / "j.sqlite") as journal:
            batch = Batch(client, journal, tmp_path / "out", lambda *_: None)
            with pytest.raises(BatchInputError) as info:
                await run_batch(batch, lines)
    assert [problem.split(":")[0] for problem in info.value.problems] == ["lines 2, 4", "line 5"]
    assert emulator.stats["requests"] == 0
    assert not (tmp_path / "out").exists()  # no manifest, no page


async def test_a_newer_model_is_warned_about_once_before_line_1_is_sent(
    make_emulator: MakeEmulator, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    emulator = await make_emulator(unknown_models=True)
    lines = read_lines(_jsonl(tmp_path / "p.jsonl", ["acme/new"] * 3), model=None)
    said: list[str] = []

    class Said(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append(f"log: {record.getMessage()}")

    handler = Said(logging.WARNING)
    logging.getLogger("aiovideo").addHandler(handler)
    try:
        async with aiovideo.Client(API_KEY, emulator.base_url, 0.05) as client:
            with aiovideo.Journal(tmp_path / "j.sqlite") as journal:
                batch = Batch(
                    client, journal, tmp_path / "out", lambda n, s, _: said.append(f"{n} {s}")
                )
                outcomes = await run_batch(batch, lines)
    finally:
        logging.getLogger("aiovideo").removeHandler(handler)
    assert [outcome.status for outcome in outcomes] == ["completed"] * 3
    warnings = [text for text in said if text.startswith("log: model 'acme/new'")]
    assert len(warnings) == 1
    assert said[0] == warnings[0]  # before any line changed state


def test_cli_generate_strict_models_and_a_slip(tmp_path: Path) -> None:
    out = str(tmp_path / "x.mp4")
    strict = CliRunner().invoke(
        cli, ["generate", "a fox", "-m", "acme/new", "--strict-models", "--emulator", "-o", out]
    )
    assert strict.exit_code == 2
    (line,) = strict.stderr.splitlines()
    assert line.startswith("error: acme/new: invalid model='acme/new'; not in the model table")
    slip = CliRunner().invoke(cli, ["generate", "a fox", "-m", "google/veo-3", "-o", out])
    assert slip.exit_code == 2
    assert "did you mean 'google/veo3'?" in slip.stderr
    assert not (tmp_path / "x.mp4").exists()


def test_cli_batch_strict_models_names_the_line_and_sends_nothing(tmp_path: Path) -> None:
    prompts = _jsonl(tmp_path / "p.jsonl", ["google/veo3", "acme/new"])
    args = ["batch", str(prompts), "--out", str(tmp_path / "out"), "--emulator"]
    result = CliRunner().invoke(cli, [*args, "--strict-models"])
    assert result.exit_code == 2
    assert f"error: {prompts}:2: acme/new: invalid model='acme/new'" in result.stderr
    assert "nothing was submitted" in result.stderr
    assert not (tmp_path / "out").exists()


async def test_a_failed_price_probe_sends_one_more_probe_not_every_waiting_line(
    emulator: Emulator, tmp_path: Path
) -> None:
    # Found by attack: under --max-spend the first line of a model goes alone (its price is
    # unknown); when it failed, every waiting line was sent at once: 20 lines, 1.20 USD spent
    # against a limit of 0.10.
    emulator.script(prompt="probe", fail="content policy")
    prompts = tmp_path / "p.txt"
    prompts.write_text("probe fails\n" + "".join(f"later {n}\n" for n in range(20)), "utf-8")
    lines = read_lines(prompts, model="google/veo3")
    out = tmp_path / "out"
    with aiovideo.Journal(out / JOURNAL_NAME) as journal:
        async with emulator.client(poll_interval=0.02, max_spend_usd="0.10") as client:
            batch = Batch(client, journal, out, lambda *_: None)
            await run_batch(batch, lines)
            spent = client.spent.usd
    assert spent is not None and spent <= Decimal("0.10") + Decimal("0.06")
    assert emulator.stats["submits"] <= 3  # the failed probe, one more probe, and one line
