"""A Telegram bot (aiogram 3): `/video <prompt>` answers "queued", edits that answer as the
status changes, then sends the video, straight from memory.

Run it with a bot token from @BotFather, against the local emulator (nothing billed):

    TELEGRAM_BOT_TOKEN=123456:ABC... python examples/telegram_bot.py --emulator

Without `--emulator` it calls the real API with the key in AIMLAPI_API_KEY (and is billed).
Every chat shares the bot's one Client. `make_video` knows nothing of Telegram (it talks to
a `Chat`), so the tests drive it against the emulator without Telegram.
"""

from __future__ import annotations

import asyncio
import functools
import os
import sys
from collections.abc import Callable
from typing import Protocol

from aiogram import Bot, Dispatcher, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message

import aiovideo
from aiovideo.testing import Emulator

MODEL = "google/veo3"
MAX_UPLOAD = 50_000_000  # the largest file a bot may send through the Bot API


class Chat(Protocol):
    """Where `make_video` talks: the user's chat."""

    async def reply(self, text: str) -> None:
        """Answer the user's message."""

    async def edit(self, text: str) -> None:
        """Change the text of that answer."""

    async def send_video(self, video: bytes, filename: str) -> None:
        """Send a video file."""


async def make_video(client: aiovideo.Client, prompt: str, chat: Chat) -> None:
    """Generate a video for `prompt` and send it to `chat`, saying how it goes."""
    shown = "queued"
    await chat.reply(shown)  # at once, before the submit: the user knows it was heard
    try:
        job = await client.submit(model=MODEL, prompt=prompt)
        async for update in job.updates():  # one snapshot per status change
            if update.status != shown:  # Telegram refuses an edit that changes nothing
                shown = update.status
                await chat.edit(shown)
        video = await job
        data = await video.read(max_bytes=MAX_UPLOAD)  # in memory: no file to clean up
    except aiovideo.GenerationFailedError as exc:  # the server said no (e.g. its policy)
        await chat.edit(f"Sorry, that video failed: {exc.error or exc.status}")
        return
    except aiovideo.AiovideoError as exc:  # refused before sending, the API unreachable...
        await chat.edit(f"Sorry, that did not work: {exc}")
        return
    await chat.send_video(data, "video.mp4")


class TelegramChat:
    """A `Chat` over aiogram: answers a message, then edits that answer."""

    def __init__(self, message: Message) -> None:
        self.message = message
        self.answer: Message | None = None

    async def reply(self, text: str) -> None:
        self.answer = await self.message.reply(text)

    async def edit(self, text: str) -> None:
        assert self.answer is not None, "reply first"
        await self.answer.edit_text(text)

    async def send_video(self, video: bytes, filename: str) -> None:
        await self.message.reply_video(BufferedInputFile(video, filename=filename))


router = Router()


@router.message(Command("video"))
async def on_video(message: Message, command: CommandObject, client: aiovideo.Client) -> None:
    # `client` is the Dispatcher's workflow data (below): the same Client in every chat.
    if not command.args:
        await message.reply("Say what to film: /video a red fox trotting through snow")
        return
    await make_video(client, command.args, TelegramChat(message))


async def main(make_client: Callable[[], aiovideo.Client] = aiovideo.Client) -> None:
    token = os.environ.get("TELEGRAM_BOT_TOKEN")
    if not token:
        raise SystemExit("set TELEGRAM_BOT_TOKEN to the token @BotFather gave your bot")
    bot = Bot(token)
    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    # One Client for the bot's life, shared by every chat: one scheduler polls every pending
    # generation under one request budget (not a poller per user). Updates are handled as
    # tasks of their own, so users wait for their videos side by side.
    async with make_client() as client:
        await dispatcher.start_polling(bot, client=client)


if __name__ == "__main__":
    if "--emulator" in sys.argv:
        with Emulator(seconds=5) as emu:  # a local stand-in for the API, in a thread
            asyncio.run(main(functools.partial(emu.client, poll_interval=0.5)))
    else:
        asyncio.run(main())
