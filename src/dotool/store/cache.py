"""The content cache: what loading and checking found, keyed by the files' content.

One cache per plan (per root), in `DOTOOL_CACHE_DIR` or the user's cache folder, never inside the
masterplan repository. It has four files, so that each command reads only the one it needs:

- `<plan>.files`: per file, the loader's plain data and findings, keyed by a digest of the file's
  path and bytes — an unchanged file is never parsed again;
- `<plan>.plans`: the findings of whole validations, keyed by every file's digest and the options
  — an unchanged plan is not checked again, so a warm `validate` imports neither YAML nor pydantic;
- `<plan>.views`: what a command about one measure shows of it (`dotool history`, `dotool show`),
  keyed by the digest of the files it reads — such a command reads neither the plan nor the
  other stores;
- `<plan>.facts`: what the rules across files need of each measure, and the loader's entries of
  the few files every check reads (`dotool.checks.facts`) — a change to one measure is checked
  against them without reading the other stores or parsing the other measures.

Each file starts with a header naming the format, the tool's version, a fingerprint of the code
that produced the entries and the Python that wrote them, then a digest of the payload. Anything
that does not match — a truncated, corrupt, foreign or stale file — is ignored and rewritten,
never trusted; entries are checked again for their shape where they are used. The payload is
`marshal` data (plain values only; several times faster to read than JSON, and unlike pickle it
cannot run code).
"""

from __future__ import annotations

import contextlib
import copy
import marshal
import os
import sys
import time
from pathlib import Path
from typing import Any

from dotool import __version__
from dotool.findings import Finding
from dotool.store.reading import Unreadable, read_regular, real_path

try:  # hashlib's own BLAKE2, without the OpenSSL binding hashlib loads (ms of every start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the module
    from hashlib import blake2b

FORMAT = 1
MAGIC = b"dotool-cache\n"
_DIGEST = 16
# Entries not used by the last few runs are dropped, and at most this many per entry used by the
# run that saves: a plan's cache stays a small multiple of the plan.
_KEEP_RUNS = 8
_KEEP_FACTOR = 3
_KEEP_PLANS = 16
_KEEP_VIEWS = 64
_KEEP_FACTS = 64
#: How old a file's `stat` must be before it may stand for the file's bytes: a file rewritten
#: within the resolution of the file system's clock keeps its times (git's "racy clean" rule).
SETTLED_NS = 2_000_000_000
#: A cache file larger than this is not read (and is rewritten): far above what any plan needs.
MAX_CACHE_BYTES = 1 << 30
# The code whose output the cache holds: a change to any of it makes every entry stale.
_CODE = ("findings/*.py", "model/**/*.py", "checks/*.py", "store/yamlload.py", "store/_yaml*.py",
         "store/files.py", "store/reading.py", "store/cache.py",
         "i18n/locale/*/LC_MESSAGES/terminal.po")  # the wording of the findings

_state: dict[str, Any] = {}


