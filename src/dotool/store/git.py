"""The git layer, in one place: refs, trees, history, tags.

Every call runs `git -C ROOT --no-pager -c …` with a fixed locale and no stdin, so neither a
user's configuration nor a terminal prompt can change the output or hang a command. Trees are read
through one long-lived `git cat-file --batch` per `Git` object, never one process per file (SPEC
§8). Refs are verified before use and a ref that looks like an option is refused, so no text of a
user's ever reaches git as an option.

Without git (no binary, or the root is not in a work tree) only `--at`, `diff`, `history`'s commit
list and `adopt`'s tag are unavailable; callers ask `is_repo()` first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO

from dotool.errors import GitError, UsageError
from dotool.i18n.terminal import Message, t
from dotool.store.oswords import os_reason

# Options that keep git's output the same whatever the user configured.
_CONFIG = ("-c", "core.quotepath=off", "-c", "color.ui=never", "-c", "log.showSignature=false",
           "-c", "i18n.logOutputEncoding=UTF-8")
# Variables a git hook sets for its own repository; `-C ROOT` must win over them.
_HOOK_VARS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX", "GIT_OBJECT_DIRECTORY")
PLAN_PATHS = ("masterplan", "measures")


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit that touched a file: `path` is the file's name in that commit."""

    hash: str
    date: str  # author date, YYYY-MM-DD
    author: str
    subject: str
    status: str  # A, M, D, R (renamed), C (copied)
    path: str


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _HOOK_VARS}
    env.update(LC_ALL="C", LANGUAGE="C", GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0",
               GIT_PAGER="cat")
    return env


