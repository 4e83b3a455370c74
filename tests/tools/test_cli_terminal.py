"""What the CLI prints never drives the terminal (issue 18, 14): library log records and batch
notes carry a server's text, and go through the same escaping as every other line."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web
from click.testing import CliRunner, Result

from aiovideo.tools.batch import JOURNAL_NAME
from aiovideo.tools.cli import cli
from tests.conftest import API_KEY
from tests.hostile import ThreadedServer, json_handler

PATH = "/v2/video/generations"
HOSTILE = "\x1b]0;pwned\x07\x1b[2J\u202eevil"


@pytest.fixture(name="server")
def fixture_server() -> Iterator[ThreadedServer]:
    with ThreadedServer() as server:
        yield server


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"AIMLAPI_API_KEY": API_KEY})


def _assert_inert(text: str) -> None:
    assert "\x1b" not in text
    assert "\x07" not in text
    assert "\u202e" not in text


def test_a_library_warning_with_a_servers_text_is_escaped(
    server: ThreadedServer, tmp_path: Path
) -> None:
    # A submit reply with a readable id and an unreadable status: the library warns, naming it.
    gid = "g" + HOSTILE
    server.route("POST", PATH, json_handler({"id": gid, "status": 42}))
    server.route("GET", PATH, json_handler({"id": gid, "status": "failed", "error": "no"}))
    out = str(tmp_path / "fox.mp4")
    result = _invoke(
        "generate", "a fox", "-m", "google/veo3", "-o", out, "--base-url", server.url,
        "--poll-interval", "0.05",
    )  # fmt: skip
    assert "warning: generation g" in result.stderr
    assert "\\x1b" in result.stderr  # shown, escaped
    _assert_inert(result.stderr)


def test_a_batch_note_with_a_servers_text_is_escaped(
    server: ThreadedServer, tmp_path: Path
) -> None:
    async def cut(request: web.Request) -> web.StreamResponse:
        assert request.transport is not None
        request.transport.abort()  # received, maybe billed, never answered: left unsettled
        return web.Response()

    prompts = tmp_path / "prompts.txt"
    prompts.write_text("a fox\n", encoding="utf-8")
    args = ("batch", str(prompts), "-m", "google/veo3", "--out", str(tmp_path / "out"))
    server.route("POST", PATH, cut)
    _invoke(*args, "--base-url", server.url)
    with sqlite3.connect(tmp_path / "out" / JOURNAL_NAME) as db:
        # As if that run's process had ended: its claim is over (here it is this process).
        assert db.execute("UPDATE entries SET lease_until = 0 WHERE state = 'submitting'").rowcount
    server.route("GET", "/v2/logs", json_handler({"message": HOSTILE}, status=400))
    result = _invoke(*args, "--base-url", server.url)
    assert "cannot read the usage logs" in result.stderr
    _assert_inert(result.stderr)
