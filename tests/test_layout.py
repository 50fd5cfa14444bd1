"""The package's layout keeps its architecture (DESIGN.md §1-2, principle 11): imports go
one way (ui -> store -> pipeline -> events -> dates -> models/settings) with no cycle, checked
by import-linter's contracts in pyproject.toml; no module is over 400 lines; the top of
``timeline`` holds only the shared modules, every stage is a subpackage that says what it does."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "timeline"
STAGES = ("dates", "events", "store", "ui", "eval")


def test_layout_import_contracts_are_kept():
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(exe).exists():
        pytest.fail("lint-imports is not installed: pip install -r requirements-dev.txt")
    run = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "BROKEN" not in run.stdout and run.stdout.count("KEPT") >= 3


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_layout_no_module_over_400_lines(path):
    assert len(path.read_text().splitlines()) <= 400


def test_layout_top_level_holds_at_most_ten_modules_and_the_stages():
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(modules) <= 10, modules
    packages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())
    assert packages == sorted(STAGES)


@pytest.mark.parametrize("stage", STAGES)
def test_layout_each_stage_says_what_it_does_and_may_import(stage):
    doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text())) or ""
    assert len(doc) > 100 and ("May import" in doc or "may import" in doc), doc


def test_layout_readme_tree_matches_the_package():
    readme = (ROOT / "README.md").read_text()
    for stage in STAGES:
        assert f"timeline/{stage}/" in readme, f"README's layout does not show timeline/{stage}/"
    named = set(re.findall(r"timeline/[\w/]+\.py", readme))
    missing = sorted(n for n in named if not (ROOT / n).exists())
    assert not missing, f"README names modules that do not exist: {missing}"
