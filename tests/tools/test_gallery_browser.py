"""The batch's page in a real browser (headless Chromium through Playwright): every video of a
completed line loads, with the duration its request asked for; every failed line says why.

It needs Debian's `chromium` at /usr/bin/chromium (`.ci/run` installs it) and the `playwright`
package (the `dev` extra); never `playwright install`, which downloads a browser of its own.
Without them the test is skipped, or fails when the `CI` variable is set.
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import aiovideo
from aiovideo.tools.batch import JOURNAL_NAME, Batch, read_lines, run_batch
from tests.conftest import API_KEY, MakeEmulator

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE = "</video><script>alert(1)</script>"
REQUESTS = [
    {"prompt": "a red fox in snow", "duration": 4},
    {"prompt": "waves on black rocks", "duration": 6},
    {"prompt": HOSTILE, "duration": 8},
    {"prompt": "a paper boat", "duration": 4},
    {"prompt": "clouds over a ridge", "duration": 6},
]
# Every video has loaded its metadata, or given up with an error: nothing left to wait for.
SETTLED = """() => [...document.querySelectorAll("article video")]
    .every(video => video.readyState >= 1 || video.error !== null)"""
CARDS = """() => [...document.querySelectorAll("article.card")].map(card => {
    const video = card.querySelector("video");
    const missing = card.querySelector(".missing");
    return {
        line: Number(card.dataset.line),
        status: card.dataset.status,
        prompt: card.querySelector(".prompt").textContent,
        readyState: video ? video.readyState : null,
        duration: video ? video.duration : null,
        videoError: video && video.error ? video.error.code : null,
        missing: missing ? missing.textContent : null,
        visible: card.getBoundingClientRect().height > 0,
    };
})"""


def _browser_or_skip() -> None:
    if not CHROMIUM.exists():
        missing = f"{CHROMIUM} is missing (apt-get install chromium)"
    elif importlib.util.find_spec("playwright") is None:
        missing = "the playwright package is missing (pip install -e '.[dev]')"
    else:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser test: {missing}")
    pytest.skip(missing)


async def test_the_page_plays_every_video_and_shows_every_failure(
    make_emulator: MakeEmulator,
    tmp_path: Path,
    record_property: Callable[[str, object], None],
) -> None:
    _browser_or_skip()
    from playwright.async_api import async_playwright

    emu = await make_emulator()
    emu.script(prompt="waves", fail="the model refused <the> prompt")  # markup, as text
    emu.script(prompt="paper boat", fail="content policy")
    prompts = tmp_path / "requests.jsonl"
    prompts.write_text("".join(json.dumps(r) + "\n" for r in REQUESTS), encoding="utf-8")
    out = tmp_path / "out"
    lines = read_lines(prompts, model="google/veo3")
    with aiovideo.Journal(out / JOURNAL_NAME) as journal:
        async with aiovideo.Client(API_KEY, emu.base_url, poll_interval=0.05) as client:
            outcomes = await run_batch(Batch(client, journal, out, lambda *_: None), lines)
    statuses = [outcome.status for outcome in outcomes]
    assert statuses == ["completed", "failed", "completed", "failed", "completed"], statuses

    screenshot = tmp_path / "gallery.png"
    dialogs: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = await browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("dialog", lambda dialog: dialogs.append(dialog.message))
            await page.goto((out / "index.html").as_uri())
            await page.wait_for_function(SETTLED, timeout=15_000)
            cards: list[dict[str, Any]] = await page.evaluate(CARDS)
            scripts = await page.evaluate("() => document.querySelectorAll('script').length")
            await page.screenshot(path=screenshot, full_page=True)
        finally:
            await browser.close()
    print(f"screenshot of the page: {screenshot}")
    record_property("screenshot", str(screenshot))

    assert [card["line"] for card in cards] == [line.number for line in lines]
    for card, outcome, request in zip(cards, outcomes, REQUESTS, strict=True):
        assert card["status"] == outcome.status
        assert card["visible"]
        assert card["prompt"] == request["prompt"]  # as text, whatever it holds
        if outcome.status == "completed":
            assert card["videoError"] is None, card
            assert card["readyState"] >= 1, card  # HAVE_METADATA
            assert abs(card["duration"] - request["duration"]) <= 0.25, card
        else:
            assert outcome.status == "failed"
            assert outcome.error
            assert card["readyState"] is None
            assert outcome.error in card["missing"], card
    assert scripts == 0
    assert dialogs == []