def cache_dir() -> Path:
    """`DOTOOL_CACHE_DIR`, else the platform's user cache folder (e.g. ~/.cache/dotool)."""
    explicit = os.environ.get("DOTOOL_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    import platformdirs  # only when the default is needed

    return Path(platformdirs.user_cache_dir("dotool", appauthor=False))


def digest(*parts: bytes) -> bytes:
    """A 16-byte digest of `parts` (length-prefixed, so parts cannot run into each other)."""
    h = blake2b(digest_size=_DIGEST)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.digest()


def file_key(path: str, data: bytes) -> bytes:
    """The key of one file: its path (findings name it) and its bytes."""
    return digest(path.encode("utf-8", "surrogateescape"), data)


def stat_key(st: os.stat_result) -> bytes:
    """A digest of what `stat` says of a file: its device, inode, size and change times, the
    check `git status` and `make` rely on to tell a file unchanged without reading it."""
    return digest(f"{st.st_dev} {st.st_ino} {st.st_size} {st.st_mtime_ns} "
                  f"{st.st_ctime_ns}".encode())


def settled(st: os.stat_result) -> bool:
    """True when the file was last changed more than `SETTLED_NS` ago: only then may its
    `stat_key` be remembered for its bytes."""
    return max(st.st_mtime_ns, st.st_ctime_ns) < time.time_ns() - SETTLED_NS


def finding_to_plain(f: Finding) -> tuple[Any, ...]:
    """A finding as a tuple `marshal` can write."""
    return (f.severity, f.code, f.path, f.message, f.line, f.col, f.loc, f.hint)


def finding_from_plain(value: Any) -> Finding:
    """The finding from `finding_to_plain`'s tuple; ValueError if it is anything else."""
    if type(value) is not tuple or len(value) != 8:
        raise ValueError("not a finding")
    severity, code, path, message, line, col, loc, hint = value
    if not (severity in ("error", "warning") and _texts(code, path, message)
            and _ints(line, col) and (hint is None or type(hint) is str)
            and type(loc) is tuple and all(type(p) in (str, int) for p in loc)):
        raise ValueError("not a finding")
    return Finding(severity, code, path, message, line, col, loc, hint)


def _texts(*values: Any) -> bool:
    return all(type(v) is str for v in values)


def _ints(*values: Any) -> bool:
    return all(v is None or type(v) is int for v in values)


def _fingerprint() -> bytes:
    fp: bytes | None = _state.get("fingerprint")
    if fp is None:
        package = Path(__file__).resolve().parent.parent
        parts = [f"{FORMAT} {__version__} {sys.version} {marshal.version}".encode()]
        for pattern in _CODE:
            for source in sorted(package.glob(pattern)):
                with contextlib.suppress(OSError):
                    parts.append(source.read_bytes())
        fp = _state["fingerprint"] = digest(*parts)
    return fp


class Store:
    """One cache file: a dict of entries, read once, written back atomically when changed.

    Every entry remembers the run that last used it, for dropping entries no longer used.
    """

    def __init__(self, file: Path, kind: bytes) -> None:
        self.file = file
        self._header = MAGIC + kind + b" " + _fingerprint().hex().encode() + b"\n"
        self._entries: dict[bytes, list[Any]] | None = None
        self._run = 0
        self._dirty = False

    def _load(self) -> dict[bytes, list[Any]]:
        if self._entries is None:
            self._entries, self._run = self._read()
            self._run += 1
        return self._entries

    def _read(self) -> tuple[dict[bytes, list[Any]], int]:
        try:  # a FIFO, a device or a link loop put in its place is no cache, and never waited on
            blob = read_regular(self.file, limit=MAX_CACHE_BYTES)
        except Unreadable:
            return {}, 0
        if len(blob) > MAX_CACHE_BYTES:
            return {}, 0
        head = len(self._header)
        if not blob.startswith(self._header) or len(blob) < head + _DIGEST:
            return {}, 0  # another format, version or code: stale, rewritten on save
        payload = blob[head + _DIGEST:]
        if digest(payload) != blob[head:head + _DIGEST]:
            return {}, 0  # truncated or corrupt
        try:
            run, entries = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return {}, 0
        if not (isinstance(run, int) and isinstance(entries, dict)):
            return {}, 0
        # Keep only well-formed [run, value] pairs; the values are checked where they are used.
        good = {k: e for k, e in entries.items()
                if isinstance(k, bytes) and type(e) is list and len(e) == 2}
        return good, run

    def get(self, key: bytes) -> Any:
        """The value stored under `key`, or None."""
        entry = self._load().get(key)
        if entry is None:
            return None
        if entry[0] != self._run:
            entry[0] = self._run
            self._dirty = True
        return entry[1]

    def put(self, key: bytes, value: Any) -> None:
        """Store `value` (plain data that `marshal` can write) under `key`."""
        self._load()[key] = [self._run, value]
        self._dirty = True

    def discard(self, key: bytes) -> None:
        """Forget `key` (its value turned out unusable)."""
        if self._load().pop(key, None) is not None:
            self._dirty = True

    def save(self, *, keep: int) -> None:
        """Write the entries back if anything changed, keeping at most `keep` of them."""
        if not self._dirty or self._entries is None:
            return
        entries = {k: e for k, e in self._entries.items() if e[0] > self._run - _KEEP_RUNS}
        if len(entries) > keep:
            newest = sorted(entries.items(), key=lambda item: item[1][0], reverse=True)
            entries = dict(newest[:keep])
        try:
            payload = marshal.dumps((self._run, entries))
        except ValueError:  # a value marshal cannot write: better no cache than a broken one
            return
        with contextlib.suppress(OSError):  # a read-only or full disk costs speed, not results
            _write(self.file, self._header + digest(payload) + payload)
        self._dirty = False


def _write(file: Path, data: bytes) -> None:
    """Write atomically (temporary file, then rename) but without `fsync`: after a crash a
    cache file may be lost or cut short, and its digest makes that a miss, never a wrong hit."""
    import tempfile  # only when writing: a run served from the cache writes nothing

    file.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=file.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, file)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class PlanCache:
    """The cache of one plan: `files` (per file), `plans` (per validation), `views` (per
    measure shown on its own) and `facts` (per measure, for checking a change to another)."""

    def __init__(self, folder: Path, root: Path) -> None:
        name = digest(str(root).encode("utf-8", "surrogateescape")).hex()
        self.files = Store(folder / f"{name}.files", b"files")
        self.plans = Store(folder / f"{name}.plans", b"plans")
        self.views = Store(folder / f"{name}.views", b"views")
        self.facts = Store(folder / f"{name}.facts", b"facts")
        self._used = 0

    def with_facts_as_files(self) -> PlanCache:
        """This cache with `facts` in the place of `files`, for loading the few files a check
        of one changed measure reads: their entries are kept apart, so that such a check reads
        neither the plan's large `files` store nor leaves it holding only those few."""
        other = copy.copy(self)
        other.files = self.facts
        return other

    def used(self) -> None:
        """Count one file looked up (the `files` store keeps a multiple of that)."""
        self._used += 1

    def save(self) -> None:
        """Write what changed."""
        self.files.save(keep=_KEEP_FACTOR * self._used + 100)
        self.plans.save(keep=_KEEP_PLANS)
        self.views.save(keep=_KEEP_VIEWS)
        self.save_facts()

    def save_facts(self) -> None:
        """Write the `facts` store if it changed (and no other)."""
        self.facts.save(keep=_KEEP_FACTS)


def for_root(root: Path) -> PlanCache | None:
    """The cache of the plan at `root`; None when the cache folder lies inside the repository
    (a cache there would show up in `git status` and could be committed) or cannot be used (a
    link loop): a cache costs speed when missing, never results."""
    try:
        root = real_path(root)
        folder = cache_dir()
        folder = real_path(folder) if os.path.lexists(folder) else Path(
            os.path.realpath(folder))
    except Unreadable:
        return None
    if folder == root or root in folder.parents:
        return None
    return PlanCache(folder, root)
