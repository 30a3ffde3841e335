"""One rule for every file dotool reads, proved for every kind of file and every hostile target.

A pull request controls every path of the repository, symlinks included. Each case puts one
hostile target where dotool reads one kind of file — an image, a measure, the measures folder,
masterplan.yaml, an adoption record, a template override — and runs the commands that read it.
The targets: links into `.git/` (which holds the CI token after `actions/checkout`), to a
non-public measure and to the plan's own files, out of the repository, symlink loops, a link to
nothing, a FIFO (which would block a read forever), a device, a folder, a file above the size
limit. Every case: the secret reaches no output (neither raw nor as base64), the command ends
with its documented exit code and a message naming the file, and the repository is unchanged.
"""

from __future__ import annotations

import base64
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.adversarial.helpers import Run, Worker, assert_clear, changes, commit_all, git, snapshot
from tests.conftest import copy_base
from tests.images import png

TOKEN = b"U0VDUkVULVRPS0VO-github-token"  # what actions/checkout leaves in .git/config
CONTACT = "Frau Geheim, -4711"
OUTSIDE = b"OUTSIDE-SECRET-0815"


def leaks(data: bytes, secret: bytes) -> bool:
    """True when `data` holds `secret`, raw or in base64 at any of the three alignments."""
    if secret in data:
        return True
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + secret)[4 if shift else 0:-4]
        if encoded and encoded in data:
            return True
    return False


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The base plan in git, with a token in .git/config, a non-public measure with a contact
    and a secret file outside the repository."""
    root = copy_base(tmp_path / "plan")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "http.https://github.com/.extraheader",
        f"AUTHORIZATION: basic {TOKEN.decode()}")
    (root / "measures" / "M-004-intern.yaml").write_text(
        "id: M-004\ntitle: Intern\nfield: rathaus\nscope: internal\nkind: project\n"
        f"summary: Intern.\nlead: Hauptamt\ncontact: {CONTACT}\npublic: false\n",
        encoding="utf-8")
    (root / "img").mkdir()
    (root / "img" / "ok.png").write_bytes(png(4, 2))
    commit_all(root, "Initial plan")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.png").write_bytes(png(2, 2, extra=OUTSIDE))
    return root


def _link(path: Path, target: str | Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() or path.is_symlink():
        path.unlink()
    path.symlink_to(target)


def _fresh(path: Path) -> Path:
    """`path` free to be made (its folder there, nothing at it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() or path.is_symlink():
        path.unlink()
    return path


def _device(path: Path) -> None:
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # what /dev/zero is
    except PermissionError:
        pytest.skip("creating a device node needs root")


# How to put each hostile target at `path` (inside the repository `root`).
Target = Callable[[Path, Path], None]
TARGETS: dict[str, Target] = {
    "git-config": lambda root, p: _link(p, os.path.relpath(root / ".git" / "config", p.parent)),
    "git-config-absolute": lambda root, p: _link(p, root / ".git" / "config"),
    "git-head": lambda root, p: _link(p, os.path.relpath(root / ".git" / "HEAD", p.parent)),
    "git-through-folder": lambda root, p: (_link(root / "gitlink", ".git"),
                                           _link(p, root / "gitlink" / "config")),
    "non-public-measure": lambda root, p: _link(p, root / "measures" / "M-004-intern.yaml"),
    "masterplan-file": lambda root, p: _link(p, root / "masterplan" / "masterplan.yaml"),
    "outside": lambda root, p: _link(p, root.parent / "outside" / "secret.png"),
    "outside-relative": lambda root, p: _link(
        p, os.path.relpath(root.parent / "outside" / "secret.png", p.parent)),
    "loop-self": lambda root, p: _link(p, p.name),
    "loop-pair": lambda root, p: (_link(p.with_name("twin"), p.name), _link(p, "twin")),
    "dangling": lambda root, p: _link(p, "no-such-file"),
    "fifo": lambda root, p: os.mkfifo(_fresh(p)),
    "device": lambda root, p: _device(_fresh(p)),
    "folder": lambda root, p: _fresh(p).mkdir(),
}
#: Never in any output: the token and the file outside. The contact of the non-public measure
#: is in the repository anyway (a finding may quote its line), but never in a document.
SECRETS = (TOKEN, OUTSIDE)
DOCUMENTS = ("report", "masterplan", "export", "site")


def _outputs(run: Run, out: Path) -> bytes:
    files = b"".join(p.read_bytes() for p in sorted(out.rglob("*"))
                     if p.is_file() and not p.is_symlink()) if out.exists() else b""
    return run.stdout.encode() + run.stderr.encode() + files


def _check(worker: Worker, root: Path, out: Path, args: tuple[str, ...], code: int | set[int],
           says: str | None) -> None:
    before = snapshot(root)
    run = worker.run(*[a.format(out=out) for a in args], "--root", root, cwd=root)
    assert_clear(run, code, says=says)
    data = _outputs(run, out)
    for secret in (*SECRETS, CONTACT.encode()) if args[0] in DOCUMENTS else SECRETS:
        assert not leaks(data, secret), f"{secret!r} leaked\n{run}"
    assert not changes(before, snapshot(root)), run


IMAGE_COMMANDS = [("masterplan", "-o", "{out}/m.html"), ("masterplan", "-o", "{out}/m.md"),
                  ("report", "--half", "2021-H1", "-o", "{out}/r.html"),
                  ("site", "-o", "{out}/site")]


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_an_image_is_read_by_the_rule(worker: Worker, repo: Path, tmp_path: Path,
                                      target: str) -> None:
    TARGETS[target](repo, repo / "img" / "pic.png")
    measure = repo / "measures" / "M-001-termine.yaml"
    measure.write_text(measure.read_text(encoding="utf-8").replace(
        "summary: Termine online buchen.", "summary: 'Bild ![Plan](img/pic.png) ![ok](img/ok.png)'")
        .replace("text: In Betrieb.", "text: 'Bild ![Plan](img/pic.png)'"), encoding="utf-8")
    for index, args in enumerate(IMAGE_COMMANDS):
        out = tmp_path / f"out{index}"
        _check(worker, repo, out, args, 0, says="img/pic.png")
        copied = [p.name for p in out.rglob("*") if p.is_file()]
        assert "pic.png" not in copied  # never copied beside the output either


def test_a_good_image_beside_a_refused_one_is_shown_once(worker: Worker, repo: Path,
                                                          tmp_path: Path) -> None:
    measure = repo / "measures" / "M-001-termine.yaml"
    refs = " ".join("![ok](img/ok.png)" for _ in range(30))
    measure.write_text(measure.read_text(encoding="utf-8").replace(
        "summary: Termine online buchen.", f"summary: '{refs}'"), encoding="utf-8")
    run = worker.run("masterplan", "-o", tmp_path / "m.html", "--root", repo, cwd=repo)
    assert_clear(run, 0)
    page = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") == 1 and page.count('<use href="#img-') == 30


PLAN_FILES = {
    "measure": ("measures/M-009-link.yaml", [("validate",), ("list",), ("show", "M-001"),
                                              ("report", "--half", "2021-H1"),
                                              ("history", "M-009"), ("export",)]),
    "masterplan": ("masterplan/masterplan.yaml", [("validate",), ("report", "--half", "2021-H1"),
                                                  ("masterplan", "-o", "{out}/m.html")]),
    "adoption": ("masterplan/adoptions/1.0.yaml", [("validate",), ("export", "--public")]),
    "measures-folder": ("measures", [("validate",), ("list",)]),
}


@pytest.mark.parametrize("target", sorted(TARGETS))
@pytest.mark.parametrize("kind", sorted(PLAN_FILES))
def test_a_plan_file_is_read_by_the_rule(worker: Worker, repo: Path, tmp_path: Path, kind: str,
                                         target: str) -> None:
    rel, commands = PLAN_FILES[kind]
    path = repo / rel
    if kind == "measures-folder":
        (repo / "measures").rename(tmp_path / "moved-measures")
    elif target == "folder" and path.exists():
        path.unlink()
    TARGETS[target](repo, path)
    inside = target in ("non-public-measure", "masterplan-file")
    for args in commands:
        # Read or refused, the plan is invalid now (a link inside the repository is read: a
        # second M-004, a masterplan that is no measure); the finding names the file. Only
        # `history` reads the one file: a link inside the repository it shows as that file.
        # `show M-001` reads M-001's file and the masterplan, never the linked measure's.
        code = {0, 1} if args[0] == "history" and inside else 0 if args[0] == "show" else 1
        _check(worker, repo, tmp_path / "out", args, code, says=rel.split("/")[-1] if
               kind != "measure" or args[0] == "validate" else None)


@pytest.mark.parametrize("target", sorted(set(TARGETS) - {"folder"}))
def test_a_template_override_is_read_by_the_rule(worker: Worker, repo: Path, tmp_path: Path,
                                                 target: str) -> None:
    TARGETS[target](repo, repo / "templates" / "report.md.j2")
    _check(worker, repo, tmp_path / "out", ("report", "--half", "2021-H1"), 1,
           says="templates/report.md.j2")


@pytest.mark.parametrize("kind", ["image", "measure", "template"])
def test_a_file_above_its_size_limit_is_not_read(worker: Worker, repo: Path, tmp_path: Path,
                                                 kind: str) -> None:
    from dotool.render.templates import MAX_TEMPLATE_BYTES
    from dotool.store.assets import MAX_IMAGE_BYTES
    from dotool.store.files import MAX_BYTES

    if kind == "image":
        (repo / "img" / "pic.png").write_bytes(png(2, 2, extra=b"x" * MAX_IMAGE_BYTES))
        measure = repo / "measures" / "M-001-termine.yaml"
        measure.write_text(measure.read_text(encoding="utf-8").replace(
            "summary: Termine online buchen.", "summary: '![x](img/pic.png)'"), encoding="utf-8")
        _check(worker, repo, tmp_path / "out", ("masterplan", "-o", "{out}/m.html"), 0,
               says="larger than 5 MiB")
        assert "base64" not in (tmp_path / "out" / "m.html").read_text(encoding="utf-8")
    elif kind == "measure":
        (repo / "measures" / "M-009-big.yaml").write_bytes(b"# " + b"x" * MAX_BYTES)
        _check(worker, repo, tmp_path / "out", ("validate",), 1, says="larger than 1 MiB")
    else:
        (repo / "templates").mkdir()
        (repo / "templates" / "report.md.j2").write_bytes(b"x" * (MAX_TEMPLATE_BYTES + 1))
        _check(worker, repo, tmp_path / "out", ("report", "--half", "2021-H1"), 1,
               says="larger than")


def test_a_pdf_holds_a_local_image_once(worker: Worker, repo: Path, tmp_path: Path) -> None:
    """WeasyPrint 70 wants a URLFetcher, not a function: any local image crashed the PDF. The
    PDF's fetcher answers the image's digest URL, so the PDF embeds it once, however often the
    text shows it (and a refused one as a link, as everywhere)."""
    import pypdf

    TARGETS["git-config"](repo, repo / "img" / "pic.png")
    measure = repo / "measures" / "M-001-termine.yaml"
    refs = " ".join(["![ok](img/ok.png)"] * 5 + ["![Plan](img/pic.png)"])
    measure.write_text(measure.read_text(encoding="utf-8").replace(
        "summary: Termine online buchen.", f"summary: '{refs}'"), encoding="utf-8")
    out = tmp_path / "out"
    _check(worker, repo, out, ("masterplan", "-o", "{out}/m.pdf"), 0, says="img/pic.png")
    images = set()
    for page in pypdf.PdfReader(out / "m.pdf").pages:
        for obj in (page["/Resources"].get("/XObject") or {}).values():
            if obj.get_object().get("/Subtype") == "/Image":
                images.add(obj.idnum)
    assert len(images) == 1
