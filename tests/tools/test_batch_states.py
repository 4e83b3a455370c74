"""A batch's states: the words results.jsonl and the progress lines keep, and one stop reason."""

from __future__ import annotations

import io
import json
from pathlib import Path

import aiovideo
from aiovideo.tools.batch import (
    Batch,
    LineState,
    Outcome,
    PlainReporter,
    StopReason,
    write_manifest,
)


def test_the_manifest_writes_the_words_it_always_wrote(tmp_path: Path) -> None:
    outcomes = [
        Outcome(number, "p", "google/veo3", status=status)
        for number, status in enumerate(
            ("pending", "completed", "failed", "timed_out", "not_found"), start=1
        )
    ]
    assert [o.status for o in outcomes][1] is LineState.COMPLETED  # a word is taken as its state
    text = write_manifest(tmp_path, outcomes).read_text(encoding="utf-8")
    statuses = [json.loads(line)["status"] for line in text.splitlines()]
    assert statuses == ["pending", "completed", "failed", "timed_out", "not_found"]
    assert '"status": "completed"' in text.splitlines()[1]


def test_progress_lines_say_done_and_failed_as_before() -> None:
    out = io.StringIO()
    with PlainReporter(out, names={2: "line 2 ('b')", 3: "line 3 ('c')"}) as report:
        report(1, LineState.COMPLETED, "1.mp4")
        report(2, LineState.TIMED_OUT, "gave up")
        report(3, LineState.HELD, "not submitted")
    assert out.getvalue().splitlines() == [
        "line 1: done 1.mp4",
        "line 2 ('b'): failed gave up",  # not final, but failed for this run
        "line 3 ('c'): held not submitted",
        "queued 0  generating 0  downloading 0  done 1  failed 1  spent 0.00 USD",
    ]


def test_a_plain_line_says_a_status_once() -> None:
    """`line 2: generating generating` was the state and then the server's status saying it
    again; a status that says more (`active`) is kept."""
    out = io.StringIO()
    with PlainReporter(out) as report:
        report(1, LineState.QUEUED, "queued")
        report(2, LineState.GENERATING, "generating")
        report(3, LineState.GENERATING, "active")
        report(4, LineState.COMPLETED, "completed")
    assert out.getvalue().splitlines()[:4] == [
        "line 1: queued",
        "line 2: generating",
        "line 3: generating active",
        "line 4: done",
    ]


def test_the_weightiest_stop_reason_stands_and_each_keeps_its_words(tmp_path: Path) -> None:
    with aiovideo.Journal(tmp_path / "j.sqlite") as journal:
        batch = Batch(aiovideo.Client("key"), journal, tmp_path, lambda *_: None)
        assert batch.stop_reason is None  # running
        batch.stop_for(StopReason.SPEND_LIMIT, "limit")
        assert batch.stop_reason is StopReason.SPEND_LIMIT
        batch.stop_for(StopReason.JOURNAL, "disk full")
        batch.stop_for(StopReason.UNREACHABLE, "refused")
        batch.stop_for(StopReason.JOURNAL, "later words")
        assert batch.stop_reason is StopReason.JOURNAL
        assert batch.stops == {
            StopReason.SPEND_LIMIT: "limit",
            StopReason.JOURNAL: "disk full",
            StopReason.UNREACHABLE: "refused",
        }
