"""`dotool diff`, `dotool history` and the plan at a ref, on real repositories."""

from __future__ import annotations

import json
import shutil

import pytest

from dotool.app.past import plan_at
from dotool.errors import GitError
from tests.conftest import BASE, git

M2 = "measures/M-002-glasfaser.yaml"
M4 = """id: M-004
title: WLAN im Rathaus
field: netz
scope: internal
kind: infrastructure
summary: WLAN in allen Sitzungsräumen.
lead: IT-Service
"""


def _m2_replanned() -> str:
    text = (BASE / M2).read_text(encoding="utf-8")
    text = text.replace("end: 2022-12", "end: 2023-06\nbudget:\n  one_off: 90000")
    return text + """  - half: 2021-H2
    status: on_hold
    rag: red
    rag_reason: Tiefbaufirma insolvent.
    progress: 30
    text: Ruht.
    replanned_end: 2024-06
"""


@pytest.fixture
def repo(make_repo):
    root = make_repo(history=[
        ("2021-01-10T10:00:00+01:00", "Add M-004", {"measures/M-004-wlan.yaml": M4}),
        ("2021-02-10T10:00:00+01:00", "Drop M-003, re-plan M-002", {
            "measures/M-003-e-akte.yaml": None, M2: _m2_replanned()}),
    ])
    git(root, "tag", "-a", "-m", "v1", "masterplan-1.0", "HEAD~2")
    return root


def test_diff_between_two_refs_as_json(repo, run_cli) -> None:
    result = run_cli("diff", "masterplan-1.0", "HEAD", "--root", repo, "--format", "json")
    assert json.loads(result.stdout) == {
        "format_version": 1, "from": "masterplan-1.0", "to": "HEAD",
        "added": [{"id": "M-004", "title": "WLAN im Rathaus"}],
        "removed": [{"id": "M-003", "title": "E-Akte"}],
        "replanned": [{"id": "M-002", "title": "Glasfaser Gewerbegebiet", "changes": [
            {"what": "end", "old": "2022-12", "new": "2023-06"},
            {"what": "replanned_end", "old": None, "new": "2024-06"},
            {"what": "budget.one_off", "old": None, "new": "90000"},
        ]}],
        "status_changes": [{"id": "M-002", "title": "Glasfaser Gewerbegebiet",
                            "old": "in_progress", "new": "on_hold"}],
    }


def test_diff_against_the_working_tree_as_text(repo, run_cli) -> None:
    (repo / "measures/M-004-wlan.yaml").write_text(M4.replace("field: netz", "field: rathaus"),
                                                    encoding="utf-8")
    out = run_cli("diff", "HEAD", "--root", repo).stdout
    assert "Changes from HEAD to working tree" in out
    assert "M-004  WLAN im Rathaus" in out
    assert "field of action: Infrastruktur → Digitales Rathaus" in out  # titles, not keys
    assert "Added" not in out and "Status changed" not in out
    out = run_cli("diff", "HEAD", "--root", repo, "--lang", "de").stdout
    assert out.splitlines()[0] == "Änderungen: HEAD → Arbeitsverzeichnis"
    assert "Handlungsfeld: Infrastruktur → Digitales Rathaus" in out


def test_diff_text_lists_every_section(repo, run_cli) -> None:
    out = run_cli("diff", "masterplan-1.0", "HEAD", "--root", repo).stdout
    for expected in ("Added (1)", "+ M-004  WLAN im Rathaus", "Removed (1)", "- M-003  E-Akte",
                     "Re-planned (1)", "end: 2022-12 → 2023-06",
                     "Status changed (1)", "in progress → on hold"):
        assert expected in out, out


@pytest.mark.parametrize("ref", ["--output=x", "-x"])
def test_option_like_refs_exit_2(repo, run_cli, ref: str) -> None:
    # Through the command line click already refuses them; after `--` dotool does.
    run_cli("diff", ref, "--root", repo, exit_code=2)
    result = run_cli("diff", "--root", repo, "--", ref, exit_code=2)
    assert "refusing the git ref" in result.stderr


def test_missing_ref_exit_2_with_fetch_hint(repo, run_cli) -> None:
    result = run_cli("diff", "masterplan-7.0", "--root", repo, exit_code=2)
    assert "does not exist" in result.stderr and "git fetch --tags origin" in result.stderr


def test_diff_of_an_invalid_state_exit_1(repo, run_cli) -> None:
    (repo / M2).write_text("id: M-002\n", encoding="utf-8")
    result = run_cli("diff", "HEAD", "--root", repo, exit_code=1)
    assert "working tree" in result.stderr


