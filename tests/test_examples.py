"""Every example of examples/ runs against the testing kit's Emulator: a broken one fails here.

The scripts run as their docstrings say (`python examples/NAME.py --emulator`, in a
subprocess); the web apps are served in-process (aiohttp's TestServer, uvicorn on 127.0.0.1)
and driven over HTTP; the bot's logic is driven without Telegram, and its aiogram wiring with a
Bot whose session answers in place of Telegram.
"""

from __future__ import annotations

import ast
import asyncio
import io
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

import aiohttp
import anyio
import bulk
import pytest
import telegram_bot
import uvicorn
import video_service
import web_aiohttp
import web_fastapi
from aiogram import Bot, Dispatcher
from aiogram.client.session.base import BaseSession
from aiogram.methods import SendVideo, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import BufferedInputFile, Chat, Message, Update, User
from aiohttp.test_utils import TestServer
from rich.console import Console

import aiovideo
from aiovideo.testing import Emulator

EXAMPLES = Path(__file__).parent.parent / "examples"
SCRIPTS = ["quickstart.py", "bulk.py", "web_aiohttp.py", "web_fastapi.py", "telegram_bot.py"]
KLING = "kling-video/v1.6/standard/text-to-video"  # its ids carry the model: `uuid:kling-video/...`


def _is_mp4(data: bytes) -> bool:
    return data[4:8] == b"ftyp"


