"""The arrows between pmtui's modules point one way (see the architecture notes in the README).

Read from the source with `ast`, typing-only imports included: an import under TYPE_CHECKING is
still a dependency a reader has to follow.
- Only the app modules and the launcher import an App class.
- A panel imports no screen and no other panel (the base class and the similar-incidents part
  the whys panel shows are parts, not panels).
- No import circle anywhere in pmtui/.
- Nothing outside pmtui/cli/ imports pmtui.cli (`python -m pmtui` is the command itself).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "pmtui"
APP_MODULES = {"pmtui.app.meeting.app", "pmtui.app.library.app", "pmtui.app.watch.app", "pmtui.app.launch"}
PANEL_PARTS = {"pmtui.app.meeting.panels.panel", "pmtui.app.meeting.panels.similar"}
SCREEN_MODULES = {"pmtui.app.meeting.screen", "pmtui.app.library.screen"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imports(name: str) -> set[str]:
    """The pmtui modules `name` imports, anywhere in the file (a name imported from a package
    counts as its submodule when there is one)."""
    found: set[str] = set()
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            submodules = {f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES}
            found.update(submodules)
            if len(submodules) < len(node.names):  # names defined in `base` itself
                found.add(base)
    return {module for module in found if module in MODULES and module != name}


# A package's __init__ importing its own submodules is how a package re-exports names, not a circle.
GRAPH = {name: {imported for imported in imports(name) if not imported.startswith(name + ".")} for name in MODULES}


def imported_names(name: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            names.update(alias.name for alias in node.names)
    return names


def test_only_the_apps_and_the_launcher_import_an_app_class() -> None:
    app_classes = {"PostmortemApp", "LibraryApp", "WatchApp"}
    offenders = {name for name in MODULES
                 if name.startswith("pmtui.app.") and name not in APP_MODULES and imported_names(name) & app_classes}
    assert offenders == set()


def test_a_panel_imports_no_screen_and_no_other_panel() -> None:
    panels = {name for name in MODULES if name.startswith("pmtui.app.meeting.panels.")}
    offenders = {
        (panel, imported) for panel in panels for imported in GRAPH[panel]
        if imported in SCREEN_MODULES or imported in APP_MODULES or (imported in panels and imported not in PANEL_PARTS)
    }
    assert offenders == set()


def test_no_import_circle_in_pmtui() -> None:
    def circle_from(start: str) -> list[str] | None:
        path: list[str] = []
        on_path: set[str] = set()
        done: set[str] = set()

        def visit(name: str) -> list[str] | None:
            if name in on_path:
                return path[path.index(name):] + [name]
            if name in done:
                return None
            path.append(name)
            on_path.add(name)
            for imported in sorted(GRAPH[name]):
                found = visit(imported)
                if found:
                    return found
            path.pop()
            on_path.discard(name)
            done.add(name)
            return None

        return visit(start)

    circles = [circle for circle in map(circle_from, sorted(MODULES)) if circle]
    assert circles == []


def test_nothing_outside_the_cli_imports_the_cli() -> None:
    offenders = {name for name, imported in GRAPH.items()
                 if not name.startswith("pmtui.cli") and name != "pmtui.__main__"
                 and any(module == "pmtui.cli" or module.startswith("pmtui.cli.") for module in imported)}
    assert offenders == set()


def test_the_rules_see_imports_under_type_checking() -> None:
    """The checker itself: the meeting screen's typing-only import of the actions panel is seen."""
    assert "pmtui.app.meeting.panels.actions" in GRAPH["pmtui.app.meeting.screen"]
