"""The batch runner: a prompt list through one Client and a journal, into videos, a
`results.jsonl` manifest and an `index.html` gallery."""

from aiovideo.tools.batch._gallery import GALLERY_NAME, render
from aiovideo.tools.batch._input import BatchInputError, Line, label, ranges, read_lines, slug
from aiovideo.tools.batch._outcome import LineState, Outcome
from aiovideo.tools.batch._output import (
    MANIFEST_NAME,
    check_writable,
    write_gallery,
    write_manifest,
)
from aiovideo.tools.batch._progress import (
    PlainReporter,
    RichReporter,
    escape_controls,
    make_reporter,
    printable,
)
from aiovideo.tools.batch._run import JOURNAL_NAME, Batch, StopReason, run_batch, when

__all__ = [
    "GALLERY_NAME",
    "JOURNAL_NAME",
    "MANIFEST_NAME",
    "Batch",
    "BatchInputError",
    "Line",
    "LineState",
    "Outcome",
    "PlainReporter",
    "RichReporter",
    "StopReason",
    "check_writable",
    "escape_controls",
    "label",
    "make_reporter",
    "printable",
    "ranges",
    "read_lines",
    "render",
    "run_batch",
    "slug",
    "when",
    "write_gallery",
    "write_manifest",
]
