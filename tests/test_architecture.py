"""The floor plan holds: apps import only the layers below them, no module circles, no imports hidden in functions.

The layer order is the one docs/architecture.md draws (its "Layers" list), so the document and the code cannot
drift apart: moving an app means changing the document, and an import that climbs fails here with its file and line.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARCHITECTURE = ROOT / "docs" / "architecture.md"


def documented_layers():
    """The apps in the order of the numbered list under '## Layers', lowest first: ['sites', 'home', ...]."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    section = text.split("\n## Layers", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\d+\. `(\w+)/`", section, flags=re.MULTILINE)


LAYERS = documented_layers()


def source_files():
    for app in LAYERS:
        yield from sorted((ROOT / app).rglob("*.py"))


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path, node):
    """The absolute names an import statement brings in ('from . import engine' in search/ -> 'search.engine')."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        package = module_name(path).split(".")
        if path.name != "__init__.py":
            package.pop()
        base = package[: len(package) - node.level + 1]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module
    return [prefix] + [f"{prefix}.{alias.name}" for alias in node.names]


def top_level_imports(tree):
    """Imports run when the module loads: module body, including `if`/`try` blocks at module level."""
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If | ast.Try):
            pending.extend(node.body + node.orelse + getattr(node, "finalbody", []))
            for handler in getattr(node, "handlers", []):
                pending.extend(handler.body)


def parsed(path):
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def app_of(module):
    return module.split(".", 1)[0]


def test_the_documented_layers_name_every_app_of_the_project():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")} | {"cms"}
    assert set(LAYERS) == apps, "docs/architecture.md's Layers list and the project's apps differ"


def test_no_app_imports_an_app_above_it():
    rank = {app: i for i, app in enumerate(LAYERS)}
    climbing = []
    for path in source_files():
        own = app_of(module_name(path))
        for node in ast.walk(parsed(path)):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for target in {app_of(name) for name in imported_modules(path, node)}:
                if target in rank and rank[target] > rank[own]:
                    climbing.append(f"{path.relative_to(ROOT)}:{node.lineno} ({own} imports {target})")
    assert not climbing, "imports climbing a layer:\n" + "\n".join(climbing)


def test_no_import_circles_between_modules():
    modules = {module_name(path): path for path in source_files()}
    graph = {}
    for name, path in modules.items():
        targets = set()
        for node in top_level_imports(parsed(path)):
            targets.update(t for t in imported_modules(path, node) if t in modules and t != name)
        graph[name] = targets
    circles = [sorted(component) for component in strongly_connected(graph) if len(component) > 1]
    assert not circles, f"modules importing each other: {circles}"


def test_no_imports_hidden_inside_functions():
    """A function-level import is how a circle hides; only AppConfig.ready may import late (Django requires it)."""
    hidden = []
    for path in source_files():
        if "migrations" in path.parts:
            continue
        tree = parsed(path)
        top = set(map(id, top_level_imports(tree)))
        allowed = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == "ready" and path.name == "apps.py":
                allowed.update(id(inner) for inner in ast.walk(node))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in top | allowed:
                hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not hidden, "imports inside functions:\n" + "\n".join(hidden)


def strongly_connected(graph):
    """Tarjan's algorithm, iterative: the strongly connected components of a {node: {successors}} graph."""
    index, low, on_stack, stack, components = {}, {}, set(), [], []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    components.append(component)
    return components


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"a"}, "c": set()}, [{"a", "b"}]),
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [{"a", "b", "c"}]),
    ],
)
def test_the_circle_finder_finds_circles_and_only_circles(graph, expected):
    assert [c for c in strongly_connected(graph) if len(c) > 1] == expected
