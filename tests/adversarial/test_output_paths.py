"""Where outputs go: `-o` writes only a regular file or a new name; `site -o DIR` stays in DIR.

Classes of cases: every kind of special file (FIFO, device, socket, symbolic links to a file, to
a folder and to nothing, a folder) as the target of every `-o`; a symbolic link at every path
the site writes; every folder of the plan (and a link to one) as the site's folder; stale files
that dotool wrote and files it did not, with and without a committed list of names; and every
page name of the site as a key of the plan.
"""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.adversarial.helpers import Worker, assert_clear, changes, snapshot
from tests.conftest import copy_base


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return copy_base(tmp_path / "plan")


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays


def _device(path: Path) -> None:
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # what /dev/null is
    except PermissionError:
        pytest.skip("creating a device node needs root")


def _elsewhere(path: Path) -> Path:
    target = path.parent / "elsewhere" / "kept.txt"
    target.parent.mkdir(exist_ok=True)
    target.write_text("keep me")
    return target


# kind → (make it at `path`, a word the refusal says)
SPECIAL: dict[str, tuple[Callable[[Path], object], str]] = {
    "fifo": (os.mkfifo, "FIFO"),
    "device": (_device, "device"),
    "socket": (_socket, "socket"),
    "link-to-file": (lambda p: p.symlink_to(_elsewhere(p)), "symbolic link"),
    "link-to-folder": (lambda p: p.symlink_to(_elsewhere(p).parent), "symbolic link"),
    "link-to-nothing": (lambda p: p.symlink_to(p.parent / "nothing"), "symbolic link"),
    "folder": (lambda p: p.mkdir(), ""),
}
OUTPUTS = {  # command → (arguments before the path, the path given, the file that is special)
    "report.md": (("report", "--half", "2021-H1", "-o"), "out.md", "out.md"),
    "report.html": (("report", "--half", "2021-H1", "-o"), "out.html", "out.html"),
    "report.docx": (("report", "--half", "2021-H1", "-o"), "out.docx", "out.docx"),
    "masterplan.html": (("masterplan", "-o"), "out.html", "out.html"),
    "export.json": (("export", "-o"), "out.json", "out.json"),
    "export.csv": (("export", "--format", "csv", "-o"), "csv", "csv/measures.csv"),
    "markdown assets": (("masterplan", "-o"), "out.md", "assets"),
}


def _state(path: Path) -> tuple[int, str]:
    info = path.lstat()
    link = os.readlink(path) if stat.S_ISLNK(info.st_mode) else ""
    return info.st_mode, link


# (A real folder at a Markdown file's assets/ is where its images go: not a special case.)
CASES = [(o, k) for o in sorted(OUTPUTS) for k in sorted(SPECIAL)
         if (o, k) != ("markdown assets", "folder")]


@pytest.mark.parametrize(("output", "kind"), CASES, ids=[f"{o}-{k}" for o, k in CASES])
def test_output_goes_only_to_a_regular_file_or_a_new_name(worker: Worker, plan: Path,
                                                          tmp_path: Path, output: str,
                                                          kind: str) -> None:
    args, given, special = OUTPUTS[output]
    out = tmp_path / "out"
    (out / "csv").mkdir(parents=True)
    make, says = SPECIAL[kind]
    if output == "markdown assets":
        measure = plan / "measures" / "M-001-termine.yaml"
        (plan / "docs").mkdir()
        from tests.images import png

        (plan / "docs" / "p.png").write_bytes(png())
        measure.write_text(measure.read_text(encoding="utf-8").replace(
            "summary: Termine online buchen.", "summary: '![p](docs/p.png)'"), encoding="utf-8")
    make(out / special)
    before = _state(out / special)
    elsewhere = tmp_path / "out" / "elsewhere"
    kept = {p: p.read_bytes() for p in elsewhere.rglob("*") if p.is_file()} \
        if elsewhere.exists() else {}
    repo = snapshot(plan)
    run = worker.run(*args, out / given, "--root", plan, cwd=plan)
    assert_clear(run, 2, says=says or None)
    assert _state(out / special) == before, "the special file was replaced"
    assert {p: p.read_bytes() for p in kept} == kept, "a file behind a link was written"
    assert not changes(repo, snapshot(plan))


SITE_PATHS = ["open-data", "measures", "fields", "reports", "assets", "assets/images",
              "index.html", "open-data/plan.json", "measures/M-001.html", "assets/site.css"]


@pytest.mark.parametrize("where", SITE_PATHS)
def test_the_site_never_writes_through_a_link_inside_its_folder(worker: Worker, plan: Path,
                                                                tmp_path: Path,
                                                                where: str) -> None:
    out = tmp_path / "site"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("keep")
    link = out / where
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside if "." not in where.rpartition("/")[2] else outside / "keep.txt")
    measure = plan / "measures" / "M-001-termine.yaml"
    from tests.images import png

    (plan / "img.png").write_bytes(png())
    measure.write_text(measure.read_text(encoding="utf-8").replace(
        "summary: Termine online buchen.", "summary: '![p](img.png)'"), encoding="utf-8")
    run = worker.run("site", "-o", out, "--root", plan, cwd=plan)
    assert_clear(run, 2, says="symbolic link")
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]
    assert (outside / "keep.txt").read_text() == "keep"


