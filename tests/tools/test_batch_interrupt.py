"""Ctrl-C and SIGTERM against a server that bills a submit on receipt and answers it late.

Each test runs `python -m aiovideo batch` against an emulator process whose submit replies
take 1.5 s after the generation is created (and billed): a signal that lands while POSTs
are on the wire must neither lose their ids nor let a re-run pay for them again.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
import urllib.request
from decimal import Decimal
from pathlib import Path

from tests.tools.test_batch import Served, _journal_ids, _manifest, _spawn_batch, _wait_for_ids

LINES = 12


def _billed(served: Served) -> int:
    return served.stats().get("billed_submits", 0)


def _wait_until_billed(served: Served, proc: subprocess.Popen[str], at_least: int) -> None:
    deadline = time.monotonic() + 30
    while _billed(served) < at_least:
        assert proc.poll() is None, "the batch ended before it was interrupted"
        assert time.monotonic() < deadline, "no submit reached the server"
        time.sleep(0.02)


def _setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("\n".join(f"scene {i}" for i in range(LINES)), encoding="utf-8")
    out = tmp_path / "out"
    return prompts, out, out / ".aiovideo-journal.sqlite"


def _states(journal: Path) -> dict[str, int]:
    with sqlite3.connect(journal) as db:
        rows = db.execute("SELECT state, count(*) FROM entries GROUP BY state").fetchall()
    return dict(rows)


def _generations(served: Served) -> list[dict[str, object]]:
    with urllib.request.urlopen(served.url + "/_emulator/generations", timeout=10) as resp:  # noqa: S310
        data: list[dict[str, object]] = json.loads(resp.read())
    return data


def test_first_ctrl_c_waits_for_billed_submits_and_saves_every_id(tmp_path: Path) -> None:
    served = Served("--min-seconds", "0.3", "--max-seconds", "0.5", "--submit-reply-delay", "1.5")
    try:
        prompts, out, journal = _setup(tmp_path)
        proc = _spawn_batch(prompts, out, served, "--max-in-flight", "4")
        _wait_until_billed(served, proc, at_least=4)  # four POSTs billed, none answered
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 130, err
        assert "stopping: no new lines are submitted" in err
        billed = _billed(served)
        assert billed >= 4
        assert _journal_ids(journal) == billed  # every billed submit's id was saved
        assert "abandoned" not in err
        assert "no line is submitted twice" in err
        assert _states(journal).get("submitting", 0) == 0
        records = _manifest(out)
        assert len(records) == LINES
        assert {r["status"] for r in records} <= {"pending", "completed"}

        rerun = _spawn_batch(prompts, out, served, "--max-in-flight", "4")
        _, err = rerun.communicate(timeout=120)
        assert rerun.returncode == 0, err
        stats = served.stats()
        assert stats["submits"] == LINES
        assert stats["duplicate_submits"] == 0
    finally:
        served.close()


def test_sigterm_stops_as_gently_as_ctrl_c(tmp_path: Path) -> None:
    served = Served("--min-seconds", "30", "--max-seconds", "40", "--submit-reply-delay", "1")
    try:
        prompts, out, journal = _setup(tmp_path)
        proc = _spawn_batch(prompts, out, served, "--max-in-flight", "2")
        _wait_until_billed(served, proc, at_least=2)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 130, err
        assert _journal_ids(journal) == _billed(served) == 2
        assert "no line is submitted twice" in err
    finally:
        served.close()


def test_second_ctrl_c_aborts_and_the_rerun_settles_from_the_usage_logs(tmp_path: Path) -> None:
    served = Served("--min-seconds", "0.2", "--max-seconds", "0.3", "--submit-reply-delay", "5")
    try:
        prompts, out, journal = _setup(tmp_path)
        proc = _spawn_batch(prompts, out, served, "--max-in-flight", "3")
        _wait_until_billed(served, proc, at_least=3)
        proc.send_signal(signal.SIGINT)
        time.sleep(0.3)  # a person pressing Ctrl-C again, a moment later
        interrupted = time.monotonic()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=10)
        assert time.monotonic() - interrupted < 3.0, err
        assert proc.returncode == 130, err
        assert "aborted" in err
        assert "3 submits were abandoned before their reply" in err
        assert "no line is submitted twice" not in err  # it would not be true here
        assert _states(journal) == {"submitting": 3}  # their request ids are kept

        # The three abandoned generations finish on the server and reach its usage logs.
        deadline = time.monotonic() + 10
        while len(_generations(served)) < 3 or _billed(served) < 3:
            assert time.monotonic() < deadline
            time.sleep(0.05)

        rerun = _spawn_batch(prompts, out, served, "--max-in-flight", "3")
        _, err = rerun.communicate(timeout=120)
        assert rerun.returncode == 0, err
        assert "3 lost submit replies found in the usage logs" in err
        stats = served.stats()
        assert stats["submits"] == LINES  # the three abandoned ones were adopted, not re-sent
        assert stats["duplicate_submits"] == 0
        records = _manifest(out)
        assert [r["status"] for r in records] == ["completed"] * LINES
    finally:
        served.close()


def test_a_lost_submit_not_yet_in_the_logs_is_held_not_paid_again(tmp_path: Path) -> None:
    # Generations that take long: the usage logs list them only once they end.
    served = Served("--min-seconds", "300", "--max-seconds", "300", "--submit-reply-delay", "5")
    try:
        prompts, out, journal = _setup(tmp_path)
        prompts.write_text("scene 0\nscene 1\n", encoding="utf-8")
        proc = _spawn_batch(prompts, out, served, "--max-in-flight", "2")
        _wait_until_billed(served, proc, at_least=2)
        proc.send_signal(signal.SIGINT)
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=10)
        assert _states(journal) == {"submitting": 2}

        argv = [*proc.args, "--timeout", "1"]  # type: ignore[misc]
        env = {**os.environ, **served.env}
        held = subprocess.run(  # noqa: S603
            argv, capture_output=True, text=True, timeout=60, check=False, env=env
        )
        assert held.returncode == 1, held.stderr
        assert held.stdout.count(": held until 20") == 2, held.stdout  # short, with a date
        assert "2 lines held until 20" in held.stderr
        assert "(lost submits, maybe billed): lines 1-2\n" in held.stderr
        assert "--resend-unsettled" in held.stderr
        assert served.stats()["submits"] == 2  # nothing sent again
        assert {r["status"] for r in _manifest(out)} == {"pending"}

        resent = subprocess.run(  # noqa: S603
            [*argv, "--resend-unsettled"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env=env,
        )
        assert resent.returncode == 1, resent.stderr  # timed out waiting, by --timeout
        assert served.stats()["submits"] == 4  # sent again, as asked (and paid twice)
    finally:
        served.close()


def test_ctrl_c_during_the_post_of_generate_prints_the_paid_id(tmp_path: Path) -> None:
    served = Served("--min-seconds", "30", "--max-seconds", "40", "--submit-reply-delay", "1.5")
    try:
        proc = served.spawn("generate", "a fox", "-m", "google/veo3", "-o", str(tmp_path / "f.mp4"))
        _wait_until_billed(served, proc, at_least=1)  # billed, its reply 1.5 s away
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 130, err
        (generation,) = _generations(served)
        gid = str(generation["id"])
        assert f"submitted {gid} before the interrupt" in err
        assert f"aiovideo status {gid}" in err
    finally:
        served.close()


def test_an_interrupted_batch_says_what_the_submit_replies_cost(tmp_path: Path) -> None:
    # Generations that outlast the run: only the submit replies state their costs.
    served = Served("--min-seconds", "300", "--max-seconds", "300")
    try:
        prompts, out, journal = _setup(tmp_path)
        proc = _spawn_batch(prompts, out, served, "--max-in-flight", "3")
        _wait_for_ids(journal, proc, at_least=3)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 130, err
        with sqlite3.connect(journal) as db:
            costs = [row[0] for row in db.execute("SELECT cost_usd FROM entries")]
        assert len(costs) == 3
        assert None not in costs  # journaled with the id: later --max-spend runs count them
        total = sum(Decimal(str(cost)) for cost in costs)
        assert total > 0
        assert f"; spent {total:.2f} USD (" in err
    finally:
        served.close()
