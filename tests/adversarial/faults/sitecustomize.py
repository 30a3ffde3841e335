"""Fault injection for the adversarial suite (on PYTHONPATH only in its kill tests).

`DOTOOL_TEST_KILL=NAME:N` replaces `os.NAME` with a wrapper that sends the process SIGKILL at
its N-th call, before the call happens — the harshest interruption there is (no cleanup, no
`finally`), at an exact point of a write: `fsync` (the temporary file is complete, not yet
renamed), `unlink` (after a no-overwrite hard link, before the temporary name is removed).
"""

import os
import signal

_spec = os.environ.get("DOTOOL_TEST_KILL")
if _spec:
    _name, _, _count = _spec.partition(":")
    _left = [int(_count or "1")]
    _real = getattr(os, _name)

    def _hook(*args, **kwargs):  # type: ignore[no-untyped-def]
        _left[0] -= 1
        if _left[0] == 0:
            os.kill(os.getpid(), signal.SIGKILL)
        return _real(*args, **kwargs)

    setattr(os, _name, _hook)
