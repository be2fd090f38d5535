"""The layers of ``kiosk``: every import points down (or across one layer), and no import circle exists.

:data:`LAYERS` is the one list of the architecture, bottom first; the README's
developer section shows it. A module may import from its own layer and the
layers below it, never from above: storage never reaches into security, the
engine never into the CLI, and nothing below the screens knows them. Every
import counts, including those inside functions and under ``TYPE_CHECKING``:
a lazy import that points up is still a dependency that points up.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "kiosk"

#: Bottom first. Each entry names top-level modules or packages of ``kiosk``.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "paths", "resources", "logs"),  # 0 foundation: no kiosk imports but these
    ("vision", "matching", "settings"),  # 1 pure rules over plain data
    ("storage",),  # 2 schema, engines, the repository's helper objects
    ("security", "attendance", "enrollment", "privacy", "reports"),  # 3 domains over storage
    ("sync", "ops"),  # 4 a kiosk with a server; running unattended
    ("camera", "engine"),  # 5 frames in, events out
    ("wiring",),  # 6 the Qt-free composition root
    ("cli", "ui", "tools", "__main__"),  # 7 what people and developers run
)


def layer_of(module: str) -> int:
    """The layer of a dotted ``kiosk.…`` module name (its top-level part decides)."""
    top = module.split(".")[1]
    for index, names in enumerate(LAYERS):
        if top in names:
            return index
    raise LookupError(f"{module} is in no layer: add {top!r} to LAYERS in {__file__}")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        name = _module_name(path)
        if name != "kiosk":
            yield name, path


def _imports(path: Path, known: set[str]) -> set[str]:
    """The ``kiosk`` modules ``path`` imports, wherever the import statement stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and node.module.startswith("kiosk."):
            found.add(node.module)
            submodules = (f"{node.module}.{alias.name}" for alias in node.names)
            found.update(name for name in submodules if name in known)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("kiosk."))
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: use absolute imports (from kiosk.… import …)")
    return found & known


def _graph() -> dict[str, set[str]]:
    modules = dict(_modules())
    known = set(modules)
    return {name: _imports(path, known) - {name} for name, path in modules.items()}


def test_every_module_is_in_a_layer() -> None:
    for name, _ in _modules():
        layer_of(name)


def test_imports_point_down_the_layers() -> None:
    upward = [
        f"{module} (layer {layer_of(module)}) imports {target} (layer {layer_of(target)})"
        for module, targets in _graph().items()
        for target in sorted(targets)
        if layer_of(target) > layer_of(module)
    ]
    assert upward == [], "\n".join(upward)


def test_no_import_circle() -> None:
    graph = _graph()
    circles = _strongly_connected(graph)
    assert circles == [], "import circles: " + "; ".join(" <-> ".join(sorted(c)) for c in circles)


def _strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm: the groups of modules that import each other, directly or round about."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                circles.append(group)

    for node in graph:
        if node not in index:
            visit(node)
    return circles


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"a"}, "c": set()}, [{"a", "b"}]),
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ],
)
def test_the_circle_finder_finds_circles(graph: dict[str, set[str]], expected: list[set[str]]) -> None:
    assert _strongly_connected(graph) == expected


def test_layer_of_refuses_an_unplaced_module() -> None:
    with pytest.raises(LookupError, match="in no layer"):
        layer_of("kiosk.newthing")
    assert layer_of("kiosk.storage.repository") == 2
    assert layer_of("kiosk.ui.main_window") == 7


def test_the_package_stays_readable() -> None:
    """At most 12 top-level modules beside the packages, and no module over 600 lines."""
    top_level = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top_level) <= 12, top_level
    lengths = {str(path.relative_to(PACKAGE)): len(path.read_text().splitlines()) for path in PACKAGE.rglob("*.py")}
    assert {name: lines for name, lines in lengths.items() if lines > 600} == {}


#: What of storage the screens may not use: the engines (``sqlite``, ``postgres``: their busy
#: timeouts and connections), the schema and its migrations, and the helpers' shared internals
#: (``tables``). The repository, its helper objects' records and errors, and opening it are its API.
STORAGE_INTERNALS = ("kiosk.storage.sqlite", "kiosk.storage.postgres", "kiosk.storage.schema", "kiosk.storage.tables")


def test_the_gui_imports_no_storage_internals() -> None:
    graph = _graph()
    reaching_in = sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        if module.startswith("kiosk.ui")
        for target in targets
        if target in STORAGE_INTERNALS or target.endswith("_schema")
    )
    assert reaching_in == []


def test_sync_touches_no_private_attribute_of_another_object() -> None:
    """``sync/`` asks storage through its helpers' public methods (``repo.sync_state``), never ``repo._tx``."""
    private = []
    for name, path in _modules():
        if not name.startswith("kiosk.sync"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and not (isinstance(node.value, ast.Name) and node.value.id in {"self", "cls"})
            ):
                private.append(f"{name}:{node.lineno} .{node.attr}")
    assert private == []
