"""Every command's errors through the real entry point (issue 11 §4): one `error: ...` line on
stderr, no traceback, the documented exit status, and never the key.

The hostile server runs on a loop of its own thread, since each command runs its own. `status`
runs as a real subprocess (`python -m aiovideo`); `generate` and `batch` run in-process through
click's runner, where the test settings make retries skip their waits, and an exception that
escaped would show as `result.exception` rather than a `SystemExit`.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from aiohttp import web
from click.testing import CliRunner, Result

import aiovideo
from aiovideo.tools.batch import JOURNAL_NAME
from aiovideo.tools.cli import cli
from tests.conftest import API_KEY
from tests.hostile import ThreadedServer, json_handler

PATH = "/v2/video/generations"
ROOT = Path(__file__).resolve().parents[2]

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@pytest.fixture(name="server")
def fixture_server() -> Iterator[ThreadedServer]:
    with ThreadedServer() as server:
        yield server


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port  # closed again: connecting to it is refused


# The hostile replies: each answers both the submit (POST) and the status check (GET).


async def _unauthorized(request: web.Request) -> web.StreamResponse:
    auth = request.headers.get("Authorization")
    return web.json_response({"message": f"invalid key {auth}", "statusCode": 401}, status=401)


async def _not_found(request: web.Request) -> web.StreamResponse:
    return web.json_response({"message": "Generation not found", "statusCode": 404}, status=404)


async def _html_502(request: web.Request) -> web.StreamResponse:
    auth = request.headers.get("Authorization")
    page = f"<html>\n<head><title>502 Bad Gateway</title></head>\n<body>{auth}</body>\n</html>\n"
    return web.Response(text=page, status=502, content_type="text/html")


async def _not_json(request: web.Request) -> web.StreamResponse:
    auth = request.headers.get("Authorization")
    return web.Response(text=f"all good\nyour {auth}\n", status=200, content_type="text/plain")


def _never_ending(server: ThreadedServer) -> Handler:
    async def handle(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        await response.prepare(request)
        await response.write(b'{"id": "g1", "status": "que')
        await server.released.wait()
        return response

    return handle


CASES: dict[str, Handler | str | None] = {
    "refused": None,
    "unauthorized": _unauthorized,
    "not_found": _not_found,
    "html_502": _html_502,
    "not_json": _not_json,
    "never_ending": "never",
}

# What the one line says, per command (the exit status is 2 for every case: nothing was
# generated, and the fix is the user's: the URL, the key, the id, or asking again later).
STATUS_SAYS = {
    "refused": "cannot connect",
    "unauthorized": "refused the key",
    "not_found": "generation g1 not found",
    "html_502": "HTTP 502",
    "not_json": "cannot be read",
    "never_ending": "gave up after 1 s with no usable answer",
}
GENERATE_SAYS = STATUS_SAYS | {
    "not_found": "HTTP 404: Generation not found",
    "never_ending": "timed out",
}


def _base_url(server: ThreadedServer, case: str) -> str:
    handler = CASES[case]
    if handler is None:
        return f"http://127.0.0.1:{_closed_port()}"
    if handler == "never":
        handler = _never_ending(server)
    assert callable(handler)
    server.route("GET", PATH, handler)
    server.route("POST", PATH, handler)
    return server.url


def _assert_one_error_line(stdout: str, stderr: str, says: str) -> None:
    assert "Traceback" not in stdout + stderr
    assert API_KEY not in stdout + stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: "), stderr
    assert says in lines[0], stderr


def _subprocess(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("AIMLAPI_", "AIML_"))}
    # The checkout under test, not whatever copy of aiovideo the interpreter has installed.
    environ["PYTHONPATH"] = str(ROOT)
    return subprocess.run(  # noqa: S603  (our own interpreter and module)
        [sys.executable, "-m", "aiovideo", *args],
        cwd=ROOT,
        env=environ | env,
        capture_output=True,
        text=True,
        timeout=120,  # a hang guard only: the command ends in seconds
        check=False,
    )


def _invoke(*args: str, **env: str) -> Result:
    result = CliRunner().invoke(cli, list(args), env=env)
    # An exception that escaped the command would have printed a traceback.
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


@pytest.mark.parametrize("case", list(CASES))
def test_status_against_a_hostile_server_says_one_line(server: ThreadedServer, case: str) -> None:
    url = _base_url(server, case)
    # Only the reply that never ends needs a --timeout; the others end once retries are spent.
    limit = ("--timeout", "1") if case == "never_ending" else ()
    done = _subprocess("status", "g1", "--base-url", url, *limit, AIMLAPI_API_KEY=API_KEY)
    assert done.returncode == 2, done.stderr
    _assert_one_error_line(done.stdout, done.stderr, STATUS_SAYS[case])


@pytest.mark.parametrize("case", list(CASES))
def test_generate_against_a_hostile_server_says_one_line(
    server: ThreadedServer, case: str, tmp_path: Path
) -> None:
    url = _base_url(server, case)
    out = tmp_path / "fox.mp4"
    args = ("generate", "a fox", "-m", "google/veo3", "-o", str(out), "--base-url", url)
    result = _invoke(*args, "--timeout", "1", AIMLAPI_API_KEY=API_KEY)
    assert result.exit_code == 2, result.output
    _assert_one_error_line(result.stdout, result.stderr, GENERATE_SAYS[case])
    assert not out.exists()


def test_a_generation_that_fails_exits_1_with_its_id(
    server: ThreadedServer, tmp_path: Path
) -> None:
    server.route("POST", PATH, json_handler({"id": "g1", "status": "queued"}))
    failed = {"id": "g1", "status": "error", "error": {"name": "x", "message": "unsafe prompt"}}
    server.route("GET", PATH, json_handler(failed))
    args = ("generate", "a fox", "-m", "google/veo3", "-o", str(tmp_path / "fox.mp4"))
    result = _invoke(
        *args, "--base-url", server.url, "--poll-interval", "0.05", AIMLAPI_API_KEY=API_KEY
    )
    assert result.exit_code == 1, result.output
    submitted, error = result.stderr.splitlines()
    assert submitted == "submitted g1"
    assert error.startswith("error: generation g1 ended with status 'error'")
    assert "unsafe prompt" in error


def test_status_with_the_emulator_answers_its_own_ids_and_not_found_for_others() -> None:
    own = f"{uuid.uuid4()}:google/veo3"
    result = _invoke("status", own, "--emulator")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == own

    other = _invoke("status", "not-one-of-its-ids", "--emulator")
    assert other.exit_code == 2
    _assert_one_error_line(other.stdout, other.stderr, "generation not-one-of-its-ids not found")


def test_an_id_that_starts_with_a_dash_goes_after_double_dash() -> None:
    nanoid = "-V1StGXR8Z5jdHi6BmyT8"  # PixVerse's ids are 21-character nanoids
    mistaken = _invoke("status", nanoid, "--emulator")
    assert mistaken.exit_code == 2
    _assert_one_error_line(mistaken.stdout, mistaken.stderr, "goes after '--'")
    result = _invoke("status", "--emulator", "--", nanoid)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == nanoid


@pytest.mark.parametrize("command", ["status", "generate", "batch"])
def test_no_key_a_bad_base_url_and_emulator_with_base_url_are_usage_errors(
    command: str, tmp_path: Path
) -> None:
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("a fox\n")
    args = {
        "status": ["status", "g1"],
        "generate": ["generate", "a fox", "-m", "google/veo3", "-o", str(tmp_path / "x.mp4")],
        "batch": ["batch", str(prompts), "-m", "google/veo3", "--out", str(tmp_path / "out")],
    }[command]
    no_key = _invoke(*args)
    assert no_key.exit_code == 2
    _assert_one_error_line(no_key.stdout, no_key.stderr, "no API key")

    bad_url = _invoke(*args, "--base-url", "ftp://example.com", AIMLAPI_API_KEY=API_KEY)
    assert bad_url.exit_code == 2
    _assert_one_error_line(bad_url.stdout, bad_url.stderr, "bad base URL 'ftp://example.com'")

    both = _invoke(*args, "--emulator", "--base-url", "http://127.0.0.1:1")
    assert both.exit_code == 2
    _assert_one_error_line(both.stdout, both.stderr, "--emulator and --base-url")
    assert not (tmp_path / "out").exists()  # the batch made nothing


def test_base_url_overrides_the_environment(server: ThreadedServer) -> None:
    server.route("GET", PATH, json_handler({"id": "g1", "status": "generating"}))
    unreachable = f"http://127.0.0.1:{_closed_port()}"
    env = {"AIMLAPI_API_KEY": API_KEY, "AIMLAPI_BASE_URL": unreachable}
    result = _invoke("status", "g1", "--base-url", server.url, **env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["status"] == "generating"


def test_batch_refused_key_is_one_line_and_exit_2(server: ThreadedServer, tmp_path: Path) -> None:
    server.route("POST", PATH, _unauthorized)
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("a fox\na cat\n")
    args = ("batch", str(prompts), "-m", "google/veo3", "--out", str(tmp_path / "out"))
    result = _invoke(*args, "--base-url", server.url, AIMLAPI_API_KEY=API_KEY)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert API_KEY not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert "refused the key" in errors[0]
    assert server.server.hits[("POST", PATH)] >= 1  # it did go to --base-url


def test_usage_errors_are_one_line_and_exit_2() -> None:
    for args in (
        ["generate", "a fox"],  # no --model
        ["generate", "a fox", "-m", "veo2", "-o", "x.mp4", "--set", "novalue"],
        ["status"],
        ["emulator", "--port", "99999"],
        ["frobnicate"],
    ):
        result = _invoke(*args)
        assert result.exit_code == 2, (args, result.output)
        _assert_one_error_line(result.stdout, result.stderr, "")


def test_emulator_on_a_port_in_use_is_one_line_and_exit_2() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _invoke("emulator", "--port", str(port))
    assert result.exit_code == 2, result.output
    _assert_one_error_line(result.stdout, result.stderr, f"cannot serve on 127.0.0.1:{port}")


def test_help_documents_the_exit_status() -> None:
    for args in ([], ["generate"], ["status"]):
        shown = " ".join(_invoke(*args, "--help").stdout.split())
        assert "Exit status: 0 all succeeded; 1 some generations failed" in shown
        assert "2 bad usage or invalid input" in shown


def test_an_unexpected_error_is_one_line_too(
    server: ThreadedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*_: object) -> None:
        raise RuntimeError(f"a bug, near {API_KEY}")

    monkeypatch.setattr("aiovideo.Client.get", broken)
    result = _invoke("status", "g1", "--base-url", server.url, AIMLAPI_API_KEY=API_KEY)
    assert result.exit_code == 1
    _assert_one_error_line(result.stdout, result.stderr, "unexpected RuntimeError: a bug, near ***")


def test_batch_against_an_unreachable_server_stops_with_one_line_and_exit_2(
    tmp_path: Path,
) -> None:
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("a fox\na cat\na dog\n")
    out = tmp_path / "out"
    unreachable = f"http://127.0.0.1:{_closed_port()}"
    args = ("batch", str(prompts), "-m", "google/veo3", "--out", str(out), "--max-in-flight", "1")
    result = _invoke(*args, "--base-url", unreachable, AIMLAPI_API_KEY=API_KEY)
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert "cannot reach the API" in errors[0]
    assert "Traceback" not in result.output
    records = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    # Nothing was sent: no line failed, each stays pending for a re-run.
    assert [r["status"] for r in records] == ["pending"] * 3
    with aiovideo.Journal(out / JOURNAL_NAME) as journal:
        assert all(entry.state != "submitting" for entry in journal.entries())


def test_server_text_cannot_drive_the_terminal(server: ThreadedServer, tmp_path: Path) -> None:
    """An id and an error from a hostile server are shown escaped, on one line each."""
    evil_id = "\x1b]0;PWNED\x07evil\x1b[2J"
    server.route("POST", PATH, json_handler({"id": evil_id, "status": "queued"}))
    error = {"name": "E", "message": "bad \x1b[31mRED\x1b[0m\n<html>\n</html>"}
    server.route("GET", PATH, json_handler({"id": evil_id, "status": "error", "error": error}))
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("a fox\n")
    args = ("batch", str(prompts), "-m", "google/veo3", "--out", str(tmp_path / "out"))
    result = _invoke(
        *args, "--base-url", server.url, "--poll-interval", "0.05", AIMLAPI_API_KEY=API_KEY
    )
    assert result.exit_code == 1, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b]0;PWNED\\x07evil\\x1b[2J" in result.output
    assert "bad \\x1b[31mRED\\x1b[0m <html> </html>" in result.output
    generate = ("generate", "a fox", "-m", "google/veo3", "-o", str(tmp_path / "x.mp4"))
    again = _invoke(
        *generate, "--base-url", server.url, "--poll-interval", "0.05", AIMLAPI_API_KEY=API_KEY
    )
    assert again.exit_code == 1, again.output
    assert "\x1b" not in again.output


@pytest.mark.parametrize("amount", ["0", "-1", "nan", "inf", "1e1000000", "1_000", "\u0663", "x"])
def test_a_max_spend_that_is_no_plain_amount_is_refused_before_anything(
    tmp_path: Path, amount: str
) -> None:
    # Found by attack: 1e1000000 overflowed inside the run ("a bug in aiovideo", exit 1), and
    # Python's own number reading took `1_000` and other scripts' digits.
    prompts = tmp_path / "p.txt"
    prompts.write_text("a fox\n", encoding="utf-8")
    args = ["batch", str(prompts), "--emulator", "--out", str(tmp_path / "o"), "--max-spend"]
    result = CliRunner().invoke(cli, [*args, amount])
    assert result.exit_code == 2, result.output
    assert "is not a positive amount of USD" in result.output
    assert not (tmp_path / "o").exists()
