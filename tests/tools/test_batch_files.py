"""`aiovideo batch` never writes one video over another, and its manifest does not drift.

Through the entry point (click's runner, or a process) against an emulator process.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.tools.test_batch import (
    Served,
    _batch,
    _frames,
    _manifest,
    fixture_served,  # noqa: F401  (the `served` fixture)
)

MODEL = ("--model", "google/veo3")


def _videos(out: Path) -> list[str]:
    return sorted(path.name for path in out.glob("*.mp4"))


def test_an_inserted_line_that_slugs_alike_gets_its_own_file(
    tmp_path: Path, served: Served
) -> None:
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("a red fox\n", encoding="utf-8")
    out = tmp_path / "out"
    first = _batch(prompts, out, *MODEL, env=served.env)
    assert first.exit_code == 0, first.output
    (old,) = _manifest(out)
    old_file = out / old["path"]
    before = old_file.stat()

    # Above it, a prompt whose slug is the same and which takes its line number.
    prompts.write_text("A red fox!\na red fox\n", encoding="utf-8")
    again = _batch(prompts, out, *MODEL, env=served.env)
    assert again.exit_code == 0, again.output
    new, moved = _manifest(out)
    assert (new["prompt"], moved["prompt"]) == ("A red fox!", "a red fox")
    assert [new["status"], moved["status"]] == ["completed", "completed"]
    assert moved["path"] == old["path"]  # the moved line keeps its file ...
    assert new["path"] != old["path"]  # ... and the new one is not written over it
    after = old_file.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert len(_videos(out)) == 2
    assert served.stats().get("submits", 0) == 2


def test_a_file_another_row_owns_is_never_replaced(tmp_path: Path, served: Served) -> None:
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("a red fox\n", encoding="utf-8")
    out = tmp_path / "out"
    first = _batch(prompts, out, *MODEL, env=served.env)
    assert first.exit_code == 0, first.output
    (record,) = _manifest(out)
    name = record["path"]
    # Another row of the journal (a video of some other request) now owns that very name,
    # and this line's own row lost its file: the line must go elsewhere.
    planted = b"the other row's video"
    (out / name).write_bytes(planted)
    with sqlite3.connect(out / ".aiovideo-journal.sqlite") as db:
        db.execute("UPDATE entries SET state = 'completed', path = NULL")
        db.execute(
            "INSERT INTO entries (key, request_hash, model, prompt, generation_id, state, "
            "path, updated_at) VALUES ('copy-1', 'other', 'google/veo3', 'x', 'gen-x', "
            "'downloaded', ?, 0)",
            (str((out / name).resolve()),),
        )
    db.close()
    again = _batch(prompts, out, *MODEL, env=served.env)
    assert again.exit_code == 0, again.output
    (record,) = _manifest(out)
    assert record["path"] != name
    assert _frames(out / record["path"]) > 0
    assert (out / name).read_bytes() == planted
    assert served.stats().get("submits", 0) == 1


def test_manifest_paths_and_times_are_the_same_on_a_rerun(
    tmp_path: Path, served: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("prompts.txt").write_text("a red fox\na paper boat\n", encoding="utf-8")
    first = _batch(Path("prompts.txt"), Path("videos"), *MODEL, env=served.env)
    assert first.exit_code == 0, first.output
    records = _manifest(Path("videos"))
    for record in records:
        # Relative to the folder of results.jsonl: the folder can be moved or shared.
        assert record["path"] == Path(record["path"]).name
        assert (Path("videos") / record["path"]).is_file()
        assert record["timings"]["downloaded_at"] is not None
    # From elsewhere, naming the folder another way: the same records.
    monkeypatch.chdir(Path("videos"))
    again = _batch(Path("../prompts.txt"), Path(), *MODEL, env=served.env)
    assert again.exit_code == 0, again.output
    rerun = _manifest(Path())
    assert [r["path"] for r in rerun] == [r["path"] for r in records]
    assert [r["timings"] for r in rerun] == [r["timings"] for r in records]
    assert all(r["resumed"] for r in rerun)


def test_file_names_sort_in_line_order(tmp_path: Path, served: Served) -> None:
    prompts = tmp_path / "prompts.txt"
    lines = ["a red fox", *["# skipped"] * 8, "a paper boat", "", "waves"]
    prompts.write_text("\n".join(lines) + "\n", encoding="utf-8")  # lines 1, 10 and 12
    out = tmp_path / "out"
    result = _batch(prompts, out, *MODEL, env=served.env)
    assert result.exit_code == 0, result.output
    names = [record["path"] for record in _manifest(out)]
    assert [name[:3] for name in names] == ["01-", "10-", "12-"]
    assert names[0].startswith("01-a-red-fox-")
    assert _videos(out) == names


def test_a_journal_link_planted_in_the_out_folder_is_refused(tmp_path: Path) -> None:
    from aiovideo.tools.batch import JOURNAL_NAME
    from tests.tools.test_batch import _batch

    out, victim = tmp_path / "out", tmp_path / "victim.sqlite"
    out.mkdir()
    (out / JOURNAL_NAME).symlink_to(victim)  # dangling: the run would create it there
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("a fox\n", encoding="utf-8")
    result = _batch(prompts, out, *MODEL)
    assert result.exit_code == 2
    assert "is a symbolic link: refusing it" in result.output
    assert not victim.exists()
