"""`aiovideo batch`: endings that are not final stay recoverable; messages a person can act on.

Through the entry point (click's runner, or a process) against an emulator process or a small
hostile server.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import anyio
from aiohttp import web

from aiovideo.tools.journal import SUBMITTING
from tests.core.test_hostile_download import HTML, MP4
from tests.hostile import HostileServer
from tests.tools.test_batch import (
    Served,
    _batch,
    _manifest,
    fixture_served,  # noqa: F401  (the `served` fixture)
)

MODEL = ("--model", "google/veo3")


# 6. Failures that are not final stay recoverable.


def test_a_404_blip_is_tracked_again_and_never_paid_for_twice(tmp_path: Path) -> None:
    # Each id answers 404 to its first 6 polls. The first run gives up on 404s after 0.3 s,
    # that is after at most 3 polls 0.2 s apart; the second run waits them out.
    served = Served("--min-seconds", "0.2", "--max-seconds", "0.4", "--not-found-polls", "6")
    try:
        prompts = tmp_path / "prompts.txt"
        prompts.write_text("a red fox\n", encoding="utf-8")
        out = tmp_path / "out"
        first = _batch(prompts, out, *MODEL, "--not-found-window", "0.3", env=served.env)
        assert first.exit_code == 1, first.output
        (record,) = _manifest(out)
        assert record["status"] == "not_found"
        assert "re-run" in record["error"]
        generation_id = record["generation_id"]
        assert generation_id

        # --retry-failed sends again only what the server said failed: this line is tracked.
        again = _batch(prompts, out, *MODEL, "--retry-failed", env=served.env)
        assert again.exit_code == 0, again.output
        (record,) = _manifest(out)
        assert (record["status"], record["generation_id"]) == ("completed", generation_id)
        assert record["resumed"] is True
        assert record["error"] is None
        assert served.stats().get("submits", 0) == 1
    finally:
        served.close()


def test_a_timed_out_line_is_not_sent_again_by_retry_failed(tmp_path: Path) -> None:
    served = Served("--min-seconds", "30", "--max-seconds", "40")
    try:
        prompts = tmp_path / "prompts.txt"
        prompts.write_text("a red fox\n", encoding="utf-8")
        out = tmp_path / "out"
        first = _batch(prompts, out, *MODEL, "--timeout", "0.3", env=served.env)
        assert first.exit_code == 1, first.output
        assert [r["status"] for r in _manifest(out)] == ["timed_out"]
        again = _batch(prompts, out, *MODEL, "--timeout", "0.3", "--retry-failed", env=served.env)
        assert again.exit_code == 1, again.output
        (record,) = _manifest(out)
        assert (record["status"], record["resumed"]) == ("timed_out", True)
        assert served.stats().get("submits", 0) == 1
    finally:
        served.close()


async def test_hostile_downloads_fail_their_own_lines_only(tmp_path: Path) -> None:
    finished = asyncio.Event()

    async def submit(request: web.Request) -> web.StreamResponse:
        body = await request.json()
        return web.json_response({"id": f"gen-{body['prompt']}", "status": "queued"})

    async def huge(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "video/mp4"})
        response.content_length = 3 * 2**30  # past the 2 GiB limit
        await response.prepare(request)
        await response.write(MP4[:1024])
        await finished.wait()  # never more; the client must hang up first
        return response

    async with HostileServer() as server:
        urls = {
            "good": f"{server.url}/good.mp4",
            "scheme": "file:///etc/passwd",
            "huge": f"{server.url}/huge.mp4",
            "html": f"{server.url}/page.mp4",
        }

        async def status(request: web.Request) -> web.StreamResponse:
            gid = request.query["generation_id"]
            video = {"url": urls[gid.removeprefix("gen-")]}
            return web.json_response({"id": gid, "status": "completed", "video": video})

        async def serve(data: bytes, kind: str) -> web.StreamResponse:
            return web.Response(body=data, content_type=kind)

        server.route("POST", "/v2/video/generations", submit)
        server.route("GET", "/v2/video/generations", status)
        server.route("GET", "/good.mp4", lambda _: serve(MP4, "video/mp4"))
        server.route("GET", "/page.mp4", lambda _: serve(HTML, "text/html"))
        server.route("GET", "/huge.mp4", huge)
        prompts = tmp_path / "prompts.txt"
        prompts.write_text("good\nscheme\nhuge\nhtml\n", encoding="utf-8")
        out = tmp_path / "out"
        env = {**os.environ, "AIMLAPI_BASE_URL": server.url, "AIMLAPI_API_KEY": "sk-hostile"}
        argv = ["-m", "aiovideo", "batch", str(prompts), "--out", str(out), "--model", "x/y"]
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            *argv,
            "--poll-interval",
            "0.05",
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            with anyio.fail_after(60):
                stdout, stderr = await proc.communicate()
        finally:
            finished.set()
    err = stderr.decode()
    assert proc.returncode == 1, err
    assert "Traceback" not in err + stdout.decode()
    records = _manifest(out)
    assert [r["status"] for r in records] == ["completed", "failed", "failed", "failed"]
    assert (out / records[0]["path"]).read_bytes() == MP4
    scheme, huge_, html = (r["error"] for r in records[1:])
    assert "file:///etc/passwd" in scheme
    assert "max_bytes" in huge_
    assert "signature" in html
    assert [p.name for p in out.glob("*.mp4")] == [Path(records[0]["path"]).name]


# 7. Messages a person can act on.


def test_a_missing_model_is_said_once(tmp_path: Path) -> None:
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("one\ntwo\nthree\nfour\n", encoding="utf-8")
    result = _batch(prompts, tmp_path / "out")
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.output
    assert "--model" in errors[0]
    assert "nothing was submitted" in result.output


def test_a_field_bad_for_many_lines_is_said_once(tmp_path: Path) -> None:
    prompts = tmp_path / "requests.jsonl"
    rows = [{"prompt": "one"}, {"prompt": "two"}, {"prompt": "three", "model": "google/veo2"}]
    prompts.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    result = _batch(prompts, tmp_path / "out", *MODEL, "--set", "duration=5")
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    # veo3 takes 4, 6 or 8 (lines 1 and 2: one message); veo2 takes 5 (line 3 is fine).
    assert len(errors) == 1, result.output
    assert "requests.jsonl:1-2:" in errors[0]
    assert "duration" in errors[0]


def test_a_failed_line_is_named_by_its_number_and_prompt(tmp_path: Path) -> None:
    served = Served("--min-seconds", "0.2", "--max-seconds", "0.3", "--failure-rate", "1")
    try:
        prompts = tmp_path / "prompts.txt"
        prompts.write_text(
            "# a comment\nA red fox running through deep snow at dawn\n", encoding="utf-8"
        )
        result = _batch(prompts, tmp_path / "out", *MODEL, env=served.env)
        assert result.exit_code == 1
        assert "line 2 ('A red fox running through deep'): failed" in result.output
        assert "copy-1" not in result.output
    finally:
        served.close()


def test_held_lines_and_warnings_name_the_line_not_the_key(
    tmp_path: Path, served: Served
) -> None:
    # A run killed between its claim and its POST's reply left line 2's row `submitting`.
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("a paper boat\na red fox in snow\n", encoding="utf-8")
    out = tmp_path / "out"
    first = _batch(prompts, out, *MODEL, env=served.env)
    assert first.exit_code == 0, first.output
    with sqlite3.connect(out / ".aiovideo-journal.sqlite") as db:
        db.execute(
            "UPDATE entries SET state = ?, generation_id = NULL, owner = NULL, "
            "lease_until = NULL, client_request_id = 'aiovideo-lost' "
            "WHERE prompt = 'a red fox in snow'",
            (SUBMITTING,),
        )
    db.close()
    held = _batch(prompts, out, *MODEL, env=served.env)  # not in the usage logs: held
    assert held.exit_code == 1, held.output
    assert "line 2 ('a red fox in snow'): held" in held.output
    resent = _batch(prompts, out, *MODEL, "--resend-unsettled", env=served.env)
    assert resent.exit_code == 0, resent.output
    assert "warning: journal" in resent.output  # the library's warning, on stderr
    assert "earlier submit of line 2 ('a red fox in snow')" in resent.output
    assert "copy-1" not in held.output + resent.output


def test_a_huge_line_and_bytes_that_are_not_utf8_are_input_errors(tmp_path: Path) -> None:
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("a fox\n" + "x" * 200_000 + "\n", encoding="utf-8")
    result = _batch(prompts, tmp_path / "out", *MODEL)
    assert result.exit_code == 2
    assert "prompts.txt:2: 200,000 characters: a line takes at most 100,000" in result.output
    prompts.write_bytes(b"a fox\na cat\nan \xff owl\n")
    result = _batch(prompts, tmp_path / "out", *MODEL)
    assert result.exit_code == 2
    assert "prompts.txt:3: not UTF-8 text" in result.output
    assert not (tmp_path / "out").exists()  # nothing was sent, nothing written
