"""`index.html`, the batch's page: rendered from Outcomes (pure), and written by every run."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import attrs

import aiovideo
from aiovideo.tools.batch import Outcome, render
from aiovideo.tools.batch._gallery import _duration
from tests.tools.test_batch import (
    Served,
    _batch,
    _manifest,
    fixture_served,  # noqa: F401  (the `served` fixture)
)

FOX = Outcome(
    line=2,
    prompt="A red fox in snow",
    model="google/veo3",
    generation_id="gen-fox",
    status="completed",
    path="2-a-red-fox-1a2b3c4d.mp4",  # as Batch keeps it: relative to the working directory
    submitted_at=1000.0,
    finished_at=1012.5,
    cost=aiovideo.Cost(credits=120_000, usd=0.06),
)
BOAT = Outcome(
    line=5,
    prompt="A paper boat",
    model="google/veo2",
    generation_id="gen-boat",
    status="failed",
    error="the model refused the prompt",
)
RAIN = Outcome(line=9, prompt="Rain", model="google/veo3")  # never reached: pending


@attrs.define
class _Element:
    tag: str
    attributes: dict[str, str | None]
    text: str = ""
    children: list[_Element] = attrs.field(factory=list)

    def find(self, tag: str, **wanted: str) -> list[_Element]:
        """Every element below (and including) this one with this tag and these attributes;
        a class matches when it is one of the element's classes."""
        found = []
        if self.tag == tag and all(
            value in (self.attributes.get(name.rstrip("_")) or "").split()
            if name == "class_"
            else self.attributes.get(name) == value
            for name, value in wanted.items()
        ):
            found.append(self)
        for child in self.children:
            found += child.find(tag, **wanted)
        return found

    def all_text(self) -> str:
        return self.text + "".join(child.all_text() for child in self.children)


class _Tree(HTMLParser):
    """The page as a browser's parser builds it (void elements closed at once)."""

    VOID = frozenset(("meta", "link", "br", "img", "source", "input", "hr"))

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("#document", {})
        self._open = [self.root]
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, dict(attributes))
        self._open[-1].children.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        while len(self._open) > 1:
            if self._open.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        self._open[-1].children.append(_Element("#text", {}, data))


def _page(outcomes: list[Outcome], base: Path) -> _Element:
    return _Tree(render(outcomes, base)).root


def _in(base: Path, outcome: Outcome) -> Outcome:
    """`outcome` with its video in `base`."""
    return outcome if outcome.path is None else attrs.evolve(outcome, path=str(base / outcome.path))


def _totals(root: _Element) -> dict[str, str]:
    return {
        str(item.attributes["data-total"]): item.find("b")[0].all_text()
        for item in root.find("li", class_="total")
    }


def test_one_card_per_line_in_input_order_with_totals(tmp_path: Path) -> None:
    root = _page([RAIN, BOAT, _in(tmp_path, FOX)], tmp_path)  # any order in: line order out
    cards = root.find("article", class_="card")
    assert [card.attributes["data-line"] for card in cards] == ["2", "5", "9"]
    assert [card.attributes["data-status"] for card in cards] == ["completed", "failed", "pending"]
    fox, boat, rain = cards

    (video,) = fox.find("video")
    assert video.attributes["src"] == "2-a-red-fox-1a2b3c4d.mp4"  # relative to the page's folder
    assert {"controls", "muted", "preload"} <= set(video.attributes)
    assert video.attributes["preload"] == "metadata"
    text = fox.all_text()
    for shown in ("A red fox in snow", "google/veo3", "0.06 USD (120,000 credits)", "12.5 s"):
        assert shown in text

    assert not boat.find("video")
    (missing,) = boat.find("p", class_="missing")
    assert missing.all_text() == "failed: the model refused the prompt"
    assert "google/veo2" in boat.all_text()
    assert not rain.find("video")
    assert "not finished" in rain.all_text()

    assert _totals(root) == {
        "lines": "3",
        "completed": "1",
        "failed": "1",
        "pending": "1",
        "spent this run": "0.06 USD (120,000 credits)",
        "spent in all runs": "0.06 USD (120,000 credits)",
    }