def _from_queued_to_completed(statuses: list[str]) -> bool:
    """Each status once, in the order they come (a loaded machine may miss `generating`)."""
    order = ["queued", "generating", "completed"]
    return (
        statuses[0] == "queued"
        and statuses[-1] == "completed"
        and (statuses == sorted(set(statuses), key=order.index))
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
            [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else []
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
    changes = [line.split() for line in done.stdout.splitlines() if line.startswith("  ")]
    assert _from_queued_to_completed([change[0] for change in changes])
    # Each status change with its cost, as the README says (the submit reply states it).
    assert all(change[1:] == ["(0.03", "USD)"] for change in changes), changes
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
    assert "10/10 videos, 0.60 USD spent (1,200,000 credits)" in done.stdout  # exact
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
    assert "2/3 videos, 0.12 USD spent" in summary  # a failure costs nothing


# The web apps: one set of tests, each run against both of them.


class App:
    """A web example served on 127.0.0.1, started and stopped as its server does it."""

    url: str

    async def start(self) -> None:
        raise NotImplementedError

    async def stop(self) -> None:
        raise NotImplementedError


class AiohttpApp(App):
    def __init__(self, journal: Path, emu: Emulator) -> None:
        self.server = TestServer(web_aiohttp.create_app(journal, emu.client))

    async def start(self) -> None:
        await self.server.start_server()
        self.url = str(self.server.make_url("")).rstrip("/")

    async def stop(self) -> None:
        await self.server.close()  # on_shutdown, handlers awaited, then cleanup_ctx


class FastAPIApp(App):
    def __init__(self, journal: Path, emu: Emulator) -> None:
        app = web_fastapi.create_app(journal, emu.client)
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        # Listening before uvicorn starts: a first request waits in the backlog until it does.
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self.task = asyncio.create_task(self.server.serve(sockets=[sock]))

    async def stop(self) -> None:
        # What uvicorn's SIGTERM handler does, less the process-wide flag that sse-starlette's
        # patch of it also sets and nothing resets (later tests' streams would end at once):
        # sse-starlette also finds the server through its signal handler, and sees this.
        self.server.should_exit = True
        if self.task is not None:
            await self.task


StartApp = Callable[[Path], Awaitable[App]]


@pytest.fixture(name="start_app", params=["aiohttp", "fastapi"])
async def fixture_start_app(
    request: pytest.FixtureRequest, aiovideo_emulator: Emulator
) -> AsyncIterator[StartApp]:
    started: list[App] = []

    async def start(journal: Path) -> App:
        kind = AiohttpApp if request.param == "aiohttp" else FastAPIApp
        app = kind(journal, aiovideo_emulator)
        await app.start()
        started.append(app)
        return app

    yield start
    for app in started:
        with anyio.fail_after(30):
            await app.stop()  # a second stop does nothing


@pytest.fixture(name="http")
async def fixture_http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def _follow(
    http: aiohttp.ClientSession, url: str, opened: asyncio.Event | None = None
) -> list[dict[str, Any]]:
    """The `status` events of a stream, to its end; a stream cut off raises."""
    events = []
    async with http.get(url) as response:
        assert response.status == 200
        assert response.content_type == "text/event-stream"
        event = None
        async for line in response.content:
            text = line.decode().rstrip("\r\n")
            if text.startswith("event: "):
                event = text.removeprefix("event: ")
            elif text.startswith("data: "):
                assert event == "status"
                events.append(json.loads(text.removeprefix("data: ")))
                if opened is not None:
                    opened.set()
    return events


async def _post(http: aiohttp.ClientSession, app: App, **body: Any) -> dict[str, Any]:
    async with http.post(f"{app.url}/videos", json=body) as response:
        assert response.status == 202, await response.text()
        video: dict[str, Any] = await response.json()
        assert response.headers["Location"] in (
            f"/videos/{video['id']}",
            f"/videos/{quote(video['id'], safe='/')}",
        )
        return video


async def _get(http: aiohttp.ClientSession, url: str, status: int = 200) -> dict[str, Any]:
    async with http.get(url) as response:
        assert response.status == status, await response.text()
        answer: dict[str, Any] = await response.json()
        return answer


async def test_a_video_from_post_to_its_last_event(
    start_app: StartApp, http: aiohttp.ClientSession, tmp_path: Path
) -> None:
    app = await start_app(tmp_path / "journal.sqlite")
    with anyio.fail_after(20):
        video = await _post(http, app, model=KLING, prompt="a red fox in snow", duration=5)
        generation_id = video["id"]
        assert "/" in generation_id and ":" in generation_id  # `uuid:kling-video/v1.6/...`
        assert video["status"] == "queued"
        # The id as it is, and quoted whole (`%2F`, `%3A`): both reach the same generation.
        for path in (generation_id, quote(generation_id, safe="")):
            assert (await _get(http, f"{app.url}/videos/{path}"))["id"] == generation_id
        events = await _follow(http, f"{app.url}/videos/{generation_id}/events")
        final = await _get(http, f"{app.url}/videos/{generation_id}")
    assert _from_queued_to_completed([event["status"] for event in events])
    assert {event["id"] for event in events} == {generation_id}
    assert events[-1]["video_url"].startswith("http://127.0.0.1:")
    assert final == events[-1]  # a finished generation, answered from the journal


async def test_errors_are_json_and_a_key_is_paid_once(
    start_app: StartApp,
    http: aiohttp.ClientSession,
    tmp_path: Path,
    aiovideo_emulator: Emulator,
) -> None:
    app = await start_app(tmp_path / "journal.sqlite")
    with anyio.fail_after(20):
        for path in ("nope", "-starts-with-a-dash", "uuid:kling-video/v1.6/x", "x/events"):
            missing = await _get(http, f"{app.url}/videos/{path}", status=404)
            assert "was submitted here" in missing["error"]
        typo = {"model": "google/veo3", "prompt": "x", "duraton": 4}
        async with http.post(f"{app.url}/videos", json=typo) as response:
            assert response.status == 400
            assert "did you mean 'duration'?" in (await response.json())["error"]
        body = {"model": "google/veo3", "prompt": "a fox"}
        headers = {"Idempotency-Key": "order-17"}
        ids = []
        for _ in range(2):
            async with http.post(f"{app.url}/videos", json=body, headers=headers) as response:
                assert response.status == 202
                ids.append((await response.json())["id"])
        other = {"model": "google/veo3", "prompt": "a wolf"}  # the same key, another body
        async with http.post(f"{app.url}/videos", json=other, headers=headers) as response:
            assert response.status == 422
            assert "used for another request" in (await response.json())["error"]
    assert ids[0] == ids[1]
    assert aiovideo_emulator.stats["submits"] == 1


async def test_after_a_restart_the_ids_handed_out_answer_again(
    start_app: StartApp,
    http: aiohttp.ClientSession,
    tmp_path: Path,
    aiovideo_emulator: Emulator,
) -> None:
    journal = tmp_path / "journal.sqlite"
    aiovideo_emulator.script(prompt="slow", seconds=1.0)
    first = await start_app(journal)
    with anyio.fail_after(20):
        done = await _post(http, first, model="google/veo3", prompt="a quick fox")
        await _follow(http, f"{first.url}/videos/{done['id']}/events")
        pending = await _post(http, first, model=KLING, prompt="a slow fox")
        await first.stop()  # the slow one is still generating: its id stays in the journal
        again = await start_app(journal)
        answer = await _get(http, f"{again.url}/videos/{pending['id']}")
        events = await _follow(http, f"{again.url}/videos/{pending['id']}/events")
        finished = await _get(http, f"{again.url}/videos/{done['id']}")
    assert answer["id"] == pending["id"]
    assert events[-1]["status"] == "completed"
    assert events[-1]["video_url"]
    assert finished["status"] == "completed"
    assert finished["video_url"]
    assert aiovideo_emulator.stats["submits"] == 2  # tracked again, never sent again


async def test_shutdown_ends_50_open_event_streams(
    start_app: StartApp,
    http: aiohttp.ClientSession,
    tmp_path: Path,
    aiovideo_emulator: Emulator,
    request: pytest.FixtureRequest,
) -> None:
    journal = tmp_path / "journal.sqlite"
    aiovideo_emulator.script(prompt="slow", seconds=600)
    app = await start_app(journal)
    with anyio.fail_after(20):
        videos = [await _post(http, app, model="google/veo3", prompt=f"slow {n}") for n in range(5)]
        opened = [asyncio.Event() for _ in range(50)]
        streams = [
            asyncio.create_task(
                _follow(http, f"{app.url}/videos/{videos[n % 5]['id']}/events", opened[n])
            )
            for n in range(50)
        ]
        for event in opened:  # every stream has its first event: all 50 are open
            await event.wait()
    assert not any(stream.done() for stream in streams)
    started = time.perf_counter()
    with anyio.fail_after(30):  # generous: a hang fails here, the time itself is only shown
        await app.stop()
        ended = await asyncio.gather(*streams)  # a stream cut off would raise here
    seconds = time.perf_counter() - started
    print(f"\n{request.node.callspec.id}: shutdown with 50 open event streams took {seconds:.2f} s")
    assert all(events and events[-1]["status"] == "queued" for events in ended)
    with aiovideo.Journal(journal) as rows:  # the generations go on: their ids are kept
        assert {entry.generation_id for entry in rows.pending()} == {v["id"] for v in videos}


def test_the_web_command_line_serves_with_the_emulator_or_the_api(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    served: list[tuple[video_service.Journal, int, str]] = []

    def serve(
        journal: video_service.Journal,
        port: int,
        make_client: Callable[[], aiovideo.Client],
        lease: float,
    ) -> None:
        assert lease == video_service.LEASE

        async def one_video() -> str:
            with anyio.fail_after(20):
                async with make_client() as client:
                    return (await client.generate(model="google/veo3", prompt="a fox")).url

        url = asyncio.run(one_video()) if make_client is not aiovideo.Client else "real API"
        served.append((journal, port, url))

    journal = tmp_path / "j.sqlite"
    monkeypatch.setattr(sys, "argv", ["web", "--emulator", "--journal", str(journal)])
    video_service.command_line(serve, port=8080)
    monkeypatch.setattr(sys, "argv", ["web", "--port", "9"])
    video_service.command_line(serve, port=8080)
    (journal_used, port, url), real = served
    assert (journal_used, port) == (str(journal), 8080)  # a path or a URL, passed on as given
    assert url.startswith("http://127.0.0.1:")  # the emulator's file server
    assert real == ("videos.sqlite", 9, "real API")


# The Telegram bot.


class FakeChat:
    """A `telegram_bot.Chat` that writes down what the bot says."""

    def __init__(self) -> None:
        self.said: list[tuple[str, str]] = []
        self.videos: list[bytes] = []

    async def reply(self, text: str) -> None:
        self.said.append(("reply", text))

    async def edit(self, text: str) -> None:
        self.said.append(("edit", text))

    async def send_video(self, video: bytes, filename: str) -> None:
        assert filename.endswith(".mp4")
        self.videos.append(video)


async def test_the_bot_serves_20_users_at_once_with_one_client(
    aiovideo_emulator: Emulator,
) -> None:
    chats = [FakeChat() for _ in range(20)]
    with anyio.fail_after(20):
        async with aiovideo_emulator.client() as client:
            await asyncio.gather(
                *(telegram_bot.make_video(client, f"fox {n}", chat) for n, chat in enumerate(chats))
            )
    for chat in chats:
        assert chat.said[0] == ("reply", "queued")
        edits = [text for kind, text in chat.said[1:] if kind == "edit"]
        assert len(edits) == len(chat.said) - 1  # then only edits of that one answer
        assert _from_queued_to_completed(["queued", *edits])
        assert len(chat.videos) == 1
        assert _is_mp4(chat.videos[0])
    assert aiovideo_emulator.stats["submits"] == 20


async def test_the_bot_says_clearly_when_a_video_fails(aiovideo_emulator: Emulator) -> None:
    aiovideo_emulator.script(prompt="forbidden", fail="content policy: no forbidden foxes")
    chat = FakeChat()
    with anyio.fail_after(20):
        async with aiovideo_emulator.client() as client:
            await telegram_bot.make_video(client, "a forbidden fox", chat)
    assert chat.said[0] == ("reply", "queued")
    kind, text = chat.said[-1]
    assert kind == "edit"
    assert text.startswith("Sorry, that video failed: ")
    assert text.endswith("content policy: no forbidden foxes")
    assert not chat.videos


class TelegramStandIn(BaseSession):
    """A Bot session that answers every Bot API call itself and writes it down."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[TelegramMethod[Any]] = []

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> TelegramType:
        self.calls.append(method)
        chat = Chat(id=7, type="private")
        sent = Message(message_id=len(self.calls), date=datetime.now(UTC), chat=chat)
        return cast(TelegramType, sent.as_(bot))  # every call here returns a Message

    async def close(self) -> None:
        pass

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        raise NotImplementedError("the bot downloads nothing from Telegram")
        yield b""  # pragma: no cover


async def test_the_aiogram_handler_answers_edits_and_sends(aiovideo_emulator: Emulator) -> None:
    session = TelegramStandIn()
    bot = Bot("42:TEST", session=session)
    dispatcher = Dispatcher()
    dispatcher.include_router(telegram_bot.router)
    user = User(id=7, is_bot=False, first_name="Ann")

    def command(text: str) -> Update:
        chat = Chat(id=7, type="private")
        date = datetime.now(UTC)
        message = Message(message_id=1, date=date, chat=chat, from_user=user, text=text)
        return Update(update_id=1, message=message)

    with anyio.fail_after(20):
        async with aiovideo_emulator.client() as client:
            await dispatcher.feed_update(bot, command("/video a red fox"), client=client)
            await dispatcher.feed_update(bot, command("/video"), client=client)
    calls = [(type(call).__name__, str(getattr(call, "text", ""))) for call in session.calls]
    assert calls[0] == ("SendMessage", "queued")  # a reply to the user's message
    edits = [text for name, text in calls[1:-2] if name == "EditMessageText"]
    assert len(edits) == len(calls) - 3  # then only edits of that reply
    assert _from_queued_to_completed(["queued", *edits])
    assert calls[-2][0] == "SendVideo"
    video = cast(SendVideo, session.calls[-2]).video
    assert isinstance(video, BufferedInputFile)
    assert _is_mp4(video.data)
    name, hint = calls[-1]  # a bare /video: how to use it
    assert name == "SendMessage"
    assert "/video a red fox" in hint
