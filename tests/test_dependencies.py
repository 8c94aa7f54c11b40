"""The runtime needs only what requirements.txt installs: 'make site' on a fresh machine must not
fail on a module that only the dev requirements (tests, lint) bring along."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

from conftest import ROOT

GENERATOR = ROOT / "generator"
FIRST_PARTY = {"generator"}


def normalise(name: str) -> str:
    """A distribution name as pip compares them: case-insensitive, with -, _ and . the same (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements(path: Path) -> set[str]:
    """The distributions a requirements file lists, without following ``-r`` includes."""
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.add(normalise(re.split(r"[\s\[<>=!~;@]", line, maxsplit=1)[0]))
    return names


def imported_modules(folder: Path) -> dict[str, set[str]]:
    """Every top-level module imported anywhere in the folder's Python files, with the files importing it.

    Imports inside functions count too (a lazy import fails just the same, only later); relative
    imports are the package's own modules.
    """
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


def test_requirements_parser_and_names() -> None:
    assert normalise("PyYAML") == normalise("pyyaml") == "pyyaml"
    assert normalise("pyyaml_env_tag") == normalise("pyyaml-env-tag") == normalise("PyYAML.env_tag")
    listed = requirements(ROOT / "requirements.txt")
    assert {"mkdocs", "jinja2", "pyyaml", "python-slugify", "pagefind-bin"} <= listed
    assert "rdflib" in requirements(ROOT / "requirements-dev.txt")


def test_every_third_party_import_of_the_generator_is_a_runtime_requirement() -> None:
    runtime = requirements(ROOT / "requirements.txt")
    providers = packages_distributions()  # module -> distributions installed in this environment
    third_party = {module: files for module, files in imported_modules(GENERATOR).items()
                   if module not in sys.stdlib_module_names and module not in FIRST_PARTY}
    assert {"yaml", "jinja2", "nh3"} <= set(third_party)  # the scan sees the generator's imports
    missing = []
    for module, files in sorted(third_party.items()):
        distributions = providers.get(module, [])
        if not any(normalise(d) in runtime for d in distributions):
            provided = ", ".join(sorted(distributions)) or "no installed distribution"
            missing.append(f"{module} ({provided}), imported by {', '.join(sorted(files))}")
    assert not missing, "not in requirements.txt:\n" + "\n".join(missing)


def test_importing_the_generator_loads_no_test_only_package() -> None:
    """The same from the other side: what importing every generator module actually loads."""
    modules = sorted("generator." + ".".join(p.relative_to(GENERATOR).with_suffix("").parts)
                     for p in GENERATOR.rglob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    script = ("import importlib, sys\n"
              f"for name in {modules!r}: importlib.import_module(name)\n"
              "print(' '.join(sorted(m for m in ('rdflib', 'pyshacl', 'pytest', 'hypothesis', 'playwright') "
              "if m in sys.modules)))\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_requirements_are_compiled_with_hashes_from_the_short_lists() -> None:
    """Every pin carries hashes and is installed with --require-hashes; each direct dependency in
    requirements*.in is in the compiled file; Dependabot watches pip, npm and the workflows."""
    import yaml

    for compiled, source in (("requirements.txt", "requirements.in"), ("requirements-dev.txt", "requirements-dev.in")):
        text = (ROOT / compiled).read_text(encoding="utf-8")
        pins = re.findall(r"^([A-Za-z0-9][^=\s]*)==\S+ \\\n((?:\s+--hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", text, re.M)
        listed = {normalise(line.split("==")[0]) for line in text.splitlines() if re.match(r"^[A-Za-z0-9]", line)}
        assert len(pins) == len(listed) > 10, f"{compiled}: a pin without hashes"
        assert "pip-compile" in text.splitlines()[1] + text.splitlines()[2]
        assert requirements(ROOT / source) <= listed, f"{source} has a dependency {compiled} lacks"
    assert requirements(ROOT / "requirements.txt") <= requirements(ROOT / "requirements-dev.txt")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "pip install" in line]
    assert len(installs) == 2 and all("--require-hashes" in line for line in installs)
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {update["package-ecosystem"] for update in config["updates"]} == {"pip", "npm", "github-actions"}