def test_the_page_stands_alone(tmp_path: Path) -> None:
    page = render([_in(tmp_path, FOX), BOAT, RAIN], tmp_path)
    root = _Tree(page).root
    assert not root.find("script")
    assert not root.find("link")  # no stylesheet, icon or font fetched
    assert not re.search(r"(?i)\b(https?:)?//", page)  # no URL of any host
    assert "@import" not in page
    assert "url(" not in page
    (policy,) = root.find("meta", **{"http-equiv": "Content-Security-Policy"})
    assert "default-src 'none'" in str(policy.attributes["content"])


def test_what_users_and_servers_wrote_is_shown_as_text(tmp_path: Path) -> None:
    prompt = "</video><script>alert(1)</script>"
    error = '<img src=x onerror="alert(2)"> & "quoted"'
    evil = [
        attrs.evolve(FOX, prompt=prompt, model='"><b>model</b>', path=str(tmp_path / 'x"><s>.mp4')),
        attrs.evolve(BOAT, prompt="<!-- a comment", error=error),
    ]
    page = render(evil, tmp_path, title="<i>batch</i>")
    root = _Tree(page).root
    assert "<script>" not in page
    assert not root.find("script")
    assert not root.find("img")
    assert len(root.find("b")) == len(root.find("li", class_="total"))  # the totals' own
    assert not root.find("i")
    fox, boat = root.find("article", class_="card")
    assert fox.find("p", class_="prompt")[0].all_text() == prompt
    assert '"><b>model</b>' in fox.all_text()
    (video,) = fox.find("video")
    assert video.attributes["src"] == "x%22%3E%3Cs%3E.mp4"
    assert boat.find("p", class_="prompt")[0].all_text() == "<!-- a comment"
    assert boat.find("p", class_="missing")[0].all_text() == f"failed: {error}"
    assert root.find("h1")[0].all_text() == "<i>batch</i>"
    for element in (video, *root.find("article")):
        assert not [name for name in element.attributes if name.startswith("on")]


def test_video_file_names_are_url_quoted(tmp_path: Path) -> None:
    odd = attrs.evolve(FOX, path=str(tmp_path / "sub dir" / "a #1?ü%.mp4"))
    (video,) = _page([odd], tmp_path).find("video")
    assert video.attributes["src"] == "sub%20dir/a%20%231%3F%C3%BC%25.mp4"


def test_totals_tell_this_run_from_all_runs(tmp_path: Path) -> None:
    earlier = attrs.evolve(FOX, line=1, paid_earlier=True)
    failed = attrs.evolve(BOAT, cost=None)
    root = _page([earlier, FOX, failed, attrs.evolve(RAIN, status="timed_out")], tmp_path)
    totals = _totals(root)
    assert totals["spent this run"] == "0.06 USD (120,000 credits)"
    assert totals["spent in all runs"] == "0.12 USD (240,000 credits)"
    assert totals["pending"] == "1"  # timed out: may still come
    first = root.find("article", class_="card")[0]
    assert "(an earlier run)" in first.all_text()


def test_generation_times_read_as_a_person_says_them() -> None:
    assert _duration(8.44) == "8.4 s"
    assert _duration(185.2) == "3 min 05 s"
    assert _duration(3720) == "1 h 02 min"


def test_every_batch_writes_the_page_and_names_it_last(tmp_path: Path, served: Served) -> None:
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("a red fox\n<b>bold</b> waves\n", encoding="utf-8")
    out = tmp_path / "out"
    result = _batch(prompts, out, "--model", "google/veo3", env=served.env)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == f"gallery: {out / 'index.html'}"
    root = _Tree((out / "index.html").read_text(encoding="utf-8")).root
    records = _manifest(out)
    videos = [card.find("video")[0].attributes["src"] for card in root.find("article")]
    assert videos == [record["path"] for record in records]
    assert root.find("p", class_="prompt")[1].all_text() == "<b>bold</b> waves"
    assert not list(out.glob(".*.part"))  # written through a temporary file, renamed


def test_control_characters_and_bidi_overrides_are_shown_escaped(tmp_path: Path) -> None:
    prompt = "a fox\x00 in \u202esnow\x1b[2J"
    page = render([attrs.evolve(FOX, prompt=prompt)], tmp_path)
    assert "\x00" not in page and "\u202e" not in page and "\x1b" not in page
    (card,) = _Tree(page).root.find("article", class_="card")
    assert card.find("p", class_="prompt")[0].all_text() == "a fox\\x00 in \\u202esnow\\x1b[2J"