def test_plan_at_a_tag(repo) -> None:
    old = plan_at(repo, "masterplan-1.0")
    assert [m.id for m in old.measures] == ["M-001", "M-002", "M-003"]
    assert old.paths["M-003"] == "measures/M-003-e-akte.yaml"


def test_history_follows_renames(make_repo, run_cli) -> None:
    text = (BASE / M2).read_text(encoding="utf-8")
    new = "measures/M-002-glasfaser-gewerbegebiet.yaml"
    root = make_repo(history=[
        ("2021-02-01T10:00:00+01:00", "Rename M-002", {M2: None, new: text}),
        ("2021-07-20T10:00:00+01:00", "M-002: Sachstand 2021-H1", {new: text + "public: true\n"}),
    ])
    data = json.loads(run_cli("history", "m-002", "--root", root, "--format", "json").stdout)
    assert data["path"] == new
    assert [u["half"] for u in data["updates"]] == ["2020-H2", "2021-H1"]
    assert [(c["date"], c["author"], c["subject"], c["path"]) for c in data["commits"]] == [
        ("2021-07-20", "Test Author", "M-002: Sachstand 2021-H1", new),
        ("2021-02-01", "Test Author", "Rename M-002", new),
        ("2020-09-01", "Test Author", "Initial plan", M2),
    ]
    out = run_cli("history", "M-002", "--root", root).stdout
    assert "Rename M-002" in out and "Bescheid erhalten." in out
    assert "Förderbescheid steht aus." in out  # the Ampel's reason, as `show` prints it


def test_history_of_an_unknown_measure_exit_2(make_repo, run_cli) -> None:
    result = run_cli("history", "M-099", "--root", make_repo(), exit_code=2)
    assert "no measure M-099" in result.stderr


def test_shallow_clone(make_repo, run_cli, tmp_path) -> None:
    root = make_repo(history=[("2021-03-01T10:00:00+01:00", "Second", {"x.txt": "x"})])
    first = git(root, "rev-list", "--max-parents=0", "HEAD").strip()
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{root}", str(clone))
    result = run_cli("diff", first, "--root", clone, exit_code=2)
    assert "git fetch --unshallow" in result.stderr
    result = run_cli("history", "M-001", "--root", clone, exit_code=2)
    assert "shallow" in result.stderr and "git fetch --unshallow" in result.stderr
    run_cli("diff", "HEAD", "--root", clone)  # what the clone has still works
    run_cli("validate", "--root", clone)


def test_copy_without_git(make_repo, run_cli, tmp_path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(make_repo(), copy, ignore=shutil.ignore_patterns(".git"))
    result = run_cli("diff", "HEAD", "--root", copy, exit_code=2)
    assert "not in a git repository" in result.stderr
    result = run_cli("history", "M-001", "--root", copy)
    assert "Software ausgewählt." in result.stdout and "no commits" in result.stderr
    data = json.loads(run_cli("history", "M-001", "--root", copy, "--format", "json").stdout)
    assert data["commits"] is None
    run_cli("validate", "--root", copy)
    run_cli("update", "M-003", "--root", copy, "--half", "2021-H2", "--status", "ongoing",
            "--rag", "green", "--text", "Läuft.")


def test_plan_at_outside_git(plan_dir) -> None:
    with pytest.raises(GitError, match="not in a git repository"):
        plan_at(plan_dir, "HEAD")


def test_masterplan_at_an_adopted_tag(make_repo, run_cli) -> None:
    root = make_repo()
    run_cli("adopt", "1.1", "--root", root, "--date", "2021-03-25", "--resolution",
            "BV/0042/2021")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Record adoption 1.1", date="2021-03-26T10:00:00+01:00")
    text = (root / M2).read_text(encoding="utf-8").replace("Glasfaser Gewerbegebiet",
                                                           "Glasfaser für alle")
    (root / M2).write_text(text, encoding="utf-8")
    git(root, "commit", "-q", "-am", "Rename M-002", date="2021-06-01T10:00:00+02:00")
    now = run_cli("masterplan", "--root", root).stdout
    then = run_cli("masterplan", "--root", root, "--at", "masterplan-1.1").stdout
    assert "Glasfaser für alle" in now and "Glasfaser für alle" not in then
    assert "Glasfaser Gewerbegebiet" in then
    assert "BV/0042/2021" in then and "BV/0042/2021" not in now.split("\n\n")[0]
    assert "01.09.2020" in then  # Stand: the data of the adopted commit, not of HEAD
    run_cli("masterplan", "--root", root, "--at", "-x", exit_code=2)
    result = run_cli("masterplan", "--root", root, "--at", "masterplan-9", exit_code=2)
    assert "git fetch" in result.stderr
