"""The package's import graph: no module imports one that imports it back.

grimp reads every import statement, those inside functions and under TYPE_CHECKING too, so a
lazy import cannot hide a circle.
"""

import functools
import itertools

import grimp
import pytest


@functools.cache
def _graph() -> grimp.ImportGraph:
    return grimp.build_graph("aiovideo")


def _circles(part: str) -> list[str]:
    """Each pair of modules, one of them in `part`, that reach each other, with both chains."""
    graph = _graph()
    found = []
    for first, second in itertools.combinations(sorted(graph.modules), 2):
        if not (first.startswith(part) or second.startswith(part)):
            continue
        there = graph.find_shortest_chain(first, second)
        back = graph.find_shortest_chain(second, first)
        if there and back:
            found.append(f"{' -> '.join(there)} | {' -> '.join(back)}")
    return found


@pytest.mark.parametrize(
    "part",
    [
        "aiovideo.core",
        "aiovideo.testing",
        "aiovideo.tools",
        "aiovideo",
    ],
)
def test_no_module_imports_one_that_imports_it_back(part: str) -> None:
    if part == "aiovideo":
        # The facade and the package roots: only pairs outside the three parts.
        parts = ("aiovideo.core", "aiovideo.tools", "aiovideo.testing")
        circles = [c for c in _circles(part) if not any(p in c for p in parts)]
    else:
        circles = _circles(part)
    assert circles == []


def test_the_values_import_nothing_of_aiovideo() -> None:
    imported = _graph().find_modules_directly_imported_by("aiovideo.core._values")
    assert {name for name in imported if name.startswith("aiovideo")} == set()
