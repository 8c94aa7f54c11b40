"""Every command printed in README.md and CONTRIBUTING.md works from a fresh clone as printed."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_generator

DOCS = ("README.md", "CONTRIBUTING.md")


def _commands(name: str) -> list[str]:
    """Commands in fenced shell blocks and in `inline code` that starts with a command word."""
    text = (ROOT / name).read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```(?:sh|bash|shell)?\n(.*?)```", text, flags=re.DOTALL):
        found += [line.split("  #")[0].strip() for line in block.splitlines()]
    found += re.findall(r"`((?:make|python3?|\.venv/bin/python) [^`]*)`", text)
    return [c for c in found if re.match(r"(make|python3?|\.venv/bin/python)( |$)", c)]


def _make_targets() -> set[str]:
    return set(re.findall(r"^\.PHONY: ([a-z-]+)", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.MULTILINE))


def _generator_commands() -> set[str]:
    result = run_generator(ROOT, "--help")
    return set(re.search(r"\{([a-z,-]+)\}", result.stdout).group(1).split(","))


ALL = [(name, command) for name in DOCS for command in _commands(name)]


def test_the_docs_print_commands() -> None:
    assert {c.split()[1] for _, c in ALL if c.startswith("make ")} >= {"site", "test", "new", "stale", "forms"}


@pytest.mark.parametrize(("doc", "command"), ALL, ids=[f"{d}: {c}" for d, c in ALL])
def test_each_printed_command_exists_as_printed(doc: str, command: str) -> None:
    words = shlex.split(command)
    if words[0] == "make":
        targets = [w for w in words[1:] if "=" not in w and not w.startswith("-")]
        assert set(targets) <= _make_targets(), f"{doc}: '{command}' names a target the Makefile lacks"
        return
    # Outside the venv 'python -m generator' fails; the docs print .venv/bin/python or a make target.
    assert not (words[0] in ("python", "python3") and words[2:3] in (["generator"], ["benchmarks"])), (
        f"{doc}: '{command}' only works inside the venv; print '.venv/bin/python' or a make target")
    if words[0] in ("python", "python3"):
        assert words[0] == "python3", f"{doc}: '{command}': a fresh machine may have no 'python'"
        return
    module = words[2]
    if module == "generator":
        assert words[3] in _generator_commands(), f"{doc}: '{command}': no such generator command"
    else:
        assert (ROOT / Path(*module.split("."))).with_suffix(".py").exists() or (ROOT / module / "__main__.py").exists()


def test_make_new_passes_the_title_as_typed(tmp_path: Path) -> None:
    """``make new`` with quotes and $ in the title, the way the docs print it (in a copy of the project)."""
    import shutil

    root = tmp_path / "kopie"
    shutil.copytree(ROOT, root, symlinks=True,
                    ignore=shutil.ignore_patterns("site*", "build", "node_modules", ".git", ".venv"))
    (root / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    title = "Het \"nieuwe\" fonds van 's-Hertogenbosch"
    result = subprocess.run(["make", "-s", "new", "COLLECTIE=funds", f"TITEL={title}"], cwd=root,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    path = root / "data/funds/het-nieuwe-fonds-van-s-hertogenbosch.yaml"
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["title"] == title
    result = subprocess.run(["make", "-s", "new"], cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "Gebruik: make new COLLECTIE=instruments" in result.stderr
    path.unlink()  # a skeleton still to be filled in does not validate, and stale needs valid data
    result = subprocess.run(["make", "-s", "stale", "MAANDEN=0"], cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "data/funds/opkoopfonds.yaml" in result.stdout
