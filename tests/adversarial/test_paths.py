"""Paths a user or a pull request controls: output paths, git refs, ids, slugs and symlinks.

Nothing may be written or read outside the place it belongs to: `-o` fails clearly where it
cannot write, a git ref is never an option, an id or a title never walks out of `measures/`,
and a symlink leading out of the repository is neither read nor written through.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.adversarial.helpers import Worker, assert_clear, changes, snapshot
from tests.conftest import copy_base

RENDERERS = {
    "report": ("report", "--half", "2020-H2", "-o"),
    "masterplan": ("masterplan", "-o"),
    "export": ("export", "-o"),
    "export-csv": ("export", "--format", "csv", "-o"),
    "site": ("site", "-o"),
}
NAMES = {"report": "r.html", "masterplan": "m.md", "export": "e.json", "export-csv": "csv",
         "site": "site"}


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return copy_base(tmp_path / "plan")


@pytest.mark.parametrize("command", sorted(RENDERERS))
def test_output_into_a_missing_folder_creates_it(worker: Worker, plan: Path, tmp_path: Path,
                                                 command: str) -> None:
    target = tmp_path / "new" / "deeper" / NAMES[command]
    assert_clear(worker.run(*RENDERERS[command], target, "--root", plan, cwd=plan), 0)
    assert target.exists()


@pytest.mark.parametrize("command", sorted(RENDERERS))
def test_output_through_a_file_is_a_clear_error(worker: Worker, plan: Path, tmp_path: Path,
                                                command: str) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    before = snapshot(plan)
    run = worker.run(*RENDERERS[command], blocker / NAMES[command], "--root", plan, cwd=plan)
    assert_clear(run, 2, says=str(blocker))
    assert not changes(before, snapshot(plan)) and blocker.read_text() == "x"


@pytest.mark.parametrize("command", ["report", "masterplan", "export"])
def test_output_onto_a_folder_is_refused(worker: Worker, plan: Path, tmp_path: Path,
                                         command: str) -> None:
    folder = tmp_path / "folder.html"
    (folder / "inside").mkdir(parents=True)
    run = worker.run(*RENDERERS[command], folder, "--root", plan, cwd=plan)
    assert_clear(run, 2)
    assert [p.name for p in folder.iterdir()] == ["inside"]


@pytest.mark.parametrize("command", ["site", "export-csv"])
def test_folder_output_onto_a_file_is_refused(worker: Worker, plan: Path, tmp_path: Path,
                                              command: str) -> None:
    target = tmp_path / "taken"
    target.write_text("keep")
    assert_clear(worker.run(*RENDERERS[command], target, "--root", plan, cwd=plan), 2)
    assert target.read_text() == "keep"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
@pytest.mark.parametrize("command", sorted(RENDERERS))
def test_output_into_a_read_only_folder_is_a_clear_error(worker: Worker, plan: Path,
                                                         tmp_path: Path, command: str) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        run = worker.run(*RENDERERS[command], folder / NAMES[command], "--root", plan, cwd=plan)
        assert_clear(run, 2, says="cannot write")
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("name", ["report.xyz", "report", "report.PDF.exe", ".md"])
@pytest.mark.parametrize("command", ["report", "masterplan"])
def test_output_with_an_unknown_extension_is_refused(worker: Worker, plan: Path, tmp_path: Path,
                                                     command: str, name: str) -> None:
    run = worker.run(*RENDERERS[command], tmp_path / name, "--root", plan, cwd=plan)
    assert_clear(run, 2, says="format")
    assert not (tmp_path / name).exists()


OPTION_REFS = ["--upload-pack=touch PWNED", "-x", "--output=PWNED", "-oPWNED",
               "--exec-path=.", "HEAD\n--output=PWNED", "@{-1}..--x", ""]


@pytest.mark.parametrize("ref", OPTION_REFS)
@pytest.mark.parametrize("where", ["masterplan --at", "diff REF1", "diff REF2"])
def test_option_like_refs_never_reach_git(worker: Worker, plan_repo: Path, ref: str,
                                          where: str) -> None:
    args = {"masterplan --at": ("masterplan", f"--at={ref}"),
            "diff REF1": ("diff", "--", ref),
            "diff REF2": ("diff", "HEAD", "--", ref)}[where]
    before = snapshot(plan_repo)
    run = worker.run(*args, "--root", plan_repo, cwd=plan_repo)
    assert_clear(run, 2)
    assert not changes(before, snapshot(plan_repo))
    assert not list(plan_repo.parent.rglob("PWNED"))


@pytest.mark.parametrize("measure_id", ["../../etc/passwd", "M-001/../../x", "M-001\0",
                                        "/etc/passwd", "M-*", "--root=/"])
@pytest.mark.parametrize("command", ["show", "history", "update"])
def test_ids_never_walk_out_of_measures(worker: Worker, plan: Path, command: str,
                                        measure_id: str) -> None:
    extra = ("--half", "2021-H1", "--status", "ongoing", "--rag", "green", "--text", "x") \
        if command == "update" else ()
    before = snapshot(plan)
    run = worker.run(command, "--root", plan, *extra, "--", measure_id, cwd=plan)
    assert_clear(run, 2)
    assert not changes(before, snapshot(plan))


@pytest.mark.parametrize("title", ["../../../etc/cron.d/x", "/etc/passwd", "..", "a/../../b",
                                   "\0", "C:\\Windows\\x", "-" * 300])
def test_titles_give_safe_file_names(worker: Worker, plan: Path, title: str) -> None:
    run = worker.run("add-measure", "--no-input", "--title", title, "--field", "rathaus",
                     "--scope", "internal", "--kind", "project", "--lead", "Hauptamt",
                     "--summary", "s", "--root", plan, cwd=plan)
    assert_clear(run, {0, 2})
    if run.exit == 0:
        created = plan / run.stdout.strip()
        assert created.parent == plan / "measures" and created.is_file()
        assert_clear(worker.run("validate", "--root", plan, cwd=plan), 0)


@pytest.mark.parametrize("version", ["../../x", "1.0/../../x", "/tmp/x", "-1", "1..0", "1.0\n"])
def test_adoption_versions_never_walk_out(worker: Worker, plan: Path, version: str) -> None:
    before = snapshot(plan)
    run = worker.run("adopt", "--date", "2021-01-01", "--resolution", "R", "--root", plan,
                     "--", version, cwd=plan)
    assert_clear(run, 2)
    assert not changes(before, snapshot(plan))


def test_an_id_with_dots_in_a_file_is_a_finding(worker: Worker, plan: Path) -> None:
    path = plan / "measures" / "M-001-termine.yaml"
    path.write_text(path.read_text().replace("id: M-001", "id: ../../M-001"))
    run = worker.run("validate", "--root", plan, cwd=plan)
    assert_clear(run, 1, says="measures/M-001-termine.yaml")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A valid measure file outside the repository, with a secret a link must not leak."""
    path = tmp_path / "outside" / "secret.yaml"
    path.parent.mkdir()
    text = (copy_base(tmp_path / "donor") / "measures" / "M-003-e-akte.yaml").read_text()
    path.write_text(text.replace("M-003", "M-009").replace("E-Akte", "Geheimprojekt"))
    return path


