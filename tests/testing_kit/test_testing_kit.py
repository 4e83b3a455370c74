"""`aiovideo.testing`: the public emulator, its scripted outcomes, and the pytest fixture."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

import aiovideo
from aiovideo.testing import TEST_API_KEY, Emulator

pytest_plugins = ["pytester"]


async def test_a_generation_start_to_file_with_the_defaults(tmp_path: Path) -> None:
    async with Emulator() as emu, emu.client() as client:
        assert emu.api_key == TEST_API_KEY
        assert emu.url.startswith("http://127.0.0.1:")
        job = await client.submit(model="google/veo3", prompt="a fox", duration=4)
        video = await job.wait(timeout=10)
        path = await video.download(tmp_path / "fox.mp4")
    assert path.read_bytes()[4:8] == b"ftyp"
    # Checked from the first moment, every 20 ms: a handful of checks, not one per 10 s.
    assert 1 <= emu.stats["polls"] <= 60


async def test_a_script_fails_the_generations_whose_prompt_it_names() -> None:
    async with Emulator() as emu, emu.client() as client:
        emu.script(prompt="forbidden", fail="content policy: no")
        bad = await client.submit(model="google/veo3", prompt="a forbidden fox")
        good = await client.submit(model="google/veo3", prompt="a fox")
        with pytest.raises(aiovideo.GenerationFailedError, match="content policy: no"):
            await bad.wait(timeout=10)
        await good.wait(timeout=10)


async def test_a_script_by_model_and_times() -> None:
    async with Emulator() as emu, emu.client() as client:
        emu.script(model="veo2", fail="veo2 is down", times=1)
        first = await client.submit(model="veo2", prompt="a fox")
        second = await client.submit(model="veo2", prompt="a fox")
        other = await client.submit(model="google/veo3", prompt="a fox")
        with pytest.raises(aiovideo.GenerationFailedError, match="veo2 is down"):
            await first.wait(timeout=10)
        await second.wait(timeout=10)
        await other.wait(timeout=10)


async def test_a_script_of_404s_and_429s_the_client_rides_out() -> None:
    async with Emulator() as emu, emu.client() as client:
        emu.script(prompt="lagging", not_found=2)
        emu.script(prompt="busy", rate_limited=1)
        lagging = await client.submit(model="google/veo3", prompt="a lagging fox")
        busy = await client.submit(model="google/veo3", prompt="a busy fox")  # retried past 429
        await lagging.wait(timeout=10)
        await busy.wait(timeout=10)
    assert emu.stats["http_404"] == 2
    assert emu.stats["http_429"] == 1
    assert emu.stats["submits"] == 2


async def test_a_script_takes_a_given_time(tmp_path: Path) -> None:
    async with Emulator(seconds=0.05) as emu, emu.client() as client:
        emu.script(prompt="slow", seconds=30)
        slow = await client.submit(model="google/veo3", prompt="a slow fox")
        quick = await client.submit(model="google/veo3", prompt="a quick fox")
        await quick.wait(timeout=10)
        assert not slow.done()
        assert slow.status in ("queued", "generating")


@pytest.mark.parametrize("download", ["cut", "slow"])
async def test_a_scripted_download_is_cut_or_slow(download: str, tmp_path: Path) -> None:
    async with Emulator() as emu, emu.client() as client:
        emu.script(download=download)
        video = await client.generate(model="google/veo3", prompt="a fox", timeout=10)
        path = await video.download(tmp_path / "fox.mp4")
    assert path.read_bytes()[4:8] == b"ftyp"
    if download == "cut":
        assert emu.stats["ranged_files"] == 1  # resumed where it was cut
    else:
        assert emu.stats["slow_downloads"] == 1


async def test_an_unknown_model_fails_the_users_test() -> None:
    async with Emulator() as emu, emu.client() as client:
        # A slip of a known id never leaves the client; any other unknown id is the
        # emulator's to refuse, as the API does.
        with pytest.raises(aiovideo.ValidationError, match="did you mean 'google/veo3'"):
            await client.submit(model="google/veo-3", prompt="a typo")
        with pytest.raises(aiovideo.APIStatusError, match="not a model of this API"):
            await client.submit(model="acme/brand-new", prompt="a typo")


async def test_a_wrong_key_is_refused() -> None:
    async with Emulator() as emu, emu.client(api_key="sk-wrong") as client:
        with pytest.raises(aiovideo.AuthenticationError):
            await client.submit(model="google/veo3", prompt="a fox")


def test_bad_options_are_configuration_errors() -> None:
    with pytest.raises(aiovideo.ConfigurationError, match="fail_rate"):
        Emulator(fail_rate=1.0)
    emu = Emulator()
    with pytest.raises(aiovideo.ConfigurationError, match="failing"):
        emu.script(failing="x")
    with pytest.raises(aiovideo.ConfigurationError, match="not running"):
        _ = emu.url


def test_it_runs_in_a_thread_for_synchronous_code() -> None:
    with Emulator() as emu:

        async def main() -> str:
            async with emu.client() as client:
                video = await client.generate(model="google/veo3", prompt="a fox", timeout=10)
                return video.url

        url = asyncio.run(main())
        assert url.startswith(emu.url)
    assert emu.stats["submits"] == 1


def test_the_library_never_imports_the_emulator() -> None:
    code = (
        "import sys, aiovideo; print(sorted(m for m in sys.modules if 'emulator' in m "
        "or m.startswith(('aiovideo.testing', 'aiovideo.testing._families', 'av'))))"
    )
    command = [sys.executable, "-c", code]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    assert out.strip() == "[]"


def test_the_pytest_fixture_drives_a_users_own_function(pytester: pytest.Pytester) -> None:
    """The README's ten-line test, in a project of its own, with the plugin from the entry
    point (not from this suite's conftest), under `filterwarnings = error` as strict suites run:
    on aiohttp 3.14 a warning inside the emulator's handlers would be an HTTP 500 there."""
    pytester.makeini(
        "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n"
        "filterwarnings = error\n"
    )
    pytester.makepyfile(
        test_mine=textwrap.dedent(
            """
            import aiovideo

            async def make_clip(client: aiovideo.Client, idea: str) -> str:
                video = await client.generate(model="google/veo3", prompt=idea)
                return video.url

            async def test_make_clip(aiovideo_emulator):
                async with aiovideo_emulator.client() as client:
                    url = await make_clip(client, "a fox")
                assert url.startswith(aiovideo_emulator.url)
            """
        )
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


_USERS_TESTS = textwrap.dedent(
    """
    import json
    import urllib.request

    import pytest

    import aiovideo

    @pytest.mark.asyncio
    async def test_async(aiovideo_emulator):
        async with aiovideo_emulator.client() as client:
            video = await client.generate(model="google/veo3", prompt="a fox")
        assert video.url.startswith(aiovideo_emulator.url)

    def test_sync(aiovideo_emulator):
        with aiovideo.SyncClient(
            api_key=aiovideo_emulator.api_key, base_url=aiovideo_emulator.url, poll_interval=0.02
        ) as client:
            assert client.generate(model="google/veo3", prompt="a heron").url
    """
)


def test_the_fixture_needs_no_asyncio_settings_under_filterwarnings_error(
    pytester: pytest.Pytester,
) -> None:
    """A suite whose only setting is `filterwarnings = error` (pytest-asyncio in its default
    strict mode, no loop scope set): pytest-asyncio's deprecation of the unset loop scope once
    stopped it before any test."""
    pytester.makeini("[pytest]\nfilterwarnings = error\n")
    pytester.makepyfile(test_mine=_USERS_TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)


def test_the_fixture_without_pytest_asyncio(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nfilterwarnings = error\n")
    sync_only = _USERS_TESTS[_USERS_TESTS.index("def test_sync") :]
    pytester.makepyfile(test_mine="import aiovideo\n\n" + sync_only)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:asyncio")
    result.assert_outcomes(passed=1)


def test_a_suite_that_sets_the_loop_scope_keeps_the_choice(pytester: pytest.Pytester) -> None:
    pytester.makeini(
        "[pytest]\nfilterwarnings = error\nasyncio_default_fixture_loop_scope = function\n"
    )
    pytester.makepyfile(test_mine=_USERS_TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)
    result.stdout.no_fnmatch_line("*asyncio_default_fixture_loop_scope*unset*")


def test_the_testing_extra_installs_the_emulator_and_pytest_asyncio() -> None:
    project = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text("utf-8"))
    testing = project["project"]["optional-dependencies"]["testing"]
    assert "aiovideo[emulator]" in testing
    assert {"pytest", "pytest-asyncio"} <= {re.split("[<>=!~ ]", need)[0] for need in testing}
