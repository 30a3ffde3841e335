"""The git layer on real repositories: trees, refs, shallow clones, renames, no git at all."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from dotool.errors import GitError, UsageError
from dotool.store import git as git_module
from dotool.store.git import Git
from tests.conftest import BASE, git

M2 = "measures/M-002-glasfaser.yaml"


def test_read_tree_returns_the_files_at_a_ref(make_repo) -> None:
    root = make_repo(history=[("2021-03-01T10:00:00+01:00", "Drop M-003",
                               {"measures/M-003-e-akte.yaml": None, "notes.txt": "x"})])
    with Git(root) as repo:
        old = repo.read_tree("HEAD~1")
        new = repo.read_tree("HEAD")
    assert "measures/M-003-e-akte.yaml" in old
    assert "measures/M-003-e-akte.yaml" not in new
    assert old[M2] == (BASE / M2).read_bytes()
    assert set(new) == {"masterplan/masterplan.yaml", "masterplan/adoptions/1.0.yaml",
                        "measures/M-001-termine.yaml", M2}


def test_read_tree_uses_one_cat_file_process_for_all_files(make_repo, monkeypatch) -> None:
    files = {f"measures/M-{n:03d}-x.yaml": f"id: M-{n:03d}\n" for n in range(10, 60)}
    root = make_repo(files)
    started: list[list[str]] = []
    real_popen = subprocess.Popen

    def popen(argv, *args, **kwargs):  # every process, also those of subprocess.run
        started.append(list(argv))
        return real_popen(argv, *args, **kwargs)

    monkeypatch.setattr(git_module.subprocess, "Popen", popen)
    with Git(root) as repo:
        first = repo.read_tree("HEAD")
        second = repo.read_tree("HEAD")
    assert len(first) == len(second) == 55
    assert sum("cat-file" in argv for argv in started) == 1
    assert sum("ls-tree" in argv for argv in started) == 2
    assert len(started) < 12, started  # a constant, not one process per file


def test_read_tree_cuts_huge_blobs_after_the_limit(make_repo) -> None:
    root = make_repo({"measures/M-009-big.yaml": "# " + "x" * 5000 + "\n"})
    with Git(root) as repo:
        blobs = repo.read_tree("HEAD", limit=2000)
    assert len(blobs["measures/M-009-big.yaml"]) == 2001
    assert blobs[M2] == (BASE / M2).read_bytes()  # the stream stayed in step


@pytest.mark.parametrize("ref", ["--output=x", "-x", "-", ""])
def test_option_like_refs_are_refused(make_repo, ref: str) -> None:
    with pytest.raises(UsageError, match="refusing"):
        Git(make_repo()).verify_ref(ref)


def test_missing_ref_names_the_fetch_command(make_repo) -> None:
    with pytest.raises(GitError) as caught:
        Git(make_repo()).verify_ref("masterplan-9.9")
    assert caught.value.exit_code == 2
    assert "git fetch --tags origin" in (caught.value.hint or "")


def test_shallow_clone_is_detected_and_the_hint_unshallows(make_repo, tmp_path) -> None:
    root = make_repo(history=[("2021-03-01T10:00:00+01:00", "Second", {"x.txt": "x"})])
    first = git(root, "rev-list", "--max-parents=0", "HEAD").strip()
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{root}", str(clone))
    repo = Git(clone)
    assert repo.is_shallow() and not Git(root).is_shallow()
    assert repo.verify_ref("HEAD")
    with pytest.raises(GitError) as caught:
        repo.verify_ref(first)
    assert "git fetch --unshallow" in (caught.value.hint or "")


def test_without_git_history_features_say_so(make_repo, tmp_path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(make_repo(), copy, ignore=shutil.ignore_patterns(".git"))
    repo = Git(copy)
    assert not repo.is_repo()
    assert repo.last_data_date() is None
    with pytest.raises(GitError, match="not in a git repository"):
        repo.verify_ref("HEAD")


def test_no_git_binary(make_repo, monkeypatch) -> None:
    root = make_repo()
    monkeypatch.setattr(git_module.shutil, "which", lambda name: None)
    repo = Git(root)
    assert not repo.is_repo()
    with pytest.raises(GitError, match="not installed"):
        repo.verify_ref("HEAD")


def test_log_follow_follows_renames(make_repo) -> None:
    root = make_repo(history=[
        ("2021-02-01T10:00:00+01:00", "Rename M-002", {
            M2: None, "measures/M-002-glasfaser-gewerbe.yaml": (BASE / M2).read_text()}),
        ("2021-03-01T10:00:00+01:00", "Unrelated", {"x.txt": "x"}),
        ("2021-04-01T10:00:00+01:00", "Budget for M-002", {
            "measures/M-002-glasfaser-gewerbe.yaml": (BASE / M2).read_text() + "public: true\n"}),
    ])
    commits = Git(root).log_follow("measures/M-002-glasfaser-gewerbe.yaml")
    assert [(c.date, c.subject, c.status, c.path) for c in commits] == [
        ("2021-04-01", "Budget for M-002", "M", "measures/M-002-glasfaser-gewerbe.yaml"),
        ("2021-02-01", "Rename M-002", "R", "measures/M-002-glasfaser-gewerbe.yaml"),
        ("2020-09-01", "Initial plan", "A", M2),
    ]
    assert {c.author for c in commits} == {"Test Author"}


def test_last_data_date_and_head(make_repo) -> None:
    root = make_repo(history=[("2021-03-05T10:00:00+01:00", "Docs only", {"README.md": "x"})])
    repo = Git(root)
    assert repo.last_data_date() == "2020-09-01"
    assert repo.head_commit() == git(root, "rev-parse", "HEAD").strip()


def test_plan_in_a_subfolder_of_the_repository(tmp_path) -> None:
    top = tmp_path / "top"
    shutil.copytree(BASE, top / "plan")
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "Plan in a subfolder")
    with Git(top / "plan") as repo:
        assert repo.prefix() == "plan/"
        assert set(repo.read_tree("HEAD")) >= {"masterplan/masterplan.yaml", M2}
        assert [c.path for c in repo.log_follow(M2)] == [M2]


def test_annotated_tag(make_repo) -> None:
    root = make_repo()
    repo = Git(root)
    repo.create_annotated_tag("masterplan-2.0", "Masterplan 2.0")
    assert git(root, "cat-file", "-t", "masterplan-2.0").strip() == "tag"
    assert repo.tag_exists("masterplan-2.0")
    with pytest.raises(GitError, match="already exists"):
        repo.create_annotated_tag("masterplan-2.0", "again")


def test_a_failing_git_command_reports_gits_message(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    git(tmp_path / "empty", "init", "-q")
    repo = Git(tmp_path / "empty")
    assert repo.head_commit() is None
    with pytest.raises(GitError, match="does not exist"):
        repo.verify_ref("HEAD")