def test_a_measure_linking_outside_is_neither_read_nor_written(worker: Worker, plan: Path,
                                                               outside: Path) -> None:
    link = plan / "measures" / "M-009-link.yaml"
    link.symlink_to(outside)
    secret = outside.read_bytes()
    before = snapshot(plan)
    for args, code in ((("validate",), 1), (("list",), 1), (("report", "--half", "2021-H1"), 1),
                       (("export",), 1), (("history", "M-009"), 1), (("show", "M-009"), 1),
                       (("update", "M-009", "--half", "2021-H2", "--status", "ongoing", "--rag",
                         "green", "--text", "x"), 1)):
        run = worker.run(*args, "--root", plan, cwd=plan)
        assert_clear(run, code)
        assert "Geheimprojekt" not in run.stdout + run.stderr, run
        assert not changes(before, snapshot(plan)), run
    assert outside.read_bytes() == secret and link.is_symlink()


def test_a_measures_folder_linking_outside_is_not_written_into(worker: Worker, plan: Path,
                                                               tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (plan / "measures").rename(tmp_path / "real-measures")
    (plan / "measures").symlink_to(elsewhere)
    run = worker.run("add-measure", "--no-input", "--title", "x", "--field", "rathaus",
                     "--scope", "internal", "--kind", "project", "--lead", "a", "--summary",
                     "s", "--root", plan, cwd=plan)
    # The link is a validation error of the plan, so the change is refused before any write.
    assert_clear(run, 1, says="outside the masterplan repository")
    assert not any(elsewhere.iterdir())


def test_schema_folder_linking_outside_is_not_written_into(worker: Worker, plan: Path,
                                                           tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (plan / "schema").symlink_to(elsewhere)
    run = worker.run("schema", "--root", plan, cwd=plan)
    assert_clear(run, 2, says="outside the masterplan repository")
    assert not any(elsewhere.iterdir())


def test_an_image_linking_outside_is_not_embedded(worker: Worker, plan: Path,
                                                  tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\nSECRETPIXELS")
    (plan / "img").mkdir()
    (plan / "img" / "chart.png").symlink_to(secret)
    path = plan / "measures" / "M-001-termine.yaml"
    path.write_text(path.read_text().replace(
        "summary: Termine online buchen.",
        "summary: 'Termine ![a](img/chart.png) ![b](../secret.png) ![c](/etc/x.png)'"))
    out = tmp_path / "out.html"
    assert_clear(worker.run("masterplan", "-o", out, "--root", plan, cwd=plan), 0)
    html = out.read_text()
    assert "SECRETPIXELS" not in html and "U0VDUkVU" not in html  # nor base64 of it
    assert not (out.parent / "assets").exists()
