"""`index.html` of a batch: a page to look at it, one card per input line.

Pure: it takes the batch's Outcomes (the records `results.jsonl` is built from) and returns
the page as text. The page stands alone: inline CSS, no script, no font or style fetched, and
a Content-Security-Policy that allows nothing else; the videos are played from the folder the
page sits in, by relative URL. Whatever came from a user or a server (prompts, errors, model
ids, file names) is escaped, so it shows as text and never becomes markup.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from aiovideo.core import money, total_cost
from aiovideo.tools.batch._outcome import LineState, Outcome, paid_once
from aiovideo.tools.batch._progress import escape_controls

__all__ = ["GALLERY_NAME", "render"]

GALLERY_NAME = "index.html"

# Statuses that are neither completed nor failed: the generation may still come (a re-run
# tracks it again, or sends the line); the totals count them as pending.
UNFINISHED = (LineState.PENDING, LineState.TIMED_OUT, LineState.NOT_FOUND)

# No script runs, whatever a prompt holds; media only from the page's own place (`file:` for
# a page opened from disk, where some browsers give every file an origin of its own).
_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; media-src 'self' file:; base-uri 'none'; "
    "form-action 'none'"
)

_STYLE = """
:root { color-scheme: light dark; --ink: #1c1e21; --muted: #5f6670; --card: #ffffff;
  --page: #f1f3f5; --line: #d9dde2; --ok: #1a7f37; --bad: #c62828; --wait: #9a6700; }
@media (prefers-color-scheme: dark) { :root { --ink: #e6e8eb; --muted: #9aa3ad;
  --card: #1d2127; --page: #121417; --line: #2e343c; --ok: #4ac26b; --bad: #ff6b6b;
  --wait: #d4a72c; } }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; background: var(--page); color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header { margin: 0 auto 20px; max-width: 1400px; }
h1 { font-size: 20px; margin: 0 0 12px; font-weight: 600; overflow-wrap: anywhere; }
.totals { display: flex; flex-wrap: wrap; gap: 8px; margin: 0; padding: 0; list-style: none; }
.totals li { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
  padding: 6px 12px; }
.totals b { font-size: 16px; margin-right: 4px; }
main { display: grid; gap: 16px; margin: 0 auto; max-width: 1400px;
  grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  overflow: hidden; display: flex; flex-direction: column; }
.card video { display: block; width: 100%; aspect-ratio: 16 / 9; background: #000; }
.card .missing { aspect-ratio: 16 / 9; display: flex; align-items: center; padding: 16px;
  margin: 0; overflow: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
.card.failed .missing { background: color-mix(in srgb, var(--bad) 12%, var(--card));
  color: var(--bad); }
.card.unfinished .missing { background: color-mix(in srgb, var(--wait) 10%, var(--card));
  color: var(--muted); }
.body { padding: 12px 14px 14px; display: flex; flex-direction: column; gap: 8px; }
.top { display: flex; justify-content: space-between; gap: 8px; color: var(--muted); }
.status { font-weight: 600; text-transform: uppercase; font-size: 12px; letter-spacing: .04em; }
.completed .status { color: var(--ok); }
.failed .status { color: var(--bad); }
.unfinished .status { color: var(--wait); }
.prompt { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0;
  color: var(--muted); font-size: 13px; }
dd { margin: 0; overflow-wrap: anywhere; }
a { color: inherit; }
"""


def render(outcomes: Sequence[Outcome], base: Path, *, title: str | None = None) -> str:
    """The page of a batch whose manifest and videos are in `base`.

    Args:
        outcomes: one per input line (any order: shown in line order).
        base: the folder the page is written to; video URLs are relative to it.
        title: the page's heading (default: `aiovideo batch: <base's name>`).

    Returns:
        The HTML text of the page.
    """
    ordered = sorted(outcomes, key=lambda outcome: outcome.line)
    heading = title if title is not None else f"aiovideo batch: {base.name}"
    cards = "\n".join(_card(outcome, outcome.record(base)) for outcome in ordered)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_text(heading)}</title>
<style>{_STYLE}</style>
</head>
<body>
<header>
<h1>{_text(heading)}</h1>
{_totals(ordered)}
</header>
<main>
{cards}
</main>
</body>
</html>
"""


def _totals(outcomes: Sequence[Outcome]) -> str:
    """Lines, completed, failed, pending; spent this run and over all runs."""
    statuses = [outcome.status for outcome in outcomes]
    once = list(paid_once(outcomes))  # a generation two lines share is paid once
    this_run = total_cost(o.cost for o in once if not o.paid_earlier)
    all_runs = total_cost(o.cost for o in once)
    items = [
        ("lines", str(len(outcomes))),
        ("completed", str(statuses.count(LineState.COMPLETED))),
        ("failed", str(statuses.count(LineState.FAILED))),
        ("pending", str(sum(statuses.count(status) for status in UNFINISHED))),
        ("spent this run", money(this_run)),
        ("spent in all runs", money(all_runs)),
    ]
    rows = "".join(
        f'<li class="total" data-total="{_text(name)}"><b>{_text(value)}</b>{_text(name)}</li>'
        for name, value in items
    )
    return f'<ul class="totals">{rows}</ul>'


def _card(outcome: Outcome, record: dict[str, Any]) -> str:
    status = outcome.status
    kind = "unfinished" if status in UNFINISHED else status.value
    path = record["path"]  # relative to the page's folder
    href = None if path is None else _text(quote(PurePath(path).as_posix()))
    if status is LineState.COMPLETED and href is not None:
        media = f'<video controls muted preload="metadata" src="{href}"></video>'
    else:
        media = f'<p class="missing">{_text(_why_missing(outcome))}</p>'
    details = [("model", outcome.model)]  # the status is the card's badge
    if outcome.generation_id:
        details.append(("generation", outcome.generation_id))
    if outcome.shares_generation_with is not None:
        details.append(("shares the generation of", f"line {outcome.shares_generation_with}"))
    if outcome.cost is not None:
        earlier = " (an earlier run)" if outcome.paid_earlier else ""
        once = "" if outcome.shares_generation_with is None else " (paid once)"
        details.append(("cost", money(outcome.cost) + earlier + once))
    seconds = record["timings"]["generation_seconds"]
    if seconds is not None:
        details.append(("generation time", _duration(seconds)))
    rows = "".join(f"<dt>{_text(name)}</dt><dd>{_text(value)}</dd>" for name, value in details)
    if href is not None:
        rows += f'<dt>file</dt><dd><a href="{href}">{_text(path)}</a></dd>'
    prompt = outcome.prompt if outcome.prompt is not None else "(no prompt)"
    return (
        f'<article class="card {_text(kind)}" id="line-{outcome.line}" '
        f'data-line="{outcome.line}" data-status="{_text(status.value)}">{media}'
        f'<div class="body"><div class="top"><span>line {outcome.line}</span>'
        f'<span class="status">{_text(status.value.replace("_", " "))}</span></div>'
        f'<p class="prompt">{_text(prompt)}</p><dl>{rows}</dl></div></article>'
    )


def _why_missing(outcome: Outcome) -> str:
    """What a card without a video says instead: the failure and its reason, or why not yet."""
    if outcome.status is LineState.FAILED:
        return f"failed: {outcome.error or 'no reason given'}"
    if outcome.error:
        return outcome.error
    if outcome.status is LineState.COMPLETED:
        return "completed, but no file was written"
    return "not finished: re-run the same command to go on"


def _duration(seconds: float) -> str:
    """`8.4 s`, `3 min 05 s`, `1 h 02 min`."""
    if seconds < 60:
        return f"{seconds:.1f} s"
    whole = round(seconds)
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"


def _text(value: str) -> str:
    """Escaped for HTML text and for a quoted attribute value alike; control characters and
    the marks that reorder text (bidi overrides) are shown escaped, never passed through."""
    return html.escape(escape_controls(value), quote=True)
