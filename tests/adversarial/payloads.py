"""Hostile file contents: what a pull request (or a broken editor) can put into a plan file."""

from __future__ import annotations


def _alias_bomb() -> bytes:
    # "Billion laughs": nine levels of nine aliases expand to 9**9 strings if anything expands.
    lines = ['a0: &a0 "lol"']
    for i in range(1, 10):
        refs = ", ".join(f"*a{i - 1}" for _ in range(9))
        lines.append(f"a{i}: &a{i} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


def _deep_flow() -> bytes:
    return b"id: M-001\ntitle: " + b"[" * 100_000 + b"]" * 100_000 + b"\n"


def _deep_block() -> bytes:
    return "".join(f"{'  ' * i}k{i}:\n" for i in range(500)).encode() + b"  " * 500 + b"x: 1\n"


def _huge() -> bytes:
    line = b"# " + b"x" * 1000 + b"\n"
    return b"id: M-001\n" + line * 2100  # > 1 MiB of otherwise harmless YAML


def _binary() -> bytes:
    return b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 4


def _utf16() -> bytes:
    return "id: M-001\ntitle: Bürgerbüro\n".encode("utf-16")


def _latin1() -> bytes:
    return "id: M-001\ntitle: Bürgerbüro\n".encode("latin-1")


def _bad_utf8() -> bytes:
    return b"id: M-001\ntitle: B\xc3\x28rger\n"


def _control() -> bytes:
    return b"id: M-001\ntitle: Termin\x07vergabe\n"


def _python_tag() -> bytes:
    # PyYAML's unsafe loader would run this; ours must refuse the tag and run nothing.
    return (b"id: !!python/object/apply:os.system ['touch PWNED']\n"
            b"title: !!python/object/new:os.system ['touch PWNED']\n")


def _many_documents() -> bytes:
    return b"id: M-001\n---\nid: M-002\n" * 1000


PAYLOADS: dict[str, bytes] = {
    "alias-bomb": _alias_bomb(),
    "deep-flow": _deep_flow(),
    "deep-block": _deep_block(),
    "huge": _huge(),
    "empty": b"",
    "binary": _binary(),
    "random-bytes": bytes((i * 97 + 13) % 256 for i in range(4096)),
    "utf16": _utf16(),
    "latin1": _latin1(),
    "bad-utf8": _bad_utf8(),
    "control-char": _control(),
    "python-tag": _python_tag(),
    "many-documents": _many_documents(),
}