PLAN_FOLDERS = [".", "measures", "masterplan", "masterplan/adoptions", "templates", "schema",
                ".git", ".git/hooks", "measures/new"]


@pytest.mark.parametrize("reach", ["direct", "link"])
@pytest.mark.parametrize("folder", PLAN_FOLDERS)
def test_the_site_never_writes_into_the_plan(worker: Worker, tmp_path: Path, folder: str,
                                             reach: str) -> None:
    from tests.adversarial.helpers import commit_all, git

    plan = copy_base(tmp_path / "plan")
    git(plan, "init", "-q", "-b", "main")
    (plan / "templates").mkdir()
    (plan / "schema").mkdir()
    commit_all(plan, "Initial plan")
    target = plan / folder
    if reach == "link":
        (tmp_path / "build").symlink_to(target)
        target = tmp_path / "build"
    before = snapshot(plan)
    run = worker.run("site", "-o", target, "--root", plan, cwd=plan)
    assert_clear(run, 2, says="plan's own folder")
    assert not changes(before, snapshot(plan))


def test_the_site_removes_only_what_it_wrote(worker: Worker, plan: Path, tmp_path: Path) -> None:
    from dotool.render.site import PAGE_MARK, STALE_FOLDERS

    out = tmp_path / "site"
    assert_clear(worker.run("site", "-o", out, "--root", plan, cwd=plan), 0)
    mark = PAGE_MARK.encode()
    # In every folder the site manages, and beside it: a stale page of dotool's (marked), a
    # page of someone else's (not marked), a file a committed list names (CNAME), a picture
    # named after another's digest. Only the marked pages in those folders go.
    ours, theirs = [], []
    for folder in ("", *STALE_FOLDERS):
        here = out / folder
        here.mkdir(parents=True, exist_ok=True)
        (here / "old.html").write_bytes(b"<p>old</p>\n" + mark)
        (here / "own.html").write_bytes(b"<p>mine</p>\n")
        (here / "CNAME").write_text("masterplan.example.org\n")
        (here / "0123456789abcdef0123.png").write_bytes(b"not that picture")
        (ours if folder in STALE_FOLDERS and folder != "assets/images" else theirs).append(
            here / "old.html")
        theirs += [here / "own.html", here / "CNAME", here / "0123456789abcdef0123.png"]
    (out / ".dotool-site").write_text("CNAME\nown.html\nmeasures/own.html\nfields/CNAME\n")
    theirs.append(out / ".dotool-site")
    run = worker.run("site", "-o", out, "--root", plan, cwd=plan)
    assert_clear(run, 0)
    assert [p for p in ours if p.exists()] == []
    assert [p for p in theirs if not p.exists()] == []


def test_a_picture_no_longer_shown_is_removed(worker: Worker, plan: Path, tmp_path: Path) -> None:
    from tests.images import png

    (plan / "a.png").write_bytes(png(2, 2))
    measure = plan / "measures" / "M-001-termine.yaml"
    original = measure.read_text(encoding="utf-8")
    measure.write_text(original.replace("summary: Termine online buchen.",
                                        "summary: '![a](a.png)'"), encoding="utf-8")
    out = tmp_path / "site"
    assert_clear(worker.run("site", "-o", out, "--root", plan, cwd=plan), 0)
    pictures = list((out / "assets" / "images").iterdir())
    assert len(pictures) == 1
    measure.write_text(original, encoding="utf-8")
    assert_clear(worker.run("site", "-o", out, "--root", plan, cwd=plan), 0, says="removed")
    assert not pictures[0].exists()


def _page_names(worker: Worker, plan: Path, out: Path) -> set[str]:
    """The names of the pages the site writes among the fields' pages (from a real site)."""
    assert_clear(worker.run("site", "-o", out, "--root", plan, cwd=plan), 0)
    keys = {"rathaus", "netz"}
    return {p.stem for p in (out / "fields").glob("*.html")} - keys


def test_keys_that_would_name_a_page_of_the_site_are_refused(worker: Worker, plan: Path,
                                                             tmp_path: Path) -> None:
    names = _page_names(worker, plan, tmp_path / "probe")
    assert names  # the overview page at least
    for name in sorted(names):
        masterplan = plan / "masterplan" / "masterplan.yaml"
        text = masterplan.read_text(encoding="utf-8")
        masterplan.write_text(text.replace("key: netz", f"key: {name}"), encoding="utf-8")
        for measure in (plan / "measures").glob("*.yaml"):
            measure.write_text(measure.read_text(encoding="utf-8").replace(
                "field: netz", f"field: {name}"), encoding="utf-8")
        out = tmp_path / f"site-{name}"
        run = worker.run("site", "-o", out, "--root", plan, cwd=plan)
        assert_clear(run, 1, says=f"`{name}`")
        assert not out.exists()
        masterplan.write_text(text, encoding="utf-8")
