"""The built wheel works on its own, as a town installs it.

The wheel is built as `make dist` builds it (the locked hatchling, from the sdist), installed
into a fresh virtual environment with exactly the locked run requirements (requirements/run.txt,
hashes checked) and then used from a folder outside the repository: `init`, `add-measure`,
`update`, `validate`, `schema --check`, `report -o r.pdf`, `masterplan -o m.docx` and `site`.
Templates, schemas, catalogues and scaffold files must all come from the wheel.

`DOTOOL_TEST_WHEEL=dist/dotool-….whl` tests a wheel built before (the release workflow tests
the very file it publishes). Needs uv (in the dev lock) and the package index, or uv's cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dotool import __version__
from tests.conftest import REPO

pytestmark = [pytest.mark.slow, pytest.mark.wheel]

SCAFFOLD = REPO / "src" / "dotool" / "authoring" / "scaffold"
TEMPLATES = REPO / "src" / "dotool" / "templates"


def _uv() -> str:
    found = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if found is None:
        message = "uv is not installed (it is in requirements/dev.txt: `make install`)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def _run(*args: str | Path, cwd: Path | None = None,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, (f"{' '.join(map(str, args))} exited {result.returncode}\n"
                                    f"--- stdout ---\n{result.stdout}\n"
                                    f"--- stderr ---\n{result.stderr}")
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("DOTOOL_TEST_WHEEL")
    if given:
        return Path(given).resolve()
    out = tmp_path_factory.mktemp("dist")
    # The command of `make dist`.
    _run(_uv(), "build", "--offline", "--no-build-isolation", "--python", sys.executable,
         "--out-dir", out, cwd=REPO)
    (found,) = out.glob("dotool-*.whl")
    return found


@pytest.fixture(scope="module")
def town_env(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A fresh venv with the locked run requirements and the wheel; the environment to run in."""
    base = tmp_path_factory.mktemp("installed")
    venv = base / "venv"
    uv = _uv()
    _run(uv, "venv", "--no-config", "--quiet", "--python", sys.executable, venv)
    python = venv / "bin" / "python"
    _run(uv, "pip", "install", "--no-config", "--quiet", "--python", python, "--require-hashes",
         "-r", REPO / "requirements" / "run.txt")
    _run(uv, "pip", "install", "--no-config", "--quiet", "--python", python, "--no-deps", wheel)
    (base / "home").mkdir()
    return {
        "PATH": os.pathsep.join([str(venv / "bin"), "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": str(base / "home"), "LANG": "C.UTF-8", "PYTHONNOUSERSITE": "1",
        "DOTOOL_CACHE_DIR": str(base / "cache"),
        # A fixed day, so the result does not depend on the machine's clock (the subprocess
        # never sees a simulated one either): the update below is for 2021-H2.
        "DOTOOL_TODAY": "2026-12-02",
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull,
    }


def test_the_wheel_carries_templates_schemas_catalogues_and_scaffold(wheel: Path) -> None:
    from dotool.model.jsonschema import schema_files

    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {f"dotool/templates/{p.relative_to(TEMPLATES).as_posix()}"
              for p in TEMPLATES.rglob("*") if p.is_file()}
    wanted |= {f"dotool/schema/{name}" for name in schema_files()}
    wanted |= {f"dotool/i18n/locale/{lang}/LC_MESSAGES/dotool.po" for lang in ("de", "en")}
    wanted |= {f"dotool/authoring/scaffold/{p.name}" for p in SCAFFOLD.iterdir()}
    wanted.add(f"dotool-{__version__}.dist-info/licenses/LICENSE")
    assert not wanted - names, f"missing from the wheel: {sorted(wanted - names)}"
    assert not [n for n in names if n.startswith(("tests/", "templates/")) or
                n.endswith(".gitkeep")], sorted(names)


def test_a_town_uses_the_installed_wheel_outside_the_repository(
        town_env: dict[str, str], tmp_path: Path) -> None:
    from pypdf import PdfReader

    env = town_env
    where = _run("python", "-c", "import dotool; from dotool.render.templates import "
                 "packaged_templates as t; print(dotool.__file__); print(t())",
                 cwd=tmp_path, env=env).stdout.split()
    venv = Path(env["PATH"].split(os.pathsep)[0]).parent
    assert all(Path(p).is_relative_to(venv) for p in where), where  # nothing from the source
    assert _run("dotool", "--version", cwd=tmp_path, env=env).stdout.strip() \
        == f"dotool {__version__}"

    init = _run("dotool", "init", "stadt", "--municipality", "Musterstadt an der Aue",
                "--committee", "Ausschuss für Digitales", "--no-input", cwd=tmp_path, env=env)
    assert f"CI installs dotool[render]=={__version__}" in init.stderr
    town = tmp_path / "stadt"
    added = _run("dotool", "add-measure", "--no-input", "--title",
                 "Online-Terminvergabe im Bürgerbüro", "--field", "buergerservice",
                 "--scope", "external", "--kind", "project", "--lead",
                 "Fachdienst Bürgerservice", "--summary", "Termine online buchen.",
                 "--start", "2021-07", cwd=town, env=env)
    assert added.stdout.strip() == "measures/M-001-online-terminvergabe-im-buergerbuero.yaml"
    _run("dotool", "update", "M-001", "--half", "2021-H2", "--status", "in_progress", "--rag",
         "green", "--progress", "40", "--text", "Software ausgewählt.", cwd=town, env=env)
    # The town's plan is German (init's default), and so is the terminal.
    assert "gültig" in _run("dotool", "validate", cwd=town, env=env).stdout
    _run("dotool", "schema", "--check", cwd=town, env=env)

    _run("dotool", "report", "--half", "2021-H2", "-o", "r.pdf", cwd=town, env=env)
    text = " ".join(page.extract_text() for page in PdfReader(town / "r.pdf").pages)
    assert "Musterstadt an der Aue" in text and "Online-Terminvergabe im Bürgerbüro" in text
    assert "Software ausgewählt." in text
    _run("dotool", "masterplan", "-o", "m.docx", "--lang", "en", cwd=town, env=env)
    assert (town / "m.docx").read_bytes()[:2] == b"PK"
    _run("dotool", "site", "-o", "site", cwd=town, env=env)
    index = (town / "site" / "index.html").read_text(encoding="utf-8")
    assert "Musterstadt an der Aue" in index
    page = next((town / "site" / "measures").glob("M-001*.html"))
    assert "Online-Terminvergabe im Bürgerbüro" in page.read_text(encoding="utf-8")
