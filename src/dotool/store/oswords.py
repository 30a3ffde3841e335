"""The operating system's reasons, in the terminal's language.

An `OSError` carries the system's explanation (`strerror`: "Permission denied", "No space left
on device") in English, whatever the plan's language. The reasons a Digital Officer can meet
reading and writing a plan are worded here by their error number; a reason not listed is shown
as the system gives it. A reason dotool wrote itself into an `OSError` (one that is not the
system's text for its number) is kept as it is.
"""

from __future__ import annotations

import errno
import os

from dotool.i18n.terminal import Message, t

#: Error name → the system's reason, as glibc words it (the English of the catalogue).
_WORDS: dict[str, Message] = {
    "EACCES": t("Permission denied"),
    "EPERM": t("Operation not permitted"),
    "ENOENT": t("No such file or directory"),
    "EISDIR": t("Is a directory"),
    "ENOTDIR": t("Not a directory"),
    "ENOSPC": t("No space left on device"),
    "EDQUOT": t("Disk quota exceeded"),
    "EROFS": t("Read-only file system"),
    "EEXIST": t("File exists"),
    "ENOTEMPTY": t("Directory not empty"),
    "ENAMETOOLONG": t("File name too long"),
    "ELOOP": t("Too many levels of symbolic links"),
    "EMFILE": t("Too many open files"),
    "ENFILE": t("Too many open files in system"),
    "EFBIG": t("File too large"),
    "EIO": t("Input/output error"),
    "EBUSY": t("Device or resource busy"),
    "ETXTBSY": t("Text file busy"),
    "EXDEV": t("Invalid cross-device link"),
    "ENXIO": t("No such device or address"),
    "EAGAIN": t("Resource temporarily unavailable"),
    "ENOMEM": t("Cannot allocate memory"),
    "EINVAL": t("Invalid argument"),
    "ENOEXEC": t("Exec format error"),
    "ETIMEDOUT": t("Connection timed out"),
    "ESTALE": t("Stale file handle"),
}
#: The same by number, for the errors this system has.
_BY_NUMBER: dict[int, Message] = {getattr(errno, name): message
                                   for name, message in _WORDS.items() if hasattr(errno, name)}


def os_reason(exc: BaseException) -> Message | str:
    """Why `exc` (an `OSError`) failed, in the terminal's language; the system's words for an
    error not listed, and the exception's text when it has no reason of its own."""
    number = getattr(exc, "errno", None)
    said = getattr(exc, "strerror", None)
    if not said:
        return str(exc)
    if number in _BY_NUMBER and said == os.strerror(number):
        return _BY_NUMBER[number]
    return str(said)
