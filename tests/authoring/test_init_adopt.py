"""`dotool init` (never overwrites, validates at once) and `dotool adopt` (record and tag)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dotool.model.jsonschema import schema_files
from tests.conftest import git

INIT = ("--municipality", "Musterstadt", "--committee", "Ausschuss für Digitales: Finanzen")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and ".git/" not in p.relative_to(root).as_posix() + "/"}


def test_init_scaffolds_a_repository_that_validates(tmp_path, run_cli) -> None:
    root = tmp_path / "neu"
    run_cli("init", root, *INIT, "--no-input")
    files = _files(root)
    assert set(files) == {
        "masterplan/masterplan.yaml", "measures/.gitkeep", ".vscode/settings.json",
        ".pre-commit-config.yaml", ".github/workflows/validate.yml", "README.md",
        ".github/workflows/pages.yml", ".gitignore",
        *(f"schema/{name}" for name in schema_files())}
    master = files["masterplan/masterplan.yaml"].decode()
    assert master.startswith("# yaml-language-server: $schema=../schema/masterplan.schema.json")
    assert 'committee: "Ausschuss für Digitales: Finanzen"' in master
    workflow = yaml.safe_load(files[".github/workflows/validate.yml"])
    assert workflow["jobs"]["validate"]["steps"][0]["with"]["fetch-depth"] == 0
    hooks = yaml.safe_load(files[".pre-commit-config.yaml"])
    assert hooks["repos"][0]["hooks"][0]["id"] == "dotool-validate"
    assert "Musterstadt" in files["README.md"].decode()
    assert (root / ".git").is_dir()
    assert (root / "masterplan/masterplan.yaml").stat().st_mode & 0o044  # readable by others
    run_cli("validate", "--root", root, "--strict")
    run_cli("schema", "--check", "--root", root)
    run_cli("add-measure", "--root", root, "--no-input", "--title", "Erste Maßnahme",
            "--field", "verwaltung", "--scope", "internal", "--kind", "strategy",
            "--lead", "Hauptamt", "--summary", "Beginnen.")
    run_cli("validate", "--root", root)


def test_init_never_overwrites_and_writes_nothing_then(tmp_path, run_cli) -> None:
    root = tmp_path / "neu"
    (root / ".vscode").mkdir(parents=True)
    (root / ".vscode/settings.json").write_text("{}")
    result = run_cli("init", root, *INIT, exit_code=2)
    assert ".vscode/settings.json" in result.stderr and "nothing was written" in result.stderr
    assert _files(root) == {".vscode/settings.json": b"{}"}
    assert not (root / ".git").exists()


def test_init_inside_a_repository_does_not_nest_one(make_repo, run_cli) -> None:
    repo = make_repo()
    run_cli("init", repo / "stadt", *INIT)
    assert not (repo / "stadt/.git").exists()


@pytest.mark.parametrize(("municipality", "committee"), [
    ('Foo: "bar" # x', "no"),  # YAML syntax and a word YAML 1.1 reads as false
    # Text that looks like a placeholder is data: once, `@COMMITTEE@` in the municipality was
    # replaced by the committee, since the files were filled in by text replacement.
    ("Stadt @COMMITTEE@ [[ committee ]] {{ spec }}", "Rat [% if x %]"),
])
def test_init_writes_the_names_as_given(tmp_path, run_cli, municipality: str,
                                        committee: str) -> None:
    root = tmp_path / "neu"
    run_cli("init", root, "--municipality", municipality, "--committee", committee,
            "--no-input")
    master = yaml.safe_load((root / "masterplan/masterplan.yaml").read_text(encoding="utf-8"))
    assert (master["municipality"], master["committee"]) == (municipality, committee)
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert readme.startswith(f"# Masterplan Digitalisierung – {municipality}\n")
    assert f"({committee})" in readme
    run_cli("validate", "--root", root, "--strict")
    run_cli("report", "--half", "2021-H1", "--init", "--root", root)
    paper = yaml.safe_load((root / "masterplan/reports/2021-H1.yaml").read_text("utf-8"))
    assert (paper["body"], paper["beratungsfolge"]) == (committee, [committee])


@pytest.mark.parametrize("how", ["--no-input", "CI"])
def test_init_missing_value_exit_2(tmp_path, run_cli, monkeypatch, how: str) -> None:
    args = ["init", tmp_path / "x", "--municipality", "Musterstadt"]
    if how == "CI":
        monkeypatch.setenv("CI", "1")
    else:
        args.append("--no-input")
    result = run_cli(*args, exit_code=2)
    assert "--committee is missing" in result.stderr
    assert not (tmp_path / "x").exists()


def test_adopt_records_ids_commit_and_tag(make_repo, run_cli) -> None:
    root = make_repo()
    head = git(root, "rev-parse", "HEAD").strip()
    result = run_cli("adopt", "1.1", "--root", root, "--date", "2021-03-25", "--resolution",
                     "BV/0042/2021", "--body", "Rat der Teststadt")
    assert "masterplan-1.1" in result.stderr
    text = (root / "masterplan/adoptions/1.1.yaml").read_text(encoding="utf-8")
    assert text == ("# yaml-language-server: $schema=../../schema/adoption.schema.json\n"
                    'version: "1.1"\ndate: 2021-03-25\nbody: Rat der Teststadt\n'
                    "resolution: BV/0042/2021\nmeasures: [M-001, M-002, M-003]\n"
                    f"commit: {head}\ntag: masterplan-1.1\n")
    assert git(root, "cat-file", "-t", "masterplan-1.1").strip() == "tag"
    assert git(root, "rev-parse", "masterplan-1.1^{commit}").strip() == head
    assert "BV/0042/2021" in git(root, "tag", "-n1", "masterplan-1.1")
    run_cli("validate", "--root", root)


@pytest.mark.parametrize(("args", "message"), [
    (("1.0", "--date", "2021-03-25", "--resolution", "R"), "already recorded"),
    (("v2", "--date", "2021-03-25", "--resolution", "R"), "not a version"),
    (("2.0", "--date", "25.03.2021", "--resolution", "R"), "--date"),
    (("2.0", "--date", "2021-03-25", "--resolution", " "), "--resolution"),
])
def test_adopt_refuses_bad_input(make_repo, run_cli, args, message: str) -> None:
    root = make_repo()
    before = _files(root)
    result = run_cli("adopt", *args, "--root", root, exit_code=2)
    assert message in result.stderr
    assert _files(root) == before
    assert git(root, "tag") == ""


@pytest.mark.clock
def test_adopt_refuses_a_date_in_the_future(make_repo, run_cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """As `validate` refuses such a record (adoption-in-future): nothing written, no tag."""
    monkeypatch.setenv("DOTOOL_TODAY", "2026-12-02")
    root = make_repo()
    before = _files(root)
    result = run_cli("adopt", "2.0", "--root", root, "--date", "2026-12-03", "--resolution",
                     "R", exit_code=2)
    assert "--date: 2026-12-03 is in the future" in result.stderr
    monkeypatch.setenv("DOTOOL_LANG", "de")
    result = run_cli("adopt", "2.0", "--root", root, "--date", "2099-01-01", "--resolution",
                     "R", exit_code=2)
    assert "--date: der 2099-01-01 liegt in der Zukunft" in result.stderr
    monkeypatch.setenv("DOTOOL_LANG", "en")
    assert _files(root) == before
    assert git(root, "tag") == ""
    run_cli("adopt", "2.0", "--root", root, "--date", "2026-12-02", "--resolution", "R")
    assert git(root, "tag") == "masterplan-2.0\n"
    run_cli("validate", "--root", root)


@pytest.mark.clock
def test_validate_reports_an_adoption_dated_in_the_future(plan_dir, run_cli,  # type: ignore[no-untyped-def]
                                                          monkeypatch) -> None:
    record = plan_dir / "masterplan/adoptions/1.0.yaml"
    record.write_text(record.read_text().replace("date: 2020-09-24", "date: 2026-12-03"))
    monkeypatch.setenv("DOTOOL_TODAY", "2026-12-03")
    run_cli("validate", "--root", plan_dir)
    monkeypatch.setenv("DOTOOL_TODAY", "2026-12-02")
    result = run_cli("validate", "--root", plan_dir, exit_code=1)
    assert "masterplan/adoptions/1.0.yaml" in result.stdout
    assert "2:7" in result.stdout and "[adoption-in-future]" in result.stdout


def test_adopt_refuses_an_existing_tag_and_uncommitted_changes(make_repo, run_cli) -> None:
    root = make_repo()
    git(root, "tag", "masterplan-2.0")
    result = run_cli("adopt", "2.0", "--root", root, "--date", "2021-03-25", "--resolution",
                     "R", exit_code=2)
    assert "tag masterplan-2.0 exists" in result.stderr
    (root / "measures/M-003-e-akte.yaml").write_text(
        (root / "measures/M-003-e-akte.yaml").read_text() + "public: false\n")
    result = run_cli("adopt", "2.1", "--root", root, "--date", "2021-03-25", "--resolution",
                     "R", exit_code=2)
    assert "not committed" in result.stderr
    assert not (root / "masterplan/adoptions/2.1.yaml").exists()


def test_adopt_refuses_an_invalid_plan(make_repo, run_cli) -> None:
    root = make_repo(history=[("2021-02-01T10:00:00+01:00", "Break", {
        "measures/M-003-e-akte.yaml": "id: M-003\n"})])
    run_cli("adopt", "2.0", "--root", root, "--date", "2021-03-25", "--resolution", "R",
            exit_code=1)
    assert not (root / "masterplan/adoptions/2.0.yaml").exists()
    assert git(root, "tag") == ""


def test_adopt_without_git_writes_the_record_only(plan_dir, run_cli) -> None:
    result = run_cli("adopt", "2.0", "--root", plan_dir, "--date", "2021-03-25",
                     "--resolution", "BV/1/2021")
    assert "no tag" in result.stderr
    data = yaml.safe_load((plan_dir / "masterplan/adoptions/2.0.yaml").read_text())
    assert data["measures"] == ["M-001", "M-002", "M-003"] and "commit" not in data


def test_adopt_many_measures_one_per_line(plan_dir, run_cli) -> None:
    source = (plan_dir / "measures/M-003-e-akte.yaml").read_text(encoding="utf-8")
    for n in range(4, 16):
        (plan_dir / f"measures/M-{n:03d}-x.yaml").write_text(
            source.replace("M-003", f"M-{n:03d}"), encoding="utf-8")
    run_cli("adopt", "2.0", "--root", plan_dir, "--date", "2021-03-25", "--resolution", "R")
    text = (plan_dir / "masterplan/adoptions/2.0.yaml").read_text(encoding="utf-8")
    assert "measures:\n  - M-001\n  - M-002\n" in text
    assert yaml.safe_load(text)["measures"][-1] == "M-015"


def test_init_asks_on_a_terminal(tmp_path, run_cli, monkeypatch) -> None:
    monkeypatch.setattr("dotool.cli.prompts.interactive", lambda no_input: not no_input)
    root = tmp_path / "neu"
    result = run_cli("init", root, "--committee", "Hauptausschuss", input="\n  \nLüneburg\n")
    assert "must not be empty" in result.stderr  # blank answers are asked again
    text = (root / "masterplan/masterplan.yaml").read_text(encoding="utf-8")
    assert "municipality: Lüneburg\n" in text and "committee: Hauptausschuss\n" in text


def test_init_interrupted_completes_when_run_again(tmp_path, run_cli) -> None:  # type: ignore[no-untyped-def]
    whole = tmp_path / "whole"
    run_cli("init", whole, *INIT)
    expected = _files(whole)
    root = tmp_path / "neu"
    run_cli("init", root, *INIT)
    # As if killed half-way: only some files made it.
    for rel in [".github/workflows/pages.yml", "README.md", "schema/measure.schema.json"]:
        (root / rel).unlink()
    result = run_cli("init", root, *INIT)
    assert "created README.md" in result.stderr
    assert "created masterplan/masterplan.yaml" not in result.stderr
    assert _files(root) == expected
    run_cli("validate", "--root", root)


def test_init_again_with_other_values_refuses(tmp_path, run_cli) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "neu"
    run_cli("init", root, *INIT)
    before = _files(root)
    result = run_cli("init", root, "--municipality", "Anderswo", "--committee", "Rat",
                     "--no-input", exit_code=2)
    assert "masterplan/masterplan.yaml" in result.stderr
    assert _files(root) == before


ADOPT = ("--date", "2021-03-25", "--resolution", "BV/0042/2021", "--body", "Rat der Teststadt")


def test_adopt_interrupted_before_its_tag_completes_when_run_again(make_repo, run_cli) -> None:  # type: ignore[no-untyped-def]
    root = make_repo()
    run_cli("adopt", "1.1", "--root", root, *ADOPT)
    record = (root / "masterplan/adoptions/1.1.yaml").read_bytes()
    git(root, "tag", "-d", "masterplan-1.1")  # as if killed between record and tag
    result = run_cli("adopt", "1.1", "--root", root, *ADOPT)
    assert "completed it" in result.stderr
    assert (root / "masterplan/adoptions/1.1.yaml").read_bytes() == record
    assert git(root, "cat-file", "-t", "masterplan-1.1").strip() == "tag"
    # Once complete, or with other values, the version is taken.
    assert "already recorded" in run_cli("adopt", "1.1", "--root", root, *ADOPT,
                                         exit_code=2).stderr
    git(root, "tag", "-d", "masterplan-1.1")
    other = run_cli("adopt", "1.1", "--root", root, "--date", "2021-03-26", "--resolution",
                    "BV/0042/2021", exit_code=2)
    assert "already recorded" in other.stderr
    assert git(root, "tag") == ""


def test_a_temporary_file_left_by_a_killed_write_does_not_block_adopt(make_repo, run_cli) -> None:  # type: ignore[no-untyped-def]
    root = make_repo()
    (root / "measures/.M-004-neu.yaml.k3j2.tmp").write_text("id: M-0")
    run_cli("adopt", "1.1", "--root", root, *ADOPT)
    (root / "measures/M-009-neu.yaml").write_text("id: M-009\n")
    assert "not committed" in run_cli("adopt", "1.2", "--root", root, *ADOPT,
                                      exit_code=2).stderr


IGNORED = {  # how git comes to ignore a measure file in the working tree
    ".gitignore": (".gitignore", "measures/M-009*\n"),
    "measures/.gitignore": ("measures/.gitignore", "M-009-*.yaml\n"),
    "info/exclude": (".git/info/exclude", "M-009-entwurf.yaml\n"),
}


@pytest.mark.parametrize("how", sorted(IGNORED))
def test_adopt_lists_only_the_measures_of_the_adopted_commit(make_repo, run_cli,  # type: ignore[no-untyped-def]
                                                              how: str) -> None:
    rel, pattern = IGNORED[how]
    root = make_repo({rel: pattern} if not rel.startswith(".git/") else None)
    if rel.startswith(".git/"):
        (root / rel).write_text(pattern, encoding="utf-8")
    draft = (root / "measures" / "M-003-e-akte.yaml").read_text(encoding="utf-8")
    (root / "measures" / "M-009-entwurf.yaml").write_text(draft.replace("M-003", "M-009"),
                                                         encoding="utf-8")
    assert git(root, "status", "--porcelain") == ""  # git ignores it: the tree is clean
    result = run_cli("adopt", "2.0", "--date", "2021-03-01", "--resolution", "BV/2/2021",
                     "--root", root)
    record = yaml.safe_load((root / "masterplan" / "adoptions" / "2.0.yaml").read_text())
    tagged = git(root, "ls-tree", "--name-only", "masterplan-2.0", "measures/")
    assert record["measures"] == ["M-001", "M-002", "M-003"]
    assert "M-009" not in tagged
    assert "M-009-entwurf.yaml" in result.stderr and "not in the adopted commit" in result.stderr
