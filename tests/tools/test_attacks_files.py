"""Issue 18's attacks on the batch's files and input: each test failed before its fix.

Input that would break mid-run, temporary files at predictable names, a journal removed under
a run, two runs on one output folder, a full disk, names too long for the file system.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from aiohttp import web
from click.testing import CliRunner

import aiovideo
from aiovideo.testing import Emulator
from aiovideo.tools.batch import (
    JOURNAL_NAME,
    Batch,
    BatchInputError,
    Line,
    Outcome,
    StopReason,
    check_writable,
    read_lines,
    run_batch,
    write_gallery,
    write_manifest,
)
from aiovideo.tools.batch import _output as output_module
from aiovideo.tools.batch._output import claim_folder
from aiovideo.tools.cli import cli
from aiovideo.tools.journal import JournalWriteError
from tests.conftest import API_KEY
from tests.hostile import ThreadedServer


def test_a_lone_surrogate_is_an_input_error_naming_its_line(tmp_path: Path) -> None:
    prompts = tmp_path / "requests.jsonl"
    prompts.write_text(
        '{"prompt": "fine"}\n{"prompt": "bad \\ud800 one"}\n{"prompt": "x", "negative_prompt": '
        '"\\udfff"}\n{"prompt": "a pair \\ud83e\\udd8a is fine"}\n',
        encoding="utf-8",
    )
    with pytest.raises(BatchInputError) as caught:
        read_lines(prompts, model="google/veo3")
    (problem_2, problem_3) = caught.value.problems
    assert "requests.jsonl:2:" in problem_2
    assert "surrogate" in problem_2
    assert "\\ud800" in problem_2
    assert "requests.jsonl:3:" in problem_3
    assert "negative_prompt" in problem_3
    for problem in caught.value.problems:
        problem.encode("utf-8")  # printable as it is


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c", "\r"])
def test_the_prompts_file_is_split_at_newlines_only(tmp_path: Path, separator: str) -> None:
    prompts = tmp_path / "prompts.txt"
    prompts.write_text(f"a red{separator}fox\nsecond line\n", encoding="utf-8", newline="")
    lines = read_lines(prompts, model="google/veo3")
    assert [line.number for line in lines] == [1, 2]
    assert lines[1].request.prompt == "second line"
    assert lines[0].request.prompt is not None
    assert "fox" in lines[0].request.prompt


def test_crlf_files_still_read_line_by_line(tmp_path: Path) -> None:
    prompts = tmp_path / "prompts.txt"
    prompts.write_bytes(b"one\r\n\r\n# note\r\ntwo\r\n")
    lines = read_lines(prompts, model="google/veo3")
    assert [(line.number, line.request.prompt) for line in lines] == [(1, "one"), (4, "two")]


def test_a_jsonl_line_with_a_separator_inside_a_string(tmp_path: Path) -> None:
    prompts = tmp_path / "requests.jsonl"
    prompts.write_text(
        json.dumps({"prompt": "a\u2028b\x85c"}, ensure_ascii=False) + "\n" + '{"prompt": "z"}\n',
        encoding="utf-8",
    )
    lines = read_lines(prompts, model="google/veo3")
    assert [line.number for line in lines] == [1, 2]
    assert lines[0].request.prompt == "a\u2028b\x85c"


def _plant(folder: Path, name: str, victim: Path) -> None:
    (folder / name).symlink_to(victim)


def test_planted_symlinks_at_the_temporary_names_are_never_followed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    pid = os.getpid()
    victims: dict[str, Path] = {}
    for name in (f".aiovideo-probe-{pid}", f".results.jsonl.{pid}.part", f".index.html.{pid}.part"):
        victim = tmp_path / f"victim-{len(victims)}"
        victim.write_text("precious", encoding="utf-8")
        victims[name] = victim
        _plant(out, name, victim)
    check_writable(out)
    outcome = Outcome(1, "a red fox", "google/veo3")
    write_manifest(out, [outcome])
    write_gallery(out, [outcome])
    for victim in victims.values():
        assert victim.read_text(encoding="utf-8") == "precious"
    assert json.loads((out / "results.jsonl").read_text(encoding="utf-8"))["line"] == 1
    assert not (out / "results.jsonl").is_symlink()
    leftovers = {path.name for path in out.iterdir()} - set(victims)
    assert leftovers == {"results.jsonl", "index.html"}


def test_a_failed_manifest_write_leaves_no_partial(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "results.jsonl").mkdir(parents=True)  # the rename into place fails
    (out / "results.jsonl" / "keep").write_text("x", encoding="utf-8")
    with pytest.raises(IsADirectoryError):
        write_manifest(out, [Outcome(1, "a red fox", "google/veo3")])
    assert sorted(path.name for path in out.iterdir()) == ["results.jsonl"]


async def test_a_run_on_another_journal_is_refused_an_out_folder_in_use(
    emulator: Emulator, tmp_path: Path
) -> None:
    prompts = tmp_path / "p.txt"
    prompts.write_text("one\ntwo\n", encoding="utf-8")
    lines = read_lines(prompts, model="google/veo3")
    out = tmp_path / "out"
    out.mkdir()
    mine = str((out / JOURNAL_NAME).resolve())
    with claim_folder(out, mine):  # a run on the folder's own journal is under way
        with aiovideo.Journal(tmp_path / "elsewhere.sqlite") as journal:
            async with aiovideo.Client(API_KEY, emulator.base_url, 0.05) as client:
                batch = Batch(client, journal, out, lambda *_: None)
                with pytest.raises(aiovideo.ConfigurationError, match="another journal"):
                    await run_batch(batch, lines)
        assert emulator.stats.get("submits", 0) == 0
        with aiovideo.Journal(out / JOURNAL_NAME) as journal:  # the same journal: cooperates
            async with aiovideo.Client(API_KEY, emulator.base_url, 0.05) as client:
                batch = Batch(client, journal, out, lambda *_: None)
                outcomes = await run_batch(batch, lines)
        assert [outcome.status for outcome in outcomes] == ["completed", "completed"]
    # Once nobody runs on it, the folder is free for any journal.
    with aiovideo.Journal(tmp_path / "elsewhere.sqlite") as journal:
        async with aiovideo.Client(API_KEY, emulator.base_url, 0.05) as client:
            batch = Batch(client, journal, out, lambda *_: None)
            await run_batch(batch, lines)


async def _run_lines(
    emulator: Emulator, out: Path, lines: list[Line], report: Callable[..., None]
) -> tuple[Batch, list[Outcome]]:
    with aiovideo.Journal(out / JOURNAL_NAME) as journal:
        async with aiovideo.Client(API_KEY, emulator.base_url, 0.05) as client:
            batch = Batch(client, journal, out, report, max_in_flight=1)
            return batch, await run_batch(batch, lines)


async def test_an_out_folder_deleted_mid_run_stops_submits_and_the_rerun_pays_nothing_twice(
    emulator: Emulator, tmp_path: Path
) -> None:
    prompts = tmp_path / "p.txt"
    prompts.write_text("one\ntwo\nthree\nfour\nfive\n", encoding="utf-8")
    lines = read_lines(prompts, model="google/veo3")
    out = tmp_path / "out"

    def report(number: int, state: str, detail: str = "") -> None:
        if number == 1 and state == "queued" and out.exists():
            shutil.rmtree(out)  # the user cleans up while the batch runs

    batch, outcomes = await _run_lines(emulator, out, lines, report)
    assert batch.stop_reason is StopReason.JOURNAL
    assert "was removed" in batch.stops[StopReason.JOURNAL]
    assert emulator.stats["submits"] == 1  # no submit after the journal was lost
    paid = outcomes[0].generation_id
    assert paid is not None
    # The rows were written again where the journal was: the re-run tracks line 1.
    again, outcomes = await _run_lines(emulator, out, lines, lambda *_: None)
    assert again.stop_reason is None
    assert emulator.stats["submits"] == 5
    assert outcomes[0].generation_id == paid
    assert [outcome.status for outcome in outcomes] == ["completed"] * 5


def test_a_journal_replaced_under_its_store_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    with aiovideo.Journal(path) as journal:
        journal.record_downloaded("nobody", tmp_path / "x.mp4")  # a write that works
        path.unlink()
        path.write_bytes(b"another file")
        with pytest.raises(JournalWriteError, match="replaced"):
            journal.record_downloaded("nobody", tmp_path / "x.mp4")
        with pytest.raises(JournalWriteError, match="replaced"):
            journal.release_download("nobody")
    assert path.read_bytes() == b"another file"


def test_a_full_disk_at_the_manifest_says_what_was_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prompts = tmp_path / "p.txt"
    prompts.write_text("one\ntwo\n", encoding="utf-8")
    out = tmp_path / "out"
    real = output_module._create_new

    def full(folder: Path, prefix: str, suffix: str) -> tuple[Path, int]:
        if prefix.startswith(".aiovideo-probe"):
            return real(folder, prefix, suffix)  # the disk fills up during the run
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output_module, "_create_new", full)
    argv = ["batch", str(prompts), "--out", str(out), "--emulator", "--poll-interval", "0.05"]
    result = CliRunner().invoke(cli, argv)
    assert result.exit_code == 1, result.output
    assert "No space left on device" in result.output
    assert "saved: 2 generation ids received, 2 videos written" in result.output
    journal = aiovideo.Journal(out / JOURNAL_NAME)
    with journal:
        for entry in journal.entries():
            assert entry.generation_id is not None
            assert entry.generation_id in result.output
            assert entry.path is not None
            assert Path(entry.path).name in result.output


def test_status_prints_valid_json_for_a_reply_with_nan_and_infinities() -> None:
    reply = (
        '{"id": "g1", "status": "queued", "progress": NaN, "meta": {"eta": [Infinity, '
        '-Infinity, 1e400]}}'
    )

    async def handle(_: web.Request) -> web.StreamResponse:
        return web.Response(text=reply, content_type="application/json")

    with ThreadedServer() as server:
        server.route("GET", "/v2/video/generations", handle)
        args = ["status", "g1", "--base-url", server.url]
        result = CliRunner().invoke(cli, args, env={"AIMLAPI_API_KEY": API_KEY})
    assert result.exit_code == 0, result.output

    def refuse(word: str) -> None:
        raise AssertionError(f"not JSON: {word}")

    printed = json.loads(result.stdout, parse_constant=refuse)
    assert printed["progress"] == "NaN"
    assert printed["meta"]["eta"] == ["Infinity", "-Infinity", "Infinity"]


@pytest.mark.parametrize("name", ["p.txt", "p.jsonl"])
def test_a_byte_order_mark_is_not_part_of_line_1(tmp_path: Path, name: str) -> None:
    # Found by attack: with a UTF-8 BOM, a `# comment` first line was sent (and paid) as a
    # prompt, and a JSON Lines file not named .jsonl had its raw lines sent as prompts.
    from aiovideo.tools.batch import read_lines

    prompts = tmp_path / name
    if name.endswith(".txt"):
        prompts.write_bytes(b"\xef\xbb\xbf# my prompts\r\na fox\r\n")
        expected = ["a fox"]
    else:
        prompts.write_bytes(b'\xef\xbb\xbf{"prompt": "a heron", "model": "google/veo3"}\n')
        expected = ["a heron"]
    lines = read_lines(prompts, model="google/veo3")
    assert [line.request.prompt for line in lines] == expected
    (tmp_path / "q.txt").write_bytes(b'\xef\xbb\xbf{"prompt": "a heron", "model": "veo2"}\n')
    (line,) = read_lines(tmp_path / "q.txt", model="google/veo3")
    assert (line.request.prompt, line.request.model) == ("a heron", "veo2")
