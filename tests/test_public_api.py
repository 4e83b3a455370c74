import inspect
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiovideo

CONTRACT_NAMES = {
    "Client",
    "Job",
    "VideoRequest",
    "Generation",
    "Video",
    "AiovideoError",
    "ConfigurationError",
    "ValidationError",
    "APIStatusError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "RateLimitError",
    "ServerError",
    "TransportError",
    "ResponseFormatError",
    "GenerationFailedError",
    "GenerationTimeoutError",
    "ClientClosedError",
    "Cost",
    "SpendLimitError",
    "SyncClient",
}


# Public beyond the contract: the journal the batch command uses, for apps to resume with,
# and the usage logs it settles lost submits from; the model table, for apps to build forms
# from (what `aiovideo models` prints); the error `job.result()` raises before the Job is done
# (the contract asks for an AiovideoError subclass: a name to catch it by).
EXTRA_NAMES = {
    "JobNotDoneError",
    "Journal",
    "Entry",
    "Settlement",
    "UnsettledSubmitError",
    "HeldElsewhereError",
    "JournalWriteError",
    "UsageRecord",
    "models",
    "model_info",
    "ModelInfo",
    "FieldInfo",
}


def test_all_is_the_contract_plus_the_journal_and_the_model_table() -> None:
    assert set(aiovideo.__all__) == CONTRACT_NAMES | EXTRA_NAMES
    for name in aiovideo.__all__:
        assert getattr(aiovideo, name) is not None


def test_contract_file_names_match_when_present() -> None:
    contract = Path(__file__).resolve().parents[2] / "shared" / "CONTRACT.md"
    if not contract.exists():  # CI has shared/ beside the clone; a bare checkout may not
        return
    text = contract.read_text()
    mentioned = set(re.findall(r"aiovideo\.([A-Z]\w+)", text))
    table = set(re.findall(r"^\| `([A-Z]\w+)`", text, re.MULTILINE))
    for name in re.findall(r"`([A-Z]\w+)`, `([A-Z]\w+)`", text):
        table.update(name)
    assert mentioned | table <= set(aiovideo.__all__) | {"Exceptions"}


def test_exception_tree() -> None:
    not_errors = {"Client", "SyncClient", "Job", "VideoRequest", "Generation", "Video", "Cost"}
    for name in CONTRACT_NAMES - not_errors:
        assert issubclass(getattr(aiovideo, name), aiovideo.AiovideoError)
    for sub in (
        "AuthenticationError",
        "PermissionDeniedError",
        "NotFoundError",
        "RateLimitError",
        "ServerError",
    ):
        assert issubclass(getattr(aiovideo, sub), aiovideo.APIStatusError)
    assert issubclass(aiovideo.GenerationTimeoutError, TimeoutError)


def _public_callables() -> Iterator[tuple[str, Any]]:
    """Every public name (of `aiovideo` and of the testing kit), and every public method and
    property of each public class (those it inherits from aiovideo's own classes too)."""
    import aiovideo.testing

    names = [(name, getattr(aiovideo, name)) for name in aiovideo.__all__]
    names += [
        (f"testing.{name}", getattr(aiovideo.testing, name)) for name in aiovideo.testing.__all__
    ]
    for name, value in names:
        yield name, value
        if not inspect.isclass(value):
            continue
        for klass in value.__mro__:
            if not klass.__module__.startswith("aiovideo"):
                continue
            for attr, found in vars(klass).items():
                if attr.startswith("_"):
                    continue
                member = found.__func__ if isinstance(found, staticmethod | classmethod) else found
                if isinstance(member, property) or callable(member):
                    yield f"{name}.{attr}", member


def test_every_public_callable_has_a_docstring() -> None:
    walked = dict(_public_callables())
    # The walk reaches what users call: methods, inherited ones and properties included.
    for name in ("Client.submit", "Client.usage_logs", "Video.download", "Video.stream"):
        assert name in walked
    for name in ("Journal.settle", "NotFoundError", "Client.spent", "models", "model_info"):
        assert name in walked
    for name in ("testing.Emulator.client", "testing.Emulator.script", "testing.Emulator.url"):
        assert name in walked
    missing = [name for name, member in walked.items() if not (member.__doc__ or "").strip()]
    assert missing == []


def test_job_id_and_status_are_documented() -> None:
    doc = aiovideo.Job.__doc__ or ""
    attributes = doc.partition("Attributes:")[2]
    for name in ("id", "status", "cost"):
        assert re.search(rf"^\s+{name}: \w", attributes, re.MULTILINE), name


def test_no_signature_shows_a_sentinel_object() -> None:
    for name, member in _public_callables():
        function = member.fget if isinstance(member, property) else member
        if function is None:
            continue
        try:
            shown = str(inspect.signature(function))
        except (TypeError, ValueError):
            continue
        assert "object at 0x" not in shown, f"{name}: {shown}"


def test_the_readme_error_tree_is_every_public_error_under_its_parent() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    tree = readme.split("### Errors", 1)[1].split("```", 2)[1]
    parents: list[str] = []
    named = set()
    for line in tree.strip().splitlines():
        match = re.match(r"([\s│├└─]*)(\w+)", line)
        assert match is not None, line
        depth = len(match[1]) // 4
        del parents[depth:]
        name = match[2]
        named.add(name)
        if parents:
            assert issubclass(getattr(aiovideo, name), getattr(aiovideo, parents[-1])), name
        parents.append(name)
    public = {
        name
        for name in aiovideo.__all__
        if isinstance(getattr(aiovideo, name), type)
        and issubclass(getattr(aiovideo, name), BaseException)
    }
    assert named == public
