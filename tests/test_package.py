"""The package as installed from a wheel: models inside it, light imports, no import cycles."""
from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_and_restore_load_no_ocr_libraries():
    code = ("import sys, ocrfix; out = ocrfix.restore('Ket qua thuc hien'); "
            "print(out); print(sorted(m for m in ('cv2', 'pytesseract', 'tesserocr') if m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    text, loaded = r.stdout.splitlines()
    assert text == "Kết quả thực hiện"
    assert loaded == "[]"


def _imports(path: Path, package: str) -> set[str]:
    """Modules of the package that `path` imports at module level (not inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1] if path.name == "__init__.py" else base[: len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if mod.startswith("ocrfix"):
                out.add(mod)
                out.update(f"{mod}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("ocrfix"))
    return out


def test_no_import_cycles_at_module_level():
    pkg = ROOT / "ocrfix"
    mods = {}
    for p in pkg.rglob("*.py"):
        if "dictionaries" in p.parts:
            continue
        rel = p.relative_to(ROOT).with_suffix("")
        name = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        mods[name] = p
    graph = {}
    for name, p in mods.items():
        package = name if p.name == "__init__.py" else name.rsplit(".", 1)[0]
        graph[name] = {m for m in _imports(p, package) if m in mods and m != name}
    # a package's __init__ importing its own submodules is how packages export; only cycles between
    # modules that are not each other's parent package count
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> None:
        state[n] = 1
        stack.append(n)
        for m in graph[n]:
            if n.startswith(m + ".") or m.startswith(n + "."):
                continue
            if state.get(m) == 1:
                cycle = stack[stack.index(m):] + [m]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if not state.get(m):
                visit(m)
        stack.pop()
        state[n] = 2

    for n in graph:
        if not state.get(n):
            visit(n)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out),
                    str(ROOT)], check=True, capture_output=True, cwd=out)
    return next(out.glob("ocrfix-*.whl"))


def test_wheel_carries_the_models_and_not_the_build_tools(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for model in ("lm.npz", "lm.json", "channel_eng.json", "channel_vie.json"):
        assert f"ocrfix/dictionaries/{model}" in names
    assert "ocrfix/py.typed" in names
    assert not any(n.startswith(("tools/", "tests/", "ocrfix/build/")) for n in names)


def test_unpacked_wheel_restores_outside_the_checkout(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = "import ocrfix; print(ocrfix.__file__); print(ocrfix.restore('Ket qua thuc hien Quy che'))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                       env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}, check=True)
    where, text = r.stdout.splitlines()
    assert where.startswith(str(site))
    assert text == "Kết quả thực hiện Quy chế"