class Git:
    """Git access for the masterplan repository at `root` (also a folder inside a repository)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._binary = shutil.which("git")
        self._batch: subprocess.Popen[bytes] | None = None
        self._prefix: str | None = None
        # Answers that cannot change while a command runs, asked once (each is a process).
        self._repo: bool | None = None
        self._shallow: bool | None = None

    # -- plumbing ---------------------------------------------------------------------------

    def _argv(self, *args: str) -> list[str]:
        if self._binary is None:
            raise GitError(t("git is not installed (or not on PATH)"),
                           hint=t("install git, or use the commands that work without history"))
        return [self._binary, "-C", str(self.root), "--no-pager", *_CONFIG, *args]

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
        try:
            done = subprocess.run(self._argv(*args), env=_env(), stdin=subprocess.DEVNULL,
                                  capture_output=True, check=False)
        except OSError as exc:
            raise GitError(t("cannot run git: {problem}",
                             problem=os_reason(exc))) from None
        if check and done.returncode != 0:
            # git speaks English here (LC_ALL=C, so its output can be read): its words follow
            # ours, marked as its own.
            # Its lines as one: a message is one line in the terminal.
            said = " ".join(done.stderr.decode("utf-8", "replace").split())
            if not said:
                raise GitError(t("git {command} failed with exit code {code}", command=args[0],
                                 code=done.returncode))
            raise GitError(t("git {command} failed. git said (in English): {message}",
                             command=args[0], message=said))
        return done

    def _text(self, *args: str) -> str:
        return self._run(*args).stdout.decode("utf-8", "replace")

    def close(self) -> None:
        """End the `cat-file` process, if one was started."""
        if self._batch is not None:
            for stream in (self._batch.stdin, self._batch.stdout):
                if stream:
                    stream.close()
            self._batch.wait()
            self._batch = None

    def __enter__(self) -> Git:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- questions --------------------------------------------------------------------------

    def is_repo(self) -> bool:
        """True when git is installed and `root` is inside a work tree."""
        if self._binary is None:
            return False
        if self._repo is None:
            done = self._run("rev-parse", "--is-inside-work-tree", check=False)
            self._repo = done.returncode == 0 and done.stdout.strip() == b"true"
        return self._repo

    def is_shallow(self) -> bool:
        """True in a shallow clone (history and tags cut off)."""
        if self._shallow is None:
            self._shallow = self._text("rev-parse", "--is-shallow-repository").strip() == "true"
        return self._shallow

    def prefix(self) -> str:
        """The root's path inside the repository (`""` at the top, else ending in `/`)."""
        if self._prefix is None:
            self._prefix = self._text("rev-parse", "--show-prefix").strip()
        return self._prefix

    def require_repo(self, what: Message) -> None:
        """Raise `GitError` (exit 2) unless git can answer questions about history."""
        if self._binary is None:
            raise GitError(t("{what} needs git, which is not installed (or not on PATH)",
                             what=what))
        if not self.is_repo():
            raise GitError(t("{what} needs the git history, but {root} is not in a git "
                             "repository", what=what, root=str(self.root)),
                           hint=t("run it in a clone of the masterplan repository"))

    def fetch_hint(self) -> Message:
        """The `git fetch` command that brings missing history or tags."""
        if self.is_shallow():
            return t("this is a shallow clone: run `git fetch --unshallow --tags origin` "
                     "(in GitHub Actions: `actions/checkout` with `fetch-depth: 0`)")
        return t("fetch it with `git fetch --tags origin`, or check the name with `git tag` "
                 "and `git branch -a`")

    def verify_ref(self, ref: str) -> str:
        """The commit `ref` names; exit 2 for an option-like or missing ref."""
        if not ref or ref.startswith("-") or any(c in ref for c in "\0\n"):
            raise UsageError(t("refusing the git ref `{ref}`: it looks like an option", ref=ref),
                             hint=t("name a branch, tag or commit, e.g. masterplan-1.0 or main"))
        self.require_repo(t("the git ref `{ref}`", ref=ref))
        done = self._run("rev-parse", "--verify", "--quiet", "--end-of-options",
                         f"{ref}^{{commit}}", check=False)
        if done.returncode != 0:
            raise GitError(t("the git ref `{ref}` does not exist in this repository", ref=ref),
                           hint=self.fetch_hint())
        return done.stdout.decode().strip()

    def head_commit(self) -> str | None:
        """The commit HEAD points to (None in a repository without commits)."""
        done = self._run("rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False)
        return done.stdout.decode().strip() if done.returncode == 0 else None

    def tag_exists(self, name: str) -> bool:
        done = self._run("rev-parse", "--verify", "--quiet", f"refs/tags/{name}", check=False)
        return done.returncode == 0

    def is_dirty(self, *paths: str) -> bool:
        """True when `paths` (relative to root) differ from HEAD or hold untracked files."""
        out = self._run("status", "--porcelain", "-z", "--untracked-files=all", "--", *paths)
        from dotool.store.atomic import is_temporary

        # A temporary file left by a killed write is no change to the plan.
        entries = [e for e in out.stdout.decode("utf-8", "surrogateescape").split("\0") if e]
        return any(not (e.startswith("?? ") and is_temporary(e[3:].rsplit("/", 1)[-1]))
                   for e in entries)

    def last_data_date(self, commit: str | None = None) -> str | None:
        """YYYY-MM-DD of the latest commit touching masterplan/ or measures/ (None without).

        `commit` (a verified commit id) looks back from there instead of from HEAD.
        """
        if not self.is_repo():
            return None
        start = [commit] if commit else []
        done = self._run("log", "-1", "--format=%cs", *start, "--", *PLAN_PATHS, check=False)
        if done.returncode != 0:
            return None
        return done.stdout.decode().strip() or None

    # -- reading ----------------------------------------------------------------------------

    def read_tree(self, ref: str, prefixes: tuple[str, ...] = PLAN_PATHS, *,
                  limit: int | None = None) -> dict[str, bytes]:
        """{path relative to root: bytes} of the regular files under `prefixes` at `ref`.

        One `git ls-tree` lists them, the long-lived `cat-file --batch` reads them. Blobs above
        `limit` bytes are cut at `limit + 1`, so the loader still sees that they are too large.
        """
        commit = self.verify_ref(ref)
        listing = self._run("ls-tree", "-r", "-z", "--end-of-options", commit, "--", *prefixes)
        wanted: list[tuple[str, str]] = []
        for entry in listing.stdout.split(b"\0"):
            if not entry:
                continue
            meta, _, path = entry.partition(b"\t")
            mode, kind, sha = meta.decode().split(" ")
            if kind == "blob" and mode in ("100644", "100755"):
                wanted.append((path.decode("utf-8", "surrogateescape"), sha))
        return dict(zip((p for p, _ in wanted), self._cat([s for _, s in wanted], limit),
                        strict=True))

    def _cat(self, shas: list[str], limit: int | None) -> list[bytes]:
        if not shas:
            return []
        if self._batch is None:
            self._batch = subprocess.Popen(self._argv("cat-file", "--batch"), env=_env(),
                                           stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                           stderr=subprocess.DEVNULL)
        proc = self._batch
        assert proc.stdin is not None and proc.stdout is not None
        payload = "".join(f"{sha}\n" for sha in shas).encode()
        # Written from a thread: git answers while we still write, and a full pipe either way
        # would otherwise block both sides.
        writer = threading.Thread(target=_write, args=(proc.stdin, payload), daemon=True)
        writer.start()
        blobs = [_read_object(proc.stdout, sha, limit) for sha in shas]
        writer.join()
        return blobs

    def log_follow(self, path: str) -> list[Commit]:
        """The commits that touched `path` (relative to root), newest first, across renames.

        Author names and subjects are anyone's text, any byte included: records and fields are
        told apart by separators made new for every call, which no commit can contain.
        """
        self.require_repo(t("the commit history"))
        if self.head_commit() is None:
            return []
        import secrets

        record, field = f"@{secrets.token_hex(16)}@", f"@{secrets.token_hex(16)}@"
        out = self._run("log", "--follow", "-z", "--name-status",
                        f"--format={record}%H{field}%as{field}%an{field}%s", "--",
                        path).stdout
        prefix = self.prefix()
        commits = []
        for text in out.decode("utf-8", "replace").split(record):
            parts = text.split(field, 3)
            if len(parts) != 4:
                continue
            sha, day, author, rest = parts
            subject, _, changes = rest.partition("\0")
            tokens = [t for t in changes.lstrip("\n").split("\0") if t]
            status, name = "M", path
            if len(tokens) >= 2:
                status = tokens[0][:1]
                name = tokens[2] if status in "RC" and len(tokens) > 2 else tokens[1]
                name = name.removeprefix(prefix)
            commits.append(Commit(sha, day, author, subject, status, name))
        return commits

    # -- writing ----------------------------------------------------------------------------

    def init(self) -> None:
        """`git init` in root (which must exist)."""
        self._run("init", "-q")
        self._repo = None

    def commit_paths(self, paths: list[str], message: str) -> None:
        """Commit exactly `paths` (tracked files, relative to the root) with `message`; other
        staged changes stay staged and out of the commit."""
        self._run("commit", "--quiet", "--only", "-m", message, "--", *paths)

    def create_annotated_tag(self, name: str, message: str) -> None:
        """Create the annotated tag `name` on HEAD (git refuses an existing one)."""
        self._run("check-ref-format", f"refs/tags/{name}")
        self._run("tag", "-a", "-m", message, "--end-of-options", name, "HEAD")


def _write(stream: IO[bytes], payload: bytes) -> None:
    try:
        stream.write(payload)
        stream.flush()
    except (BrokenPipeError, ValueError):  # git ended early; the reader reports it
        pass


def _read_object(stdout: IO[bytes], sha: str, limit: int | None) -> bytes:
    header = stdout.readline()
    parts = header.split()
    if len(parts) != 3:
        raise GitError(t("git cat-file could not read object {sha}. git said (in English): "
                         "{header}", sha=sha, header=header.decode("utf-8", "replace").strip()))
    size = int(parts[2])
    keep = size if limit is None else min(size, limit + 1)
    data = stdout.read(keep)
    left = size - keep + 1  # the rest of the blob and the newline after it
    while left > 0:
        chunk = stdout.read(min(left, 1 << 20))
        if not chunk:
            raise GitError(t("git cat-file ended while reading object {sha}", sha=sha))
        left -= len(chunk)
    return data
