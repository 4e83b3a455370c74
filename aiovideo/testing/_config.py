"""The emulator's configuration: how long generations take, which faults it injects, what it
charges. One frozen value, given to `Emulator(EmulatorConfig(...))` for full control."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

__all__ = ["EmulatorConfig"]


@attrs.frozen(kw_only=True)
class EmulatorConfig:
    """How the emulator behaves. Rates are probabilities per request, 0 to 1.

    `Emulator(seconds=..., **options)` builds one with test-friendly defaults (0.2 s
    generations, the key `TEST_API_KEY`); `Emulator(EmulatorConfig(...))` takes one whole, with
    the defaults below (2 to 4 s generations, any key).

    Attributes:
        api_key: the only key accepted; None accepts any non-empty bearer key.
        min_seconds, max_seconds: generation time, drawn uniformly per generation.
        queued_fraction: the share of that time spent `queued` before `generating`.
        failure_rate: generations that end with status `error`.
        rps_limit: requests per second over the whole server before answering 429.
        server_error_rate, drop_rate, slow_rate, html_rate: faults on status checks
            (and on submits too when `faults_on_submit`).
        slow_seconds: the delay of a slow reply.
        not_found_polls: the first this many polls of each id answer 404 (the provider's
            store can lag behind its own submit reply).
        cut_downloads: this many file downloads are cut off halfway.
        adopt_unknown_ids: answer a poll for an id of the emulator's own forms that this
            process never issued as if it had just been submitted, instead of 404. Not what
            the real API does; it stands in for a server that outlives the process, so
            `aiovideo batch --emulator` can show a resume.
        submit_reply_delay: seconds between creating (and billing) a generation and sending
            the submit reply; a client that gives up meanwhile leaves a billed generation
            behind, the "POST billed, never answered" case.
        logs_delay: seconds after a row's event (a generation finishing, a submit refused)
            before `GET /v2/logs` shows it; the provider's figures come from an analytics
            pipeline.
        logs_rate_limit, logs_rate_window: `GET /v2/logs` answers 429 past this many requests
            per key in this many seconds (the provider's 200 per 60 s).
        unknown_models: accept models the table does not know (a newer server) instead of
            the 400 the real API answers for a model id it does not serve.
        prices: USD per generation by model id, over the family's price per second of video
            (see `aiovideo.testing.families()`).
        link_ttl: seconds every file URL stays valid after its generation completes, over
            each family's own (Kling's links expire after 600 s, the others never).
        seed: for the random draws (not for ids, which are always fresh).
    """

    api_key: str | None = None
    min_seconds: float = 2.0
    max_seconds: float = 4.0
    queued_fraction: float = 0.25
    failure_rate: float = 0.0
    rps_limit: float | None = None
    server_error_rate: float = 0.0
    drop_rate: float = 0.0
    slow_rate: float = 0.0
    slow_seconds: float = 2.0
    html_rate: float = 0.0
    not_found_polls: int = 0
    faults_on_submit: bool = False
    cut_downloads: int = 0
    adopt_unknown_ids: bool = False
    submit_reply_delay: float = 0.0
    logs_delay: float = 0.0
    unknown_models: bool = False
    prices: Mapping[str, float] = attrs.field(factory=dict)
    link_ttl: float | None = None
    logs_rate_limit: int = 200
    logs_rate_window: float = 60.0
    seed: int | None = None
