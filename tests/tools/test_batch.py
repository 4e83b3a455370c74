"""`aiovideo batch` through its real entry point, against an emulator in its own process.

The emulator runs as `python -m aiovideo emulator --port 0`, so its counters (submits, and
duplicate submits of one body) outlive a batch process killed halfway.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import av
import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from aiovideo.core import Cost
from aiovideo.tools.batch import (
    BatchInputError,
    LineState,
    PlainReporter,
    RichReporter,
    make_reporter,
    read_lines,
    slug,
)
from aiovideo.tools.cli import cli

PROMPTS = "# a comment, skipped\nA red fox in snow\n\nWaves on black rocks\nA paper boat\n"


class Served:
    """An emulator process: its URL, counters and environment for a client."""

    def __init__(self, *options: str) -> None:
        self.proc = subprocess.Popen(  # noqa: S603  (our own interpreter and module)
            [sys.executable, "-m", "aiovideo", "emulator", "--port", "0", *options],
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stderr is not None
        line = self.proc.stderr.readline()  # "emulator serving on http://127.0.0.1:PORT"
        assert "serving on" in line, line
        self.url = line.split()[-1]
        # Keep draining its stderr, so a chatty server never blocks on a full pipe.
        self._drain = threading.Thread(target=self.proc.stderr.read, daemon=True)
        self._drain.start()
        self.env = {"AIMLAPI_BASE_URL": self.url, "AIMLAPI_API_KEY": "sk-batch-test"}

    def spawn(self, *argv: str) -> subprocess.Popen[str]:
        """`python -m aiovideo ARGV...` against this emulator, its stderr piped."""
        return subprocess.Popen(  # noqa: S603  (our own interpreter and module)
            [sys.executable, "-m", "aiovideo", *argv],
            env={**os.environ, **self.env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def stats(self) -> dict[str, int]:
        with urllib.request.urlopen(self.url + "/_emulator/stats", timeout=10) as resp:  # noqa: S310
            data: dict[str, int] = json.loads(resp.read())
        return data

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)
        self._drain.join(10)
        assert self.proc.stderr is not None
        self.proc.stderr.close()


@pytest.fixture(name="served")
def fixture_served() -> Iterator[Served]:
    served = Served("--min-seconds", "0.5", "--max-seconds", "1.0", "--seed", "3")
    yield served
    served.close()


def _batch(prompts: Path, out: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    argv = ["batch", str(prompts), "--out", str(out), "--poll-interval", "0.2", *args]
    return CliRunner().invoke(cli, argv, env=env)


def _manifest(out: Path) -> list[dict[str, Any]]:
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _frames(path: Path) -> int:
    with av.open(str(path)) as container:
        return sum(1 for _ in container.decode(video=0))


def test_text_batch_writes_videos_and_manifest(tmp_path: Path, served: Served) -> None:
    prompts = tmp_path / "prompts.txt"
    prompts.write_text(PROMPTS, encoding="utf-8")
    out = tmp_path / "out"
    result = _batch(prompts, out, "--model", "google/veo3", env=served.env)
    assert result.exit_code == 0, result.output
    records = _manifest(out)
    assert [r["line"] for r in records] == [2, 4, 5]  # numbers of the file's own lines
    assert [r["status"] for r in records] == ["completed"] * 3
    assert records[0]["prompt"] == "A red fox in snow"
    # Relative to `out`; the line number, a slug of the prompt, a digest of the line's request.
    assert re.fullmatch(r"2-a-red-fox-in-snow-[0-9a-f]{8}\.mp4", records[0]["path"])
    for record in records:
        assert record["model"] == "google/veo3"
        assert record["generation_id"].endswith(":google/veo3")
        assert record["error"] is None
        assert record["timings"]["generation_seconds"] > 0
        assert _frames(out / record["path"]) > 0
    assert served.stats().get("submits", 0) == 3
    assert "line 2: done" in result.output  # plain events when stdout is not a terminal

    # Edited: a line inserted on top, one prompt changed. Only those two are sent; the lines
    # that merely moved keep their videos.
    edited = PROMPTS.replace("A paper boat", "A paper plane")
    prompts.write_text("A new first line\n" + edited, encoding="utf-8")
    again = _batch(prompts, out, "--model", "google/veo3", env=served.env)
    assert again.exit_code == 0, again.output
    assert served.stats().get("submits", 0) == 5
    by_prompt = {r["prompt"]: r for r in _manifest(out)}
    assert by_prompt["A red fox in snow"]["resumed"] is True
    assert by_prompt["A red fox in snow"]["path"] == records[0]["path"]  # where it was
    assert re.fullmatch(r"6-a-paper-plane-[0-9a-f]{8}\.mp4", by_prompt["A paper plane"]["path"])


def test_jsonl_lines_override_the_model_and_take_fields(tmp_path: Path, served: Served) -> None:
    prompts = tmp_path / "requests.jsonl"
    rows = [
        {"prompt": "a fox", "duration": 4},
        {"model": "veo2", "prompt": "a boat", "duration": 6},
    ]
    prompts.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = _batch(prompts, out, "--model", "google/veo3", env=served.env)
    assert result.exit_code == 0, result.output
    records = _manifest(out)
    assert [r["model"] for r in records] == ["google/veo3", "veo2"]
    assert all(r["status"] == "completed" for r in records)


def test_bad_lines_are_all_reported_and_nothing_is_sent(tmp_path: Path, served: Served) -> None:
    prompts = tmp_path / "requests.jsonl"
    prompts.write_text(
        '{"prompt": "fine"}\n'
        "{not json\n"
        "[1, 2]\n"
        '{"model": "google/veo3", "prompt": "too long", "duration": 5}\n'
        '{"model": "google/veo3", "prompt": "fine too"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = _batch(prompts, out, env=served.env)  # no --model: line 1 has none
    assert result.exit_code == 2
    for number in (1, 2, 3, 4):
        assert f"requests.jsonl:{number}:" in result.output
    assert "requests.jsonl:5:" not in result.output
    assert "duration" in result.output
    assert served.stats().get("submits", 0) == 0
    assert not out.exists()


def test_no_key_or_a_refused_key_exits_2(tmp_path: Path) -> None:
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("one\ntwo\n", encoding="utf-8")
    out = tmp_path / "out"
    no_key = _batch(prompts, out, "--model", "google/veo3")
    assert no_key.exit_code == 2
    assert "AIMLAPI_API_KEY" in no_key.output
    assert not out.exists()  # checked before any file is made
    served = Served("--api-key", "sk-the-right-one")
    try:
        refused = _batch(prompts, out, "--model", "google/veo3", env=served.env)
        assert refused.exit_code == 2
        assert "error:" in refused.output
        assert "sk-batch-test" not in refused.output  # the key is never printed
        assert served.stats().get("http_401", 0) >= 1
        assert served.stats().get("submits", 0) == 0
    finally:
        served.close()


def test_failures_exit_1_and_are_not_paid_for_twice(tmp_path: Path) -> None:
    served = Served("--min-seconds", "0.2", "--max-seconds", "0.4", "--failure-rate", "1")
    try:
        prompts = tmp_path / "prompts.txt"
        prompts.write_text("one\ntwo\n", encoding="utf-8")
        out = tmp_path / "out"
        first = _batch(prompts, out, "--model", "google/veo3", env=served.env)
        assert first.exit_code == 1, first.output
        records = _manifest(out)
        assert [r["status"] for r in records] == ["failed", "failed"]
        assert all(r["error"] for r in records)
        assert not list(out.glob("*.mp4"))
        again = _batch(prompts, out, "--model", "google/veo3", env=served.env)
        assert again.exit_code == 1
        assert served.stats().get("submits", 0) == 2  # a failed line is not submitted again ...
        retried = _batch(prompts, out, "--model", "google/veo3", "--retry-failed", env=served.env)
        assert retried.exit_code == 1
        assert served.stats().get("submits", 0) == 4  # ... unless asked
    finally:
        served.close()


def _journal_ids(journal: Path) -> int:
    if not journal.exists():
        return 0
    with sqlite3.connect(journal) as db:
        try:
            row = db.execute("SELECT COUNT(*) FROM entries WHERE generation_id IS NOT NULL")
        except sqlite3.OperationalError:  # the table is not created yet
            return 0
        count: int = row.fetchone()[0]
    return count


def _spawn_batch(prompts: Path, out: Path, served: Served, *args: str) -> subprocess.Popen[str]:
    argv = ["batch", str(prompts), "--out", str(out), "--model", "google/veo3"]
    return served.spawn(*argv, "--poll-interval", "0.2", *args)


def _wait_for_ids(journal: Path, proc: subprocess.Popen[str], at_least: int) -> None:
    deadline = time.monotonic() + 30
    while _journal_ids(journal) < at_least:
        assert proc.poll() is None, "the batch ended before it was interrupted"
        assert time.monotonic() < deadline, "no generation id reached the journal"
        time.sleep(0.02)


def test_sigkill_halfway_then_rerun_submits_nothing_twice(tmp_path: Path) -> None:
    # Generations take 1-1.5 s, and only 3 are in flight: after the first 3 ids reach the
    # journal no POST is sent for a while, which is when the process is killed.
    served = Served("--min-seconds", "1", "--max-seconds", "1.5", "--seed", "5")
    try:
        prompts = tmp_path / "prompts.txt"
        prompts.write_text("\n".join(f"scene number {i}" for i in range(8)), encoding="utf-8")
        out = tmp_path / "out"
        journal = out / ".aiovideo-journal.sqlite"
        proc = _spawn_batch(prompts, out, served, "--max-in-flight", "3")
        _wait_for_ids(journal, proc, at_least=3)
        proc.kill()
        proc.communicate(timeout=10)
        assert proc.returncode == -signal.SIGKILL
        killed_at = served.stats().get("submits", 0)
        assert 3 <= killed_at < 8

        rerun = _spawn_batch(prompts, out, served, "--max-in-flight", "3")
        _, err = rerun.communicate(timeout=120)
        assert rerun.returncode == 0, err
        stats = served.stats()
        assert stats.get("submits", 0) == 8
        assert stats.get("duplicate_submits", 0) == 0
        records = _manifest(out)
        assert [r["status"] for r in records] == ["completed"] * 8
        assert sum(r["resumed"] for r in records) >= 3  # tracked again, not posted again
        for record in records:
            assert _frames(out / record["path"]) > 0
    finally:
        served.close()


def test_ctrl_c_exits_quickly_with_the_journal_intact(tmp_path: Path) -> None:
    served = Served("--min-seconds", "30", "--max-seconds", "40")
    try:
        prompts = tmp_path / "prompts.txt"
        prompts.write_text("a\nb\nc\n", encoding="utf-8")
        out = tmp_path / "out"
        journal = out / ".aiovideo-journal.sqlite"
        proc = _spawn_batch(prompts, out, served)
        _wait_for_ids(journal, proc, at_least=3)
        interrupted = time.monotonic()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=10)
        elapsed = time.monotonic() - interrupted
        assert proc.returncode == 130, err
        assert elapsed < 2.0, f"took {elapsed:.2f}s to stop"
        print(f"stopped {elapsed:.2f}s after SIGINT")
        assert "run the same command again to resume" in err
        assert _journal_ids(journal) == 3
        assert [r["status"] for r in _manifest(out)] == ["pending"] * 3
        page = (out / "index.html").read_text(encoding="utf-8")  # written when stopped too
        assert page.count('data-status="pending"') == 3
    finally:
        served.close()


def test_identical_lines_are_distinct_copies(tmp_path: Path) -> None:
    text = tmp_path / "p.txt"
    text.write_text("a fox\na boat\na fox\n", encoding="utf-8")
    lines = read_lines(text, model="google/veo3")
    assert [(line.number, line.key) for line in lines] == [
        (1, "copy-1"),
        (2, "copy-1"),
        (3, "copy-2"),
    ]


def test_read_lines_text_and_jsonl(tmp_path: Path) -> None:
    text = tmp_path / "p.txt"
    text.write_text("# c\n\n  a fox  \n", encoding="utf-8")
    (line,) = read_lines(text, model="google/veo3", fields={"duration": 4})
    assert (line.number, line.request.prompt, line.request.fields["duration"]) == (3, "a fox", 4)
    sniffed = tmp_path / "requests.txt"  # JSON Lines recognised by its first line too
    sniffed.write_text('{"prompt": "x", "duration": "6"}\n', encoding="utf-8")
    (line,) = read_lines(sniffed, model="google/veo3")
    assert line.request.fields["duration"] == 6
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(BatchInputError, match="no prompts"):
        read_lines(empty, model="google/veo3")
    with pytest.raises(BatchInputError, match="no model"):
        read_lines(text, model=None)


def test_a_misspelt_field_hints_the_json_lines_form(tmp_path: Path) -> None:
    """The hint once showed Python (`extra_fields={'durration': ...}`) to someone writing JSON
    Lines; the form it shows is one to paste into the line, and that line is then taken."""
    jsonl = tmp_path / "p.jsonl"
    jsonl.write_text('{"prompt": "a fox", "durration": 8}\n', encoding="utf-8")
    with pytest.raises(BatchInputError) as caught:
        read_lines(jsonl, model="google/veo3")
    (problem,) = caught.value.problems
    assert "did you mean 'duration'?" in problem
    assert 'give it in "extra_fields": {"durration": 8} on a JSON Lines line' in problem
    assert "extra_fields={" not in problem
    jsonl.write_text('{"prompt": "a fox", "extra_fields": {"durration": 8}}\n', encoding="utf-8")
    (line,) = read_lines(jsonl, model="google/veo3")
    assert line.request.body()["durration"] == 8


def test_slug() -> None:
    assert slug("A red fox, at dawn!") == "a-red-fox-at-dawn"
    assert slug("Café crème") == "cafe-creme"
    assert slug("日本語") == "video"
    assert len(slug("word " * 40)) <= 40
    assert not slug("word " * 40).endswith("-")


def test_reporters_count_states() -> None:
    plain_out = io.StringIO()
    plain = make_reporter(2, plain_out)
    assert isinstance(plain, PlainReporter)  # not a terminal: one line per event
    with plain:
        plain(1, LineState.QUEUED, "submitted abc")
        plain(1, LineState.QUEUED, "queued")  # no change of state: no line
        plain(1, LineState.COMPLETED, "1-a.mp4")  # shown as `done`
        plain(2, LineState.FAILED, "boom")
    assert plain_out.getvalue().splitlines() == [
        "line 1: queued submitted abc",
        "line 1: done 1-a.mp4",
        "line 2: failed boom",
        "queued 0  generating 0  downloading 0  done 1  failed 1  spent 0.00 USD",
    ]
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=150)
    with RichReporter(3, console) as bar:
        bar(1, LineState.GENERATING)
        bar(2, LineState.COMPLETED)
        bar(3, LineState.FAILED, "boom")
        bar.show_spent(Cost(credits=120_000, usd=0.06))  # shown at once, with the counts
    text = screen.getvalue()
    assert "2/3" in text
    assert "generating 1  downloading 0  done 1  failed 1  spent 0.06 USD" in text
    assert "line 3: failed boom" in text


def test_the_bar_shows_its_times_whole_at_80_columns() -> None:
    """A big batch's counts and spending once pushed the elapsed time past 80 columns, where
    rich cut it (`0:0…`): the counts have a line of their own now."""
    screen = io.StringIO()
    console = Console(file=screen, width=80, force_terminal=False, color_system=None)
    reporter = RichReporter(100_000, console)
    for number in range(1, 12_001):
        reporter(number, LineState.COMPLETED if number % 7 else LineState.FAILED)
    for number in range(12_001, 12_501):
        reporter(number, LineState.GENERATING)
    reporter.show_spent(Cost(credits=2_469_000_000, usd=1234.5))
    screen.seek(0)
    screen.truncate()  # the failed lines' own lines: only the bar is looked at
    console.print(reporter.progress.get_renderable())
    bar, *counts = screen.getvalue().splitlines()
    assert "…" not in screen.getvalue()
    assert re.search(r" 12000/100000 \d:\d\d:\d\d eta \d:\d\d:\d\d$", bar), bar
    said = "queued 0  generating 500  downloading 0  done 10286  failed 1714  spent 1234.50 USD"
    assert " ".join(counts).split() == said.split()  # wrapped past 80 columns, never cut


def test_emulator_batch_resumes_after_ctrl_c(tmp_path: Path) -> None:
    # The in-process emulator dies with the process; it adopts the ids of the earlier run
    # (as the real, lasting server would still know them), so the re-run resumes them.
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("a\nb\nc\n", encoding="utf-8")
    out = tmp_path / "out"
    journal = out / ".aiovideo-journal.sqlite"
    argv = [sys.executable, "-m", "aiovideo", "batch", str(prompts), "--out", str(out)]
    first = subprocess.Popen(  # noqa: S603  (our own interpreter and module)
        [*argv, "--emulator"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    _wait_for_ids(journal, first, at_least=3)
    first.send_signal(signal.SIGINT)
    first.communicate(timeout=10)
    assert first.returncode == 130
    rerun = subprocess.run(  # noqa: S603
        [*argv, "--emulator"], capture_output=True, text=True, timeout=60, check=False
    )
    assert rerun.returncode == 0, rerun.stderr
    records = _manifest(out)
    assert [r["status"] for r in records] == ["completed"] * 3
    assert all(r["resumed"] for r in records)
